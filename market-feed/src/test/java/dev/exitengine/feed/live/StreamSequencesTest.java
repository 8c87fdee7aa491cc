package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live decoder delivers each trade id once, late ones inside the window too, and quotes and marks newest only;
 * a capture decoder delivers what it reads.
 */
class StreamSequencesTest
{
    private final SymbolTable symbols = new SymbolTable();
    private final RecordedEvents events = new RecordedEvents();
    private final StreamSequences sequences = new StreamSequences();

    StreamSequencesTest()
    {
        symbols.register("BTCUSDT", 0);
        symbols.register("ETHUSDT", 1000);
    }

    private static String aggTrade(final String symbol, final long a, final long time)
    {
        return "{\"e\":\"aggTrade\",\"E\":" + time + ",\"a\":" + a + ",\"s\":\"" + symbol + "\",\"p\":\"100\",\"q\":\"1\",\"T\":" + time + "}";
    }

    private static String bookTicker(final long u, final long time)
    {
        return "{\"e\":\"bookTicker\",\"u\":" + u + ",\"s\":\"BTCUSDT\",\"b\":\"99\",\"B\":\"1\",\"a\":\"101\",\"A\":\"1\",\"T\":" + time + ",\"E\":" + time + "}";
    }

    private static String mark(final long time)
    {
        return "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":" + time + ",\"s\":\"BTCUSDT\",\"p\":\"100.5\",\"T\":99}}";
    }

