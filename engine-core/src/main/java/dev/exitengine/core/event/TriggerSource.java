package dev.exitengine.core.event;

/** Which market price an exit profile watches: last trade, best bid/ask (longs the bid, shorts the ask), or mark. */
public enum TriggerSource
{
    LAST, BID_ASK, MARK
}
