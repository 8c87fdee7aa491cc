package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.exitengine.feed.live.RecordedEvents.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class BinanceMarketStreamsTest
{
    @Test
    void bookTickersGoToPublicAndTradesAndMarksToMarketInLowercase()
    {
        assertEquals(List.of(
                URI.create("wss://fstream.binance.com/public/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker"),
                URI.create("wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade/btcusdt@markPrice@1s/ethusdt@markPrice@1s")),
            StreamUrls.of("wss://fstream.binance.com", List.of("BTCUSDT", "ETHUSDT"), List.of("aggTrade", "bookTicker", "markPrice@1s"), 200));
    }

    @Test
    void moreStreamsThanAConnectionTakesAreSplit()
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 250; i++)
        {
            symbols.add("S" + i + "USDT");
        }
        final List<URI> urls = StreamUrls.of("ws://127.0.0.1:1/", symbols, List.of("bookTicker"), StreamUrls.STREAMS_PER_CONNECTION);
        assertEquals(2, urls.size());
        assertEquals(200, urls.get(0).getQuery().split("/").length);
        assertEquals(50, urls.get(1).getQuery().split("/").length);
        assertTrue(urls.get(1).toString().startsWith("ws://127.0.0.1:1/public/stream?streams=s200usdt@bookTicker/"));
        assertThrows(IllegalArgumentException.class, () -> StreamUrls.of("ws://x", symbols, List.of("depth"), 200));
    }

    @Test
    void documentedFixturesAndTheBundledCaptureArriveInOrderAsEventsById() throws Exception
    {
        final List<String> publicFrames = new ArrayList<>();
        final List<String> marketFrames = new ArrayList<>();
        publicFrames.add("{\"stream\":\"bnbusdt@bookTicker\",\"data\":" + fixture("book_ticker_stream.json") + "}");
        marketFrames.add("{\"stream\":\"btcusdt@aggTrade\",\"data\":" + fixture("agg_trade_stream.json") + "}");
        marketFrames.add("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + fixture("mark_price_stream.json") + "}");
        for (final String frame : LocalBinanceVenue.captureFrames(3000))
        {
            (LocalBinanceVenue.servesPublic(frame) ? publicFrames : marketFrames).add(frame);
        }
        final SymbolTable symbols = new SymbolTable();
        symbols.register("BTCUSDT", 3);
        symbols.register("BNBUSDT", 5);
        final RecordedEvents expectedPublic = decodeAll(symbols, publicFrames);
        final RecordedEvents expectedMarket = decodeAll(symbols, marketFrames);

        try (LocalBinanceVenue venue = LocalBinanceVenue.start();
             BinanceMarketStreams streams = new BinanceMarketStreams(venue.wsUrl(), List.of("BTCUSDT", "BNBUSDT"),
                 List.of("bookTicker", "aggTrade", "markPrice@1s"), symbols, MarketStreamClientTest.FAST, 1 << 12))
        {
            streams.start();
            assertTrue(venue.awaitOpen(2, Duration.ofSeconds(5)));
            final List<String> all = new ArrayList<>(publicFrames);
            all.addAll(marketFrames);
            venue.broadcastAll(all);
            final RecordedEvents drained = new RecordedEvents();
            final int total = expectedPublic.size() + expectedMarket.size();
            await(10_000, total + " events", () ->
            {
                streams.drain(drained, 100);
                return drained.size() >= total;
            });
            final List<String> quotes = new ArrayList<>();
            final List<String> others = new ArrayList<>();
            for (final String e : drained.events())
            {
                (e.startsWith("quote") ? quotes : others).add(e);
            }
            assertEquals(expectedPublic.events(), quotes);
            assertEquals(expectedMarket.events(), others);
            assertEquals("quote 5 1568014460891 25.3519 25.3652", quotes.get(0));
            assertEquals("trade 3 123456785 0.001 100", others.get(0));
            assertEquals("mark 3 1562305380000 11794.15", others.get(1));
            assertEquals(List.of("btcusdt@bookTicker/bnbusdt@bookTicker",
                "btcusdt@aggTrade/bnbusdt@aggTrade/btcusdt@markPrice@1s/bnbusdt@markPrice@1s"),
                venue.streamQueries().stream().sorted(java.util.Comparator.reverseOrder()).collect(java.util.stream.Collectors.toList()));
            assertTrue(streams.connected());
            assertTrue(streams.ringFullWaits() > 0, "a 4 KiB ring must have filled and made the receiver wait");
            assertEquals(0, streams.unknownSymbols());
            assertEquals(0, streams.duplicatesDropped());
            assertEquals(0, streams.lateTradesDelivered());
            assertEquals(0, streams.tradesTooOld());
            assertEquals(1, streams.clients().stream().map(MarketStreamClient::loop).distinct().count(),
                "every client, so every decoder and the shared sequences, on one event-loop thread");
        }
    }

    @Test
    void anUnregisteredSymbolIsRefusedUpFront()
    {
        assertThrows(IllegalArgumentException.class, () -> new BinanceMarketStreams("ws://127.0.0.1:1", List.of("XRPUSDT"),
            List.of("bookTicker"), new SymbolTable(), StreamSettings.DEFAULTS, 1 << 12));
    }

    private static RecordedEvents decodeAll(final SymbolTable symbols, final List<String> frames)
    {
        final RecordedEvents events = new RecordedEvents();
        final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, false, events);
        for (final String frame : frames)
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            assertTrue(decoder.decode(bytes, 0, bytes.length) >= 0, frame);
        }
        return events;
    }

    static String fixture(final String name) throws IOException
    {
        return new String(BinanceMarketStreamsTest.class.getResourceAsStream("/fixtures/" + name).readAllBytes(), StandardCharsets.UTF_8);
    }
}