    private static int decode(final MarketFrameDecoder decoder, final String message)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length);
    }

    private List<Integer> decodeAll(final MarketFrameDecoder decoder, final String... messages)
    {
        final Integer[] delivered = new Integer[messages.length];
        for (int i = 0; i < messages.length; i++)
        {
            delivered[i] = decode(decoder, messages[i]);
        }
        return List.of(delivered);
    }

    @Test
    void anAggregateTradeIsDeliveredOncePerIdPerSymbolALateOneToo()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events, sequences);
        assertEquals(List.of(1, 0, 1, 0, 1, 1, 0), decodeAll(decoder,
            aggTrade("BTCUSDT", 5, 10), aggTrade("BTCUSDT", 5, 10), aggTrade("BTCUSDT", 4, 9), aggTrade("BTCUSDT", 4, 9),
            aggTrade("BTCUSDT", 6, 11), aggTrade("ETHUSDT", 5, 10), aggTrade("ETHUSDT", 5, 10)));
        assertEquals(List.of("trade 0 10 100 1", "trade 0 9 100 1", "trade 0 11 100 1", "trade 1000 10 100 1"), events.events());
        assertEquals(3, sequences.duplicates());
        assertEquals(1, sequences.lateDelivered());
        assertEquals(0, sequences.tooOld());
    }

    @Test
    void aLateTradeInsideTheWindowIsDeliveredOnceItsRepeatDropped()
    {
        assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, 10_000));
        final long oldest = 10_000 - StreamSequences.WINDOW + 1;
        for (final long late : new long[] {9_999, 9_000, oldest})
        {
            assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, late), "late " + late);
            assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, late), "repeat of " + late);
        }
        assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, 10_000));
        assertEquals(3, sequences.lateDelivered());
        assertEquals(4, sequences.duplicates());
        assertEquals(0, sequences.tooOld());
    }

    @Test
    void aTradeIdBelowTheWindowIsDroppedAsTooOld()
    {
        assertTrue(sequences.advance(0, StreamSequences.TRADE, 10_000));
        assertFalse(sequences.advance(0, StreamSequences.TRADE, 10_000 - StreamSequences.WINDOW));
        assertFalse(sequences.advance(0, StreamSequences.TRADE, 0));
        assertEquals(2, sequences.tooOld());
        assertEquals(0, sequences.duplicates());
        assertEquals(0, sequences.lateDelivered());
        assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, 0), "each trade stream apart");
        assertTrue(sequences.advance(1, StreamSequences.TRADE, 0), "each symbol apart");
    }

    @Test
    void theWindowSlidesOverBigJumpsClearingWhatLeftIt()
    {
        long highest = 0;
        assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, highest));
        for (int jump = 0; jump < 20; jump++)
        {
            final long previous = highest;
            // every id of the window below the highest delivered, then a jump of 10,000 (more than the window), then of 1,000 (less)
            for (long id = previous - StreamSequences.WINDOW + 1; id < previous; id++)
            {
                if (id >= 0)
                {
                    sequences.advance(0, StreamSequences.AGG_TRADE, id);
                }
            }
            highest = previous + (jump % 2 == 0 ? 10_000 : 1_000);
            assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, highest));
            // ids that share a bit with ids delivered before the jump are new and delivered late, once
            for (long id = highest - StreamSequences.WINDOW + 1; id < highest; id += 97)
            {
                if (id <= previous)
                {
                    assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, id), "already delivered " + id + " below " + previous);
                }
                else
                {
                    assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, id), "late " + id + " after the jump to " + highest);
                    assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, id), "repeat of " + id);
                }
            }
            assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, highest - StreamSequences.WINDOW), "below the window");
            assertFalse(sequences.advance(0, StreamSequences.AGG_TRADE, highest), "the highest again");
        }
    }

    @Test
    void theWindowSlidesByOneAcrossTheRingsWrapAndItsWords()
    {
        for (long id = 0; id < 3 * StreamSequences.WINDOW; id += 2)
        {
            assertTrue(sequences.advance(0, StreamSequences.AGG_TRADE, id));
        }
        final long highest = 3 * StreamSequences.WINDOW - 2;
        for (long id = highest - StreamSequences.WINDOW + 1; id < highest; id++)
        {
            assertEquals(id % 2 == 1, sequences.advance(0, StreamSequences.AGG_TRADE, id), "id " + id);
        }
        assertEquals(StreamSequences.WINDOW / 2, sequences.lateDelivered());
    }

    @Test
    void quotesAndMarksKeepTheNewestOnly()
    {
        assertTrue(sequences.advance(0, StreamSequences.BOOK_TICKER, 10_000));
        assertFalse(sequences.advance(0, StreamSequences.BOOK_TICKER, 9_999), "an older quote is superseded");
        assertFalse(sequences.advance(0, StreamSequences.BOOK_TICKER, 10_000));
        assertTrue(sequences.advance(0, StreamSequences.MARK_PRICE, 2_000));
        assertFalse(sequences.advance(0, StreamSequences.MARK_PRICE, 1_999), "an older mark is superseded");
        assertTrue(sequences.advance(0, StreamSequences.MARK_PRICE, 2_001));
        assertEquals(3, sequences.duplicates());
        assertEquals(0, sequences.lateDelivered());
        assertEquals(0, sequences.tooOld());
    }

    @Test
    void noAllocationPerEventOnceEachStreamHasBegun()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        run(0);
        final long before = threads.getThreadAllocatedBytes(thread);
        final int events = run(1_000_000);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated / (double)events < 0.01, allocated + " bytes over " + events + " events");
    }

    /** Trades in order, late, repeated, too old and jumping, quotes and marks, on two symbols; returns how many. */
    private int run(final long from)
    {
        int n = 0;
        for (long i = from; i < from + 200_000; i++)
        {
            final int symbol = (int)(i & 1) * 1000;
            sequences.advance(symbol, StreamSequences.AGG_TRADE, i % 1000 == 0 ? i + 10_000 : i);
            sequences.advance(symbol, StreamSequences.AGG_TRADE, i - 3);
            sequences.advance(symbol, StreamSequences.TRADE, i);
            sequences.advance(symbol, StreamSequences.BOOK_TICKER, i);
            sequences.advance(symbol, StreamSequences.MARK_PRICE, i - 1);
            n += 5;
        }
        return n;
    }

    @Test
    void aBookTickerByItsUpdateIdAMarkByItsEventTimeEachStreamApart()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events, sequences);
        assertEquals(List.of(1, 1, 0, 1, 1, 0, 1), decodeAll(decoder,
            aggTrade("BTCUSDT", 7, 1), bookTicker(7, 1), bookTicker(7, 2), bookTicker(8, 2),
            mark(1000), mark(1000), mark(2000)));
        assertEquals(List.of("trade 0 1 100 1", "quote 0 1 99 101", "quote 0 2 99 101", "mark 0 1000 100.5", "mark 0 2000 100.5"),
            events.events());
        assertEquals(2, sequences.duplicates());
    }

    @Test
    void aLegacyTradeByItsTradeIdWhenItHasOne()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events, sequences);
        final String withId = "{\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"t\":42,\"p\":\"1\",\"q\":\"1\"}";
        final String withoutId = "{\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\"}";
        assertEquals(List.of(1, 0, 1, 1), decodeAll(decoder, withId, withId, withoutId, withoutId));
        assertEquals(1, sequences.duplicates());
    }

    @Test
    void twoDecodersSharingTheSequencesDeliverAnEventOnce()
    {
        final MarketFrameDecoder first = new MarketFrameDecoder(symbols, false, events, sequences);
        final MarketFrameDecoder second = new MarketFrameDecoder(symbols, false, events, sequences);
        assertEquals(1, decode(first, aggTrade("BTCUSDT", 1, 1)));
        assertEquals(0, decode(second, aggTrade("BTCUSDT", 1, 1)));
        assertEquals(1, decode(second, aggTrade("BTCUSDT", 2, 2)));
        assertEquals(0, decode(first, aggTrade("BTCUSDT", 2, 2)));
        assertEquals(2, events.size());
    }

    @Test
    void aCaptureDecoderDeliversRepeatsAsRecorded()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events);
        assertEquals(List.of(1, 1, 1), decodeAll(decoder, bookTicker(7, 1), bookTicker(7, 1), bookTicker(6, 1)));
    }

    @Test
    void aSequenceThatIsNotANonNegativeIntegerIsRefusedNamingTheField()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events, sequences);
        assertEquals(MarketFrameDecoder.MALFORMED, decode(decoder, "{\"e\":\"aggTrade\",\"a\":-3,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":1}"));
        assertEquals("aggTrade field 'a': must be a non-negative integer, was -3", decoder.refusal());
        assertEquals(MarketFrameDecoder.MALFORMED, decode(decoder, "{\"e\":\"bookTicker\",\"u\":\"x\",\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\",\"T\":1}"));
        assertEquals("bookTicker field 'u': must be a non-negative integer, was x", decoder.refusal());
        assertEquals(0, events.size());
    }
}
