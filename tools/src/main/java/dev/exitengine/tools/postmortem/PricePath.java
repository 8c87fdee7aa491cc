package dev.exitengine.tools.postmortem;

import dev.exitengine.core.event.EventType;
import dev.exitengine.core.num.Fixed;

import java.util.Arrays;

/**
 * The prices of one symbol over a window, by source (trades, marks, bids, asks), for a chart: at most
 * {@code cap} points a source; past it every other point is dropped (a chart is a few thousand pixels
 * wide; the numbers a report states are kept exactly elsewhere).
 */
final class PricePath
{
    /** One source's points. */
    static final class Series
    {
        long[] ts = new long[1024];
        double[] price = new double[1024];
        int size;
        private int stride = 1;
        private long seen;

        void add(final long t, final long p, final int cap)
        {
            if (seen++ % stride != 0)
            {
                return;
            }
            if (size == cap)
            {
                int j = 0;
                for (int i = 0; i < size; i += 2)
                {
                    ts[j] = ts[i];
                    price[j] = price[i];
                    j++;
                }
                size = j;
                stride *= 2;
            }
            if (size == ts.length)
            {
                ts = Arrays.copyOf(ts, Math.min(cap, ts.length * 2));
                price = Arrays.copyOf(price, ts.length);
            }
            ts[size] = t;
            price[size] = Fixed.toDouble(p);
            size++;
        }

        long[] times()
        {
            return Arrays.copyOf(ts, size);
        }

        double[] values()
        {
            return Arrays.copyOf(price, size);
        }
    }

    final Series trades = new Series();
    final Series marks = new Series();
    final Series bids = new Series();
    final Series asks = new Series();
    private final int cap;

    PricePath(final int cap)
    {
        this.cap = cap;
    }

    /** A market event: a trade's or mark's price, or a quote's bid and ask. */
    void add(final EventType type, final long ts, final long priceOrBid, final long ask)
    {
        switch (type)
        {
            case TRADE:
                trades.add(ts, priceOrBid, cap);
                break;
            case MARK:
                marks.add(ts, priceOrBid, cap);
                break;
            case QUOTE:
                bids.add(ts, priceOrBid, cap);
                asks.add(ts, ask, cap);
                break;
            default:
                break;
        }
    }
}
