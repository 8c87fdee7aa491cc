package dev.exitengine.tools.live;

/**
 * An open position as its latest levels line described it: quantity, entry and every level in force.
 * Decimals are the engine's fixed-point longs; absent levels are {@code Fixed.NONE}. Immutable.
 */
public record OpenPosition(long positionId, String account, String symbol, String positionSide, long qty, long entryPrice,
    long takeProfit, long stopLoss, long trailingStop, long breakevenStop, long profitFloor, long scaleOutTarget,
    long roiTarget)
{
}
