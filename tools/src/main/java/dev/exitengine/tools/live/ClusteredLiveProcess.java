package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.JsonLinesFeed;
import dev.exitengine.gateway.binance.BinanceAccount;
import dev.exitengine.gateway.binance.BinanceGateway;
import dev.exitengine.gateway.binance.SafetyStopFeed;
import dev.exitengine.gateway.binance.VenueInbox;
import dev.exitengine.journal.cluster.ClusterNode;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import dev.exitengine.journal.cluster.ClusterVenue;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.DecisionFileWriter;
import dev.exitengine.tools.ExitTally;
import dev.exitengine.tools.Runner;
import dev.exitengine.tools.latency.LatencyLog;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code live} as one member of a cluster of exit engines (the configuration's {@code cluster} section):
 * this process hosts a {@link ClusterNode} whose service is the engine ({@link ClusteredExitEngine}), and
 * around it what a single live process has — the venue's market streams, the admin endpoint, the stale
 * watch — whose inputs go into the cluster's log through a {@link ClusterForwarder} instead of into a local
 * ingress. Every member decides every close from the same log; only the leader's market data enters the
 * log and only the leader's closes leave, to the paper venue (dry run) or the accounts' venue (real orders);
 * the answers come back through the log, the leader's only: a follower's account streams hear every order of
 * the account too, and drop what they hear. A new leader reads the accounts' positions again.
 * Killing the leader's process leaves the others running: one is elected, its streams (already connected)
 * become the market's way in, and the closes the old leader left in flight are looked up and filled once.
 * <p>
 * The calling thread is the member's duty cycle, as a single process's: it drains the streams' ring
 * (forwarding while leading), the admin lines and the timer into the forwarder, and never touches the
 * engine, which runs on the cluster's service thread. The Raft log is the journal: the member's folder
 * ({@code cluster.dir}) holds it with the counters file and the admin token; a restart catches up from the
 * newest snapshot and the log.
 */
public final class ClusteredLiveProcess
{
    private static final int DRAIN_LIMIT = 256;
    private static final long START_WAIT_MS = 120_000;
    private static final long FINISH_WAIT_MS = 5_000;

    private final ConfigFile config;
    private final int memberOption;
    private final Path out;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile LiveServices services;
    private volatile ClusteredExitEngine service;
    private Function<String, String> env = System::getenv;
    private LatencyLog.Settings latency;

    /** @param memberOption the member id {@code live --member} gave, or -1: the configuration's {@code cluster.memberId} */
    public ClusteredLiveProcess(final ConfigFile config, final int memberOption, final Path out, final PrintStream stdout,
        final PrintStream stderr)
    {
        this.config = config;
        this.memberOption = memberOption;
        this.out = out;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Where account credentials' environment variables are read (tests hand their own); before {@link #run}. */
    public ClusteredLiveProcess environment(final Function<String, String> variables)
    {
        this.env = variables;
        return this;
    }

    /**
     * Where and how often the member's engine's latency histograms are written ({@link LatencyLog}), as a single
     * live process writes them; null (the default) for never. Before {@link #run}.
     */
    public ClusteredLiveProcess latencyLog(final LatencyLog.Settings settings)
    {
        this.latency = settings;
        return this;
    }

    /** Any thread (a signal handler): stop intake, hand on what was taken, leave the cluster, print the summary. */
    public void requestStop()
    {
        stopRequested = true;
    }

    /** Whether the duty cycle is running (the member joined, the streams and admin endpoint are up). */
    public boolean running()
    {
        return running;
    }

    /** The admin endpoint's port once running. */
    public int adminPort()
    {
        final LiveServices s = services;
        return s == null ? 0 : s.adminPort();
    }

    /** The member's engine service (null before the start): its state hash, role, orders sent. */
    public ClusteredExitEngine service()
    {
        return service;
    }

    /** Runs until {@link #requestStop}; returns the process's exit code (2: a configuration this mode refuses). */
    public int run() throws IOException
    {
        final VenueSection venue = config.venue;
        if (!venue.dryRun && config.cluster.firstPositionId <= 0)
        {
            stderr.println("live: cluster.firstPositionId: needed with real orders (\"dryRun\": false), the same on every member and "
                + "new for each new cluster (e.g. the first start's epoch seconds × 10,000), so that no client order id repeats an "
                + "earlier run's");
            return 2;
        }
        final ClusterNodeConfig node;
        try
        {
            node = config.cluster.nodeConfig(memberOption);
        }
        catch (final IllegalArgumentException ex)
        {
            stderr.println("live: " + ex.getMessage());
            return 2;
        }
        final int id = node.memberId();
        final String name = "live: cluster member " + id;
        final EngineConfig engineConfig = config.engine;
        LiveProcess.addInstruments(venue, engineConfig);
        // every member opens the accounts (a warm standby, as its market streams are); only the leader sends, and only
        // the leader's inbox and answers enter the log
        final VenueInbox inbox = new VenueInbox(LiveProcess.INBOX_CAPACITY);
        final List<BinanceAccount> accounts = venue.dryRun ? List.of()
            : LiveAccounts.bootstrap(venue, engineConfig, inbox, env, stdout);
        LiveAccounts.applyFees(accounts, engineConfig);
        if (venue.dryRun)
        {
            engineConfig.venue = config.paperVenue();
        }
        else
        {
            engineConfig.firstPositionId = config.cluster.firstPositionId;
        }
        final Path dir = Path.of(config.cluster.dir);
        Files.createDirectories(dir);
        final EngineCounters counters = EngineCounters.mapped(dir.resolve(LiveFiles.COUNTERS_FILE));
        final ExitTally tally = new ExitTally();
        final DecisionFileWriter writer = out == null ? null : new DecisionFileWriter(out, true);
        final LiveServices wiring = new LiveServices(config, dir, counters);
        services = wiring;
        final Supplier<AeronCluster.Context> contexts = () -> ClusterNode.clientContext(node.aeronDir().getPath(),
            ClusterNodeConfig.ingressEndpoints(node.members()), node.self().host(), node.mtu());
        final long startMs = System.currentTimeMillis();
        // the venue's adapter and the forwarder are clients of their own, under ids new at each start (the service
        // de-duplicates by client id and request number, and a restarted client counts from 1 again)
        final ClusterVenue orders = new ClusterVenue(venue.dryRun ? config.paperGateway() : new BinanceGateway(accounts),
            clientId(0, id, startMs), contexts);
        // every member follows the positions' stops; only the leader places, moves and cancels the safety stops
        final SafetyStopFeed safetyStops = accounts.stream().anyMatch(a -> a.safetyStops() != null) ? new SafetyStopFeed(accounts) : null;
        if (safetyStops != null)
        {
            safetyStops.standby();
        }
        final ClusteredExitEngine engineService = new ClusteredExitEngine(() -> engineConfig, tally, orders, 0)
            .engineOptions(b ->
            {
                b.counters(counters).readableLatency(true);
                if (safetyStops != null)
                {
                    b.listener(safetyStops);
                }
                if (writer != null)
                {
                    b.listener(writer);
                }
                wiring.listeners().forEach(b::listener);
            });
        service = engineService;
        if (safetyStops != null)
        {
            engineService.leadershipListener(leading ->
            {
                if (leading)
                {
                    safetyStops.lead();
                }
                else
                {
                    safetyStops.standby();
                }
            });
        }
        // a follower's account streams hear the leader's orders too: their copies never enter the log
        orders.sendOnlyWhile(engineService::leading);
        final ClusterForwarder forwarder = new ClusterForwarder(venue.symbols, engineService::leading, clientId(1, id, startMs),
            contexts);
        node.progress(line -> stdout.println(name + ": " + line));
        final Runner.Report report = new Runner.Report();
        final long start = System.nanoTime();
        LatencyLog latencyLog = null;
        try (ClusterNode member = ClusterNode.launch(node, engineService))
        {
            final ExitEngine engine = awaitEngine(engineService);
            if (engine == null)
            {
                return stopRequested ? 0 : failed(name + ": the engine service did not start in " + START_WAIT_MS / 1000 + " s");
            }
            report.engine = engine;
            if (latency != null)
            {
                latencyLog = LatencyLog.start(latency, () -> engine.tickToDecision().copy(), () -> engine.tickToOrder().copy(),
                    stderr::println);
            }
            wiring.start(engine, forwarder, stderr, accounts, inbox);
            for (final BinanceAccount a : accounts)
            {
                // as a resumed run: the positions are read when the stream is up, and given profiles only by a leader
                a.open(true);
            }
            stdout.println(name + " of " + node.members() + ": " + venue.symbols + " from " + venue.wsUrl + (venue.dryRun
                ? " (dry run, paper venue" : " (REAL ORDERS for " + accounts.size() + " account(s)") + "; the leader forwards the "
                + "market and sends the closes); folder " + dir + "; admin http://" + wiring.adminAddress());
            running = true;
            try
            {
                dutyCycle(name, member, engineService, forwarder, wiring, venue, accounts);
                if (!forwarder.finish(FINISH_WAIT_MS))
                {
                    stderr.println(name + ": the cluster did not acknowledge every input in " + FINISH_WAIT_MS / 1000 + " s (no leader?); "
                        + "the cluster may not have them");
                }
            }
            finally
            {
                // the member's own clients leave before its media driver stops
                forwarder.close();
                orders.close();
            }
        }
        finally
        {
            running = false;
            if (latencyLog != null)
            {
                // the last interval, ended by the shutdown
                latencyLog.close();
            }
            wiring.close();
            // idempotent: closed above on the way out of a member that ran; here when it failed before
            forwarder.close();
            orders.close();
            if (writer != null)
            {
                writer.close();
            }
        }
        report.elapsedNanos = System.nanoTime() - start;
        report.events = counters.get(Counter.EVENTS);
        report.inputs = engineService.applied();
        report.rejectedInputs = counters.get(Counter.INPUTS_REJECTED);
        stdout.printf(Locale.ROOT, "%s: %,d market events forwarded as leader, %,d seen as follower; %,d requests applied, "
            + "%d closes sent by this member; state hash %016x%n", name, forwarder.forwarded(), forwarder.standby(),
            engineService.applied(), engineService.ordersSent(), engineService.stateHash());
        if (report.engine != null)
        {
            dev.exitengine.tools.Summary.print(stdout, report, tally);
        }
        return 0;
    }

    /** Client ids: kind in bits 56-62, member + 1 in bits 48-55, the start's millisecond in the rest. */
    private static long clientId(final int kind, final int member, final long startMs)
    {
        return ((long)(0x40 | kind) << 56) | ((long)(member + 1) << 48) | (startMs & 0xFFFF_FFFF_FFFFL);
    }

    private ExitEngine awaitEngine(final ClusteredExitEngine engineService)
    {
        final long deadline = System.currentTimeMillis() + START_WAIT_MS;
        while (engineService.engine() == null && !stopRequested && System.currentTimeMillis() < deadline)
        {
            sleep(10);
        }
        return engineService.engine();
    }

    private int failed(final String message)
    {
        stderr.println(message);
        return 1;
    }

    private void dutyCycle(final String name, final ClusterNode member, final ClusteredExitEngine engineService,
        final ClusterForwarder forwarder, final LiveServices wiring, final VenueSection venue, final List<BinanceAccount> accounts)
    {
        boolean led = false;
        final JsonLinesFeed lineParser = new JsonLinesFeed(FeedInput.text(LineIntake.SOURCE, ""), FeedOptions.continueOnError());
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        final java.util.function.LongConsumer timer = forwarder::timer;
        long snapshotAt = engineService.applied();
        String role = null;
        String failure = null;
        while (!stopRequested && !member.isTerminated())
        {
            int work = 0;
            final long nowMs = System.currentTimeMillis();
            try
            {
                final boolean leading = forwarder.beginPass();
                if (leading && !led)
                {
                    // what the accounts' streams said while another member led was not forwarded from here: the positions
                    // are read again (with their symbols' profiles when the engine holds none yet: a new cluster)
                    final boolean fresh = engineService.engine().counters().get(Counter.POSITIONS_TRACKED) == 0;
                    accounts.forEach(a -> a.rereadPositions(fresh));
                }
                led = leading;
                work += wiring.drainMarket(nowMs, DRAIN_LIMIT);
                work += wiring.drainAdmin(lineParser, forwarder.inputs(), DRAIN_LIMIT);
                // the accounts' own inputs (fills of orders not the engine's, position snapshots): the leader's go in
                work += leading ? wiring.drainVenue(forwarder.inputs(), DRAIN_LIMIT) : wiring.discardVenue(DRAIN_LIMIT);
                work += wiring.timer(nowMs, timer);
                work += forwarder.endPass();
                if (leading && venue.snapshotEvery > 0 && engineService.applied() - snapshotAt >= venue.snapshotEvery
                    && member.requestSnapshot())
                {
                    snapshotAt = engineService.applied();
                }
            }
            catch (final RuntimeException ex)
            {
                // no leader to connect to yet, or a reconnection that timed out: what was encoded stays and goes on the next try
                forwarder.failed(ex);
                if (!ex.toString().equals(failure))
                {
                    failure = ex.toString();
                    stderr.println(name + ": could not hand inputs to the cluster (trying again): " + failure);
                }
                sleep(100);
            }
            final String now = role(member, engineService);
            if (!now.equals(role))
            {
                role = now;
                stdout.println(name + ": " + role);
            }
            idle.idle(work);
        }
        // what the streams decoded before they stopped is still handed on: nothing accepted is lost
        wiring.stopIntake();
        final boolean leading = forwarder.beginPass();
        while (wiring.drainMarket(System.currentTimeMillis(), DRAIN_LIMIT)
            + (leading ? wiring.drainVenue(forwarder.inputs(), DRAIN_LIMIT) : wiring.discardVenue(DRAIN_LIMIT)) > 0)
        {
            Thread.onSpinWait();
        }
    }

    private static String role(final ClusterNode member, final ClusteredExitEngine engineService)
    {
        if (engineService.leading())
        {
            return "leader (term " + member.leadershipTermId() + "): forwarding the market streams, sending the closes";
        }
        if (!member.electionClosed())
        {
            return "election under way";
        }
        final int leader = member.leaderMemberId();
        return member.role() == Cluster.Role.LEADER ? "leader, catching up before it leads"
            : "follower of member " + leader + ": streams on standby";
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
