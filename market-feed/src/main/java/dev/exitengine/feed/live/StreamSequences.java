package dev.exitengine.feed.live;

import java.util.Arrays;

/**
 * The last sequence delivered for each (symbol, stream) of the live venue, so that an event that is not
 * newer is dropped: the two connections of a rotation's overlap, or a server that repeats itself after a
 * reconnect, deliver each event once. The sequences are {@code aggTrade}'s aggregate trade id {@code a},
 * {@code bookTicker}'s order book update id {@code u}, {@code markPriceUpdate}'s event time {@code E} and
 * the legacy {@code trade}'s trade id {@code t}. Shared by every decoder of one
 * {@link BinanceMarketStreams}, all of which run on its one event-loop thread: single-threaded state,
 * nothing allocated except when a larger symbol id first appears.
 */
final class StreamSequences
{
    static final int AGG_TRADE = 0;
    static final int BOOK_TICKER = 1;
    static final int MARK_PRICE = 2;
    static final int TRADE = 3;
    private static final int STREAMS = 4;
    private static final long NONE = Long.MIN_VALUE;

    private long[] last = new long[16 * STREAMS];
    private volatile long duplicates;

    StreamSequences()
    {
        Arrays.fill(last, NONE);
    }

    /** True, and {@code sequence} remembered, when it is newer than the last one of {@code symbolId}'s {@code stream}; else counts a duplicate. */
    boolean advance(final int symbolId, final int stream, final long sequence)
    {
        final int slot = symbolId * STREAMS + stream;
        if (slot >= last.length)
        {
            final int old = last.length;
            last = Arrays.copyOf(last, Math.max(slot + STREAMS, old * 2));
            Arrays.fill(last, old, last.length, NONE);
        }
        if (sequence > last[slot])
        {
            last[slot] = sequence;
            return true;
        }
        duplicates = duplicates + 1; // one writer: the event-loop thread
        return false;
    }

    /** Events dropped as not newer than one already delivered. */
    long duplicates()
    {
        return duplicates;
    }
}
