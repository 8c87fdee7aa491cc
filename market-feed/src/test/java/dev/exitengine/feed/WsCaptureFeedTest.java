package dev.exitengine.feed;

import dev.exitengine.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WsCaptureFeedTest
{
    private static WsCaptureFeed capture(final String... lines)
    {
        return new WsCaptureFeed(FeedInput.text("capture.txt", String.join("\n", lines)), FeedOptions.continueOnError());
    }

    private static RecordingSink bundledEvents;
    private static long bundledDelivered;
    private static long bundledSkipped;

    /** The bundled capture read once for all tests that look at it. */
    private static synchronized RecordingSink bundled() throws IOException
    {
        if (bundledEvents == null)
        {
            final WsCaptureFeed feed = (WsCaptureFeed)FeedSpec.open("ws-capture:bundled", FeedOptions.stopOnError());
            final RecordingSink sink = new RecordingSink();
            bundledDelivered = feed.run(sink);
            bundledSkipped = feed.skipped();
            bundledEvents = sink;
        }
        return bundledEvents;
    }

    @Test
    void bundledCaptureHoldsEveryTradeAndQuoteOfTheDay() throws IOException
    {
        final RecordingSink sink = bundled();
        assertEquals(87_402, bundledDelivered);
        assertEquals(List.of(), sink.rejects);
        // line 49 is a REST depth snapshot ({"lastUpdateId":...}), not a stream event
        assertEquals(1, bundledSkipped);
        assertEquals(21_313, sink.ofType("trade").size());
        assertEquals(66_089, sink.ofType("quote").size());
        assertEquals("quote 1723161256313 BTCUSDT 61800.2 61800.3", sink.events.get(0));
        assertEquals("trade 1723161256322 BTCUSDT 61800.3 0.006", sink.events.get(1));
        assertEquals("quote 1723161600709 BTCUSDT 61659.7 61659.8", sink.events.get(87_401));
    }

    @Test
    void bundledCaptureTradesAreTheTradesCsvInTheSameOrder() throws IOException
    {
        final RecordingSink csv = new RecordingSink();
        FeedSpec.open("trades-csv:" + SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-trades.csv"), FeedOptions.stopOnError())
            .run(csv);
        assertEquals(21_313, csv.events.size());
        assertEquals(csv.events, bundled().ofType("trade"));
    }

    @Test
    void bundledCaptureQuotesAreTheBookTickerCsvInTheSameOrder() throws IOException
    {
        final RecordingSink csv = new RecordingSink();
        FeedSpec.open("bookticker-csv:" + SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-bookTicker.csv"),
            FeedOptions.stopOnError()).run(csv);
        assertEquals(66_089, csv.events.size());
        assertEquals(csv.events, bundled().ofType("quote"));
    }

    @Test
    void fullSharedCaptureSkipsDepthUpdatesAndCountsThem() throws IOException
    {
        final Path file = SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-ws-capture.gz");
        final WsCaptureFeed feed = WsCaptureFeed.of(file, FeedOptions.stopOnError());
        final RecordingSink sink = new RecordingSink();
        assertEquals(87_402, feed.run(sink));
        assertEquals(6_551 + 1, feed.skipped()); // depth updates and one REST depth snapshot
        assertEquals(List.of(), sink.rejects);
        assertEquals(21_313, sink.ofType("trade").size());
    }

    @Test
    void documentedAggTradeMessageIsATradeAtItsTradeTime() throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, capture().parseMessage(fixture("agg_trade_stream.json"), sink));
        assertEquals(List.of("trade 123456785 BTCUSDT 0.001 100"), sink.events);
    }

    @Test
    void documentedBookTickerMessageIsAQuoteAtItsTransactionTime() throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, capture().parseMessage(fixture("book_ticker_stream.json"), sink));
        assertEquals(List.of("quote 1568014460891 BNBUSDT 25.3519 25.3652"), sink.events);
    }

    @Test
    void documentedMarkPriceMessageIsAMarkAtItsEventTimeNotItsFundingTime() throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, capture().parseMessage(fixture("mark_price_stream.json"), sink));
        assertEquals(List.of("mark 1562305380000 BTCUSDT 11794.15"), sink.events);
    }

    @Test
    void wrappedAndBareMessagesGiveTheSameEvent()
    {
        final String data = "{\"e\":\"trade\",\"E\":1723161256322,\"T\":1723161256321,\"s\":\"BTCUSDT\",\"t\":5266583935," +
            "\"p\":\"61800.30\",\"q\":\"0.006\",\"X\":\"MARKET\",\"m\":false}";
        final RecordingSink sink = new RecordingSink();
        final WsCaptureFeed feed = capture();
        feed.parseMessage(data, sink);
        feed.parseMessage("{\"stream\":\"btcusdt@trade\",\"data\":" + data + "}", sink);
        feed.parseMessage("{\"data\":" + data + ",\"stream\":\"btcusdt@trade\"}", sink);
        assertEquals(List.of(
            "trade 1723161256321 BTCUSDT 61800.3 0.006",
            "trade 1723161256321 BTCUSDT 61800.3 0.006",
            "trade 1723161256321 BTCUSDT 61800.3 0.006"), sink.events);
    }

    @Test
    void arrayStreamsDeliverEveryElement()
    {
        final RecordingSink sink = new RecordingSink();
        assertEquals(2, capture().parseMessage("{\"stream\":\"!markPrice@arr\",\"data\":[" +
            "{\"e\":\"markPriceUpdate\",\"E\":10,\"s\":\"BTCUSDT\",\"p\":\"61000.1\",\"T\":99}," +
            "{\"e\":\"markPriceUpdate\",\"E\":10,\"s\":\"ETHUSDT\",\"p\":\"2600.25\",\"T\":99}]}", sink));
        assertEquals(List.of("mark 10 BTCUSDT 61000.1", "mark 10 ETHUSDT 2600.25"), sink.events);
    }

    @Test
    void nonMarketTradesDepthAndRepliesAreSkippedAndCounted() throws IOException
    {
        final WsCaptureFeed feed = capture(
            "1 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\",\"X\":\"INSURANCE_FUND\"}}",
            "2 {\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":6,\"s\":\"BTCUSDT\",\"b\":[[\"1\",\"2\"]],\"a\":[]}}",
            "3 {\"result\":null,\"id\":1}",
            "4 {\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"E\":7,\"s\":\"BTCUSDT\",\"b\":\"1.5\",\"a\":\"1.6\"}}");
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, feed.run(sink));
        assertEquals(3, feed.skipped());
        assertEquals(List.of("quote 7 BTCUSDT 1.5 1.6"), sink.events);
        assertEquals(List.of(), sink.rejects);
    }

    @Test
    void badMessagesAreRejectedWithLineAndFieldAndTheRestDelivered() throws IOException
    {
        final WsCaptureFeed feed = capture(
            "1723161255088176367 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"0\",\"q\":\"2\"}}",
            "1723161255088176368 {\"e\":\"aggTrade\",\"T\":6,\"s\":\"BTCUSDT\",\"p\":\"NaN\",\"q\":\"2\"}",
            "1723161255088176369 {\"e\":\"bookTicker\",\"s\":\"BTCUSDT\",\"b\":\"1.5\",\"a\":\"1.6\"}",
            "1723161255088176370 {\"e\":\"markPriceUpdate\",\"T\":8,\"s\":\"BTCUSDT\",\"p\":\"1.5\"}",
            "1723161255088176371 {\"e\":\"trade\",\"T\":9,\"p\":\"1\",\"q\":\"2\"}",
            "1723161255088176372 {\"e\":\"trade\",",
            "garbage",
            "1723161255088176373 {\"e\":\"trade\",\"T\":10,\"s\":\"BTCUSDT\",\"p\":\"61800.1\",\"q\":\"0.5\",\"X\":\"MARKET\"}");
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, feed.run(sink));
        assertEquals(List.of("trade 10 BTCUSDT 61800.1 0.5"), sink.events);
        assertEquals(List.of(
            "capture.txt:1 | trade field 'p': must be positive, was 0",
            "capture.txt:2 | aggTrade field 'p': not a decimal: 'NaN'",
            "capture.txt:3 | bookTicker field 'T': missing, and so is E",
            "capture.txt:4 | markPriceUpdate field 'E': missing",
            "capture.txt:5 | trade field 's': missing",
            "capture.txt:6 | bad JSON: Unexpected end-of-input within/between Object entries at column 14",
            "capture.txt:7 | expected '<receive time ns> <JSON message>'"), sink.rejects);
        assertEquals(7, feed.rejected());
    }

    @Test
    void stopPolicyThrowsNamingTheCaptureLine()
    {
        final WsCaptureFeed feed = new WsCaptureFeed(FeedInput.text("cap", "1 {\"e\":\"trade\",\"T\":1,\"s\":\"B\",\"p\":\"-1\",\"q\":\"1\"}"),
            FeedOptions.stopOnError());
        assertEquals("cap:1: trade field 'p': must be positive, was -1",
            assertThrows(FeedException.class, () -> feed.run(new RecordingSink())).getMessage());
    }

    private static String fixture(final String name) throws IOException
    {
        return Files.readString(SharedData.binanceUm().resolve("fixtures").resolve(name), StandardCharsets.UTF_8);
    }
}
