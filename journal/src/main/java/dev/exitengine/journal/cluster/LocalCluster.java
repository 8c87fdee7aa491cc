package dev.exitengine.journal.cluster;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.DecisionListener;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A cluster of {@link ClusteredExitEngine} members in this process, on loopback, for tests and a local
 * run: per member a media driver, an archive, a consensus module and a service container (as Aeron's own
 * TestNode), sized for a 2-core machine (shared threading, 1 ms sleeping idle, small terms, sparse files,
 * 1 s leader heartbeat timeout). Member {@code i} listens on {@code portBase + 100 i + 1..5}; the port base
 * is the first free one from a start derived from the process id, so parallel forks do not collide. Every
 * directory lives under one temporary folder (on /dev/shm when there is one), removed at {@link #close}.
 */
public final class LocalCluster implements AutoCloseable
{
    private static final long HEARTBEAT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String LOCALHOST = "localhost";

    private final int size;
    private final int portBase;
    private final Path base;
    private final Supplier<EngineConfig> config;
    private final IntFunction<DecisionListener> listeners;
    /** Member id to a new service for it (at each start and restart); null: one of {@link #config} and {@link #listeners}. */
    private final IntFunction<ClusteredExitEngine> services;
    private final Member[] members;
    private volatile MediaDriver clientDriver;
    private final List<ClusterIngressClient> clients = new ArrayList<>();

    /**
     * @param size      members (3 for a cluster that survives one failure)
     * @param config    each member's engine configuration (a fresh one per call, the same content)
     * @param listeners member id to the listener of that member's decisions (also after a restart)
     */
    public LocalCluster(final int size, final Supplier<EngineConfig> config, final IntFunction<DecisionListener> listeners)
    {
        this(size, 0, config, listeners);
    }

    /**
     * As above, with member {@code i} on {@code portBase + 100 i + 1..5}; {@code portBase} 0: the first free
     * range from one derived from the process id (or {@code -Dexitengine.cluster.portBase}).
     */
    public LocalCluster(final int size, final int portBase, final Supplier<EngineConfig> config,
        final IntFunction<DecisionListener> listeners)
    {
        this(size, portBase, config, listeners, null);
    }

    /**
     * As above, each member's service made by {@code services} (member id to a new service, at each start
     * and restart): e.g. with its venue ({@link ClusterVenue}, its adapter on {@link #clientContexts()}) and timers.
     */
    public LocalCluster(final int size, final int portBase, final IntFunction<ClusteredExitEngine> services)
    {
        this(size, portBase, null, null, services);
    }

    private LocalCluster(final int size, final int portBase, final Supplier<EngineConfig> config,
        final IntFunction<DecisionListener> listeners, final IntFunction<ClusteredExitEngine> services)
    {
        this.size = size;
        this.config = config;
        this.listeners = listeners;
        this.services = services;
        this.portBase = portBase > 0 ? portBase : freePortBase(size);
        try
        {
            final Path shm = Path.of("/dev/shm");
            base = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "exit-cluster-")
                : Files.createTempDirectory("exit-cluster-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        members = new Member[size];
    }

    /** Starts every member (clean) and the client's media driver. */
    public LocalCluster start()
    {
        for (int i = 0; i < size; i++)
        {
            members[i] = new Member(i, true);
        }
        clientDriver = MediaDriver.launch(driverContext(base.resolve("client").toString()));
        return this;
    }

    private static MediaDriver.Context driverContext(final String aeronDir)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .termBufferSparseFile(true)
            .publicationTermBufferLength(256 * 1024)
            .ipcTermBufferLength(1024 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
    }

    private int port(final int member, final int k)
    {
        return portBase + 100 * member + k;
    }

    private String clusterMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++)
        {
            if (i > 0)
            {
                sb.append('|');
            }
            sb.append(i).append(',').append(LOCALHOST).append(':').append(port(i, 2))
                .append(',').append(LOCALHOST).append(':').append(port(i, 3))
                .append(',').append(LOCALHOST).append(':').append(port(i, 4))
                .append(',').append(LOCALHOST).append(':').append(port(i, 5))
                .append(',').append(LOCALHOST).append(':').append(port(i, 1));
        }
        return sb.toString();
    }

    /** The client endpoints: {@code 0=localhost:p,1=...}. */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(i).append('=').append(LOCALHOST).append(':').append(port(i, 2));
        }
        return sb.toString();
    }

    /**
     * Fresh client contexts for this cluster on the client media driver (after {@link #start}), for a client
     * the caller owns and closes, e.g. a member's venue adapter ({@link ClusterVenue}).
     */
    public Supplier<AeronCluster.Context> clientContexts()
    {
        return () -> new AeronCluster.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressChannel("aeron:udp?term-length=128k")
            .ingressEndpoints(ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=128k")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10));
    }

    /** A client of this cluster with its own id, on the client media driver; closed with the cluster. */
    public ClusterIngressClient client(final long clientId)
    {
        final ClusterIngressClient c = new ClusterIngressClient(clientId, () -> new AeronCluster.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressChannel("aeron:udp?term-length=128k")
            .ingressEndpoints(ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=128k")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10)));
        clients.add(c);
        return c;
    }

    public Member member(final int i)
    {
        return members[i];
    }

    public int size()
    {
        return size;
    }

    /** Member {@code i} listens on {@code portBase() + 100 i + 1..5}. */
    public int portBase()
    {
        return portBase;
    }

    /** Waits for a member (other than {@code excluding}, -1 for none) to lead with its election closed; its id. */
    public int awaitLeader(final int excluding, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            for (int i = 0; i < size; i++)
            {
                if (i != excluding && members[i] != null && members[i].isLeader())
                {
                    return i;
                }
            }
            sleep(1);
        }
        throw new IllegalStateException("no leader within " + timeoutMs + " ms");
    }

    /** Closes a member abruptly (the in-process stand-in for a crash). */
    public void stop(final int i)
    {
        final Member m = members[i];
        members[i] = null;
        if (m != null)
        {
            m.close();
        }
    }

    /** Starts a stopped member again on its directories: it loads its latest snapshot and replays the log after it. */
    public Member restart(final int i)
    {
        if (members[i] != null)
        {
            throw new IllegalStateException("member " + i + " is running");
        }
        members[i] = new Member(i, false);
        return members[i];
    }

    /** Asks the leader for a snapshot and waits until every running member has taken it. */
    public void snapshot(final long timeoutMs)
    {
        final int leader = awaitLeader(-1, timeoutMs);
        final long[] before = new long[size];
        for (int i = 0; i < size; i++)
        {
            before[i] = members[i] == null ? 0 : members[i].snapshots();
        }
        final ConsensusModule.Context ctx = members[leader].consensusModule.context();
        final AtomicCounter toggle = ClusterControl.findControlToggle(ctx.aeron().countersReader(), ctx.clusterId());
        if (!ClusterControl.ToggleState.SNAPSHOT.toggle(toggle))
        {
            throw new IllegalStateException("the leader refused the snapshot toggle");
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int i = 0; i < size; i++)
        {
            while (members[i] != null && members[i].snapshots() <= before[i])
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("member " + i + " took no snapshot within " + timeoutMs + " ms");
                }
                sleep(1);
            }
        }
    }

    @Override
    public void close()
    {
        for (final ClusterIngressClient c : clients)
        {
            CloseHelper.quietClose(c);
        }
        for (int i = 0; i < size; i++)
        {
            stop(i);
        }
        CloseHelper.quietClose(clientDriver);
        IoUtil.delete(base.toFile(), true);
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
            throw new IllegalStateException(ex);
        }
    }

    /** The first base from a start derived from the process id whose member ports are all free on loopback (UDP). */
    private static int freePortBase(final int size)
    {
        final String fixed = System.getProperty("exitengine.cluster.portBase");
        if (fixed != null)
        {
            return Integer.parseInt(fixed);
        }
        final int span = 100 * size;
        final int slots = (60000 - 20000) / span;
        final int first = (int)(ProcessHandle.current().pid() % slots);
        for (int k = 0; k < slots; k++)
        {
            final int candidate = 20000 + ((first + k) % slots) * span;
            if (free(candidate, size))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port range for " + size + " members");
    }

    private static boolean free(final int portBase, final int size)
    {
        for (int i = 0; i < size; i++)
        {
            for (int k = 1; k <= 5; k++)
            {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), portBase + 100 * i + k)))
                {
                    s.getLocalPort();
                }
                catch (final IOException ex)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /** One member: media driver, archive, consensus module and the service container with its engine. */
    public final class Member implements AutoCloseable
    {
        private final int id;
        private final MediaDriver driver;
        private final Archive archive;
        private final ConsensusModule consensusModule;
        private final ClusteredServiceContainer container;
        private final ClusteredExitEngine service;

        Member(final int id, final boolean cleanStart)
        {
            this.id = id;
            final File dir = base.resolve("member-" + id).toFile();
            final String aeronDir = new File(dir, "aeron").getPath();
            final Supplier<org.agrona.concurrent.IdleStrategy> idle = () -> new SleepingMillisIdleStrategy(1);
            driver = MediaDriver.launch(driverContext(aeronDir));
            final Archive.Context archiveCtx = new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveId(id)
                .archiveDir(new File(dir, "archive"))
                .controlChannel("aeron:udp?endpoint=localhost:" + port(id, 1))
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=localhost:0"))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(idle)
                .segmentFileLength(4 * 1024 * 1024)
                .deleteArchiveOnStart(cleanStart);
            archive = Archive.launch(archiveCtx);
            final AeronArchive.Context archiveClient = new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(archiveCtx.localControlChannel())
                .controlRequestStreamId(archiveCtx.localControlStreamId())
                .controlResponseChannel("aeron:ipc?term-length=64k");
            final File clusterDir = new File(dir, "cluster");
            consensusModule = ConsensusModule.launch(new ConsensusModule.Context()
                .aeronDirectoryName(aeronDir)
                .clusterMemberId(id)
                .clusterMembers(clusterMembers())
                .clusterDir(clusterDir)
                .ingressChannel("aeron:udp?term-length=128k")
                .logChannel("aeron:udp?term-length=256k")
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .archiveContext(archiveClient.clone())
                .serviceCount(1)
                .idleStrategySupplier(idle)
                .leaderHeartbeatTimeoutNs(HEARTBEAT_TIMEOUT_NS)
                .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
                .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
                .startupCanvassTimeoutNs(TimeUnit.SECONDS.toNanos(2))
                .sessionTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                .deleteDirOnStart(cleanStart));
            service = services != null ? services.apply(id) : new ClusteredExitEngine(config, listeners.apply(id));
            container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
                .aeronDirectoryName(aeronDir)
                .archiveContext(archiveClient.clone())
                .clusterDir(clusterDir)
                .clusteredService(service)
                .serviceId(0)
                .idleStrategySupplier(idle));
        }

        public int id()
        {
            return id;
        }

        public ClusteredExitEngine service()
        {
            return service;
        }

        public boolean isLeader()
        {
            final ConsensusModule.Context ctx = consensusModule.context();
            return Cluster.Role.get(ctx.clusterNodeRoleCounter()) == Cluster.Role.LEADER
                && ElectionState.get(ctx.electionStateCounter()) == ElectionState.CLOSED;
        }

        /** Snapshots this member has taken. */
        public long snapshots()
        {
            return consensusModule.context().snapshotCounter().get();
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(consensusModule, container, archive, driver);
        }
    }
}
