package dev.exitengine.core.event;

/** Order or fill side. */
public enum Side
{
    BUY, SELL;

    private static final Side[] BY_ORDINAL = values();

    /** The constant of ordinal {@code ordinal} (the codecs' byte), without the copy {@code values()} makes at every call. */
    public static Side ofOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }
}
