package dev.exitengine.feed.live;

/**
 * Where decoded market events go, by engine symbol id: primitive arguments only, so that nothing is
 * allocated per event. Prices and quantities are {@link dev.exitengine.core.num.Fixed} longs, {@code ts}
 * is the exchange's event time in epoch milliseconds. Called from one thread at a time.
 */
public interface MarketEventSink
{
    void quote(int symbolId, long ts, long bid, long ask);

    void trade(int symbolId, long ts, long price, long qty);

    void mark(int symbolId, long ts, long price);
}
