package dev.exitengine.gateway.binance;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.CloseOrder;
import org.junit.jupiter.api.Test;

import static dev.exitengine.gateway.binance.ApiCredentialsTest.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Exact signed closes for one-way and hedge accounts, both sides, quantities off the step grid, and the
 * client id at its largest. Signatures were checked with {@code openssl dgst -sha256 -hmac} over the same text.
 */
class CloseOrderRequestsTest
{
    static final long TS = 1_700_000_000_000L;

    static CloseOrder close(final String symbol, final Side side, final PositionSide positionSide, final String qty, final String step)
    {
        final CloseOrder o = new CloseOrder();
        o.clientOrderId = ClientOrderIds.of(7, 1);
        o.symbol = symbol;
        o.side = side;
        o.positionSide = positionSide;
        o.qty = Fixed.parse(qty);
        o.stepSize = Fixed.parse(step);
        return o;
    }

    static CloseOrderRequests requests(final PositionMode mode)
    {
        return new CloseOrderRequests(RequestSignerTest.hmac(), new ServerClock(() -> TS - 250), mode, CloseOrderRequests.DEFAULT_RECV_WINDOW_MS);
    }

    /** The REST query of {@code order}: {@code params}, then the window, the timestamp and {@code signature}. */
    private static void assertRest(final String params, final String signature, final PositionMode mode, final CloseOrder order)
    {
        assertEquals(params + "&newClientOrderId=xe-7-1&newOrderRespType=RESULT&recvWindow=5000&timestamp=1700000000000&signature=" + signature,
            requests(mode).restQuery(order, TS));
    }

    @Test
    void aOneWaySellCloseIsReduceOnlyWithNoPositionSideAndTheStepsDecimals()
    {
        assertRest("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true",
            "8a00b2ff7552137bcf3d6c24045223c33ce2ab89b01cd0adb880ab6dda70a94e",
            PositionMode.ONE_WAY, close("BTCUSDT", Side.SELL, PositionSide.BOTH, "0.01", "0.001"));
    }

    @Test
    void aOneWayBuyCloseOffTheGridIsRoundedDown()
    {
        assertRest("symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1.23&reduceOnly=true",
            "18a4d74535855fdf80225349b282fedfd149b36188d7ec3c78b6ebe74c20d398",
            PositionMode.ONE_WAY, close("ETHUSDT", Side.BUY, PositionSide.BOTH, "1.23456", "0.01"));
    }

    @Test
    void aHedgeSellClosesTheLongSideWithoutReduceOnly()
    {
        assertRest("symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.010",
            "c6c4b0c36b6f6aa72fd6963f2ecabb1351ddfb1ca98b0f7f03f618fe51da56b8",
            PositionMode.HEDGE, close("BTCUSDT", Side.SELL, PositionSide.LONG, "0.0109", "0.001"));
    }

    @Test
    void aHedgeBuyClosesTheShortSideOnAWholeStep()
    {
        assertRest("symbol=1000PEPEUSDT&side=BUY&positionSide=SHORT&type=MARKET&quantity=1234",
            "c3a0c316991b28cbb3859923c1a070ca4948b41d42944e896a6e6bd87aa5e927",
            PositionMode.HEDGE, close("1000PEPEUSDT", Side.BUY, PositionSide.SHORT, "1234.9", "1"));
    }

    @Test
    void theTimestampComesFromTheServerClockWhenNotGiven()
    {
        final CloseOrder order = close("BTCUSDT", Side.SELL, PositionSide.BOTH, "0.01", "0.001");
        final ServerClock clock = new ServerClock(() -> TS - 250);
        clock.measured(TS - 300, TS - 40, TS - 280);
        final CloseOrderRequests requests = new CloseOrderRequests(RequestSignerTest.hmac(), clock, PositionMode.ONE_WAY, 5_000);
        assertEquals(requests.restQuery(order, TS), requests.restQuery(order));
    }

    @Test
    void aOneWayWebSocketPlaceSignsItsParametersSortedWithTheApiKey()
    {
        assertEquals("{\"id\":\"xe-7-1\",\"method\":\"order.place\",\"params\":{\"apiKey\":\"" + API_KEY + "\",\"newClientOrderId\":\"xe-7-1\","
                + "\"newOrderRespType\":\"RESULT\",\"quantity\":\"0.010\",\"recvWindow\":5000,\"reduceOnly\":\"true\",\"side\":\"SELL\","
                + "\"symbol\":\"BTCUSDT\",\"timestamp\":1700000000000,\"type\":\"MARKET\","
                + "\"signature\":\"20dc13935c5c224aed8874c105031473625b82615b332a55c0fbc4f400727a7f\"}}",
            requests(PositionMode.ONE_WAY).webSocketRequest(close("BTCUSDT", Side.SELL, PositionSide.BOTH, "0.01", "0.001"), "xe-7-1", TS));
    }

    @Test
    void aHedgeWebSocketPlaceNamesThePositionSide()
    {
        assertEquals("{\"id\":\"r9\",\"method\":\"order.place\",\"params\":{\"apiKey\":\"" + API_KEY + "\",\"newClientOrderId\":\"xe-7-1\","
                + "\"newOrderRespType\":\"RESULT\",\"positionSide\":\"SHORT\",\"quantity\":\"0.010\",\"recvWindow\":5000,\"side\":\"BUY\","
                + "\"symbol\":\"BTCUSDT\",\"timestamp\":1700000000000,\"type\":\"MARKET\","
                + "\"signature\":\"d9368b4c68c2c4e9e9cf0440d361d2afd5dbbd75c8382ec2a4fcd5e624e907d1\"}}",
            requests(PositionMode.HEDGE).webSocketRequest(close("BTCUSDT", Side.BUY, PositionSide.SHORT, "0.0109", "0.001"), "r9", TS));
    }

