package dev.exitengine.gateway.binance;

/**
 * An account's position mode, as {@code GET /fapi/v1/positionSide/dual} answers it. It decides how a
 * close is marked: one-way closes carry {@code reduceOnly=true}; hedge closes carry {@code positionSide}
 * and must not carry {@code reduceOnly} (Binance answers {@code -1106} if they do).
 */
public enum PositionMode
{
    ONE_WAY, HEDGE;

    /** From the {@code dualSidePosition} field. */
    public static PositionMode ofDualSidePosition(final boolean dualSidePosition)
    {
        return dualSidePosition ? HEDGE : ONE_WAY;
    }
}
