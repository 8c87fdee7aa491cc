package dev.exitengine.journal;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings an engine back to where a crashed run's journal ends: the engine, started with
 * {@link ExitEngine#startRecovering()} on {@link ChronicleJournal#resume}, re-reads every journaled input;
 * its outputs are checked against the journal's; it then holds the state the crashed engine had when
 * its last input reached the journal, and the feed goes on from the position that input's document recorded.
 */
public final class JournalResume
{
    /** What the re-read found. */
    public static final class Result
    {
        /** Journaled inputs re-read. */
        public long inputs;
        /** The number of the last input the journal holds whole. */
        public long lastSeq;
        /** Whether the journaled run had died (it recorded no clean stop): its last document may have been torn. */
        public boolean crashed;
        /** The feed position to go on from (see {@code dev.exitengine.feed.FeedResumption}). */
        public long feedLine;
        public int inputsOfLine;
        /** Closes a real venue was asked about (sent before the crash, no outcome in the journal). */
        public int closesLookedUp;
        public long elapsedNanos;
        /** The snapshot the state was restored from (null: the journal was re-read from its start) and the input it holds. */
        public Path snapshot;
        public long snapshotSeq;
    }

    private JournalResume()
    {
    }

    /**
     * The configuration the journal's run recorded, which the resumed run must use; refuses a journal
     * written before the format that records feed positions.
     */
    public static EngineConfig configuration(final Path dir) throws IOException
    {
        try (JournalReader reader = JournalReader.open(dir))
        {
            if (!reader.hasTrailers())
            {
                throw new IOException("journal " + dir + " was written in format " + reader.formatVersion()
                    + ", which records no feed position: it cannot be resumed (replay it instead)");
            }
            return EngineConfig.decode(reader.configuration());
        }
    }

    /** Re-reads the journal in {@code dir} into {@code engine}, which {@code journal} journals; see the class comment. */
    public static Result rebuild(final ExitEngine engine, final ChronicleJournal journal, final Path dir) throws IOException
    {
        return rebuild(engine, journal, dir, msg -> { });
    }

    /**
     * As {@link #rebuild(ExitEngine, ChronicleJournal, Path)}, from the newest usable snapshot when the journal
     * has one ({@link JournalSnapshots}): its state is restored (and checked by its state hash), the listeners
     * get the decisions the journal holds up to it, and only the inputs after it are re-read. A snapshot that
     * cannot be used is passed over with a word to {@code notes}; the journal alone always suffices.
     */
    public static Result rebuild(final ExitEngine engine, final ChronicleJournal journal, final Path dir,
        final java.util.function.Consumer<String> notes) throws IOException
    {
        final Result result = new Result();
        final long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(dir);
            JournalSnapshots.Loaded snapshot = JournalSnapshots.newestUsable(dir, reader, notes))
        {
            if (snapshot != null)
            {
                try
                {
                    engine.restore(snapshot.state, 0, snapshot.state.capacity());
                }
                catch (final RuntimeException ex)
                {
                    throw new IOException("resume: snapshot " + snapshot.file + " does not restore (" + ex.getMessage()
                        + "); move " + dir.resolve(JournalSnapshots.FOLDER) + " away to resume from the journal alone", ex);
                }
                result.snapshot = snapshot.file;
                result.snapshotSeq = snapshot.seq;
                journal.catchUpAfter(snapshot.outputsIndex);
                reader.readOutputsThrough(snapshot.outputsIndex, (decision, buffer, offset, length) -> engine.replayDecision(decision));
                result.inputs = reader.readInputsRawAfter(snapshot.inputsIndex, snapshot.seq, engine.names(), engine::recover);
            }
            else
            {
                result.inputs = reader.readInputsRaw(engine.names(), engine::recover);
            }
            engine.awaitHandled();
            journal.endCatchUp();
            result.lastSeq = engine.ingress().lastSeq();
            result.crashed = !journal.stoppedCleanly();
            if (result.crashed)
            {
                notes.accept(String.format("resume: the journaled run died without a clean stop; input #%,d is the last it holds whole"
                    + " (a document the process died writing is not read, and the resumed run writes over it)", result.lastSeq));
            }
            result.feedLine = reader.lastFeedLine();
            result.inputsOfLine = reader.lastInputsOfLine();
        }
        result.closesLookedUp = engine.endRecovery(result.feedLine, result.inputsOfLine);
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }
}
