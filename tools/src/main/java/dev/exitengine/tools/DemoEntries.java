package dev.exitengine.tools;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * The demo's strategy stand-in: passes the real market data through and, every {@code interval}
 * trades, enters a position at that trade's price, alternating long and short, one account each. The
 * schedule is fixed, so the demo decides the same exits on every machine.
 */
final class DemoEntries implements InputSink
{
    private static final long[] SIZES = {Fixed.parse("0.1"), Fixed.parse("0.12"), Fixed.parse("0.08")};
    private final InputSink next;
    private final int interval;
    private final int maxEntries;
    private final String profile;
    private long trades;
    private int entries;

    DemoEntries(final InputSink next, final int interval, final int maxEntries, final String profile)
    {
        this.next = next;
        this.interval = interval;
        this.maxEntries = maxEntries;
        this.profile = profile;
    }

    int entries()
    {
        return entries;
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        next.trade(ts, symbol, price, qty);
        if (++trades % interval == 0 && entries < maxEntries)
        {
            final int n = entries++;
            final Side side = n % 2 == 0 ? Side.BUY : Side.SELL;
            // one account per entry: in one-way mode an opposite fill on the same account would net the position away
            final String account = String.format("trader-%02d", n + 1);
            next.fill(ts, account, symbol, side, PositionSide.BOTH, SIZES[n % SIZES.length], price, Fixed.NONE, "demo-" + (n + 1),
                profile);
        }
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        next.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    @Override
    public void profile(final ExitProfile p)
    {
        next.profile(p);
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        next.quote(ts, symbol, bid, ask);
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        next.mark(ts, symbol, price);
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String p)
    {
        next.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, p);
    }

    @Override
    public void command(final long ts, final Command command)
    {
        next.command(ts, command);
    }

    @Override
    public void timer(final long ts)
    {
        next.timer(ts);
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        next.orderAck(ts, clientOrderId);
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        next.orderReject(ts, clientOrderId, reason);
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        next.orderFill(ts, clientOrderId, qty, price, fee);
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        next.orderExpired(ts, clientOrderId);
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        next.positionSnapshot(ts, account, positions);
    }

    @Override
    public void rejected(final String where, final String what)
    {
        next.rejected(where, what);
    }
}
