package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalResume;
import dev.exitengine.journal.JournalSnapshots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Restart time of a big run: a journal of {@code positions} open positions (one fill each) and ticks up to
 * {@code events} inputs in all, written with a snapshot every {@code snapshotEvery} inputs; then the run is
 * resumed twice on copies of the engine — from the newest snapshot plus the journal after it, and (its
 * snapshots moved away) from the journal alone — each checked against the written run's final state hash.
 */
public final class RestartTime
{
    /** What a measurement found. */
    public static final class Result
    {
        public long events;
        public long positions;
        public long journalBytes;
        public long snapshotBytes;
        public long snapshots;
        public double writeSeconds;
        /** The longest time a snapshot held the ingress while the run was written, and the median. */
        public double maxPauseMillis;
        public double medianPauseMillis;
        /** Each snapshot's pause, in order (the first also grows the snapshot buffer to its size). */
        public final java.util.List<Double> pausesMillis = new java.util.ArrayList<>();
        public double fromSnapshotSeconds;
        public long tailInputs;
        public double fromJournalSeconds;
    }

    private static final int SYMBOLS = 1_000;

    private RestartTime()
    {
    }

    public static Result measure(final Path dir, final long positions, final long events, final long snapshotEvery) throws IOException
    {
        final Result r = new Result();
        final Path journal = dir.resolve("journal");
        final EngineConfig.Layout layout = EngineConfig.Layout.CALLER_THREAD;
        final long finalHash;
        long maxPause = 0;
        final long t0 = System.nanoTime();
        try (EngineRig rig = new EngineRig(layout, EngineConfig.Wait.YIELDING, null, journal, SYMBOLS, null, null, false, snapshotEvery))
        {
            final int perSymbol = (int)(positions / SYMBOLS);
            rig.openPositions(perSymbol);
            r.positions = (long)perSymbol * SYMBOLS;
            long published = r.positions;
            while (published < events)
            {
                final long n = Math.min(4096, events - published);
                for (long i = 0; i < n; i++)
                {
                    rig.publishNeutral();
                }
                published += n;
                if (rig.engine.checkpoint())
                {
                    final long pause = rig.engine.counters().get(Counter.SNAPSHOT_PAUSE_NANOS);
                    maxPause = Math.max(maxPause, pause);
                    r.pausesMillis.add(pause / 1e6);
                }
            }
            rig.engine.awaitQuiet();
            rig.checkNoErrors();
            r.snapshots = rig.engine.counters().get(Counter.SNAPSHOTS);
            r.events = published;
            rig.close();
            finalHash = rig.engine.stateHash();
        }
        r.writeSeconds = (System.nanoTime() - t0) / 1e9;
        r.maxPauseMillis = maxPause / 1e6;
        r.medianPauseMillis = Bench.median(r.pausesMillis.stream().mapToDouble(Double::doubleValue).toArray());
        r.journalBytes = Bench.sizeOf(journal.resolve(ChronicleJournal.INPUTS)) + Bench.sizeOf(journal.resolve(ChronicleJournal.OUTPUTS));
        r.snapshotBytes = Bench.sizeOf(journal.resolve(JournalSnapshots.FOLDER));

        final JournalResume.Result fromSnapshot = resume(journal, layout, finalHash);
        if (fromSnapshot.snapshot == null)
        {
            throw new IllegalStateException("the resume did not restore a snapshot");
        }
        r.fromSnapshotSeconds = fromSnapshot.elapsedNanos / 1e9;
        r.tailInputs = fromSnapshot.inputs;
        final Path aside = dir.resolve("snapshots-aside");
        Files.move(journal.resolve(JournalSnapshots.FOLDER), aside);
        final JournalResume.Result fromJournal = resume(journal, layout, finalHash);
        if (fromJournal.snapshot != null || fromJournal.inputs != r.events)
        {
            throw new IllegalStateException("the journal-only resume re-read " + fromJournal.inputs + " of " + r.events + " inputs");
        }
        r.fromJournalSeconds = fromJournal.elapsedNanos / 1e9;
        return r;
    }

    /** Resumes the journal's run in a new engine, checks its state against the written run's, and stops it. */
    private static JournalResume.Result resume(final Path journal, final EngineConfig.Layout layout, final long expectedHash)
        throws IOException
    {
        final ChronicleJournal j = ChronicleJournal.resume(journal);
        final ExitEngine engine = ExitEngine.builder(EngineRig.config(layout, EngineConfig.Wait.YIELDING, false, SYMBOLS)).journal(j)
            .errors(msg ->
            {
                throw new IllegalStateException(msg);
            }).build().startRecovering();
        final JournalResume.Result res;
        try
        {
            res = JournalResume.rebuild(engine, j, journal);
            if (engine.evaluator().stateHash() != expectedHash)
            {
                throw new IllegalStateException("the resumed state's hash differs from the written run's");
            }
        }
        finally
        {
            engine.close();
        }
        return res;
    }
}
