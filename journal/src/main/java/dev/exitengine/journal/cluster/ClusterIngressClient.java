package dev.exitengine.journal.cluster;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Sends one client's ingress messages ({@link ClusterInputEncoder}) to the cluster, none lost and none
 * applied twice across leader changes: every message stays in a window until the leader acknowledges its
 * last request ({@link ClusterWire}); after a new leader is announced, after a session is lost (a new one is
 * connected), or when nothing was acknowledged for {@link #RESEND_AFTER_NS}, the whole window is sent again
 * in order. The service skips what it applied already (by request number, per client), so resending is
 * always safe; and because the window is resent from its first message, in order, no request is ever
 * skipped. Polls egress all the time it waits. One thread.
 */
public final class ClusterIngressClient implements ClusterInputEncoder.Sender, EgressListener, AutoCloseable
{
    /** Messages in flight before the sender waits for acknowledgements. */
    public static final int WINDOW = 32;
    public static final long RESEND_AFTER_NS = 1_000_000_000L;

    private final long clientId;
    private final Supplier<AeronCluster.Context> contexts;
    private final ArrayDeque<byte[]> window = new ArrayDeque<>();
    private final ArrayDeque<Long> windowLast = new ArrayDeque<>();
    /** While the window is full or acknowledgements are awaited (a member's own back-off: microseconds under load, 1 ms quiet). */
    private final IdleStrategy idle = ClusterNode.idleStrategy(ClusterNodeConfig.DEFAULT_IDLE_NS);
    private final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(0, 0);
    private AeronCluster cluster;
    /** Messages of the window sent (from its head) since it was last resent. */
    private int sent;
    private long acknowledged;
    private long lastProgressNs = System.nanoTime();
    private boolean resend;
    private long resends;
    private long reconnects;
    private long leaderChanges;

    /**
     * @param contexts a fresh client context each call (its egress listener is set here), for the first
     *                 connection and any reconnection
     */
    public ClusterIngressClient(final long clientId, final Supplier<AeronCluster.Context> contexts)
    {
        this.clientId = clientId;
        this.contexts = contexts;
        connect();
    }

    private void connect()
    {
        cluster = AeronCluster.connect(contexts.get().egressListener(this));
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length, final long lastRequest)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        window.addLast(copy);
        windowLast.addLast(lastRequest);
        while (window.size() > WINDOW || sent < window.size())
        {
            if (pump() == 0)
            {
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
    }

    /** Waits until every request sent is acknowledged; false when {@code timeoutMs} passed first. */
    public boolean awaitAcknowledged(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!window.isEmpty())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            if (pump() == 0)
            {
                idle.idle();
            }
        }
        return true;
    }

    /**
     * One round without waiting, for a sender with a duty cycle of its own: the acknowledgements that
     * arrived, then what the window has to send. Returns work done.
     */
    public int poll()
    {
        return pump();
    }

    /** Messages sent or to send that the cluster has not acknowledged yet. */
    public int unacknowledged()
    {
        return window.size();
    }

    /** One round: egress, then what the window has to send. Returns work done. */
    private int pump()
    {
        int work = pollEgress();
        if (!window.isEmpty() && System.nanoTime() - lastProgressNs > RESEND_AFTER_NS)
        {
            resend = true;
            lastProgressNs = System.nanoTime();
        }
        if (resend)
        {
            resend = false;
            if (sent > 0)
            {
                resends++;
            }
            sent = 0;
        }
        final Iterator<byte[]> it = window.iterator();
        for (int i = 0; i < sent; i++)
        {
            it.next();
        }
        while (it.hasNext())
        {
            final byte[] m = it.next();
            view.wrap(m);
            final long result = cluster.offer(view, 0, m.length);
            if (result > 0)
            {
                sent++;
                work++;
                continue;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || cluster.isClosed())
            {
                // the session is gone (closed by the cluster, or timed out while leaderless): a new one, the whole window again
                CloseHelper.quietClose(cluster);
                reconnects++;
                connect();
                resend = true;
            }
            break; // back pressure, not connected, admin action: egress first, then again
        }
        return work;
    }

    private int pollEgress()
    {
        return cluster.isClosed() ? 0 : cluster.pollEgress();
    }

    @Override
    public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset, final int length,
        final Header header)
    {
        if (length < ClusterWire.ACK_LENGTH || buffer.getLong(offset + ClusterWire.ACK_CLIENT_ID_OFFSET, ClusterWire.ORDER) != clientId)
        {
            return;
        }
        final long last = buffer.getLong(offset + ClusterWire.ACK_LAST_APPLIED_OFFSET, ClusterWire.ORDER);
        if (last > acknowledged)
        {
            acknowledged = last;
            lastProgressNs = System.nanoTime();
        }
        while (!windowLast.isEmpty() && windowLast.peekFirst() <= acknowledged)
        {
            window.removeFirst();
            windowLast.removeFirst();
            sent = Math.max(0, sent - 1);
        }
    }

    @Override
    public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
    {
        // what the old leader took but never committed is gone: send the window again (the service skips what it has)
        leaderChanges++;
        resend = true;
    }

    /** The last request the cluster acknowledged. */
    public long acknowledged()
    {
        return acknowledged;
    }

    /** How many times the window was sent again (after a new leader, a new session or a silence). */
    public long resends()
    {
        return resends;
    }

    public long reconnects()
    {
        return reconnects;
    }

    public long leaderChanges()
    {
        return leaderChanges;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(cluster);
    }
}
