package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A live decoder delivers each (symbol, stream) sequence once, newest only; a capture decoder delivers what it reads. */
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
    void anAggregateTradeIsDeliveredOnlyWhenItsIdIsNewerPerSymbol()
    {
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events, sequences);
        assertEquals(List.of(1, 0, 0, 1, 1, 0), decodeAll(decoder,
            aggTrade("BTCUSDT", 5, 10), aggTrade("BTCUSDT", 5, 10), aggTrade("BTCUSDT", 4, 9), aggTrade("BTCUSDT", 6, 11),
            aggTrade("ETHUSDT", 5, 10), aggTrade("ETHUSDT", 5, 10)));
        assertEquals(List.of("trade 0 10 100 1", "trade 0 11 100 1", "trade 1000 10 100 1"), events.events());
        assertEquals(3, sequences.duplicates());
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
