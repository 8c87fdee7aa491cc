package dev.exitengine.core.position;

import dev.exitengine.core.event.TriggerSource;

/**
 * The level index of one symbol. For each trigger source: a long's stops (highest first), a long's
 * targets (lowest first), a short's stops (lowest first), a short's targets (highest first); the peaks of
 * trailing longs (lowest first, the ones a new high moves) and troughs of trailing shorts (highest
 * first). And one time ladder (earliest first) for time rules.
 */
public final class SymbolLadders
{
    final LevelHeap[] longStops = new LevelHeap[3];
    final LevelHeap[] longTargets = new LevelHeap[3];
    final LevelHeap[] shortStops = new LevelHeap[3];
    final LevelHeap[] shortTargets = new LevelHeap[3];
    final LevelHeap[] longPeaks = new LevelHeap[3];
    final LevelHeap[] shortTroughs = new LevelHeap[3];
    final LevelHeap times = new LevelHeap(false, LevelHeap.TIME);

    /**
     * The layout of the book's {@code tops} ({@link PositionBook#tops()}): every ladder's top key side
     * by side, one row of {@link #STRIDE} longs per symbol, in it one group of {@link #GROUP} per trigger
     * source: six ladders, then the time ladder's top (repeated in each group). A tick reads one group,
     * most often one cache line, and touches no heap unless it crosses a key; an empty ladder's key is
     * one no price crosses.
     */
    public static final int LONG_TARGET = 0;
    public static final int LONG_PEAK = 1;
    public static final int LONG_STOP = 2;
    public static final int SHORT_TARGET = 3;
    public static final int SHORT_PEAK = 4;
    public static final int SHORT_STOP = 5;
    public static final int TIME = 6;
    public static final int GROUP = 8;
    public static final int STRIDE = 3 * GROUP;

    public SymbolLadders()
    {
        for (int s = 0; s < 3; s++)
        {
            longStops[s] = new LevelHeap(true, LevelHeap.STOP);
            longTargets[s] = new LevelHeap(false, LevelHeap.TARGET);
            shortStops[s] = new LevelHeap(false, LevelHeap.STOP);
            shortTargets[s] = new LevelHeap(true, LevelHeap.TARGET);
            longPeaks[s] = new LevelHeap(false, LevelHeap.PEAK);
            shortTroughs[s] = new LevelHeap(true, LevelHeap.PEAK);
        }
    }

    /** Mirrors every ladder's top key into {@code tops} from {@code row} on (again, when the book's array grew). */
    void mirrorInto(final long[] tops, final int row)
    {
        for (int s = 0; s < 3; s++)
        {
            final int group = row + s * GROUP;
            longTargets[s].mirrorTop(tops, group + LONG_TARGET);
            longPeaks[s].mirrorTop(tops, group + LONG_PEAK);
            longStops[s].mirrorTop(tops, group + LONG_STOP);
            shortTargets[s].mirrorTop(tops, group + SHORT_TARGET);
            shortTroughs[s].mirrorTop(tops, group + SHORT_PEAK);
            shortStops[s].mirrorTop(tops, group + SHORT_STOP);
        }
        times.mirrorTop(tops, row + TIME, 3, GROUP);
    }

    /** Fills the row of a symbol without ladders with the keys of empty ones: no price crosses them. */
    static void fillEmpty(final long[] tops, final int row)
    {
        final SymbolLadders empty = EMPTY;
        for (int s = 0; s < 3; s++)
        {
            final int group = row + s * GROUP;
            tops[group + LONG_TARGET] = empty.longTargets[s].emptyKey();
            tops[group + LONG_PEAK] = empty.longPeaks[s].emptyKey();
            tops[group + LONG_STOP] = empty.longStops[s].emptyKey();
            tops[group + SHORT_TARGET] = empty.shortTargets[s].emptyKey();
            tops[group + SHORT_PEAK] = empty.shortTroughs[s].emptyKey();
            tops[group + SHORT_STOP] = empty.shortStops[s].emptyKey();
            tops[group + TIME] = empty.times.emptyKey();
        }
    }

    private static final SymbolLadders EMPTY = new SymbolLadders();

    public LevelHeap stops(final TriggerSource source, final boolean isLong)
    {
        return isLong ? longStops[source.ordinal()] : shortStops[source.ordinal()];
    }

    public LevelHeap targets(final TriggerSource source, final boolean isLong)
    {
        return isLong ? longTargets[source.ordinal()] : shortTargets[source.ordinal()];
    }

    public LevelHeap peaks(final TriggerSource source, final boolean isLong)
    {
        return isLong ? longPeaks[source.ordinal()] : shortTroughs[source.ordinal()];
    }

    public LevelHeap times()
    {
        return times;
    }

    /** Every ladder in a fixed order: for snapshots. */
    LevelHeap[] all()
    {
        final LevelHeap[] out = new LevelHeap[6 * 3 + 1];
        int n = 0;
        for (int s = 0; s < 3; s++)
        {
            out[n++] = longStops[s];
            out[n++] = longTargets[s];
            out[n++] = shortStops[s];
            out[n++] = shortTargets[s];
            out[n++] = longPeaks[s];
            out[n++] = shortTroughs[s];
        }
        out[n] = times;
        return out;
    }
}
