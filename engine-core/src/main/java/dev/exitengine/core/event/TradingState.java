package dev.exitengine.core.event;

/** ACTIVE trades normally; REDUCING sends exits only; HALTED sends nothing (a kill switch). */
public enum TradingState
{
    ACTIVE, REDUCING, HALTED;

    private static final TradingState[] BY_ORDINAL = values();

    /** The constant of ordinal {@code ordinal} (the codecs' byte), without the copy {@code values()} makes at every call. */
    public static TradingState ofOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }
}
