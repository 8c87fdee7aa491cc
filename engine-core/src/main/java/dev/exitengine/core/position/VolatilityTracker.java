package dev.exitengine.core.position;

import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Average true range of one symbol's trigger-source prices, over bars of {@code barSeconds} built from
 * ticks by event time (bars without ticks are skipped). The first ATR is the mean of the first
 * {@code bars} true ranges; after that Wilder's smoothing, {@code ATR = (ATR × (n − 1) + TR) / n},
 * rounded half-up to eight decimals, so every run computes the same value.
 */
public final class VolatilityTracker
{
    public final int symbolId;
    public final TriggerSource source;
    public final int barSeconds;
    public final int bars;
    private final long barMillis;
    private long barStart = Long.MIN_VALUE;
    private long high;
    private long low;
    private long close;
    private long prevClose = Fixed.NONE;
    private long trSum;
    private int trCount;
    private long atr = Fixed.NONE;
    private long closedBars;
    /** Positions whose ATR stop follows this tracker. */
    public final List<Position> positions = new ArrayList<>();

    public VolatilityTracker(final int symbolId, final TriggerSource source, final int barSeconds, final int bars)
    {
        this.symbolId = symbolId;
        this.source = source;
        this.barSeconds = barSeconds;
        this.bars = bars;
        this.barMillis = barSeconds * 1000L;
    }

    /** Adds a price; returns true when a bar closed and the ATR changed. */
    public boolean onPrice(final long ts, final long price)
    {
        final long start = ts - Math.floorMod(ts, barMillis);
        boolean changed = false;
        if (barStart == Long.MIN_VALUE)
        {
            open(start, price);
            return false;
        }
        if (start > barStart)
        {
            changed = closeBar();
            open(start, price);
            return changed;
        }
        if (price > high)
        {
            high = price;
        }
        if (price < low)
        {
            low = price;
        }
        close = price;
        return false;
    }

    private void open(final long start, final long price)
    {
        barStart = start;
        high = price;
        low = price;
        close = price;
    }

    private boolean closeBar()
    {
        long tr = high - low;
        if (prevClose != Fixed.NONE)
        {
            tr = Math.max(tr, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        }
        prevClose = close;
        closedBars++;
        if (atr == Fixed.NONE)
        {
            trSum += tr;
            trCount++;
            if (trCount == bars)
            {
                atr = Fixed.mulDiv(trSum, 1, bars, RoundingMode.HALF_UP);
                return true;
            }
            return false;
        }
        atr = Fixed.mulDiv(atr * (bars - 1) + tr, 1, bars, RoundingMode.HALF_UP);
        return true;
    }

    /** The current ATR, or {@link Fixed#NONE} until {@code bars} bars have closed. */
    public long atr()
    {
        return atr;
    }

    public long closedBars()
    {
        return closedBars;
    }

    /** The tracker's settings, bar in progress and average, mixed in a fixed order (see {@link StateHash}). */
    public long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, symbolId);
        h = StateHash.mix(h, source);
        h = StateHash.mix(h, barSeconds);
        h = StateHash.mix(h, bars);
        h = StateHash.mix(h, barStart);
        h = StateHash.mix(h, high);
        h = StateHash.mix(h, low);
        h = StateHash.mix(h, close);
        h = StateHash.mix(h, prevClose);
        h = StateHash.mix(h, trSum);
        h = StateHash.mix(h, trCount);
        h = StateHash.mix(h, atr);
        h = StateHash.mix(h, closedBars);
        for (final Position p : positions)
        {
            h = StateHash.mix(h, p.id);
        }
        return h;
    }

    /** Settings, the bar in progress and the average (its positions are written by their owner, by reference). */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.putInt(symbolId);
        w.putEnum(source);
        w.putInt(barSeconds);
        w.putInt(bars);
        w.putLong(barStart);
        w.putLong(high);
        w.putLong(low);
        w.putLong(close);
        w.putLong(prevClose);
        w.putLong(trSum);
        w.putInt(trCount);
        w.putLong(atr);
        w.putLong(closedBars);
    }

    public static VolatilityTracker restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final VolatilityTracker t = new VolatilityTracker(r.getInt(), r.getEnum(TriggerSource.values()), r.getInt(), r.getInt());
        t.barStart = r.getLong();
        t.high = r.getLong();
        t.low = r.getLong();
        t.close = r.getLong();
        t.prevClose = r.getLong();
        t.trSum = r.getLong();
        t.trCount = r.getInt();
        t.atr = r.getLong();
        t.closedBars = r.getLong();
        return t;
    }
}
