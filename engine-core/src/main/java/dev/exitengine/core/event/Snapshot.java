package dev.exitengine.core.event;

/** An exchange position snapshot of one account, as it rides the ring (symbols already resolved to ids). */
public final class Snapshot
{
    public final int[] symbolIds;
    public final PositionSide[] sides;
    /** Positive for long, negative for short when the side is BOTH; positive otherwise. */
    public final long[] qty;
    public final long[] entryPrice;

    public Snapshot(final int[] symbolIds, final PositionSide[] sides, final long[] qty, final long[] entryPrice)
    {
        this.symbolIds = symbolIds;
        this.sides = sides;
        this.qty = qty;
        this.entryPrice = entryPrice;
    }

    public int size()
    {
        return symbolIds.length;
    }
}
