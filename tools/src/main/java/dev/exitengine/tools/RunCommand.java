package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.feed.Feed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.StateStore;
import dev.exitengine.journal.StatefulSink;
import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code run}: one feed through the engine, decisions to a JSON Lines file, inputs and outputs journaled. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a feed through the engine and write its decisions as JSON Lines.")
public final class RunCommand implements Callable<Integer>
{
    @Option(names = "--feed", required = true, paramLabel = "SPEC",
        description = "jsonl:FILE | trades-csv:FILE[@SYMBOL] | aggtrades-csv:FILE[@SYMBOL] | bookticker-csv:FILE[@SYMBOL] | "
            + "ws-capture:FILE (or ws-capture:bundled) | synthetic:SYMBOLS:EVENTS:SEED")
    String feed;

    @Option(names = "--gateway", defaultValue = "paper", description = "paper (default) or none")
    String gateway;

    @Option(names = "--out", paramLabel = "FILE", description = "decisions, one JSON object a line (SPEC appendix format)")
    Path out;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal folder (default: a new temporary folder)")
    Path journal;

    @Option(names = "--no-journal", description = "keep no journal")
    boolean noJournal;

    @Option(names = "--resume", description = "go on with the run journaled in --journal DIR after a crash: the engine re-reads "
        + "the journal (checking its decisions against the journal's), then reads the feed on from the first input the journal "
        + "does not hold; --out is written whole again")
    boolean resume;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "" + Runner.DEFAULT_SNAPSHOT_EVERY,
        description = "with a journal, snapshot the engine's whole state every N inputs (default ${DEFAULT-VALUE}; 0: never), "
            + "so a resume restores the newest and re-reads only the journal after it")
    long snapshotEvery;

    @Option(names = "--state", paramLabel = "DIR",
        description = "keep forced unwinds and trading states here (Chronicle Map) so that they survive a restart")
    Path state;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (JSON); defaults run as they are")
    Path config;

    @Option(names = "--on-error", defaultValue = "continue",
        description = "continue (default) or stop at the first bad input line; either case")
    String onError;

    @Option(names = "--layout", description = "SINGLE_THREAD, THREAD_PER_HANDLER or CALLER_THREAD (overrides the configuration; "
        + "default with the paper venue: CALLER_THREAD, else the configuration's)")
    EngineConfig.Layout layout;

    @Option(names = "--wait", description = "BLOCKING, YIELDING, BUSY_SPIN or SLEEPING (overrides the configuration)")
    EngineConfig.Wait waitStrategy;

    @Option(names = "--quiet", description = "print no summary")
    boolean quiet;

    @Option(names = "--latency-every", paramLabel = "DURATION", converter = DurationOption.class, description = "write the tick "
        + "-> decision and tick -> order latency histograms every DURATION (250ms, 30s, 5m) and at the end, for the latency "
        + "command (default: not written)")
    java.time.Duration latencyEvery;

    @Option(names = "--latency-dir", paramLabel = "DIR", description = "where --latency-every writes (default: the journal's "
        + LatencyFiles.FOLDER + "/ folder)")
    Path latencyDir;

    /** Exit codes of {@code run}, as the README's command section lists them; 1 (a failure) is {@link Main}'s. */
    static final int RAN = 0;
    static final int BAD_USAGE = 2;
    static final int RAN_WITH_REFUSALS = 3;

    @Override
    public Integer call() throws Exception
    {
        final boolean stop;
        switch (onError.toLowerCase(Locale.ROOT))
        {
            case "continue": stop = false; break;
            case "stop": stop = true; break;
            default:
                return badUsage("--on-error: unknown value '" + onError + "' (continue or stop)");
        }
        if (!"paper".equals(gateway) && !"none".equals(gateway))
        {
            return badUsage("--gateway: unknown gateway '" + gateway + "' (paper or none)");
        }
        if (snapshotEvery < 0)
        {
            return badUsage("--snapshot-every: must be 0 (never) or a number of inputs, was " + snapshotEvery);
        }
        final ConfigFile cfg;
        final Feed source;
        final OrderGateway orders;
        try
        {
            cfg = config == null ? new ConfigFile() : ConfigFile.load(config);
            source = FeedSpec.open(feed, stop ? FeedOptions.stopOnError() : FeedOptions.continueOnError());
            orders = "paper".equals(gateway) ? cfg.paperGateway() : OrderGateway.NONE;
        }
        catch (final IllegalArgumentException ex)
        {
            return badUsage("run: " + ex.getMessage());
        }
        catch (final NoSuchFileException ex)
        {
            return badUsage("run: --config: no such file '" + config + "'");
        }
        if (resume && (journal == null || noJournal))
        {
            return badUsage("--resume: give the journal to resume with --journal DIR");
        }
        if (latencyEvery != null && latencyEvery.isZero())
        {
            latencyEvery = null;
        }
        if (latencyEvery != null && noJournal && latencyDir == null)
        {
            return badUsage("--latency-every: with --no-journal, say where with --latency-dir DIR");
        }
        if (latencyDir != null && latencyEvery == null)
        {
            return badUsage("--latency-dir: give how often with --latency-every DURATION");
        }
        EngineConfig engineConfig = cfg.engine;
        if (!feed.startsWith("jsonl:") && !cfg.instrumentsGiven)
        {
            engineConfig.instruments.add(ConfigFile.btcusdt());
        }
        if ("paper".equals(gateway))
        {
            engineConfig.venue = cfg.paperVenue();
        }
        if (resume)
        {
            final EngineConfig journaled;
            try
            {
                journaled = dev.exitengine.journal.JournalResume.configuration(journal);
            }
            catch (final IOException | RuntimeException ex)
            {
                return badUsage("--resume: " + ex.getMessage());
            }
            if (!journaled.encode().equals(engineConfig.encode()))
            {
                return badUsage("--resume: the configuration (" + (config == null ? "the defaults, no --config" : "--config " + config)
                    + ", --gateway " + gateway + ") differs from the one journal " + journal + " recorded: resume with the run's own "
                    + "command line and --resume (" + firstDifference(journaled.encode(), engineConfig.encode()) + ")");
            }
            journaled.layout = engineConfig.layout;
            journaled.wait = engineConfig.wait;
            journaled.ringSize = engineConfig.ringSize;
            engineConfig = journaled;
        }
        if (layout != null)
        {
            engineConfig.layout = layout;
        }
        if (waitStrategy != null)
        {
            engineConfig.wait = waitStrategy;
        }
        // a file replayed against a simulated venue: lockstep makes the fills land at the same events every run
        if ("paper".equals(gateway))
        {
            engineConfig.lockstep = true;
            if (layout == null && !cfg.layoutGiven)
            {
                // in lockstep the reading thread only waits for a consumer thread: run the handlers on it instead
                // (the same decisions, byte for byte; about five times the events a second on the bundled session)
                engineConfig.layout = EngineConfig.Layout.CALLER_THREAD;
            }
        }
        final Path feedFile = FeedSpec.fileOf(feed);
        if (out != null && feedFile != null && Files.exists(out) && Files.isSameFile(out, feedFile))
        {
            return badUsage("--out: '" + out + "' is the feed's own file '" + feedFile + "'; give another file");
        }
        final Path journalDir = noJournal ? null : (journal != null ? journal : Files.createTempDirectory("exit-engine-journal-"));
        final LatencyLog.Settings latency = latencyEvery == null ? null
            : new LatencyLog.Settings(latencyDir != null ? latencyDir : LatencyFiles.folderOf(journalDir), latencyEvery);
        final ExitTally tally = new ExitTally();
        final List<DecisionListener> listeners = new ArrayList<>();
        listeners.add(tally);
        final Runner.Report report;
        final StateStore store = state == null ? null : StateStore.open(state);
        if (store != null)
        {
            System.err.println(store.created()
                ? "state " + state + ": no store there yet, a new one is created; no halt or forced unwind restored"
                : "state " + state + ": " + (resume ? "holds " : "restoring ") + store.describe()
                    + (resume ? " (not restored: the resumed journal holds it)" : ""));
        }
        DecisionFileWriter writer = null;
        try
        {
            final JournalPort journalPort = resume
                ? dev.exitengine.journal.ChronicleJournal.resume(journalDir).warnings(System.err::println) : Runner.journal(journalDir);
            // --out is opened (and emptied) last, once every check passed: a run that cannot start keeps the last results
            try
            {
                if (out != null)
                {
                    // whole lines, flushed per batch: a crash leaves the decisions made so far, and a resume writes them all again
                    writer = new DecisionFileWriter(out, true);
                    listeners.add(writer);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                journalPort.close();
                throw ex;
            }
            final java.util.function.Function<dev.exitengine.core.ingest.InputSink, dev.exitengine.core.ingest.InputSink> wrap = sink ->
            {
                ((dev.exitengine.core.NamedInputs)sink).stopOnRefusal(stop);
                return store == null ? sink : new StatefulSink(sink, store, !resume);
            };
            report = resume
                ? Runner.resume(engineConfig, source, orders, (dev.exitengine.journal.ChronicleJournal)journalPort, journalDir, listeners,
                    System.err::println, wrap, latency, snapshotEvery)
                : Runner.run(engineConfig, source, orders, journalPort, journalDir, listeners, System.err::println, wrap, latency, snapshotEvery);
        }
        finally
        {
            if (writer != null)
            {
                writer.close();
            }
            if (store != null)
            {
                store.close();
            }
        }
        if (!quiet)
        {
            Summary.print(System.out, report, tally);
        }
        if (report.journalDropped > 0)
        {
            System.err.println("run: the journal is incomplete: " + report.journalDropped + " input documents were not written");
            return 1;
        }
        return report.rejectedInputs == 0 ? RAN : RAN_WITH_REFUSALS;
    }

    /** The first line where two encoded configurations differ, for the refusal of a resume. */
    private static String firstDifference(final String journaled, final String given)
    {
        final String[] a = journaled.split("\n");
        final String[] b = given.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++)
        {
            final String x = i < a.length ? a[i] : "(nothing)";
            final String y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y))
            {
                return "journal: '" + x + "', now: '" + y + "'";
            }
        }
        return "same text";
    }

    /** Bad usage or configuration: one line on stderr, exit code 2, nothing run or written. */
    private static int badUsage(final String message)
    {
        System.err.println(message);
        return BAD_USAGE;
    }
}
