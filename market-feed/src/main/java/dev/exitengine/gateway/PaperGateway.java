package dev.exitengine.gateway;

import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;

import java.math.RoundingMode;

/**
 * A simulated venue. Optionally acknowledges each close order at once, and fills it whole at the symbol's next
 * market event after the order (and at least {@code latencyMs} of event time later): a trade fills at
 * its price, a quote at the bid for a sell and the ask for a buy, a mark at the mark price; slippage
 * in basis points moves the price against the order, rounded to the tick against it too. The fee is
 * the instrument's taker rate. Everything keys on event time and sequence, so a lockstep run fills
 * identically every time.
 */
public final class PaperGateway implements OrderGateway
{
    private final long latencyMs;
    private final long slippageBps;
    private final boolean acks;
    private final double rejectRate;
    private final double partialRate;
    private final PaperRandom random;
    private GatewayResponses responses;

    // pending orders in arrival order, struct of arrays; small: one per closing position
    private long[] coid = new long[16];
    private long[] seq = new long[16];
    private long[] ts = new long[16];
    private int[] symbol = new int[16];
    private boolean[] sell = new boolean[16];
    private long[] qty = new long[16];
    private long[] tick = new long[16];
    private long[] step = new long[16];
    private long[] taker = new long[16];
    private int size;

    public PaperGateway(final long latencyMs, final long slippageBps)
    {
        this(latencyMs, slippageBps, false);
    }

    /** @param acks whether to acknowledge each order as an input of its own before it fills. */
    public PaperGateway(final long latencyMs, final long slippageBps, final boolean acks)
    {
        this(latencyMs, slippageBps, acks, 0, 0, 0);
    }

    /**
     * A venue that misbehaves on purpose, reproducibly for a seed: {@code rejectRate} of the orders are
     * rejected at once, {@code partialRate} of the fills fill half (rounded down to the step), the rest at
     * the next market event after that.
     */
    public PaperGateway(final long latencyMs, final long slippageBps, final boolean acks, final double rejectRate,
        final double partialRate, final long seed)
    {
        if (rejectRate < 0 || rejectRate > 1 || partialRate < 0 || partialRate > 1)
        {
            throw new IllegalArgumentException("paper gateway rejectRate and partialRate must be in [0, 1]");
        }
        this.rejectRate = rejectRate;
        this.partialRate = partialRate;
        this.random = new PaperRandom(seed);
        this.acks = acks;
        if (latencyMs < 0 || slippageBps < 0)
        {
            throw new IllegalArgumentException("paper gateway latencyMs and slippageBps must not be negative");
        }
        this.latencyMs = latencyMs;
        this.slippageBps = slippageBps;
    }

    @Override
    public void bind(final GatewayResponses responses)
    {
        this.responses = responses;
    }

    @Override
    public void send(final CloseOrder order)
    {
        if (rejectRate > 0 && random.nextDouble() < rejectRate)
        {
            responses.reject(order.ts, order.clientOrderId, "paper: injected reject");
            return;
        }
        if (size == coid.length)
        {
            grow();
        }
        coid[size] = order.clientOrderId;
        seq[size] = order.seq;
        ts[size] = order.ts;
        symbol[size] = order.symbolId;
        sell[size] = order.side == Side.SELL;
        qty[size] = order.qty;
        tick[size] = order.tickSize;
        step[size] = order.stepSize;
        taker[size] = order.takerFee;
        size++;
        if (acks)
        {
            responses.ack(order.ts, order.clientOrderId);
        }
    }

    /** Its state follows from the orders and market events alone: a resumed run's re-run rebuilds it. */
    @Override
    public Recovery recovery()
    {
        return Recovery.REDERIVE;
    }

