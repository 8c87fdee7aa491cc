package dev.exitengine.feed.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instruments from a local venue's exchangeInfo (the documented answer, trimmed): grids from the right filters. */
@Timeout(20)
class ExchangeInfoClientTest
{
    private final LocalBinanceVenue venue = LocalBinanceVenue.start();

    private String serve(final int status, final byte[] body)
    {
        venue.exchangeInfo(status, body);
        return venue.restUrl();
    }

    @AfterEach
    void stop()
    {
        venue.close();
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
        assertFalse(ex.getMessage().endsWith("null"), ex.getMessage());
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
