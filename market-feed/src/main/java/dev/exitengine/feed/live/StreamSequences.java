package dev.exitengine.feed.live;

import java.util.Arrays;

/**
 * What has been delivered for each (symbol, stream) of the live venue, so that each event is delivered once
 * although the two connections of a rotation's overlap, or a server that repeats itself after a reconnect,
 * carry it twice. The sequences are {@code aggTrade}'s aggregate trade id {@code a}, {@code bookTicker}'s
 * order book update id {@code u}, {@code markPriceUpdate}'s event time {@code E} and the legacy
 * {@code trade}'s trade id {@code t}. Two rules:
 * <ul>
 * <li><b>Quotes and marks: the newest only.</b> A {@code bookTicker} or mark whose sequence is not newer than
 *     the last one delivered is dropped ({@link #duplicates()}): an older quote or mark is superseded by the
 *     newer one already delivered, so dropping it loses nothing.</li>
 * <li><b>Trades: each id once, late ones too.</b> Every trade is a fact, and in a rotation's overlap a trade
 *     the venue sent only to the old connection can be read after a newer one from the new connection. So a
 *     trade stream remembers which ids it delivered in a window of the {@value #WINDOW} ids up to and
 *     including the highest delivered ({@code highest - WINDOW < id <= highest}), in a ring of bits. An id
 *     above the highest is delivered and the window slides up to it (the bits of ids that leave it are
 *     cleared); an id inside the window not yet delivered is delivered late ({@link #lateDelivered()}), out
 *     of order; an id inside the window already delivered is dropped ({@link #duplicates()}); an id below
 *     the window is dropped as too old to tell whether it was delivered ({@link #tooOld()}): at the venue's
 *     rates that is seconds to minutes behind, far beyond any overlap, so it is a repeat or a trade too stale
 *     to matter, and the counter makes it visible.</li>
 * </ul>
 * Shared by every decoder of one {@link BinanceMarketStreams}, all of which run on its one event-loop
 * thread: single-threaded state (the counters are volatile for readers elsewhere), nothing allocated per
 * event; the arrays grow only when a larger symbol id first appears, and a trade stream's ring of bits
 * ({@value #WINDOW} bits, 512 bytes) is allocated on its first trade.
 */
final class StreamSequences
{
    static final int AGG_TRADE = 0;
    static final int BOOK_TICKER = 1;
    static final int MARK_PRICE = 2;
    static final int TRADE = 3;
    /** How many ids below and including the highest a trade stream remembers. */
    static final int WINDOW = 4096;
    private static final int WORDS = WINDOW / 64;
    private static final int STREAMS = 4;
    private static final long NONE = Long.MIN_VALUE;

    /** The highest sequence delivered per slot (symbol id * STREAMS + stream); NONE before the first. */
    private long[] last = new long[16 * STREAMS];
    /** Per trade slot, bit (id mod WINDOW) set when id, inside the window, was delivered; null for other streams and before the first trade. */
    private long[][] seen = new long[16 * STREAMS][];
    private volatile long duplicates;
    private volatile long lateDelivered;
    private volatile long tooOld;

    StreamSequences()
    {
        Arrays.fill(last, NONE);
    }

    /**
     * True, and {@code sequence} remembered, when the event is to be delivered: for a quote or mark, when
     * {@code sequence} is newer than the last one of {@code symbolId}'s {@code stream}; for a trade, when its
     * id was not delivered yet and is not below the window. Counts what it drops.
     */
    boolean advance(final int symbolId, final int stream, final long sequence)
    {
        final int slot = symbolId * STREAMS + stream;
        if (slot >= last.length)
        {
            grow(slot);
        }
        if (stream == AGG_TRADE || stream == TRADE)
        {
            return trade(slot, sequence);
        }
        if (sequence > last[slot])
        {
            last[slot] = sequence;
            return true;
        }
        duplicates = duplicates + 1; // one writer: the event-loop thread
        return false;
    }

    private boolean trade(final int slot, final long id)
    {
        final long highest = last[slot];
        long[] bits = seen[slot];
        if (bits == null)
        {
            bits = new long[WORDS];
            seen[slot] = bits;
        }
        if (highest == NONE || id > highest)
        {
            if (highest != NONE)
            {
                clear(bits, highest + 1, id);
            }
            mark(bits, id);
            last[slot] = id;
            return true;
        }
        if (id <= highest - WINDOW)
        {
            tooOld = tooOld + 1;
            return false;
        }
        final int bit = (int)(id & (WINDOW - 1));
        final long mask = 1L << bit;
        if ((bits[bit >>> 6] & mask) != 0)
        {
            duplicates = duplicates + 1;
            return false;
        }
        bits[bit >>> 6] |= mask;
        lateDelivered = lateDelivered + 1;
        return true;
    }

    /** Clears the bits of ids {@code from..to} (inclusive), which enter the window as the ids WINDOW below them leave it. */
    private static void clear(final long[] bits, final long from, final long to)
    {
        if (to - from + 1 >= WINDOW)
        {
            Arrays.fill(bits, 0L);
            return;
        }
        final int start = (int)(from & (WINDOW - 1));
        final int end = (int)(to & (WINDOW - 1));
        if (start <= end)
        {
            clearRange(bits, start, end);
        }
        else
        {
            clearRange(bits, start, WINDOW - 1);
            clearRange(bits, 0, end);
        }
    }

    /** Clears bits {@code start..end} (inclusive, start <= end, both inside the ring). */
    private static void clearRange(final long[] bits, final int start, final int end)
    {
        final int first = start >>> 6;
        final int lastWord = end >>> 6;
        final long head = -1L << (start & 63);
        final long tail = -1L >>> (63 - (end & 63));
        if (first == lastWord)
        {
            bits[first] &= ~(head & tail);
            return;
        }
        bits[first] &= ~head;
        for (int w = first + 1; w < lastWord; w++)
        {
            bits[w] = 0L;
        }
        bits[lastWord] &= ~tail;
    }

    private static void mark(final long[] bits, final long id)
    {
        final int bit = (int)(id & (WINDOW - 1));
        bits[bit >>> 6] |= 1L << bit;
    }

    private void grow(final int slot)
    {
        final int old = last.length;
        final int size = Math.max(slot + STREAMS, old * 2);
        last = Arrays.copyOf(last, size);
        Arrays.fill(last, old, size, NONE);
        seen = Arrays.copyOf(seen, size);
    }

    /** Events dropped as already delivered: a quote or mark not newer than the last one, a trade id already in the window. */
    long duplicates()
    {
        return duplicates;
    }

    /** Trades delivered late: below the highest id of their stream, inside the window, not delivered before. */
    long lateDelivered()
    {
        return lateDelivered;
    }

    /** Trades dropped because their id is {@value #WINDOW} or more below the highest of their stream: too old to tell whether delivered. */
    long tooOld()
    {
        return tooOld;
    }
}
