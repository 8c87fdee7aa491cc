package dev.exitengine.tools.live;

import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import io.aeron.cluster.client.AeronCluster;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A clustered live member's way into the cluster's log: one ingress client (request numbers the service
 * de-duplicates, a window resent across leader changes) fed by the member's duty-cycle thread. Market
 * events and timers go in only while this member leads — every member watches the venue's streams, but
 * one copy of the market enters the log, the leader's, and a follower's streams are a warm standby that
 * takes over when it is elected. Admin lines (positions, profiles, commands) go in from any member.
 * <p>
 * Inputs gather in one message while the acknowledgements of earlier ones are awaited: {@link #endPass}
 * hands the message on when fewer than {@link #IN_FLIGHT} messages are unacknowledged, so a burst of
 * market data becomes few large messages instead of a queue of small ones. One thread. The {@code cluster}
 * benchmark section times its path, an input handed in to the leader's decision on it.
 */
public final class ClusterForwarder implements LiveServices.MarketTarget
{
    /**
     * Messages in flight before inputs wait in the message being filled: one. A message goes at once when nothing is
     * unacknowledged, else the inputs gather until the acknowledgement comes (or the message is full), so the
     * messages grow with the rate. With 16, a steady 50,000 inputs/s went as a message per input and queued: input →
     * decision p50 about 10 ms, against 1.3 ms.
     */
    static final int IN_FLIGHT = 1;

    private final List<String> symbols;
    private final BooleanSupplier leading;
    private final long clientId;
    private final Supplier<AeronCluster.Context> contexts;
    private final ClusterInputEncoder encoder;
    private ClusterIngressClient client;
    private boolean lead;
    /** The last request handed on (or sent by the encoder itself, at a full message). */
    private long handedOn;
    private long forwarded;
    private long standby;
    private long failures;
    private String lastFailure;

    /**
     * @param symbols  the venue's symbols: their ids here are their places in this list
     * @param leading  whether this member leads the cluster now (read once a pass)
     * @param clientId an id no other sender uses with this cluster, across restarts too
     * @param contexts a fresh client context each call, on this member's media driver
     */
    public ClusterForwarder(final List<String> symbols, final BooleanSupplier leading, final long clientId,
        final Supplier<AeronCluster.Context> contexts)
    {
        this.symbols = List.copyOf(symbols);
        this.leading = leading;
        this.clientId = clientId;
        this.contexts = contexts;
        this.encoder = new ClusterInputEncoder(clientId, this::send);
    }

    /** Connects the ingress client (it finds the leader); throws when no leader answers within the client's timeout. */
    public void connect()
    {
        if (client == null)
        {
            client = new ClusterIngressClient(clientId, contexts);
        }
    }

    private void send(final DirectBuffer buffer, final int offset, final int length, final long lastRequest)
    {
        connect();
        client.send(buffer, offset, length, lastRequest);
    }

    /** At the start of a duty-cycle pass: whether this member leads, for the whole pass. */
    public boolean beginPass()
    {
        lead = leading.getAsBoolean();
        return lead;
    }

    /** At the end of a pass: the gathered inputs handed on when the window allows, acknowledgements read. Returns work done. */
    public int endPass()
    {
        int work = 0;
        if (encoder.lastRequest() > handedOn && (client == null || client.unacknowledged() < IN_FLIGHT))
        {
            encoder.flush();
            handedOn = encoder.lastRequest();
            work++;
        }
        // waiting for acknowledgements is not work: the duty cycle backs off meanwhile
        return client == null ? work : work + client.poll();
    }

    /** Where admin lines and the venue's inputs go: into the message being filled, from any member. */
    public InputSink inputs()
    {
        return encoder;
    }

    /** The venue's clock for time rules on a quiet market; only the leader's goes in. */
    public void timer(final long ts)
    {
        if (lead)
        {
            encoder.timer(ts);
        }
    }

    @Override
    public int symbolId(final String symbol)
    {
        final int id = symbols.indexOf(symbol);
        if (id < 0)
        {
            throw new IllegalArgumentException("not one of the venue's symbols: " + symbol);
        }
        return id;
    }

    @Override
    public void quote(final int symbolId, final long ts, final long bid, final long ask)
    {
        if (lead)
        {
            encoder.quote(ts, symbols.get(symbolId), bid, ask);
            forwarded++;
        }
        else
        {
            standby++;
        }
    }

    @Override
    public void trade(final int symbolId, final long ts, final long price, final long qty)
    {
        if (lead)
        {
            encoder.trade(ts, symbols.get(symbolId), price, qty);
            forwarded++;
        }
        else
        {
            standby++;
        }
    }

    @Override
    public void mark(final int symbolId, final long ts, final long price)
    {
        if (lead)
        {
            encoder.mark(ts, symbols.get(symbolId), price);
            forwarded++;
        }
        else
        {
            standby++;
        }
    }

    /** A failure to hand inputs on (no leader yet, a reconnection timed out): noted; what was encoded stays for the next try. */
    public void failed(final RuntimeException ex)
    {
        failures++;
        lastFailure = ex.toString();
    }

    /** Market events this member put into the cluster (as leader). */
    public long forwarded()
    {
        return forwarded;
    }

    /** Market events this member's streams decoded while another member led (not forwarded). */
    public long standby()
    {
        return standby;
    }

    public long failures()
    {
        return failures;
    }

    public String lastFailure()
    {
        return lastFailure;
    }

    /** Requests the cluster acknowledged (applied). */
    public long acknowledged()
    {
        return client == null ? 0 : client.acknowledged();
    }

    /**
     * Hands on what is gathered and waits up to {@code timeoutMs} for the cluster to acknowledge all of it;
     * true when it did, false when it did not or no leader could be reached (the other members stopping too).
     */
    public boolean finish(final long timeoutMs)
    {
        if (encoder.lastRequest() == 0 || encoder.lastRequest() <= acknowledged())
        {
            return true;
        }
        try
        {
            encoder.flush();
            handedOn = encoder.lastRequest();
            return client.awaitAcknowledged(timeoutMs);
        }
        catch (final RuntimeException ex)
        {
            failed(ex);
            return false;
        }
    }

    public void close()
    {
        CloseHelper.quietClose(client);
    }
}
