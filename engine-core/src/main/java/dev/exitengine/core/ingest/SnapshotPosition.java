package dev.exitengine.core.ingest;

import dev.exitengine.core.event.PositionSide;

/**
 * One position as the exchange reports it in a snapshot. {@code qty} is positive for a long and
 * negative for a short when {@code positionSide} is BOTH (one-way mode), positive otherwise.
 */
public final class SnapshotPosition
{
    public final String symbol;
    public final PositionSide positionSide;
    public final long qty;
    public final long entryPrice;

    public SnapshotPosition(final String symbol, final PositionSide positionSide, final long qty, final long entryPrice)
    {
        this.symbol = symbol;
        this.positionSide = positionSide;
        this.qty = qty;
        this.entryPrice = entryPrice;
    }
}
