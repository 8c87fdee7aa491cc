package dev.exitengine.tools.live;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.journal.cluster.ClusterNodeConfig;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * The configuration's {@code cluster} section: with it, {@code live} runs as one member of a cluster of
 * exit engines ({@link ClusteredLiveProcess}) instead of a single process. Every error names the key:
 * <pre>
 * "cluster": {"members": "0=10.0.0.1:20000,1=10.0.0.2:20000,2=10.0.0.3:20000", "memberId": 0,
 *             "dir": "/var/lib/exit-engine/member", "aeronDir": "/dev/shm/exit-engine-member",
 *             "heartbeatTimeoutMs": 1000, "markFileWaitMs": 20000, "idleMicros": 1000, "mtu": 1408,
 *             "firstPositionId": 17650000000000}
 * </pre>
 * {@code members} is the same on every member; {@code memberId} says which one this process is (or
 * {@code live --member ID}, so one file serves all); {@code dir} holds the member's cluster, archive and
 * media driver folders (and, as a single process's journal folder does, the counters file and the admin
 * token); {@code aeronDir} moves the media driver's folder (to {@code /dev/shm}, say); {@code idleMicros} is
 * how long its threads sleep when idle (1000); {@code mtu} the largest frame it sends (1408, which any network
 * carries; 8192 where the members share a machine or a network with jumbo frames); with real orders
 * ({@code "dryRun": false}) {@code firstPositionId} is needed: a new range for each new cluster.
 */
public final class ClusterSection
{
    /** The member list as {@code cluster member --members} takes it. */
    public String members;
    /** This process's member id; -1: not given here ({@code live --member} must give it). */
    public int memberId = -1;
    public String dir;
    public String aeronDir;
    public long heartbeatTimeoutMs = 1_000;
    public long markFileWaitMs = 20_000;
    /** The longest the member's threads sleep when idle, backing off to it (see {@code cluster member --idle}). */
    public long idleMicros = ClusterNodeConfig.DEFAULT_IDLE_NS / 1_000;
    /** The largest frame the member sends (see {@code cluster member --mtu}). */
    public int mtu = ClusterNodeConfig.DEFAULT_MTU;
    /**
     * Real orders: the cluster's first position id, so its client order ids ({@code xe-<position>-<attempt>})
     * are none an earlier run used (a single process takes its start time; members must agree, so the
     * configuration says); 0: not given.
     */
    public long firstPositionId;

    /** Reads the section at its START_OBJECT; throws IllegalArgumentException naming {@code cluster.KEY}. */
    public static ClusterSection parse(final JsonParser p) throws IOException
    {
        final ClusterSection c = new ClusterSection();
        VenueSection.require(p.currentToken() == JsonToken.START_OBJECT, "cluster", "must be an object");
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String k = p.currentName();
            final JsonToken t = p.nextToken();
            switch (k)
            {
                case "members":
                    VenueSection.require(t == JsonToken.VALUE_STRING, "cluster.members", "must be a string (0=HOST:PORTBASE,...)");
                    c.members = p.getText();
                    try
                    {
                        ClusterNodeConfig.parseMembers(c.members);
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        throw new IllegalArgumentException("cluster.members: " + ex.getMessage(), ex);
                    }
                    break;
                case "memberId":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && p.getIntValue() >= 0, "cluster.memberId",
                        "must be a whole number, 0 or more");
                    c.memberId = p.getIntValue();
                    break;
                case "dir":
                    VenueSection.require(t == JsonToken.VALUE_STRING, "cluster.dir", "must be a string (a folder)");
                    c.dir = p.getText();
                    break;
                case "aeronDir":
                    VenueSection.require(t == JsonToken.VALUE_STRING, "cluster.aeronDir", "must be a string (a folder)");
                    c.aeronDir = p.getText();
                    break;
                case "heartbeatTimeoutMs":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 200 && p.getLongValue() <= 60_000,
                        "cluster.heartbeatTimeoutMs", "must be 200 to 60000");
                    c.heartbeatTimeoutMs = p.getLongValue();
                    break;
                case "markFileWaitMs":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0, "cluster.markFileWaitMs",
                        "must be a whole number, 0 or more");
                    c.markFileWaitMs = p.getLongValue();
                    break;
                case "idleMicros":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 10 && p.getLongValue() <= 100_000,
                        "cluster.idleMicros", "must be 10 to 100000");
                    c.idleMicros = p.getLongValue();
                    break;
                case "mtu":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && ClusterNodeConfig.isValidMtu(p.getLongValue()), "cluster.mtu",
                        "must be " + ClusterNodeConfig.MTU_RULE);
                    c.mtu = p.getIntValue();
                    break;
                case "firstPositionId":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 1, "cluster.firstPositionId",
                        "must be a whole number, 1 or more (e.g. the first start's epoch seconds × 10,000)");
                    c.firstPositionId = p.getLongValue();
                    break;
                default:
                    throw new IllegalArgumentException("cluster." + k + ": unknown key");
            }
        }
        VenueSection.require(c.members != null, "cluster.members", "needed (0=HOST:PORTBASE,1=...,2=...)");
        VenueSection.require(c.dir != null, "cluster.dir", "needed (the member's folder)");
        return c;
    }

    /**
     * The member's node configuration: member {@code id} ({@code memberId} when -1), its folders under
     * {@code dir}. Throws IllegalArgumentException naming what is wrong.
     */
    public ClusterNodeConfig nodeConfig(final int id)
    {
        final int self = id >= 0 ? id : memberId;
        if (self < 0)
        {
            throw new IllegalArgumentException("cluster.memberId: needed here or as live --member ID");
        }
        final List<ClusterNodeConfig.Member> list = ClusterNodeConfig.parseMembers(members);
        if (list.stream().noneMatch(m -> m.id() == self))
        {
            throw new IllegalArgumentException("cluster.memberId: " + self + " is not one of cluster.members (" + members + ")");
        }
        final File base = new File(dir);
        return ClusterNodeConfig.inDirectory(self, list, base)
            .aeronDir(aeronDir != null ? new File(aeronDir) : new File(base, "aeron"))
            .leaderHeartbeatTimeoutNs(heartbeatTimeoutMs * 1_000_000L)
            .markFileWaitMs(markFileWaitMs)
            .idleNs(idleMicros * 1_000)
            .mtu(mtu)
            .validate();
    }
}
