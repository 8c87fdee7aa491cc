package dev.exitengine.journal.cluster;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What one cluster member needs to start ({@link ClusterNode}): its id, every member's host and port base,
 * its three directories (cluster, archive, media driver), whether it starts clean, and the two timings an
 * operator may change. Member {@code i} with port base {@code B} listens on UDP {@code B+1} (archive
 * control), {@code B+2} (client ingress), {@code B+3} (consensus), {@code B+4} (log) and {@code B+5}
 * (catch-up); everything else uses ephemeral ports.
 */
public final class ClusterNodeConfig
{
    /** Ports a member uses above its port base. */
    public static final int PORTS = 5;
    public static final long DEFAULT_HEARTBEAT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    /** Members at most (Raft over 7 gains nothing here). */
    public static final int MAX_MEMBERS = 7;
    /**
     * The longest a member's idle threads (driver, archive, consensus module, service) sleep when they find no work
     * (they back off to it: {@link ClusterNode#idleStrategy}).
     */
    public static final long DEFAULT_IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1);
    public static final long MIN_IDLE_NS = TimeUnit.MICROSECONDS.toNanos(10);
    public static final long MAX_IDLE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Aeron's own: a frame fits an Ethernet frame of 1,500 bytes with its IP and UDP headers, on any network. */
    public static final int DEFAULT_MTU = 1408;
    /**
     * Members on one machine (loopback, whose MTU is 64 KB), or on a network with jumbo frames: an ingress message of
     * {@link ClusterInputEncoder#FLUSH_AT} goes as two frames instead of twelve. A three-member {@link LocalCluster} on two
     * cores took 0.93-1.17 M inputs/s with it against 0.79-0.95 M with {@link #DEFAULT_MTU} (three alternated runs each).
     */
    public static final int LOOPBACK_MTU = 8192;
    /** Aeron's largest (a UDP datagram's 65,507 bytes, rounded down to its 32-byte frame alignment). */
    public static final int MAX_MTU = 65504;
    /** What {@link #isValidMtu} takes, as the refusals of every place an MTU is given say it. */
    public static final String MTU_RULE = "a multiple of 32 from 64 to " + MAX_MTU + " bytes (" + DEFAULT_MTU + " on any network, "
        + LOOPBACK_MTU + " on one machine or with jumbo frames)";

    /** One member's address: its id, host and port base (it listens on {@code portBase + 1..5}). */
    public record Member(int id, String host, int portBase)
    {
        public int archivePort()
        {
            return portBase + 1;
        }

        public int ingressPort()
        {
            return portBase + 2;
        }

        public int consensusPort()
        {
            return portBase + 3;
        }

        public int logPort()
        {
            return portBase + 4;
        }

        public int catchupPort()
        {
            return portBase + 5;
        }

        @Override
        public String toString()
        {
            return id + "=" + host + ":" + portBase;
        }
    }

    private int memberId = -1;
    private List<Member> members = List.of();
    private File clusterDir;
    private File archiveDir;
    private File aeronDir;
    private boolean cleanStart;
    private long leaderHeartbeatTimeoutNs = DEFAULT_HEARTBEAT_TIMEOUT_NS;
    private long markFileWaitMs;
    private long idleNs = DEFAULT_IDLE_NS;
    private int mtu = DEFAULT_MTU;
    private boolean sharedDriver;
    private Consumer<String> progress = s -> { };

    /** Member {@code memberId} of {@code members}, its directories {@code cluster}, {@code archive} and {@code aeron} under {@code dir}. */
    public static ClusterNodeConfig inDirectory(final int memberId, final List<Member> members, final File dir)
    {
        return new ClusterNodeConfig().memberId(memberId).members(members).clusterDir(new File(dir, "cluster"))
            .archiveDir(new File(dir, "archive")).aeronDir(new File(dir, "aeron"));
    }

    /**
     * Members as {@code ID=HOST:PORTBASE,...} (e.g. {@code 0=localhost:20000,1=localhost:20100,2=localhost:20200}),
     * sorted by id; refused with a message that names the member and what is wrong with it.
     */
    public static List<Member> parseMembers(final String spec)
    {
        if (spec == null || spec.isBlank())
        {
            throw new IllegalArgumentException("no members given (ID=HOST:PORTBASE,... e.g. 0=localhost:20000,1=localhost:20100)");
        }
        final List<Member> list = new ArrayList<>();
        final TreeSet<Integer> ids = new TreeSet<>();
        for (final String part : spec.split(","))
        {
            final String p = part.strip();
            final int eq = p.indexOf('=');
            final int colon = p.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == p.length() - 1)
            {
                throw new IllegalArgumentException("'" + p + "' is not ID=HOST:PORTBASE (e.g. 0=localhost:20000)");
            }
            final int id = number(p.substring(0, eq), "'" + p + "': member id");
            final String host = p.substring(eq + 1, colon);
            final int base = number(p.substring(colon + 1), "member " + id + ": port base");
            if (id < 0 || id >= MAX_MEMBERS)
            {
                throw new IllegalArgumentException("member " + id + ": ids are 0 to " + (MAX_MEMBERS - 1));
            }
            if (base < 1024 || base + PORTS > 65535)
            {
                throw new IllegalArgumentException("member " + id + ": port base " + base + " out of range (1024 to " + (65535 - PORTS)
                    + "; the member listens on PORTBASE+1 to PORTBASE+" + PORTS + ")");
            }
            if (!ids.add(id))
            {
                throw new IllegalArgumentException("member " + id + " is given twice");
            }
            list.add(new Member(id, host, base));
        }
        list.sort((a, b) -> Integer.compare(a.id(), b.id()));
        for (int i = 0; i < list.size(); i++)
        {
            for (int j = i + 1; j < list.size(); j++)
            {
                final Member a = list.get(i);
                final Member b = list.get(j);
                if (a.host().equalsIgnoreCase(b.host()) && Math.abs(a.portBase() - b.portBase()) <= PORTS)
                {
                    throw new IllegalArgumentException("members " + a.id() + " and " + b.id() + " share ports on " + a.host()
                        + " (port bases " + a.portBase() + " and " + b.portBase() + "; give them at least " + (PORTS + 1) + " apart)");
                }
            }
        }
        return Collections.unmodifiableList(list);
    }

    private static int number(final String text, final String what)
    {
        try
        {
            return Integer.parseInt(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number", ex);
        }
    }

    /** {@code size} members on localhost from {@code portBase}, member {@code i} at {@code portBase + 100 i}. */
    public static List<Member> localhost(final int size, final int portBase)
    {
        final List<Member> list = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            list.add(new Member(i, "localhost", portBase + 100 * i));
        }
        return Collections.unmodifiableList(list);
    }

    /** A client's ingress endpoints: {@code 0=host:ingressPort,1=...}. */
    public static String ingressEndpoints(final List<Member> members)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members)
        {
            sb.append(sb.length() == 0 ? "" : ",").append(m.id()).append('=').append(m.host()).append(':').append(m.ingressPort());
        }
        return sb.toString();
    }

    /** The consensus module's members: {@code id,ingress,consensus,log,catchup,archive|...} ({@code ClusterMember.parse}). */
    public String clusterMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members)
        {
            final String h = m.host() + ':';
            sb.append(sb.length() == 0 ? "" : "|").append(m.id()).append(',').append(h).append(m.ingressPort()).append(',').append(h)
                .append(m.consensusPort()).append(',').append(h).append(m.logPort()).append(',').append(h).append(m.catchupPort())
                .append(',').append(h).append(m.archivePort());
        }
        return sb.toString();
    }

    /** This member's own address. */
    public Member self()
    {
        for (final Member m : members)
        {
            if (m.id() == memberId)
            {
                return m;
            }
        }
        throw new IllegalArgumentException("memberId: " + memberId + " is not one of the members (" + ids() + ")");
    }

    private String ids()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member m : members)
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        }
        return sb.toString();
    }

    /** Refuses a configuration a member cannot start from, naming the field. */
    public ClusterNodeConfig validate()
    {
        if (members.isEmpty())
        {
            throw new IllegalArgumentException("members: none given");
        }
        self();
        Objects.requireNonNull(clusterDir, "clusterDir");
        Objects.requireNonNull(archiveDir, "archiveDir");
        Objects.requireNonNull(aeronDir, "aeronDir");
        if (leaderHeartbeatTimeoutNs < TimeUnit.MILLISECONDS.toNanos(200))
        {
            throw new IllegalArgumentException("leaderHeartbeatTimeout: at least 200 ms, was " + leaderHeartbeatTimeoutNs / 1_000_000 + " ms");
        }
        if (markFileWaitMs < 0)
        {
            throw new IllegalArgumentException("markFileWait: 0 or more, was " + markFileWaitMs + " ms");
        }
        if (idleNs < MIN_IDLE_NS || idleNs > MAX_IDLE_NS)
        {
            throw new IllegalArgumentException("idle: 10 µs to 100 ms, was " + idleNs / 1_000 + " µs");
        }
        checkMtu(mtu);
        return this;
    }

    /**
     * The first base from a start derived from the process id whose {@code size} members' ports
     * ({@code base + 100 i + 1..5}) are all free on loopback (UDP); {@code -Dexitengine.cluster.portBase} fixes it.
     */
    public static int freePortBase(final int size)
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
            for (int k = 1; k <= PORTS; k++)
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

    // ------------------------------------------------------------------ fields

    public int memberId()
    {
        return memberId;
    }

    public ClusterNodeConfig memberId(final int memberId)
    {
        this.memberId = memberId;
        return this;
    }

    public List<Member> members()
    {
        return members;
    }

    public ClusterNodeConfig members(final List<Member> members)
    {
        this.members = List.copyOf(members);
        return this;
    }

    public File clusterDir()
    {
        return clusterDir;
    }

    public ClusterNodeConfig clusterDir(final File dir)
    {
        this.clusterDir = dir;
        return this;
    }

    public File archiveDir()
    {
        return archiveDir;
    }

    public ClusterNodeConfig archiveDir(final File dir)
    {
        this.archiveDir = dir;
        return this;
    }

    /** The media driver's directory (deleted at start and at a clean shutdown; /dev/shm is a good place). */
    public File aeronDir()
    {
        return aeronDir;
    }

    public ClusterNodeConfig aeronDir(final File dir)
    {
        this.aeronDir = dir;
        return this;
    }

    /** Whether the member uses a media driver already running on {@link #aeronDir} (shared with other members) instead of its own. */
    public boolean sharedDriver()
    {
        return sharedDriver;
    }

    /**
     * true: the member starts no media driver of its own but uses the one running on {@link #aeronDir}, as members on one
     * machine may (Aeron's advice: one driver per machine); its local streams and counters are then told apart from the
     * other members' by its id ({@link ClusterNode}). false (the default): a driver of its own, started and closed with it.
     */
    public ClusterNodeConfig sharedDriver(final boolean shared)
    {
        this.sharedDriver = shared;
        return this;
    }

    public boolean cleanStart()
    {
        return cleanStart;
    }

    /** true: delete the cluster and archive directories' contents at start (a new cluster); false: go on from them. */
    public ClusterNodeConfig cleanStart(final boolean cleanStart)
    {
        this.cleanStart = cleanStart;
        return this;
    }

    public long leaderHeartbeatTimeoutNs()
    {
        return leaderHeartbeatTimeoutNs;
    }

    /** How long followers wait for the leader's heartbeat before electing another (default 1 s; interval a tenth of it). */
    public ClusterNodeConfig leaderHeartbeatTimeoutNs(final long ns)
    {
        this.leaderHeartbeatTimeoutNs = ns;
        return this;
    }

    /** The longest the member's threads sleep when idle ({@link #DEFAULT_IDLE_NS}: 1 ms). */
    public long idleNs()
    {
        return idleNs;
    }

    /**
     * The member's longest idle sleep: shorter cuts the latency of a hop that finds its thread asleep (the first input
     * after a quiet spell, most of all) for more wake-ups of its threads when quiet; on cores of their own, shorter is
     * better.
     */
    public ClusterNodeConfig idleNs(final long ns)
    {
        this.idleNs = ns;
        return this;
    }

    /** The largest frame the member's ingress and log publications send ({@link #DEFAULT_MTU}). */
    public int mtu()
    {
        return mtu;
    }

    /**
     * The largest frame the member sends its log and (as a client) its ingress in: no larger than the network between
     * the members carries without fragmenting ({@link #DEFAULT_MTU} on any; {@link #LOOPBACK_MTU} on one machine or with
     * jumbo frames). Checked by {@link #validate}.
     */
    public ClusterNodeConfig mtu(final int mtu)
    {
        this.mtu = mtu;
        return this;
    }

    /** Whether Aeron takes {@code mtu}: 64 bytes (its headers) to {@link #MAX_MTU}, a multiple of 32. */
    public static boolean isValidMtu(final long mtu)
    {
        return mtu >= 64 && mtu <= MAX_MTU && mtu % 32 == 0;
    }

    /** {@code mtu}, or refused as {@link #isValidMtu} says. */
    public static int checkMtu(final int mtu)
    {
        if (!isValidMtu(mtu))
        {
            throw new IllegalArgumentException("mtu: " + MTU_RULE + ", was " + mtu);
        }
        return mtu;
    }

    public long markFileWaitMs()
    {
        return markFileWaitMs;
    }

    /**
     * How long a start waits for the mark files of a previous process on the same directories to go stale
     * (a process killed with SIGKILL leaves them live for about 10 s); 0: refuse at once.
     */
    public ClusterNodeConfig markFileWaitMs(final long ms)
    {
        this.markFileWaitMs = ms;
        return this;
    }

    public Consumer<String> progress()
    {
        return progress;
    }

    /** Where start-up says what it waits for (one line each). */
    public ClusterNodeConfig progress(final Consumer<String> progress)
    {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }
}
