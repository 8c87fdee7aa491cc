package dev.exitengine.journal.cluster;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.DecisionListener;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A cluster of {@link ClusteredExitEngine} members in this process, on loopback, for tests and a local
 * run: each member a {@link ClusterNode} (archive, consensus module and service container, sized for a 2-core
 * machine), each with a media driver of its own, or all on one ({@link #sharedDriver}). Member {@code i} listens
 * on {@code portBase + 100 i + 1..5}; the port base is the first free one from a start derived from the process
 * id, so parallel forks do not collide. Every directory lives under one temporary folder (on /dev/shm when there
 * is one), removed at {@link #close} or, should the JVM end without it, by a shutdown hook.
 */
public final class LocalCluster implements AutoCloseable
{
    private final int size;
    private long idleNs = ClusterNodeConfig.DEFAULT_IDLE_NS;
    private long heartbeatTimeoutNs = ClusterNodeConfig.DEFAULT_HEARTBEAT_TIMEOUT_NS;
    private int mtu = ClusterNodeConfig.LOOPBACK_MTU;
    private boolean sharedDriver;
    private final int portBase;
    private final Path base;
    /** Removes {@link #base} should the JVM end without {@link #close} (Ctrl-C on {@code cluster local}): its terms and archives take hundreds of MB of /dev/shm. */
    private final Thread removeOnExit;
    private final Supplier<EngineConfig> config;
    private final IntFunction<DecisionListener> listeners;
    /** Member id to a new service for it (at each start and restart); null: one of {@link #config} and {@link #listeners}. */
    private final IntFunction<ClusteredExitEngine> services;
    private final Member[] members;
    private final List<ClusterNodeConfig.Member> addresses;
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
        this.portBase = portBase > 0 ? portBase : ClusterNodeConfig.freePortBase(size);
        this.addresses = ClusterNodeConfig.localhost(size, this.portBase);
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
        removeOnExit = new Thread(() -> IoUtil.delete(base.toFile(), true), "exit-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(removeOnExit);
    }

    /** How long the members' and the client driver's threads sleep when idle (default 1 ms); before {@link #start}. */
    public LocalCluster idleNs(final long ns)
    {
        this.idleNs = ns;
        return this;
    }

    /**
     * How long followers wait for the leader's heartbeat (default 1 s); before {@link #start}. The members share this
     * JVM's collector pauses, which count against it on waking, where a member on a machine of its own sees only its own.
     */
    public LocalCluster heartbeatTimeoutNs(final long ns)
    {
        this.heartbeatTimeoutNs = ns;
        return this;
    }

    /** The members' and clients' frame size (default {@link ClusterNodeConfig#LOOPBACK_MTU}: they talk over loopback); before {@link #start}. */
    public LocalCluster mtu(final int bytes)
    {
        this.mtu = ClusterNodeConfig.checkMtu(bytes);
        return this;
    }

    /**
     * true: the members and the clients share one media driver, as Aeron advises for processes on one machine
     * ({@link ClusterNodeConfig#sharedDriver}); false (the default): each member starts its own, as on machines of their
     * own. One driver polls every socket in one thread where four drivers each polled their own: on two cores a
     * three-member cluster took 1.78-1.80 M inputs/s against 1.39-1.58 M, input → decision p50 0.58-0.59 ms against
     * 0.72-0.78 ms (the benchmark's cluster section, two alternated runs each); {@code cluster local} and the benchmark
     * use it. A shared driver outlives a stopped member's clients, and lets go of their counters and endpoints only
     * some time after they closed, so a member restarted in place met its predecessor's ("found existing archive for
     * archiveId=1"; once a restarted follower never caught up): {@link #restart} needs drivers of their own, as a
     * member's process restarting on a machine of its own has. Before {@link #start}.
     */
    public LocalCluster sharedDriver(final boolean shared)
    {
        this.sharedDriver = shared;
        return this;
    }

    /** Starts the client's media driver (the members' too when {@link #sharedDriver shared}) and every member (clean). */
    public LocalCluster start()
    {
        clientDriver = MediaDriver.launch(ClusterNode.driverContext(base.resolve("client").toString(), idleNs));
        for (int i = 0; i < size; i++)
        {
            members[i] = new Member(i, true);
        }
        return this;
    }

    /** The folder every member's directories (and the media drivers') live in; removed at {@link #close} or when the JVM ends. */
    public Path directory()
    {
        return base;
    }

    /** The client endpoints: {@code 0=localhost:p,1=...}. */
    public String ingressEndpoints()
    {
        return ClusterNodeConfig.ingressEndpoints(addresses);
    }

    /**
     * Fresh client contexts for this cluster on the client media driver (after {@link #start}), for a client
     * the caller owns and closes, e.g. a member's venue adapter ({@link ClusterVenue}).
     */
    public Supplier<AeronCluster.Context> clientContexts()
    {
        return () -> ClusterNode.clientContext(clientDriver.aeronDirectoryName(), ingressEndpoints(), "localhost", mtu);
    }

    /** A client of this cluster with its own id, on the client media driver; closed with the cluster. */
    public ClusterIngressClient client(final long clientId)
    {
        final ClusterIngressClient c = new ClusterIngressClient(clientId, clientContexts());
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
        if (sharedDriver)
        {
            throw new IllegalStateException("member " + i + " cannot restart on the driver it shared with the others (it still holds "
                + "the stopped member's counters and endpoints for a while): restarts need sharedDriver(false)");
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
        if (!members[leader].node.requestSnapshot())
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
        try
        {
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        }
        catch (final IllegalStateException ex)
        {
            // closed from another shutdown hook: the JVM is ending and the folder is gone already
        }
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

    /** One member: a {@link ClusterNode} hosting a {@link ClusteredExitEngine}. */
    public final class Member implements AutoCloseable
    {
        private final int id;
        private final ClusterNode node;
        private final ClusteredExitEngine service;

        Member(final int id, final boolean cleanStart)
        {
            this.id = id;
            service = services != null ? services.apply(id) : new ClusteredExitEngine(config, listeners.apply(id));
            final ClusterNodeConfig c = ClusterNodeConfig.inDirectory(id, addresses, base.resolve("member-" + id).toFile())
                .cleanStart(cleanStart).idleNs(idleNs).leaderHeartbeatTimeoutNs(heartbeatTimeoutNs).mtu(mtu);
            if (sharedDriver)
            {
                c.sharedDriver(true).aeronDir(new File(clientDriver.aeronDirectoryName()));
            }
            node = ClusterNode.launch(c, service);
        }

        public int id()
        {
            return id;
        }

        public ClusteredExitEngine service()
        {
            return service;
        }

        /** The member's Aeron parts. */
        public ClusterNode node()
        {
            return node;
        }

        public boolean isLeader()
        {
            return node.isLeader();
        }

        /** Snapshots this member has taken. */
        public long snapshots()
        {
            return node.snapshots();
        }

        @Override
        public void close()
        {
            node.close();
        }
    }
}
