package dev.exitengine.journal.cluster;

import java.nio.ByteOrder;

/**
 * The messages between a cluster client and {@link ClusteredExitEngine}.
 * <pre>
 * ingress (client to cluster): one journal document of input records
 *   0                   8
 *   +-------------------+------------------------------------------------------------+
 *   | long clientId     | records: NAME, EVENT and compact ticks ({@code EventCodec}) |
 *   +-------------------+------------------------------------------------------------+
 *   an event record's seq is the client's request number (1, 2, 3, ... per client, never reused);
 *   a NAME record defines the client's id for a symbol, account or profile before its first use;
 *   every event kind of the journal is carried: market data, timers, instruments, profiles, entry fills,
 *   commands, position snapshots, and venue answers (ack, reject, fill, expiry; the client order id as its
 *   number), which the leader's venue adapter ({@code ClusterVenue}) sends as a client of its own
 *
 * egress (leader to client): the acknowledgement
 *   0                   8                   16
 *   +-------------------+-------------------+
 *   | long clientId     | long lastApplied  |   every request up to lastApplied is in the log and applied
 *   +-------------------+-------------------+
 * </pre>
 */
public final class ClusterWire
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int CLIENT_ID_OFFSET = 0;
    public static final int RECORDS_OFFSET = 8;
    public static final int ACK_CLIENT_ID_OFFSET = 0;
    public static final int ACK_LAST_APPLIED_OFFSET = 8;
    public static final int ACK_LENGTH = 16;

    private ClusterWire()
    {
    }
}
