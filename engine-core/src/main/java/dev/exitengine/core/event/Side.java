package dev.exitengine.core.event;

/** Order or fill side. */
public enum Side
{
    BUY, SELL;

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }
}
