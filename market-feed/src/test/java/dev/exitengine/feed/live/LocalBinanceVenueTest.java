package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.exitengine.feed.live.RecordedEvents.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local venue routes frames as Binance does, records what was asked, and misbehaves on request. */
@Timeout(20)
class LocalBinanceVenueTest
{
    private static final String QUOTE = "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"s\":\"BTCUSDT\"," +
        "\"b\":\"100\",\"B\":\"1\",\"a\":\"101\",\"A\":\"1\",\"T\":5,\"E\":5}}";

    @Test
    void aFrameGoesToThePathThatServesItsStreamOrEvent()
    {
        assertTrue(LocalBinanceVenue.servesPublic(QUOTE));
        assertTrue(LocalBinanceVenue.servesPublic("{\"e\":\"bookTicker\",\"s\":\"BTCUSDT\"}"));
        assertFalse(LocalBinanceVenue.servesPublic(MarketStreamClientTest.aggTrade(1)));
        assertFalse(LocalBinanceVenue.servesPublic("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\"}}"));
        assertFalse(LocalBinanceVenue.servesPublic("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\"}"));
        assertFalse(LocalBinanceVenue.servesPublic("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"}}"));
    }

    @Test
    void broadcastsReachOnlyTheirPathAndQuietSendRawAndDropsMisbehave() throws Exception
    {
        final SymbolTable symbols = new SymbolTable();
        symbols.register("BTCUSDT", 0);
        try (LocalBinanceVenue venue = LocalBinanceVenue.start();
             BinanceMarketStreams streams = new BinanceMarketStreams(venue.wsUrl(), List.of("BTCUSDT"), List.of("bookTicker", "aggTrade"),
                 symbols, MarketStreamClientTest.FAST, 1 << 16))
        {
            streams.start();
            assertTrue(venue.awaitConnections(2, Duration.ofSeconds(5)));
            assertTrue(venue.awaitOpen(2, Duration.ofSeconds(5)));
            assertEquals(List.of("btcusdt@aggTrade", "btcusdt@bookTicker"), venue.streamQueries().stream().sorted().toList());
            final MarketStreamClient publicClient = streams.clients().get(0);
            final MarketStreamClient marketClient = streams.clients().get(1);
            venue.quiet(true);
            venue.broadcast(QUOTE);
            venue.quiet(false);
            venue.broadcastAll(List.of(QUOTE, MarketStreamClientTest.aggTrade(1)));
            final RecordedEvents events = new RecordedEvents();
            await(5000, "the quote and the trade", () ->
            {
                streams.drain(events, 10);
                return events.size() == 2;
            });
            assertEquals(1, publicClient.status().frames(), "the quiet broadcast was not sent");
            assertEquals(1, marketClient.status().frames());
            assertEquals(0, streams.duplicatesDropped());
            assertEquals(0, streams.lateTradesDelivered());
            assertEquals(0, streams.tradesTooOld());

            venue.sendRaw("{\"stream\":");
            await(5000, "the malformed frame on both", () -> publicClient.status().malformed() == 1 && marketClient.status().malformed() == 1);

            venue.dropConnections();
            assertTrue(venue.awaitConnections(4, Duration.ofSeconds(5)));
            await(5000, "both reconnected", streams::connected);
            assertEquals(1, publicClient.status().reconnects());
            assertEquals(1, marketClient.status().reconnects());
        }
    }

    @Test
    void exchangeInfoIsServedAsGivenAndOtherPathsAreNotFound() throws Exception
    {
        final byte[] fixture;
        try (InputStream in = LocalBinanceVenueTest.class.getResourceAsStream("/binance/exchange_info.json"))
        {
            fixture = in.readAllBytes();
        }
        try (LocalBinanceVenue venue = LocalBinanceVenue.start())
        {
            venue.exchangeInfo(fixture);
            assertTrue(venue.restUrl().startsWith("http://127.0.0.1:"));
            assertTrue(venue.wsUrl().startsWith("ws://127.0.0.1:"));
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final HttpResponse<byte[]> info = http.send(HttpRequest.newBuilder(URI.create(venue.restUrl() + "/fapi/v1/exchangeInfo"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, info.statusCode());
            assertArrayEquals(fixture, info.body());
            final HttpResponse<byte[]> other = http.send(HttpRequest.newBuilder(URI.create(venue.restUrl() + "/fapi/v1/time"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(404, other.statusCode());
            assertEquals(0, venue.connections());
        }
    }
}
