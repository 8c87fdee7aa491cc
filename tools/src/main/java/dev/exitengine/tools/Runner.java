package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.feed.Feed;
import dev.exitengine.feed.FeedResumption;
import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalResume;
import dev.exitengine.journal.JournalSnapshots;
import dev.exitengine.tools.latency.LatencyLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs one feed through an engine: the shared core of {@code run} and {@code demo}. */
public final class Runner
{
    /** What a run did. */
    public static final class Report
    {
        public long inputs;
        public long events;
        public long rejectedInputs;
        public long elapsedNanos;
        public ExitEngine engine;
        public Path journal;
        /** What the re-read of a resumed run's journal found; null for a fresh run. */
        public dev.exitengine.journal.JournalResume.Result resumed;
        /** Inputs of a resumed run's feed dropped because the journal held them. */
        public long skippedInputs;
        /** Input documents the journal could not write (a full disk, a failed write). */
        public long journalDropped;
    }

    /** In a run of a file in the caller-thread layout without a latency log, one input in this many is timed. */
    public static final int FILE_RUN_TIMED_ONE_IN = 16;

    /** Inputs between two snapshots of a journaled run, by default (0: none). */
    public static final long DEFAULT_SNAPSHOT_EVERY = 2_000_000;

    private Runner()
    {
    }

    /**
     * @param wrap lets a caller put a decorator between the feed and the ingress (the demo adds entries)
     */
    public static Report run(final EngineConfig config, final Feed feed, final OrderGateway gateway, final Path journalDir,
        final List<DecisionListener> listeners, final Consumer<String> errors, final Function<InputSink, InputSink> wrap)
        throws IOException
    {
        return run(config, feed, gateway, journal(journalDir), journalDir, listeners, errors, wrap, null, DEFAULT_SNAPSHOT_EVERY);
    }

    /** The journal of a run in {@code journalDir} (none when null); fails when the folder holds a run already. */
    public static JournalPort journal(final Path journalDir) throws IOException
    {
        return journalDir == null ? JournalPort.NONE : ChronicleJournal.create(journalDir).warnings(System.err::println);
    }

    /**
     * Resumes the run whose journal is in {@code journalDir} after a crash ({@link JournalResume}): the engine
     * re-reads the journal (its decisions go to the listeners again, so a decisions file is written whole),
     * then {@code feed} goes on from the first input the journal does not hold. {@code config} must be the
     * journal's ({@link JournalResume#configuration}).
     */
    public static Report resume(final EngineConfig config, final Feed feed, final OrderGateway gateway, final ChronicleJournal journal,
        final Path journalDir, final List<DecisionListener> listeners, final Consumer<String> errors,
        final Function<InputSink, InputSink> wrap, final LatencyLog.Settings latency, final long snapshotEvery) throws IOException
    {
        return run(config, feed, gateway, journal, journalDir, listeners, errors, wrap, true, latency, snapshotEvery);
    }

    /**
     * As above, into a {@link #journal} already created, which the run closes; with {@code latency}, the latency
     * histograms are written down every interval and at the end ({@link LatencyLog}); with a journal, a snapshot
     * every {@code snapshotEvery} inputs (0: none).
     */
    public static Report run(final EngineConfig config, final Feed feed, final OrderGateway gateway, final JournalPort journal,
        final Path journalDir, final List<DecisionListener> listeners, final Consumer<String> errors,
        final Function<InputSink, InputSink> wrap, final LatencyLog.Settings latency, final long snapshotEvery) throws IOException
    {
        return run(config, feed, gateway, journal, journalDir, listeners, errors, wrap, false, latency, snapshotEvery);
    }

    private static Report run(final EngineConfig config, final Feed feed, final OrderGateway gateway, final JournalPort journal,
        final Path journalDir, final List<DecisionListener> listeners, final Consumer<String> errors,
        final Function<InputSink, InputSink> wrap, final boolean resume, final LatencyLog.Settings latency, final long snapshotEvery)
        throws IOException
    {
        // the latency log copies the histograms from its own thread while the engine records: they must be concurrent ones
        final ExitEngine.Builder builder = ExitEngine.builder(config).journal(journal).gateway(gateway).errors(errors)
            .readableLatency(latency != null);
        final JournalSnapshots snapshots = snapshotEvery > 0 && journal instanceof ChronicleJournal
            ? new JournalSnapshots((ChronicleJournal)journal, errors) : null;
        if (snapshots != null)
        {
            builder.snapshots(snapshots, snapshotEvery);
        }
        for (final DecisionListener l : listeners)
        {
            builder.listener(l);
        }
        final Report report = new Report();
        final ExitEngine engine;
        try
        {
            engine = resume ? builder.build().startRecovering() : builder.build().start();
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            if (snapshots != null)
            {
                snapshots.close();
            }
            throw ex;
        }
        report.engine = engine;
        report.journal = journalDir;
        final long start = System.nanoTime();
        LatencyLog latencyLog = null;
        try
        {
            if (resume)
            {
                report.resumed = JournalResume.rebuild(engine, (ChronicleJournal)journal, journalDir, errors);
                errors.accept(String.format("resume: %s%,d journaled inputs re-read in %.2f s",
                    report.resumed.snapshot == null ? "" : String.format("the state of input #%,d restored from %s, then ",
                        report.resumed.snapshotSeq, report.resumed.snapshot.getFileName()),
                    report.resumed.inputs, report.resumed.elapsedNanos / 1e9));
            }
            if (config.layout == EngineConfig.Layout.CALLER_THREAD)
            {
                // a file is read as fast as it goes: its inputs share journal documents (a batch ends at each close).
                // It is parsed on this thread too: a reading thread of its own, handing each input over through a
                // ring, was measured slower on 2 cores once the common lines parsed in about 100 ns
                engine.batchInputs();
                if (latency == null)
                {
                    // no latency log asked for: a sample of the inputs is timed, not every one (two clock reads each)
                    engine.ingress().timeOneIn(FILE_RUN_TIMED_ONE_IN);
                }
            }
            // measured from here: a resumed run's re-read of its journal is not the latency of its feed
            latencyLog = latency == null ? null
                : LatencyLog.start(latency, () -> engine.tickToDecision().copy(), () -> engine.tickToOrder().copy(), errors);
            if (resume)
            {
                final InputSink named = wrap == null ? engine.inputs() : wrap.apply(engine.inputs());
                final FeedResumption from = new FeedResumption(named, report.resumed.feedLine, report.resumed.inputsOfLine);
                feed.startAt(report.resumed.feedLine);
                report.inputs = feed.run(from) - from.skipped();
                report.skippedInputs = from.skipped();
            }
            else
            {
                report.inputs = feed.run(wrap == null ? engine.inputs() : wrap.apply(engine.inputs()));
            }
            engine.awaitQuiet();
        }
        finally
        {
            try
            {
                engine.close();
            }
            finally
            {
                if (latencyLog != null)
                {
                    // after the engine closed: the last interval holds everything it recorded
                    latencyLog.close();
                }
                if (snapshots != null)
                {
                    // a snapshot still being written is finished first
                    snapshots.close();
                }
            }
        }
        report.elapsedNanos = System.nanoTime() - start;
        report.events = engine.counters().get(dev.exitengine.core.api.Counter.EVENTS);
        report.rejectedInputs = engine.counters().get(dev.exitengine.core.api.Counter.INPUTS_REJECTED);
        report.journalDropped = journal instanceof ChronicleJournal ? ((ChronicleJournal)journal).droppedInputDocuments() : 0;
        return report;
    }
}
