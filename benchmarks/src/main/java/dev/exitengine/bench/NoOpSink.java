package dev.exitengine.bench;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/** Takes every input and does nothing: a feed's reading alone, or a base for a sink that keeps one kind. */
class NoOpSink implements InputSink
{
    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
    }

    @Override
    public void profile(final ExitProfile profile)
    {
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
    }

    @Override
    public void command(final long ts, final Command command)
    {
    }

    @Override
    public void timer(final long ts)
    {
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
    }

    @Override
    public void rejected(final String where, final String what)
    {
    }
}
