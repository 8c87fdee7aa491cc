package dev.exitengine.core.event;

/** Operator and application commands that travel the ring like any other input. */
public enum CommandType
{
    /** Forced unwind of an account on or off: closes all of its positions regardless of other rules. */
    FORCED_UNWIND,
    /** Trading state of one account, or of everything when no account is named. */
    TRADING_STATE,
    /** Close one position now (reason MANUAL). */
    MANUAL_CLOSE,
    /** Change a position's exit profile. */
    SET_PROFILE;

    private static final CommandType[] BY_ORDINAL = values();

    /** The constant of ordinal {@code ordinal} (the codecs' byte), without the copy {@code values()} makes at every call. */
    public static CommandType ofOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }
}
