package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket API responses: a result handed to AccountReads as raw text, an error, the rate limits, ids of both kinds. */
class WsApiResponseTest
{
    @Test
    void orderPlaceResult()
    {
        final String frame = "{\"id\":\"60fa3a5a-6e1c-4a4b-9f3c-0d0b8c3b1a2e\",\"status\":200,\"result\":{\"orderId\":325078477,"
            + "\"symbol\":\"BTCUSDT\",\"status\":\"NEW\",\"clientOrderId\":\"iCXL1BywlBaf2sesNUrVl3\",\"price\":\"43187.00\","
            + "\"avgPrice\":\"0.00\",\"origQty\":\"0.100\",\"executedQty\":\"0.000\",\"cumQty\":\"0.000\",\"cumQuote\":\"0.00000\","
            + "\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"reduceOnly\":false,\"closePosition\":false,\"side\":\"BUY\","
            + "\"positionSide\":\"BOTH\",\"stopPrice\":\"0.00\",\"workingType\":\"CONTRACT_PRICE\",\"priceProtect\":false,"
            + "\"origType\":\"LIMIT\",\"priceMatch\":\"NONE\",\"selfTradePreventionMode\":\"NONE\",\"goodTillDate\":0,"
            + "\"updateTime\":1702555534435,\"nested\":{\"a\":[1,{\"b\":\"}\"}]}},"
            + "\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":2400,\"count\":1},"
            + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":300,\"count\":1},"
            + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1200,\"count\":0}]}";
        final WsApiResponse r = WsApiResponse.parse(frame);
        assertEquals("60fa3a5a-6e1c-4a4b-9f3c-0d0b8c3b1a2e", r.id());
        assertEquals(200, r.status());
        assertTrue(r.ok());
        assertEquals(0, r.errorCode());
        assertNull(r.errorMessage());
        assertTrue(r.resultJson().startsWith("{\"orderId\":325078477,"), r.resultJson());
        assertTrue(r.resultJson().endsWith("\"nested\":{\"a\":[1,{\"b\":\"}\"}]}}"), r.resultJson());
        assertEquals(new AccountReads.OrderAnswer("BTCUSDT", 325078477L, "iCXL1BywlBaf2sesNUrVl3", "NEW", 10_000_000L, 0L, 0L,
            1702555534435L), AccountReads.order(r.resultJson()));
        assertEquals(List.of(
            new WsApiResponse.RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400, 1),
            new WsApiResponse.RateLimit("ORDERS", "SECOND", 10, 300, 1),
            new WsApiResponse.RateLimit("ORDERS", "MINUTE", 1, 1200, 0)), r.rateLimits());
    }

    @Test
    void errorWithANumericId()
    {
        final WsApiResponse r = WsApiResponse.parse("{\"id\":42,\"status\":400,\"error\":{\"code\":-2022,"
            + "\"msg\":\"ReduceOnly Order is rejected.\"},\"rateLimits\":[{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\","
            + "\"intervalNum\":10,\"limit\":300,\"count\":2}]}");
        assertEquals("42", r.id());
        assertEquals(400, r.status());
        assertFalse(r.ok());
        assertEquals(-2022, r.errorCode());
        assertEquals("ReduceOnly Order is rejected.", r.errorMessage());
        assertNull(r.resultJson());
        assertEquals(1, r.rateLimits().size());
        assertEquals(2, r.rateLimits().get(0).count());
    }

    @Test
    void nullIdNoRateLimitsAndAnArrayResult()
    {
        final WsApiResponse bad = WsApiResponse.parse("{\"id\":null,\"status\":400,\"error\":{\"code\":-1102,\"msg\":\"Mandatory parameter 'id' was not sent.\"}}");
        assertNull(bad.id());
        assertTrue(bad.rateLimits().isEmpty());
        final WsApiResponse positions = WsApiResponse.parse("{\"id\":\"p\",\"status\":200,\"result\":[{\"symbol\":\"BTCUSDT\"}, {\"symbol\":\"X\"}]}");
        assertEquals("[{\"symbol\":\"BTCUSDT\"}, {\"symbol\":\"X\"}]", positions.resultJson());
        assertEquals("key", AccountReads.listenKey(WsApiResponse.parse("{\"id\":1,\"status\":200,\"result\":{\"listenKey\":\"key\"}}").resultJson()));
    }

    @Test
    void malformedFramesAreNamed()
    {
        assertEquals("WS API response: missing field status",
            assertThrows(IllegalArgumentException.class, () -> WsApiResponse.parse("{\"id\":\"1\",\"result\":{}}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WsApiResponse.parse("{\"id\":\"1\",\"status\":200,\"result\":{\"a\""))
            .getMessage().startsWith("WS API response: not valid JSON: "));
        assertEquals("WS API response: bad integer in field status: 200",
            assertThrows(IllegalArgumentException.class, () -> WsApiResponse.parse("{\"status\":\"200\"}")).getMessage());
        assertEquals("WS API response: missing field rateLimits[1].limit",
            assertThrows(IllegalArgumentException.class, () -> WsApiResponse.parse("{\"status\":200,\"rateLimits\":["
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":300,\"count\":2},"
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"count\":2}]}")).getMessage());
        assertEquals("WS API response: not a JSON object",
            assertThrows(IllegalArgumentException.class, () -> WsApiResponse.parse("")).getMessage());
    }
}
