package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Position;

import java.util.Arrays;

/**
 * HOT: the last trade, bid, ask and mark price of each symbol (0 until seen). The dispatcher records
 * each market event by its type, so there is no second switch on the type here.
 */
final class LastPrices
{
    private long[] trade = new long[16];
    private long[] bid = new long[16];
    private long[] ask = new long[16];
    private long[] mark = new long[16];

    /** Grows every table to hold {@code capacity} symbols (the ingress only passes prices of defined symbols). */
    void ensureCapacity(final int capacity)
    {
        if (capacity > trade.length)
        {
            trade = Arrays.copyOf(trade, capacity);
            bid = Arrays.copyOf(bid, capacity);
            ask = Arrays.copyOf(ask, capacity);
            mark = Arrays.copyOf(mark, capacity);
        }
    }

    void trade(final int symbolId, final long price)
    {
        trade[symbolId] = price;
    }

    void mark(final int symbolId, final long price)
    {
        mark[symbolId] = price;
    }

    void quote(final int symbolId, final long bidPrice, final long askPrice)
    {
        bid[symbolId] = bidPrice;
        ask[symbolId] = askPrice;
    }

    /** The last price of the position's trigger source now ({@link Position#source()}) (a long exits at the bid, a short at the ask), or NONE. */
    long sourcePrice(final Position p)
    {
        final int s = p.symbolId;
        final TriggerSource source = p.source();
        final long price;
        switch (source)
        {
            case BID_ASK:
                price = p.isLong() ? bid[s] : ask[s];
                break;
            case MARK:
                price = mark[s];
                break;
            default:
                price = trade[s];
                break;
        }
        return price == 0 ? Fixed.NONE : price;
    }

    /** The symbol's last trade price, or NONE before its first trade. */
    long lastTrade(final int symbolId)
    {
        return symbolId < trade.length && trade[symbolId] != 0 ? trade[symbolId] : Fixed.NONE;
    }

    long stateHash()
    {
        long h = StateHash.SEED;
        for (int s = 0; s < trade.length; s++)
        {
            h = StateHash.mix(h, trade[s]);
            h = StateHash.mix(h, bid[s]);
            h = StateHash.mix(h, ask[s]);
            h = StateHash.mix(h, mark[s]);
        }
        return h;
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x50524943); // "PRIC"
        w.putLongs(trade);
        w.putLongs(bid);
        w.putLongs(ask);
        w.putLongs(mark);
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x50524943, "last prices");
        trade = r.getLongs();
        bid = r.getLongs();
        ask = r.getLongs();
        mark = r.getLongs();
    }
}
