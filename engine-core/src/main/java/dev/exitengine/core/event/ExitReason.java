package dev.exitengine.core.event;

/**
 * Why a position was closed. The declaration order is the priority when several rules fire on one
 * event: the first listed wins (documented in the README, pinned by tests).
 */
public enum ExitReason
{
    FORCED_UNWIND,
    MANUAL,
    RISK_LIMIT,
    STOP_LOSS,
    VOLATILITY_STOP,
    TRAILING_STOP,
    BREAKEVEN,
    PROFIT_FLOOR,
    TAKE_PROFIT,
    PARTIAL_TAKE_PROFIT,
    ROI,
    TIMEOUT;

    private static final ExitReason[] VALUES = values();

    public static ExitReason of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
