package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.JsonLinesFeed;
import dev.exitengine.journal.cluster.ClusterNode;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import dev.exitengine.journal.cluster.ClusterVenue;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.DecisionFileWriter;
import dev.exitengine.tools.ExitTally;
import dev.exitengine.tools.Runner;
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
import java.util.function.Supplier;

/**
 * {@code live} as one member of a cluster of exit engines (the configuration's {@code cluster} section):
 * this process hosts a {@link ClusterNode} whose service is the engine ({@link ClusteredExitEngine}), and
 * around it what a single live process has — the venue's market streams, the admin endpoint, the stale
 * watch — whose inputs go into the cluster's log through a {@link ClusterForwarder} instead of into a local
 * ingress. Every member decides every close from the same log; only the leader's market data enters the
 * log and only the leader's closes leave (the paper venue, dry run; its fills come back through the log).
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
        if (!venue.dryRun)
        {
            stderr.println("live: cluster: real orders from a cluster are not supported yet: venue.dryRun must be true (the "
                + "paper venue fills the leader's closes), or run live as a single process (no cluster section)");
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
        engineConfig.venue = config.paperVenue();
        final Path dir = Path.of(config.cluster.dir);
        Files.createDirectories(dir);
        final EngineCounters counters = EngineCounters.mapped(dir.resolve(LiveFiles.COUNTERS_FILE));
        final ExitTally tally = new ExitTally();
        final DecisionFileWriter writer = out == null ? null : new DecisionFileWriter(out, true);
        final LiveServices wiring = new LiveServices(config, dir, counters);
        services = wiring;
        final Supplier<AeronCluster.Context> contexts = () -> ClusterNode.clientContext(node.aeronDir().getPath(),
            ClusterNodeConfig.ingressEndpoints(node.members()), node.self().host());
        final long startMs = System.currentTimeMillis();
        // the venue's adapter and the forwarder are clients of their own, under ids new at each start (the service
        // de-duplicates by client id and request number, and a restarted client counts from 1 again)
        final ClusterVenue paper = new ClusterVenue(config.paperGateway(), clientId(0, id, startMs), contexts);
        final ClusteredExitEngine engineService = new ClusteredExitEngine(() -> engineConfig, tally, paper, 0)
            .engineOptions(b ->
            {
                b.counters(counters).readableLatency(true);
                if (writer != null)
                {
                    b.listener(writer);
                }
                wiring.listeners().forEach(b::listener);
            });
        service = engineService;
        final ClusterForwarder forwarder = new ClusterForwarder(venue.symbols, engineService::leading, clientId(1, id, startMs),
            contexts);
        node.progress(line -> stdout.println(name + ": " + line));
        final Runner.Report report = new Runner.Report();
        final long start = System.nanoTime();
        try (ClusterNode member = ClusterNode.launch(node, engineService))
        {
            final ExitEngine engine = awaitEngine(engineService);
            if (engine == null)
            {
                return stopRequested ? 0 : failed(name + ": the engine service did not start in " + START_WAIT_MS / 1000 + " s");
            }
            report.engine = engine;
            wiring.start(engine, forwarder, stderr, List.of(), null);
            stdout.println(name + " of " + node.members() + ": " + venue.symbols + " from " + venue.wsUrl + " (dry run, paper venue; "
                + "the leader forwards the market and sends the closes); folder " + dir + "; admin http://" + wiring.adminAddress());
            running = true;
            dutyCycle(name, member, engineService, forwarder, wiring, venue);
            if (!forwarder.finish(FINISH_WAIT_MS))
            {
                stderr.println(name + ": the cluster did not acknowledge every input in " + FINISH_WAIT_MS / 1000 + " s (no leader?); "
                    + "they are lost unless another member took them");
            }
        }
        finally
        {
            running = false;
            wiring.close();
            forwarder.close();
            paper.close();
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
        final ClusterForwarder forwarder, final LiveServices wiring, final VenueSection venue)
    {
        final JsonLinesFeed lineParser = new JsonLinesFeed(FeedInput.text(LineIntake.SOURCE, ""), FeedOptions.continueOnError());
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        long nextTimerMs = System.currentTimeMillis() + venue.timerMs;
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
                work += wiring.drainMarket(nowMs, DRAIN_LIMIT);
                work += wiring.drainAdmin(lineParser, forwarder.inputs(), DRAIN_LIMIT);
                if (nowMs >= nextTimerMs)
                {
                    final long venueTime = wiring.venueTime(nowMs);
                    if (venueTime != Long.MIN_VALUE)
                    {
                        forwarder.timer(venueTime);
                    }
                    wiring.checkStale(nowMs);
                    nextTimerMs = nowMs + venue.timerMs;
                    work++;
                }
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
        forwarder.beginPass();
        while (wiring.drainMarket(System.currentTimeMillis(), DRAIN_LIMIT) > 0)
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
