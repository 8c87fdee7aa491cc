package dev.exitengine.journal.cluster;

import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import io.aeron.cluster.client.AeronCluster;
import org.agrona.CloseHelper;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One member's venue: the real {@link OrderGateway} of that member, bound not to the engine but to answers
 * that go back into the cluster's log. The gateway answers as it always does (acks, rejects, fills, expiries
 * into the {@link GatewayResponses} it was bound to); a thread of this class ("the venue adapter") drains
 * them and sends them as ingress records ({@link ClusterInputEncoder}) through its own
 * {@link ClusterIngressClient}, so every member applies them at the same log position. Nothing the venue
 * says is applied locally: a leader that dies before its venue's answer entered the log leaves the close
 * in flight, and the next leader looks it up ({@link ClusteredExitEngine}).
 * <p>
 * The adapter connects on the first answer (a follower's venue, which is never sent anything, never
 * connects). Its client id must be one no other sender has used with this cluster, also across restarts
 * (the service de-duplicates by client id and request number, and a restarted adapter counts from 1 again):
 * e.g. a range per member plus a start counter.
 */
public final class ClusterVenue implements AutoCloseable
{
    private static final long CLOSE_WAIT_MS = 2_000;

    private final OrderGateway gateway;
    private final GatewayResponses answers = new GatewayResponses(1 << 16);
    private final long clientId;
    private final Supplier<AeronCluster.Context> contexts;
    private final Thread adapter;
    private volatile boolean running = true;
    private boolean closed;
    private volatile long answersSent;
    private volatile String failure;
    private volatile long failures;
    /** While false, answers are dropped, not sent (null: always sent). */
    private volatile BooleanSupplier sendWhile;
    private volatile long dropped;

    /**
     * @param gateway  this member's gateway to the venue; bound here, to the answers that go to the cluster
     * @param clientId the adapter's client id (unique per adapter start, see the class comment)
     * @param contexts a fresh client context of the cluster each call, called on the adapter's thread when it connects
     */
    public ClusterVenue(final OrderGateway gateway, final long clientId, final Supplier<AeronCluster.Context> contexts)
    {
        this.gateway = gateway;
        this.clientId = clientId;
        this.contexts = contexts;
        gateway.bind(answers);
        adapter = new Thread(this::run, "cluster-venue-" + clientId);
        adapter.setDaemon(true);
        adapter.start();
    }

    /**
     * Sends the gateway's answers only while {@code condition} holds (the member leads), dropping them
     * otherwise. For a venue every member hears, as Binance's user data stream tells every connection of an
     * account about every order of it: the followers' copies of the leader's answers must not enter the log
     * a second time. What a new leader missed meanwhile it looks up (the closes in flight, by id).
     */
    public ClusterVenue sendOnlyWhile(final BooleanSupplier condition)
    {
        this.sendWhile = condition;
        return this;
    }

    /** Answers dropped because this member did not lead ({@link #sendOnlyWhile}). */
    public long dropped()
    {
        return dropped;
    }

    /** The member's gateway (already bound). Service thread only, as a single process's close handler. */
    public OrderGateway gateway()
    {
        return gateway;
    }

    /** Where the gateway's answers wait for the adapter; the service also writes a failed send here as a reject. */
    public GatewayResponses answers()
    {
        return answers;
    }

    public long clientId()
    {
        return clientId;
    }

    /** Answers taken from the gateway and encoded for the cluster (in the ingress client's window once flushed). */
    public long answersSent()
    {
        return answersSent;
    }

    /** The adapter's last failure to hand answers on (it retried), or null. */
    public String failure()
    {
        return failure;
    }

    /** Times the adapter could not hand answers on at once (no leader, a reconnection timed out) and retried. */
    public long failures()
    {
        return failures;
    }

    private void run()
    {
        ClusterIngressClient client = null;
        ClusterInputEncoder encoder = null;
        final Forward forward = new Forward();
        boolean unflushed = false;
        while (running)
        {
            try
            {
                if (answers.isEmpty() && !unflushed)
                {
                    if (client == null || client.awaitAcknowledged(1))
                    {
                        sleep(1);
                    }
                    continue;
                }
                final BooleanSupplier gate = sendWhile;
                if (!unflushed && gate != null && !gate.getAsBoolean())
                {
                    dropped += answers.drain(DROP);
                    continue;
                }
                if (client == null)
                {
                    client = new ClusterIngressClient(clientId, contexts);
                    encoder = new ClusterInputEncoder(clientId, client);
                }
                forward.encoder = encoder;
                unflushed = true;
                final int n = answers.drain(forward);
                answersSent += n;
                encoder.flush();
                unflushed = false;
            }
            catch (final RuntimeException ex)
            {
                // no leader to connect to yet, or a reconnection that timed out: the same client and encoder go on
                // (what they hold is sent again, and the service skips what it applied), so no answer is lost
                failure = ex.toString();
                failures++;
                sleep(100);
            }
        }
        CloseHelper.quietClose(client);
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

    /** Stops the adapter (what it has not handed on is lost, as with a crash) and closes the gateway; once, however often called. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        running = false;
        try
        {
            adapter.join(CLOSE_WAIT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietClose(gateway);
    }

    /** Answers not sent: a follower's copies of its leader's answers. */
    private static final GatewayResponses.Handler DROP = new GatewayResponses.Handler()
    {
        @Override
        public void onAck(final long ts, final long clientOrderId)
        {
        }

        @Override
        public void onReject(final long ts, final long clientOrderId, final String reason)
        {
        }

        @Override
        public void onFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
        {
        }

        @Override
        public void onExpired(final long ts, final long clientOrderId)
        {
        }
    };

    /** The gateway's answers as ingress records, by the engine's text form of the client order id. */
    private static final class Forward implements GatewayResponses.Handler
    {
        ClusterInputEncoder encoder;

        @Override
        public void onAck(final long ts, final long clientOrderId)
        {
            encoder.orderAck(ts, ClientOrderIds.toString(clientOrderId));
        }

        @Override
        public void onReject(final long ts, final long clientOrderId, final String reason)
        {
            encoder.orderReject(ts, ClientOrderIds.toString(clientOrderId), reason);
        }

        @Override
        public void onFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
        {
            encoder.orderFill(ts, ClientOrderIds.toString(clientOrderId), qty, price, fee);
        }

        @Override
        public void onExpired(final long ts, final long clientOrderId)
        {
            encoder.orderExpired(ts, ClientOrderIds.toString(clientOrderId));
        }
    }
}
