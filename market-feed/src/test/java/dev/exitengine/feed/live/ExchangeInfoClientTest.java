package dev.exitengine.feed.live;

import com.sun.net.httpserver.HttpServer;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instruments from a local venue's exchangeInfo (the documented answer, trimmed): grids from the right filters. */
class ExchangeInfoClientTest
{
    private HttpServer server;

    private String serve(final int status, final byte[] body) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(ExchangeInfoClient.PATH, exchange ->
        {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.stop(0);
        }
    }

    private static byte[] fixture() throws IOException
    {
        try (InputStream in = ExchangeInfoClientTest.class.getResourceAsStream("/binance/exchange_info.json"))
        {
            return in.readAllBytes();
        }
    }

    @Test
    void aMarketCloseUsesTheMarketLotSizeStepAndThePriceFilterTick() throws IOException
    {
        final String url = serve(200, fixture());
        final List<EngineConfig.InstrumentDef> defs = new ExchangeInfoClient(url + "/", Duration.ofSeconds(5))
            .instruments(List.of("ethusdt", "BTCUSDT"), Fixed.parse("0.0002"), Fixed.parse("0.0005"));
        assertEquals(2, defs.size());
        final EngineConfig.InstrumentDef eth = defs.get(0);
        assertEquals("ETHUSDT", eth.symbol);
        assertEquals(Fixed.parse("0.01"), eth.tickSize);
        assertEquals(Fixed.parse("0.01"), eth.stepSize, "MARKET_LOT_SIZE, not LOT_SIZE's 0.001");
        assertEquals(Fixed.parse("0.01"), eth.minQty);
        final EngineConfig.InstrumentDef btc = defs.get(1);
        assertEquals(Fixed.parse("0.1"), btc.tickSize);
        assertEquals(Fixed.parse("0.001"), btc.stepSize);
        assertEquals(Fixed.parse("0.001"), btc.minQty);
        assertEquals(Fixed.parse("0.0002"), btc.makerFee);
        assertEquals(Fixed.parse("0.0005"), btc.takerFee);
    }

    @Test
    void aSymbolTheVenueDoesNotListIsAnErrorNamingItAndTheUrl() throws IOException
    {
        final String url = serve(200, fixture());
        final IOException ex = assertThrows(IOException.class, () -> new ExchangeInfoClient(url, Duration.ofSeconds(5))
            .instruments(List.of("BTCUSDT", "OLDUSDT"), 0, 0));
        assertEquals("GET " + url + "/fapi/v1/exchangeInfo: no symbol OLDUSDT in the exchange's answer", ex.getMessage());
    }

    @Test
    void anHttpErrorIsNamedWithItsStatus() throws IOException
    {
        final String url = serve(503, "{}".getBytes());
        final IOException ex = assertThrows(IOException.class, () -> new ExchangeInfoClient(url, Duration.ofSeconds(5))
            .instruments(List.of("BTCUSDT"), 0, 0));
        assertEquals("GET " + url + "/fapi/v1/exchangeInfo: HTTP 503", ex.getMessage());
    }

    @Test
    void aVenueThatIsNotThereIsNamed()
    {
        final IOException ex = assertThrows(IOException.class, () -> new ExchangeInfoClient("http://127.0.0.1:1", Duration.ofSeconds(2))
            .instruments(List.of("BTCUSDT"), 0, 0));
        assertTrue(ex.getMessage().startsWith("GET http://127.0.0.1:1/fapi/v1/exchangeInfo: "), ex.getMessage());
    }

    @Test
    void notJsonIsRefused() throws IOException
    {
        final String url = serve(200, "<html>".getBytes());
        final IOException ex = assertThrows(IOException.class, () -> new ExchangeInfoClient(url, Duration.ofSeconds(5))
            .instruments(List.of("BTCUSDT"), 0, 0));
        assertTrue(ex.getMessage().startsWith("exchangeInfo: not valid JSON"), ex.getMessage());
    }
}