    @Test
    void theLargestClientOrderIdsFitBinancesPatternIn24Characters()
    {
        assertEquals("xe-1-1", CloseOrderRequests.clientOrderId(ClientOrderIds.of(1, 1)));
        assertEquals("xe-281474976710655-65535", CloseOrderRequests.clientOrderId(ClientOrderIds.of((1L << 48) - 1, 0xFFFF)));
        assertEquals("xe-281474976710655-65535", CloseOrderRequests.clientOrderId(-1L), "every bit set");
        assertEquals("xe-140737488355327-65535", CloseOrderRequests.clientOrderId(Long.MAX_VALUE));
        assertEquals("xe-0-0", CloseOrderRequests.clientOrderId(0));
    }

    @Test
    void closesThatBinanceWouldRefuseOrMisreadAreRefusedHere()
    {
        final CloseOrderRequests hedge = requests(PositionMode.HEDGE);
        final CloseOrderRequests oneWay = requests(PositionMode.ONE_WAY);
        assertEquals("close xe-7-1 BTCUSDT: a hedge-mode account needs positionSide LONG or SHORT, not BOTH",
            assertThrows(IllegalArgumentException.class, () -> hedge.params(close("BTCUSDT", Side.SELL, PositionSide.BOTH, "1", "0.001"), TS)).getMessage());
        assertEquals("close xe-7-1 BTCUSDT: BUY does not close a LONG position",
            assertThrows(IllegalArgumentException.class, () -> hedge.params(close("BTCUSDT", Side.BUY, PositionSide.LONG, "1", "0.001"), TS)).getMessage());
        assertEquals("close xe-7-1 BTCUSDT: quantity 0.0009 is less than one step of 0.001",
            assertThrows(IllegalArgumentException.class, () -> oneWay.params(close("BTCUSDT", Side.SELL, PositionSide.BOTH, "0.0009", "0.001"), TS)).getMessage());
        assertEquals("close xe-7-1 BTCUSDT: no step size",
            assertThrows(IllegalArgumentException.class, () -> oneWay.params(close("BTCUSDT", Side.SELL, PositionSide.BOTH, "1", "0"), TS)).getMessage());
        assertEquals("close xe-7-1: symbol 'btcusdt' is not A-Z and 0-9",
            assertThrows(IllegalArgumentException.class, () -> oneWay.params(close("btcusdt", Side.SELL, PositionSide.BOTH, "1", "0.001"), TS)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CloseOrderRequests(RequestSignerTest.hmac(), new ServerClock(), PositionMode.HEDGE, 60_001));
    }

    @Test
    void quantitiesAreWrittenPlainWithTheStepsScale()
    {
        assertEquals("0.010", CloseOrderRequests.quantity(close("X", Side.SELL, null, "0.0109", "0.001")));
        assertEquals("250000000", CloseOrderRequests.quantity(close("X", Side.SELL, null, "250000000", "1")));
        assertEquals("0.00000001", CloseOrderRequests.quantity(close("X", Side.SELL, null, "0.00000001", "0.00000001")));
        assertEquals("120", CloseOrderRequests.quantity(close("X", Side.SELL, null, "129", "10")));
        assertEquals("1.5", CloseOrderRequests.quantity(close("X", Side.SELL, null, "1.7", "0.5")));
    }

    @Test
    void anIocLimitAtTheBandEdgeStaysInsideTheBandOnTheTickGrid()
    {
        final CloseOrder sell = close("BTCUSDT", Side.SELL, PositionSide.BOTH, "0.01", "0.001");
        sell.tickSize = Fixed.parse("0.1");
        final PriceBands bands = PriceBands.parse("{\"symbols\":[{\"symbol\":\"BTCUSDT\",\"filters\":[{\"filterType\":\"PERCENT_PRICE\","
            + "\"multiplierUp\":\"1.0500\",\"multiplierDown\":\"0.9500\",\"multiplierDecimal\":\"4\"}]}]}");
        final long edge = bands.edge("BTCUSDT", Side.SELL, Fixed.parse("60000.03"));
        assertEquals("57000.0285", Fixed.toString(edge));
        final java.util.Map<String, String> p = requests(PositionMode.ONE_WAY).params(sell, TS, edge);
        assertEquals("LIMIT", p.get("type"));
        assertEquals("IOC", p.get("timeInForce"));
        assertEquals("57000.1", p.get("price"), "a SELL's edge rounded up: below it the venue refuses it again");
        final CloseOrder buy = close("BTCUSDT", Side.BUY, PositionSide.BOTH, "0.01", "0.001");
        buy.tickSize = Fixed.parse("0.1");
        final long buyEdge = bands.edge("BTCUSDT", Side.BUY, Fixed.parse("60000.03"));
        assertEquals("63000.0", requests(PositionMode.ONE_WAY).params(buy, TS, buyEdge).get("price"), "a BUY's edge rounded down");
        assertEquals(Fixed.parse("57000"), PriceBands.none().edge("ETHUSDT", Side.SELL, Fixed.parse("60000")), "5 % when exchangeInfo names none");
    }
}