    @Override
    public void onMarketEvent(final EngineEvent e)
    {
        int i = 0;
        while (i < size)
        {
            if (symbol[i] == e.symbolId && e.seq > seq[i] && e.ts >= ts[i] + latencyMs)
            {
                final long base = priceFor(e, sell[i]);
                if (base > 0)
                {
                    final long price = slipped(base, sell[i], tick[i]);
                    long fillQty = qty[i];
                    if (partialRate > 0 && random.nextDouble() < partialRate)
                    {
                        final long half = Fixed.roundDownToStep(qty[i] / 2, step[i]);
                        if (half > 0)
                        {
                            fillQty = half;
                        }
                    }
                    final long notional = Fixed.mulDiv(fillQty, price, Fixed.ONE, RoundingMode.HALF_UP);
                    final long fee = Fixed.mulDiv(notional, taker[i], Fixed.ONE, RoundingMode.HALF_UP);
                    responses.fill(e.ts, coid[i], fillQty, price, fee);
                    if (fillQty < qty[i])
                    {
                        // the rest fills at a later market event
                        qty[i] -= fillQty;
                        seq[i] = e.seq;
                        ts[i] = e.ts;
                        i++;
                        continue;
                    }
                    removeAt(i);
                    continue;
                }
            }
            i++;
        }
    }

    private static long priceFor(final EngineEvent e, final boolean sell)
    {
        if (e.type == EventType.QUOTE)
        {
            return sell ? e.bid : e.ask;
        }
        return e.price;
    }

    private long slipped(final long price, final boolean sell, final long tickSize)
    {
        if (slippageBps == 0)
        {
            return price;
        }
        final long move = Fixed.mulDiv(price, slippageBps, 10_000L * Fixed.ONE, RoundingMode.CEILING);
        final long raw = sell ? price - move : price + move;
        return Fixed.roundToTick(raw, tickSize, !sell);
    }

    /** Orders waiting for a price and the random state: a resumed run restores them with the engine. */
    @Override
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.putInt(1);
        w.putLong(random.state());
        w.putInt(size);
        for (int i = 0; i < size; i++)
        {
            w.putLong(coid[i]);
            w.putLong(seq[i]);
            w.putLong(ts[i]);
            w.putInt(symbol[i]);
            w.putBoolean(sell[i]);
            w.putLong(qty[i]);
            w.putLong(tick[i]);
            w.putLong(step[i]);
            w.putLong(taker[i]);
        }
    }

    @Override
    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        if (r.getInt() != 1)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: holds no paper venue state, this run's venue is paper");
        }
        random.state(r.getLong());
        size = 0;
        final int n = r.getInt();
        for (int i = 0; i < n; i++)
        {
            if (size == coid.length)
            {
                grow();
            }
            coid[size] = r.getLong();
            seq[size] = r.getLong();
            ts[size] = r.getLong();
            symbol[size] = r.getInt();
            sell[size] = r.getBoolean();
            qty[size] = r.getLong();
            tick[size] = r.getLong();
            step[size] = r.getLong();
            taker[size] = r.getLong();
            size++;
        }
    }

    public int pending()
    {
        return size;
    }

    private void removeAt(final int i)
    {
        final int tail = size - i - 1;
        if (tail > 0)
        {
            System.arraycopy(coid, i + 1, coid, i, tail);
            System.arraycopy(seq, i + 1, seq, i, tail);
            System.arraycopy(ts, i + 1, ts, i, tail);
            System.arraycopy(symbol, i + 1, symbol, i, tail);
            System.arraycopy(sell, i + 1, sell, i, tail);
            System.arraycopy(qty, i + 1, qty, i, tail);
            System.arraycopy(tick, i + 1, tick, i, tail);
            System.arraycopy(step, i + 1, step, i, tail);
            System.arraycopy(taker, i + 1, taker, i, tail);
        }
        size--;
    }

    private void grow()
    {
        final int n = coid.length * 2;
        coid = java.util.Arrays.copyOf(coid, n);
        seq = java.util.Arrays.copyOf(seq, n);
        ts = java.util.Arrays.copyOf(ts, n);
        symbol = java.util.Arrays.copyOf(symbol, n);
        sell = java.util.Arrays.copyOf(sell, n);
        qty = java.util.Arrays.copyOf(qty, n);
        tick = java.util.Arrays.copyOf(tick, n);
        step = java.util.Arrays.copyOf(step, n);
        taker = java.util.Arrays.copyOf(taker, n);
    }
}
