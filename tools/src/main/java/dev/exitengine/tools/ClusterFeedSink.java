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
 * every kind a feed delivers (market data, timers, instruments, profiles, fills, commands, venue answers,
 * position snapshots), counted; reports lines the feed could not read as a single process does, and calls
 * a hook after the N-th input ({@code cluster local} stops its leader there).
 */
final class ClusterFeedSink implements InputSink
{
    /** What happens after the N-th input; returns the member stopped. */
    interface Kill
    {
        int kill();
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
        encoder.command(ts, command);
        delivered();
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        encoder.orderAck(ts, clientOrderId);
        delivered();
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        encoder.orderReject(ts, clientOrderId, reason);
        delivered();
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        encoder.orderFill(ts, clientOrderId, qty, price, fee);
        delivered();
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        encoder.orderExpired(ts, clientOrderId);
        delivered();
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        encoder.positionSnapshot(ts, account, positions);
        delivered();
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
