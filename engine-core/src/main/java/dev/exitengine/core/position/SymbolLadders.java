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
