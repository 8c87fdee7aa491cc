package dev.exitengine.core.position;

import dev.exitengine.core.event.TriggerSource;

/**
 * The level index of one symbol: for each trigger source, a long's stops (highest first), a long's
 * targets (lowest first), a short's stops (lowest first) and a short's targets (highest first).
 */
public final class SymbolLadders
{
    final LevelHeap[] longStops = new LevelHeap[3];
    final LevelHeap[] longTargets = new LevelHeap[3];
    final LevelHeap[] shortStops = new LevelHeap[3];
    final LevelHeap[] shortTargets = new LevelHeap[3];

    public SymbolLadders()
    {
        for (int s = 0; s < 3; s++)
        {
            longStops[s] = new LevelHeap(true, true);
            longTargets[s] = new LevelHeap(false, false);
            shortStops[s] = new LevelHeap(false, true);
            shortTargets[s] = new LevelHeap(true, false);
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

    public int size()
    {
        int n = 0;
        for (int s = 0; s < 3; s++)
        {
            n += longStops[s].size() + longTargets[s].size() + shortStops[s].size() + shortTargets[s].size();
        }
        return n;
    }
}
