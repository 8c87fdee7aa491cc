package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.journal.cluster.ClusterNode;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import dev.exitengine.journal.cluster.ClusterVenue;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import io.aeron.cluster.service.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code cluster member}: one member of a cluster of exit engines in this process ({@link ClusterNode}
 * hosting a {@link ClusteredExitEngine}), on the directories given, until SIGTERM or SIGINT. It prints a
 * status line when its role or the leader changes and when the log goes quiet after new requests (applied
 * requests, decisions, state hash), and writes its decisions as JSON Lines as {@code run --out} does.
 */
@Command(name = "member", mixinStandardHelpOptions = true,
    description = "Run one member of a cluster of exit engines until SIGTERM or SIGINT: its own media driver, archive, consensus "
        + "module and the engine as the cluster's service. Start one per member (three for a cluster that survives one failure), "
        + "each with the same --members and --config; feed them with cluster feed. Prints a status line on role and leader "
        + "changes and when the log goes quiet. Exits 0 after SIGTERM/SIGINT, 2 on a bad option or configuration, 1 on a failure.")
final class ClusterMemberCommand implements java.util.concurrent.Callable<Integer>
{
    private static final long POLL_MS = 100;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "this member's id, one of --members")
    int id;

    @Option(names = "--members", required = true, paramLabel = "ID=HOST:PORTBASE,...", description = "every member (the same "
        + "list on each): member ID listens on HOST, UDP ports PORTBASE+1 to PORTBASE+5 (archive, client ingress, consensus, "
        + "log, catch-up), e.g. 0=localhost:20000,1=localhost:20100,2=localhost:20200")
    String members;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "this member's folder: cluster/, archive/ and "
        + "aeron/ (the media driver) are made in it unless given below; a restart goes on from what it holds")
    Path dir;

    @Option(names = "--cluster-dir", paramLabel = "DIR", description = "the consensus module's and service's folder (default DIR/cluster)")
    Path clusterDir;

    @Option(names = "--archive-dir", paramLabel = "DIR", description = "the archive (the Raft log's recording; default DIR/archive)")
    Path archiveDir;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "the media driver's folder, deleted at start and at a clean "
        + "stop (default DIR/aeron; /dev/shm/... is faster)")
    Path aeronDir;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (JSON), as run's; the same on every member")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "this member's decisions, one JSON object a line, "
        + "flushed as they happen; written from the start again at each start (a member that replays its log decides again)")
    Path out;

    @Option(names = "--clean-start", description = "delete what the cluster and archive folders hold first (a new cluster)")
    boolean cleanStart;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "1s",
        description = "followers elect another leader after this long without the leader's heartbeat (default ${DEFAULT-VALUE})")
    Duration heartbeatTimeout;

    @Option(names = "--mark-file-wait", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "20s",
        description = "after a kill -9 the old process's mark files stay live for about 10 s: try starting again for this "
            + "long (default ${DEFAULT-VALUE}; 0: refuse at once)")
    Duration markFileWait;

    @Option(names = "--idle", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "1ms",
        description = "the longest the member's threads sleep when they find no work, 10us to 100ms (default ${DEFAULT-VALUE}): "
            + "they back off to it (spins, yields, then parks from 1us doubling), so under load a hop takes microseconds and input "
            + "-> decision is under 1 ms p50 at the default; shorter mostly speeds the first input after a quiet spell, for more "
            + "wake-ups when quiet; on cores of the member's own, shorter is better")
    Duration idle;

    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "" + ClusterNodeConfig.DEFAULT_MTU, description = "the largest frame this member sends its log "
        + "and its own clients' messages in, a multiple of 32 up to 65504 (default ${DEFAULT-VALUE}, which any network carries): "
        + "8192 where the members share a machine or a network with jumbo frames (fewer frames and system calls per message)")
    int mtu;

    @Option(names = "--venue", paramLabel = "none|paper", defaultValue = "none", description = "where the leader's closes go: none "
        + "(decisions only, as run --gateway none) or paper (the paper venue of --config's \"paper\" settings; only the leader "
        + "sends, its answers come back through the cluster's log, a new leader sends again what the old one left in flight)")
    String venue;

    @Option(names = "--timer-interval", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "0",
        description = "cluster time between timer inputs that drive time rules without market data, the same on every member "
            + "(e.g. 100ms; default 0: none). Only for feeds stamped with the time of now: a timer newer than a feed's events "
            + "makes them late")
    Duration timerInterval;

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String stopSignal;

    @Override
    public Integer call() throws Exception
    {
        final ClusterNodeConfig nodeConfig;
        final ConfigFile file;
        try
        {
            nodeConfig = nodeConfig();
            // read once here so that a bad file is bad usage, not a member failing to start
            file = config == null ? new ConfigFile() : ConfigFile.load(config);
            if (!"none".equals(venue) && !"paper".equals(venue))
            {
                throw new IllegalArgumentException("--venue: none or paper, was '" + venue + "'");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return badUsage(ex.getMessage());
        }
        catch (final NoSuchFileException ex)
        {
            return badUsage("--config: no such file '" + config + "'");
        }
        final String name = "cluster member " + id;
        final PrintStream status = System.out;
        final Supplier<EngineConfig> configs = () ->
        {
            try
            {
                return engineConfig(config);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        };
        final long start = System.nanoTime();
        status.printf("%s: starting (members %s; folders %s, %s, %s; decisions to %s)%n", name, members, nodeConfig.clusterDir(),
            nodeConfig.archiveDir(), nodeConfig.aeronDir(), out);
        try (DecisionFileWriter writer = new DecisionFileWriter(out, true))
        {
            final CountingDecisions decisions = new CountingDecisions(writer);
            // the paper venue's adapter sends its answers into the cluster as a client of its own, under an id new at each start
            final ClusterVenue paper = "paper".equals(venue) ? new ClusterVenue(file.paperGateway(),
                ((long)(id + 1) << 48) | (System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL), () -> ClusterNode.clientContext(
                    nodeConfig.aeronDir().getPath(), ClusterNodeConfig.ingressEndpoints(nodeConfig.members()), egressHost(nodeConfig), nodeConfig.mtu()))
                : null;
            final ClusteredExitEngine service = new ClusteredExitEngine(configs, decisions, paper, timerInterval.toMillis());
            nodeConfig.progress(line -> status.println(name + ": " + line));
            final SignalHandler handler = sig -> requestStop("SIG" + sig.getName());
            Signal.handle(new Signal("TERM"), handler);
            Signal.handle(new Signal("INT"), handler);
            try (ClusterNode node = ClusterNode.launch(nodeConfig, service))
            {
                status.printf(Locale.ROOT, "%s: started in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
                watch(name, status, node, service, decisions);
                status.printf("%s: stopping (%s)%n", name, node.isTerminated() && stopSignal == null ? "the cluster terminated it"
                    : stopSignal);
                if (paper != null)
                {
                    // its client leaves before the member's media driver stops
                    paper.close();
                }
            }
            finally
            {
                if (paper != null)
                {
                    paper.close();
                }
            }
            status.printf("%s: stopped; %s%n", name, applied(service, decisions));
        }
        return RunCommand.RAN;
    }

    private ClusterNodeConfig nodeConfig()
    {
        final List<ClusterNodeConfig.Member> list;
        try
        {
            list = ClusterNodeConfig.parseMembers(members);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--members: " + ex.getMessage(), ex);
        }
        if (list.stream().noneMatch(m -> m.id() == id))
        {
            final StringBuilder ids = new StringBuilder();
            list.forEach(m -> ids.append(ids.length() == 0 ? "" : ", ").append(m.id()));
            throw new IllegalArgumentException("--id: " + id + " is not one of the members (" + ids + ")");
        }
        directory("--dir", dir);
        directory("--cluster-dir", clusterDir);
        directory("--archive-dir", archiveDir);
        directory("--aeron-dir", aeronDir);
        if (Files.isDirectory(out))
        {
            throw new IllegalArgumentException("--out: '" + out + "' is a folder; give a file");
        }
        if (heartbeatTimeout.toMillis() < 200 || heartbeatTimeout.toMillis() > 60_000)
        {
            throw new IllegalArgumentException("--heartbeat-timeout: 200ms to 60s, was " + DurationOption.format(heartbeatTimeout));
        }
        mtuOption(mtu);
        final File base = dir.toFile();
        return ClusterNodeConfig.inDirectory(id, list, base)
            .clusterDir(clusterDir != null ? clusterDir.toFile() : new File(base, "cluster"))
            .archiveDir(archiveDir != null ? archiveDir.toFile() : new File(base, "archive"))
            .aeronDir(aeronDir != null ? aeronDir.toFile() : new File(base, "aeron"))
            .cleanStart(cleanStart)
            .leaderHeartbeatTimeoutNs(heartbeatTimeout.toNanos())
            .markFileWaitMs(markFileWait.toMillis())
            .idleNs(idle.toNanos())
            .mtu(mtu)
            .validate();
    }

    /** {@code --mtu}'s value, or the refusal naming it. */
    static int mtuOption(final int mtu)
    {
        try
        {
            return ClusterNodeConfig.checkMtu(mtu);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--" + ex.getMessage(), ex);
        }
    }

    /** This member's own host: its venue adapter takes the cluster's answers there. */
    private static String egressHost(final ClusterNodeConfig node)
    {
        return node.members().stream().filter(m -> m.id() == node.memberId()).findFirst().orElseThrow().host();
    }

    private static void directory(final String option, final Path path)
    {
        if (path != null && Files.exists(path) && !Files.isDirectory(path))
        {
            throw new IllegalArgumentException(option + ": '" + path + "' is a file, not a folder");
        }
    }

    /** The engine's configuration: the file's (or the defaults) as it is, the same on every member. */
    static EngineConfig engineConfig(final Path file) throws IOException
    {
        return file == null ? new ConfigFile().engine : ConfigFile.load(file).engine;
    }

    private void requestStop(final String signal)
    {
        stopSignal = signal;
        stop.countDown();
    }

    /** Until a signal or the node's termination: a line when the role or the leader changes, and when the log goes quiet. */
    private void watch(final String name, final PrintStream status, final ClusterNode node, final ClusteredExitEngine service,
        final CountingDecisions decisions) throws InterruptedException
    {
        String role = null;
        long reported = 0;
        long seen = -1;
        String error = null;
        while (!stop.await(POLL_MS, TimeUnit.MILLISECONDS) && !node.isTerminated())
        {
            final String now = role(node);
            if (!now.equals(role))
            {
                role = now;
                status.println(name + ": " + role);
            }
            final long applied = service.applied();
            if (applied != reported && applied == seen)
            {
                // quiet for a poll: the state hash is the one of these requests
                reported = applied;
                status.println(name + ": " + applied(service, decisions));
            }
            seen = applied;
            final String e = service.lastError();
            if (e != null && !e.equals(error))
            {
                error = e;
                status.println(name + ": engine error: " + e);
            }
        }
    }

    private static String role(final ClusterNode node)
    {
        final Cluster.Role role = node.role();
        if (!node.electionClosed())
        {
            return "election under way (" + role.name().toLowerCase(Locale.ROOT) + ")";
        }
        if (role == Cluster.Role.LEADER)
        {
            return "leader (term " + node.leadershipTermId() + ")";
        }
        final int leader = node.leaderMemberId();
        final String name = role.name().toLowerCase(Locale.ROOT);
        return leader < 0 ? name + ", leader not known yet" : name + ", leader " + leader + " (term " + node.leadershipTermId() + ")";
    }

    private static String applied(final ClusteredExitEngine service, final CountingDecisions decisions)
    {
        final long applied = service.applied();
        return String.format(Locale.ROOT, "applied %,d requests (%d gaps), %,d decisions, state hash %s", applied, service.gaps(),
            decisions.count.get(), service.engine() == null ? "-" : String.format("%016x", service.stateHash()));
    }

    private static int badUsage(final String message)
    {
        System.err.println("cluster member: " + message);
        return RunCommand.BAD_USAGE;
    }

    /** The member's decisions to its file, counted. */
    private static final class CountingDecisions implements DecisionListener
    {
        private final DecisionFileWriter writer;
        final AtomicLong count = new AtomicLong();

        CountingDecisions(final DecisionFileWriter writer)
        {
            this.writer = writer;
        }

        @Override
        public void onDecision(final Decision decision, final Names names)
        {
            writer.onDecision(decision, names);
            count.incrementAndGet();
        }

        @Override
        public void onBatchEnd()
        {
            writer.onBatchEnd();
        }
    }
}
