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

    /** Offsets in {@link #tops}: per source, six ladders in a row; the time ladder last. */
    public static final int LONG_TARGET = 0;
    public static final int LONG_PEAK = 1;
    public static final int LONG_STOP = 2;
    public static final int SHORT_TARGET = 3;
    public static final int SHORT_PEAK = 4;
    public static final int SHORT_STOP = 5;
    public static final int TIME = 18;

    /**
     * Every ladder's top key side by side (an empty ladder's is a key no price crosses), so a tick that
     * crosses nothing reads one or two cache lines and touches no heap.
     */
    public final long[] tops = new long[19];

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
            longTargets[s].mirrorTop(tops, s * 6 + LONG_TARGET);
            longPeaks[s].mirrorTop(tops, s * 6 + LONG_PEAK);
            longStops[s].mirrorTop(tops, s * 6 + LONG_STOP);
            shortTargets[s].mirrorTop(tops, s * 6 + SHORT_TARGET);
            shortTroughs[s].mirrorTop(tops, s * 6 + SHORT_PEAK);
            shortStops[s].mirrorTop(tops, s * 6 + SHORT_STOP);
        }
        times.mirrorTop(tops, TIME);
    }

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
}
