package dev.exitengine.journal.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One cluster member in this process, as Aeron's own TestNode starts one: a media driver (or none, using one
 * the member shares: {@link ClusterNodeConfig#sharedDriver}), an archive, a consensus module and a service
 * container hosting the given service, sized for a 2-core machine (shared
 * threading, 1 ms sleeping idle everywhere, small terms on sparse files, 4 MB archive segments, a 1 s
 * leader heartbeat timeout by default, 500 ms election and 2 s start-up canvass timeouts).
 * {@link LocalCluster} starts its members with it; so does {@code exit-engine cluster member}.
 * <p>
 * A start on directories a process killed with SIGKILL left behind meets that process's mark files, live
 * for about 10 s ("active mark file detected"): {@link ClusterNodeConfig#markFileWaitMs} says how long to
 * try again before giving up (what was started is closed between attempts).
 */
public final class ClusterNode implements AutoCloseable
{
    /**
     * Agrona's transport poller reads each of a driver's sockets in turn (a {@code recvfrom} each, most finding nothing)
     * while it has at most this many, and asks the kernel which are ready ({@code epoll}) above it. A member's driver has
     * about four to read, so every duty cycle of the driver made about four system calls to find nothing; at 0 it makes
     * one. On this 2-core machine a three-member cluster's input → decision p50 went from 1.1-2.4 ms to 0.76-1.08 ms (1.35-1.47
     * to 0.76-0.86 ms at 100 µs idle), the drivers' CPU from 0.57 to 0.43 of a core, for the same throughput (three alternated
     * runs each). Set before any driver starts (the poller reads it once); a {@code -D} given on the command line is kept.
     */
    public static final String POLLER_ITERATION_THRESHOLD = "org.agrona.transport.iteration.threshold";

    static
    {
        if (System.getProperty(POLLER_ITERATION_THRESHOLD) == null)
        {
            System.setProperty(POLLER_ITERATION_THRESHOLD, "0");
        }
    }

    private static final long RETRY_MS = 1000;
    /** Members sharing a driver ({@link ClusterNodeConfig#sharedDriver}): member {@code i}'s local stream ids are Aeron's plus this times {@code i + 1}. */
    static final int SHARED_STREAM_OFFSET = 1000;
    /**
     * Clients to the leader: 1 MB terms, so that a client's whole window of messages
     * ({@link ClusterIngressClient#WINDOW} of {@link ClusterInputEncoder#FLUSH_AT}) fits in its publication's window (half a
     * term); frames of {@code mtu} bytes ({@link ClusterNodeConfig#mtu}).
     */
    static String ingressChannel(final int mtu)
    {
        return "aeron:udp?term-length=1m|mtu=" + ClusterNodeConfig.checkMtu(mtu);
    }

    /**
     * The leader's log to its followers, in frames of {@code mtu} bytes: 16 MB terms. With 256 KB terms a follower that fell a few MB behind during a burst
     * (the third member, not needed for a majority, is let lag) found its data overwritten and recovered it by
     * retransmission, at a few thousand inputs a second: seconds of catching up after a burst of 100,000 inputs. The
     * terms are sparse files: memory is taken as the log is written.
     */
    static String logChannel(final int mtu)
    {
        return "aeron:udp?term-length=16m|mtu=" + ClusterNodeConfig.checkMtu(mtu);
    }
    /**
     * A receiver's window and its socket buffers: 2 MB, or less where the system allows less
     * ({@code net.core.rmem_max}/{@code wmem_max}). With Aeron's 128 KB, the data in flight on each hop was the limit: at
     * the members' 1 ms idle sleep a hop's round trip takes milliseconds, and 128 KB held about 4,000 inputs.
     */
    static final int SOCKET_BUFFER_LENGTH = socketBufferLength(2 * 1024 * 1024);

    private final ClusterNodeConfig config;
    private final ObservedService observed;
    private MediaDriver driver;
    private Archive archive;
    private ConsensusModule consensusModule;
    private ClusteredServiceContainer container;
    private volatile boolean terminated;

    /** Starts a member hosting {@code service}; waits for stale mark files as the configuration says. */
    public static ClusterNode launch(final ClusterNodeConfig config, final ClusteredService service)
    {
        config.validate();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.markFileWaitMs());
        boolean told = false;
        while (true)
        {
            try
            {
                return new ClusterNode(config, service);
            }
            catch (final RuntimeException ex)
            {
                final String markFile = activeMarkFile(ex);
                if (markFile == null || System.nanoTime() > deadline)
                {
                    throw ex;
                }
                if (!told)
                {
                    told = true;
                    config.progress().accept("an active mark file on these directories (" + markFile + "): the process before "
                        + "was killed less than about 10 s ago, or still runs; trying again for up to "
                        + TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime() + 999_999_999L) + " s");
                }
                sleep(RETRY_MS);
            }
        }
    }

    /** The live mark file the exception is about (its path when it names one), or null when it is another failure. */
    static String activeMarkFile(final Throwable ex)
    {
        final String marker = "active mark file detected";
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            final String m = t.getMessage();
            final int at = m == null ? -1 : m.toLowerCase(Locale.ROOT).indexOf(marker);
            if (at >= 0)
            {
                final String file = m.substring(at + marker.length()).replaceFirst("^[:\\s]+", "").strip();
                return file.isEmpty() ? "a mark file" : file;
            }
        }
        return null;
    }

    private ClusterNode(final ClusterNodeConfig config, final ClusteredService service)
    {
        this.config = config;
        this.observed = new ObservedService(service);
        final int id = config.memberId();
        final String host = config.self().host();
        final String aeronDir = config.aeronDir().getPath();
        final Supplier<IdleStrategy> idle = () -> idleStrategy(config.idleNs());
        try
        {
            // members on one driver: each member's local (IPC) streams and counters apart from the others' by its id
            final int streams = config.sharedDriver() ? SHARED_STREAM_OFFSET * (id + 1) : 0;
            final int clusterId = config.sharedDriver() ? id : 0;
            if (!config.sharedDriver())
            {
                driver = MediaDriver.launch(driverContext(aeronDir, config.idleNs()));
            }
            final Archive.Context archiveCtx = new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveId(id)
                .archiveDir(config.archiveDir())
                .controlChannel("aeron:udp?endpoint=" + host + ":" + config.self().archivePort())
                .localControlChannel("aeron:ipc?term-length=64k")
                .localControlStreamId(AeronArchive.Configuration.localControlStreamId() + streams)
                .replicationChannel("aeron:udp?endpoint=" + host + ":0")
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(idle)
                .segmentFileLength(4 * 1024 * 1024)
                .deleteArchiveOnStart(config.cleanStart());
            archive = Archive.launch(archiveCtx);
            final AeronArchive.Context archiveClient = new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(archiveCtx.localControlChannel())
                .controlRequestStreamId(archiveCtx.localControlStreamId())
                .controlResponseChannel("aeron:ipc?term-length=64k")
                .controlResponseStreamId(AeronArchive.Configuration.controlResponseStreamId() + streams);
            final long heartbeatTimeoutNs = config.leaderHeartbeatTimeoutNs();
            final ConsensusModule.Context cm = new ConsensusModule.Context();
            consensusModule = ConsensusModule.launch(cm
                .aeronDirectoryName(aeronDir)
                .clusterId(clusterId)
                .serviceStreamId(cm.serviceStreamId() + streams)
                .consensusModuleStreamId(cm.consensusModuleStreamId() + streams)
                .snapshotStreamId(cm.snapshotStreamId() + streams)
                .replayStreamId(cm.replayStreamId() + streams)
                .clusterMemberId(id)
                .clusterMembers(config.clusterMembers())
                .clusterDir(config.clusterDir())
                .ingressChannel(ingressChannel(config.mtu()))
                .logChannel(logChannel(config.mtu()))
                .replicationChannel("aeron:udp?endpoint=" + host + ":0")
                .archiveContext(archiveClient.clone())
                .serviceCount(1)
                .idleStrategySupplier(idle)
                .leaderHeartbeatTimeoutNs(heartbeatTimeoutNs)
                .leaderHeartbeatIntervalNs(heartbeatTimeoutNs / 10)
                .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
                .startupCanvassTimeoutNs(Math.max(TimeUnit.SECONDS.toNanos(2), 2 * heartbeatTimeoutNs))
                .sessionTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                .terminationHook(() -> terminated = true)
                .deleteDirOnStart(config.cleanStart()));
            final ClusteredServiceContainer.Context sc = new ClusteredServiceContainer.Context();
            container = ClusteredServiceContainer.launch(sc
                .aeronDirectoryName(aeronDir)
                .clusterId(clusterId)
                .serviceStreamId(sc.serviceStreamId() + streams)
                .consensusModuleStreamId(sc.consensusModuleStreamId() + streams)
                .snapshotStreamId(sc.snapshotStreamId() + streams)
                .replayStreamId(sc.replayStreamId() + streams)
                .archiveContext(archiveClient.clone())
                .clusterDir(config.clusterDir())
                .clusteredService(observed)
                .serviceId(0)
                .terminationHook(() -> terminated = true)
                .idleStrategySupplier(idle));
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** {@code wanted}, or the system's largest socket buffer when it is smaller (a receiver window larger than its socket buffer would drop bursts). */
    private static int socketBufferLength(final int wanted)
    {
        long length = wanted;
        for (final String limit : new String[] {"/proc/sys/net/core/rmem_max", "/proc/sys/net/core/wmem_max"})
        {
            try
            {
                length = Math.min(length, Long.parseLong(java.nio.file.Files.readString(java.nio.file.Path.of(limit)).trim()));
            }
            catch (final java.io.IOException | RuntimeException ex)
            {
                // not Linux, or not readable: the wanted length (the system caps it, and Aeron says so)
            }
        }
        // never below Aeron's own default
        return (int)Math.max(128 * 1024, length);
    }

    /** A media driver for a member or a client on a 2-core machine: shared threading, backing off to a 1 ms sleep when idle, sparse terms. */
    public static MediaDriver.Context driverContext(final String aeronDir)
    {
        return driverContext(aeronDir, ClusterNodeConfig.DEFAULT_IDLE_NS);
    }

    /** As above, backing off to a sleep of {@code idleNs} when idle. */
    public static MediaDriver.Context driverContext(final String aeronDir, final long idleNs)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy(idleNs))
            .termBufferSparseFile(true)
            .publicationTermBufferLength(256 * 1024)
            .ipcTermBufferLength(1024 * 1024)
            .initialWindowLength(SOCKET_BUFFER_LENGTH)
            .socketRcvbufLength(SOCKET_BUFFER_LENGTH)
            .socketSndbufLength(SOCKET_BUFFER_LENGTH)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
    }

    /**
     * A cluster client's context on the media driver in {@code aeronDir}: the members' ingress endpoints
     * ({@link ClusterNodeConfig#ingressEndpoints}), its messages in frames of {@code mtu} bytes ({@link ClusterNodeConfig#mtu})
     * and an ephemeral egress port on {@code egressHost}.
     */
    public static AeronCluster.Context clientContext(final String aeronDir, final String ingressEndpoints, final String egressHost,
        final int mtu)
    {
        return new AeronCluster.Context()
            .aeronDirectoryName(aeronDir)
            .ingressChannel(ingressChannel(mtu))
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + egressHost + ":0|term-length=128k")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .errorHandler(ClusterNode::clientError);
    }

    /**
     * A cluster client's errors: printed, never fatal. Aeron's default handler ends the whole JVM when the client's
     * media driver goes away; a member's own clients (its venue adapter, a live member's forwarder) share the
     * member's driver and JVM, and their callers already retry or give up on a client that failed.
     */
    private static void clientError(final Throwable error)
    {
        System.err.println("cluster client: " + error);
    }

    /**
     * When an agent finds no work: a few spins and yields, then parks from 1 µs doubling up to {@code idleNs}. Under
     * load each hop of the pipeline (ingress, log, replication, commit, service, egress) so reacts within microseconds;
     * quiet, every thread soon sleeps {@code idleNs} at a time. Sleeping a whole {@code idleNs} at every empty pass had
     * made a hop's reaction up to {@code idleNs}: input → decision p50 about 6 ms at 1 ms, against 0.8 ms now, for
     * 0.02-0.03 of a core more per quiet three-member cluster on this machine (0.19 → 0.22-0.27 in all).
     */
    static IdleStrategy idleStrategy(final long idleNs)
    {
        return new BackoffIdleStrategy(10, 5, Math.min(1_000, idleNs), idleNs);
    }

    public int memberId()
    {
        return config.memberId();
    }

    public ClusterNodeConfig config()
    {
        return config;
    }

    /** The consensus module's view of this member's role. */
    public Cluster.Role role()
    {
        return Cluster.Role.get(consensusModule.context().clusterNodeRoleCounter());
    }

    /** Whether no election is under way. */
    public boolean electionClosed()
    {
        return ElectionState.get(consensusModule.context().electionStateCounter()) == ElectionState.CLOSED;
    }

    /** Leader with its election closed. */
    public boolean isLeader()
    {
        return role() == Cluster.Role.LEADER && electionClosed();
    }

    /** The leader of the newest leadership term this member's service has seen in the log; -1 before the first. */
    public int leaderMemberId()
    {
        return observed.leaderMemberId;
    }

    /** The newest leadership term this member's service has seen in the log; -1 before the first. */
    public long leadershipTermId()
    {
        return observed.leadershipTermId;
    }

    /** Snapshots this member has taken. */
    public long snapshots()
    {
        return consensusModule.context().snapshotCounter().get();
    }

    /** On the leader: asks every member for a snapshot (the control toggle); false when the toggle was busy. */
    public boolean requestSnapshot()
    {
        final ConsensusModule.Context ctx = consensusModule.context();
        final AtomicCounter toggle = ClusterControl.findControlToggle(ctx.aeron().countersReader(), ctx.clusterId());
        return ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
    }

    /** The consensus module or the service container has terminated (the member no longer takes part). */
    public boolean isTerminated()
    {
        return terminated;
    }

    /** Closes the consensus module, the service container, the archive and the media driver, in that order. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(consensusModule, container, archive, driver);
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
            throw new IllegalStateException("interrupted while waiting for a stale mark file", ex);
        }
    }

    /** The service as given, every call passed on; it notes the leader of each new term for observers. */
    private static final class ObservedService implements ClusteredService
    {
        private final ClusteredService service;
        volatile int leaderMemberId = -1;
        volatile long leadershipTermId = -1;

        ObservedService(final ClusteredService service)
        {
            this.service = service;
        }

        @Override
        public void onStart(final Cluster cluster, final Image snapshotImage)
        {
            service.onStart(cluster, snapshotImage);
        }

        @Override
        public void onSessionOpen(final ClientSession session, final long timestamp)
        {
            service.onSessionOpen(session, timestamp);
        }

        @Override
        public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
        {
            service.onSessionClose(session, timestamp, closeReason);
        }

        @Override
        public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
            final int length, final Header header)
        {
            service.onSessionMessage(session, timestamp, buffer, offset, length, header);
        }

        @Override
        public void onTimerEvent(final long correlationId, final long timestamp)
        {
            service.onTimerEvent(correlationId, timestamp);
        }

        @Override
        public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
        {
            service.onTakeSnapshot(snapshotPublication);
        }

        @Override
        public void onRoleChange(final Cluster.Role newRole)
        {
            service.onRoleChange(newRole);
        }

        @Override
        public void onTerminate(final Cluster cluster)
        {
            service.onTerminate(cluster);
        }

        @Override
        public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
            final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit, final int appVersion)
        {
            this.leaderMemberId = leaderMemberId;
            this.leadershipTermId = leadershipTermId;
            service.onNewLeadershipTermEvent(leadershipTermId, logPosition, timestamp, termBaseLogPosition, leaderMemberId, logSessionId,
                timeUnit, appVersion);
        }

        @Override
        public int doBackgroundWork(final long nowNs)
        {
            return service.doBackgroundWork(nowNs);
        }
    }
}
