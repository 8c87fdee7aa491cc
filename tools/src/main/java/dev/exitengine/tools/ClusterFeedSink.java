package dev.exitengine.tools;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.journal.cluster.ClusterInputEncoder;

import java.util.List;

/**
 * A feed's inputs into a {@link ClusterInputEncoder}, for {@code cluster local} and {@code cluster feed}:
 * counts inputs, refuses the kinds the cluster does not carry yet ({@link NotCarried}, naming the line),
 * reports lines the feed could not read as a single process does, and calls a hook after the N-th input
 * ({@code cluster local} stops its leader there).
 */
final class ClusterFeedSink implements InputSink
{
    /** What happens after the N-th input; returns the member stopped. */
    interface Kill
    {
        int kill();
    }

    /** A feed line of a kind the cluster does not carry yet. */
    static final class NotCarried extends RuntimeException
    {
        NotCarried(final String where, final String kind)
        {
            super(where + " is a '" + kind + "' line, which the cluster does not carry yet (market data, "
                + "timers, instruments, profiles and entry fills only; issue 19)", null, false, false);
        }
    }

    private final ClusterInputEncoder encoder;
    private final long killAfter;
    private final Kill killer;
    private boolean quiet;
    long inputs;
    int killed = -1;
    long killedAfter;
    private String source;
    private long line;

    ClusterFeedSink(final ClusterInputEncoder encoder, final long killAfter, final Kill killer)
    {
        this.encoder = encoder;
        this.killAfter = killAfter;
        this.killer = killer;
    }

    /** A sink that sends nothing anywhere and prints nothing: a first pass that finds a line the cluster does not carry. */
    static ClusterFeedSink check()
    {
        final ClusterFeedSink sink = new ClusterFeedSink(new ClusterInputEncoder(0, (buffer, offset, length, lastRequest) -> { }), -1, null);
        sink.quiet = true;
        return sink;
    }

    void kill()
    {
        killed = killer.kill();
        killedAfter = inputs;
    }

    private void delivered()
    {
        inputs++;
        if (inputs == killAfter)
        {
            kill();
        }
    }

    private NotCarried refuse(final String kind)
    {
        return new NotCarried(source == null ? "the feed's input #" + (inputs + 1) : source + ":" + line, kind);
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        encoder.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
        delivered();
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        encoder.profile(profile);
        delivered();
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        encoder.trade(ts, symbol, price, qty);
        delivered();
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        encoder.quote(ts, symbol, bid, ask);
        delivered();
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        encoder.mark(ts, symbol, price);
        delivered();
    }

    @Override
    public void timer(final long ts)
    {
        encoder.timer(ts);
        delivered();
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        encoder.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
        delivered();
    }

    @Override
    public void command(final long ts, final Command command)
    {
        throw refuse("command");
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        throw refuse("ack");
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        throw refuse("reject");
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        throw refuse("orderFill");
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        throw refuse("expired");
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        throw refuse("snapshot");
    }

    @Override
    public void position(final String source, final long line)
    {
        this.source = source;
        this.line = line;
    }

    @Override
    public void rejected(final String where, final String what)
    {
        if (!quiet)
        {
            // as a single process reports it
            System.err.println("rejected " + where + ": " + what);
        }
        encoder.rejected(where, what);
    }
}
