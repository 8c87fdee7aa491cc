package dev.exitengine.core.event;

/**
 * Side of a position. In one-way mode a fill carries {@link #BOTH} and the position becomes
 * {@link #LONG} or {@link #SHORT} by the direction of its quantity; in hedge mode fills name the side.
 */
public enum PositionSide
{
    LONG, SHORT, BOTH;

    private static final PositionSide[] BY_ORDINAL = values();

    /** The constant of ordinal {@code ordinal} (the codecs' byte), without the copy {@code values()} makes at every call. */
    public static PositionSide ofOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }

    public boolean isLong()
    {
        return this == LONG;
    }

    /** The order side that closes a position of this side. */
    public Side closingSide()
    {
        return this == LONG ? Side.SELL : Side.BUY;
    }
}
