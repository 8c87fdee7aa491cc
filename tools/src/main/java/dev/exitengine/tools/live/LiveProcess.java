package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.Ingress;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.JsonLinesFeed;
import dev.exitengine.feed.live.ExchangeInfoClient;
import dev.exitengine.gateway.binance.BinanceAccount;
import dev.exitengine.gateway.binance.BinanceGateway;
import dev.exitengine.gateway.binance.SafetyStopFeed;
import dev.exitengine.gateway.binance.VenueInbox;
import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalResume;
import dev.exitengine.journal.JournalSnapshots;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.DecisionFileWriter;
import dev.exitengine.tools.ExitTally;
import dev.exitengine.tools.Runner;
import dev.exitengine.tools.latency.LatencyLog;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The long-running {@code live} process: live market data from the venue's streams, positions handed in
 * through the admin endpoint, closes filled by the paper venue (dry run) — or, with {@code "dryRun": false},
 * the accounts' own positions, fills and real closes on the venue — everything journaled. The
 * thread that calls {@link #run} is the engine's single ingress thread: in one duty cycle it publishes
 * the market events the stream threads decoded, applies the admin lines, publishes the wall-clock timer
 * and flags stale symbols; it never blocks on the network.
 */
public final class LiveProcess
{
    private static final int DRAIN_LIMIT = 256;
    /** Venue inputs (outside fills, snapshots) waiting for the duty cycle, at most. */
    static final int INBOX_CAPACITY = 100_000;

    private final ConfigFile config;
    private final Path journalDir;
    private final Path out;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile LiveServices services;
    private Function<String, String> env = System::getenv;
    private LatencyLog.Settings latency;

    public LiveProcess(final ConfigFile config, final Path journalDir, final Path out, final PrintStream stdout,
        final PrintStream stderr)
    {
        this.config = config;
        this.journalDir = journalDir;
        this.out = out;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Any thread (a signal handler): stop intake, drain, flush, close, print the summary; {@link #run} then returns 0. */
    public void requestStop()
    {
        stopRequested = true;
    }

    /** Where account credentials' environment variables are read (tests hand their own); before {@link #run}. */
    public LiveProcess environment(final Function<String, String> variables)
    {
        this.env = variables;
        return this;
    }

    /** Where and how often the latency histograms are written ({@link LatencyLog}); null (the default) for never. Before {@link #run}. */
    public LiveProcess latencyLog(final LatencyLog.Settings settings)
    {
        this.latency = settings;
        return this;
    }

    /** Whether the duty cycle is running (the streams and admin endpoint are up). */
    public boolean running()
    {
        return running;
    }

    /** The admin endpoint's port once running (the configuration may ask for 0: any free port). */
    public int adminPort()
    {
        final LiveServices s = services;
        return s == null ? 0 : s.adminPort();
    }

    /** Position ids a real-order run may use per second of its start time before the next run's range. */
    static final long FIRST_IDS_PER_SECOND = 10_000;

    /** Runs until {@link #requestStop}; returns the process's exit code. */
    public int run() throws IOException
    {
        final VenueSection venue = config.venue;
        final EngineConfig engineConfig = config.engine;
        addInstruments(venue, engineConfig);
        final VenueInbox inbox = new VenueInbox(INBOX_CAPACITY);
        final boolean resume = ChronicleJournal.holdsRun(journalDir);
        final List<BinanceAccount> accounts = venue.dryRun ? List.of()
            : LiveAccounts.bootstrap(venue, engineConfig, inbox, env, stdout);
        LiveAccounts.applyFees(accounts, engineConfig);
        if (venue.dryRun)
        {
            engineConfig.venue = config.paperVenue();
        }
        if (!venue.dryRun && !resume)
        {
            // real orders: this run's client order ids start where no earlier run's can be (10,000 ids a second of
            // start time), so a look-up by client order id never finds another run's order; a resumed run keeps its own
            engineConfig.firstPositionId = System.currentTimeMillis() / 1000 * FIRST_IDS_PER_SECOND + 1;
        }
        final EngineConfig runConfig = resume ? journaledConfiguration(engineConfig) : engineConfig;
        accounts.forEach(a -> a.takeOverSafetyStops(resume));
        // the paper venue fills at the symbol's next market event: lockstep makes that exact, as in a file run;
        // a real venue answers when it answers, and the ingress must not wait for the close-order handler
        runConfig.lockstep = venue.dryRun;
        if (!config.layoutGiven)
        {
            // the duty-cycle thread runs the handlers itself: in lockstep it would only wait for a consumer thread
            // anyway, and on two cores a spinning consumer beside it and the streams' event loop costs milliseconds
            runConfig.layout = EngineConfig.Layout.CALLER_THREAD;
        }
        Files.createDirectories(journalDir);
        final EngineCounters counters = EngineCounters.mapped(journalDir.resolve(LiveFiles.COUNTERS_FILE));
        final ExitTally tally = new ExitTally();
        final List<DecisionListener> listeners = new ArrayList<>();
        listeners.add(tally);
        final DecisionFileWriter writer = out == null ? null : new DecisionFileWriter(out, true);
        if (writer != null)
        {
            listeners.add(writer);
        }
        final ChronicleJournal journal = (resume ? ChronicleJournal.resume(journalDir) : ChronicleJournal.create(journalDir))
            .warnings(stderr::println);
        final ExitEngine.Builder builder = ExitEngine.builder(runConfig).counters(counters).readableLatency(true)
            .journal(journal)
            .gateway(venue.dryRun ? config.paperGateway() : new BinanceGateway(accounts))
            .errors(stderr::println);
        final JournalSnapshots snapshots = venue.snapshotEvery > 0 ? new JournalSnapshots(journal, stderr::println) : null;
        if (snapshots != null)
        {
            builder.snapshots(snapshots, venue.snapshotEvery);
        }
        for (final DecisionListener l : listeners)
        {
            builder.listener(l);
        }
        if (accounts.stream().anyMatch(a -> a.safetyStops() != null))
        {
            builder.listener(new SafetyStopFeed(accounts));
        }
        final LiveServices wiring = new LiveServices(config, journalDir, counters);
        services = wiring;
        wiring.listeners().forEach(builder::listener);
        final ExitEngine engine = resume ? builder.build().startRecovering() : builder.build().start();
        final Runner.Report report = new Runner.Report();
        report.engine = engine;
        report.journal = journalDir;
        final long start = System.nanoTime();
        LatencyLog latencyLog = null;
        try
        {
            if (resume)
            {
                // the state the journal ends in; a close it leaves without an outcome is looked up at the venue
                report.resumed = JournalResume.rebuild(engine, journal, journalDir, stderr::println);
                stdout.printf("resumed: %s%,d journaled inputs re-read in %.2f s; %d close(s) in flight looked up at the venue%n",
                    report.resumed.snapshot == null ? "" : String.format("the state of input #%,d restored from %s, then ",
                        report.resumed.snapshotSeq, report.resumed.snapshot.getFileName()),
                    report.resumed.inputs, report.resumed.elapsedNanos / 1e9, report.resumed.closesLookedUp);
            }
            if (latency != null)
            {
                latencyLog = LatencyLog.start(latency, () -> engine.tickToDecision().copy(), () -> engine.tickToOrder().copy(),
                    stderr::println);
            }
            wiring.start(engine, LiveServices.ingressTarget(engine.ingress()), stderr, accounts, inbox);
            for (final BinanceAccount a : accounts)
            {
                a.open(resume);
            }
            stdout.println("live: " + venue.symbols + " from " + venue.wsUrl + (venue.dryRun ? " (dry run, paper venue)"
                : " (REAL ORDERS for " + accounts.size() + " account(s))") + "; journal " + journalDir + "; admin http://"
                + wiring.adminAddress());
            running = true;
            dutyCycle(engine, wiring);
        }
        finally
        {
            running = false;
            wiring.stopIntake();
            engine.awaitQuiet();
            engine.close();
            if (snapshots != null)
            {
                snapshots.close();
            }
            if (latencyLog != null)
            {
                // the last interval, ended by the shutdown
                latencyLog.close();
            }
            wiring.close();
            if (writer != null)
            {
                writer.close();
            }
        }
        report.elapsedNanos = System.nanoTime() - start;
        report.events = counters.get(Counter.EVENTS);
        report.inputs = engine.inputs().inputsSeen() + wiring.marketEvents();
        report.rejectedInputs = counters.get(Counter.INPUTS_REJECTED);
        report.journalDropped = journal.droppedInputDocuments();
        dev.exitengine.tools.Summary.print(stdout, report, tally);
        return 0;
    }

    private void dutyCycle(final ExitEngine engine, final LiveServices wiring)
    {
        final Ingress ingress = engine.ingress();
        final JsonLinesFeed lineParser = new JsonLinesFeed(FeedInput.text(LineIntake.SOURCE, ""), FeedOptions.continueOnError());
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        final java.util.function.LongConsumer timer = ingress::publishTimer;
        while (!stopRequested)
        {
            final long nowMs = System.currentTimeMillis();
            int work = wiring.drainMarket(nowMs, DRAIN_LIMIT);
            work += wiring.drainAdmin(lineParser, engine.inputs(), DRAIN_LIMIT);
            // the venue's answers to the engine's own orders (acks, fills, refusals), from the accounts' threads, before
            // what the accounts read (positions): a fill an account found before it read the positions goes in first
            work += ingress.pollResponses();
            work += wiring.drainVenue(engine.inputs(), DRAIN_LIMIT);
            work += wiring.timer(nowMs, timer);
            work += engine.idleWork();
            if (engine.checkpoint())
            {
                work++;
            }
            idle.idle(work);
        }
        // what the streams decoded before they stopped is still published: nothing accepted is lost
        wiring.stopIntake();
        while (wiring.drainMarket(System.currentTimeMillis(), DRAIN_LIMIT) + wiring.drainVenue(engine.inputs(), DRAIN_LIMIT) > 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * A resumed run goes on with the configuration its journal recorded (its positions' economics); when the
     * configuration and the venue give another now, that is said, and the journal's is kept.
     */
    private EngineConfig journaledConfiguration(final EngineConfig now) throws IOException
    {
        final EngineConfig journaled = JournalResume.configuration(journalDir);
        if (!journaled.encode().equals(now.encode()))
        {
            stdout.println("resume: the configuration (or the venue's instruments and fees) differs from what journal " + journalDir
                + " recorded; the journal's is kept for this run");
        }
        journaled.layout = now.layout;
        journaled.wait = now.wait;
        journaled.ringSize = now.ringSize;
        return journaled;
    }

    /** Instruments the configuration does not define come from the venue's exchangeInfo. */
    static void addInstruments(final VenueSection venue, final EngineConfig engineConfig) throws IOException
    {
        final List<String> missing = new ArrayList<>();
        for (final String symbol : venue.symbols)
        {
            if (engineConfig.instruments.stream().noneMatch(i -> i.symbol.equals(symbol)))
            {
                missing.add(symbol);
            }
        }
        if (!missing.isEmpty())
        {
            engineConfig.instruments.addAll(new ExchangeInfoClient(venue.restUrl, Duration.ofSeconds(10))
                .instruments(missing, venue.makerFee, venue.takerFee));
        }
    }
}
