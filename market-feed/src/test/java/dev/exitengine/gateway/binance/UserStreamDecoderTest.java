package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user data stream fixture decoded field by field, the combined-stream wrapper, and frames that cannot be read. */
class UserStreamDecoderTest
{
    private final UserStreamDecoder decoder = new UserStreamDecoder();
    private final Recorder recorder = new Recorder();

    private static String fixture(final String name) throws IOException
    {
        try (InputStream in = UserStreamDecoderTest.class.getResourceAsStream("/binance-um/fixtures/" + name))
        {
            if (in == null)
            {
                throw new IOException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Object decodeOne(final String frame)
    {
        recorder.calls.clear();
        decoder.decode(frame, recorder);
        assertEquals(1, recorder.calls.size(), "exactly one call per frame: " + recorder.calls);
        return recorder.calls.get(0);
    }

    private OrderUpdate order(final String frame)
    {
        final Object call = decodeOne(frame);
        assertTrue(call instanceof OrderUpdate, "not an order update: " + call);
        return (OrderUpdate)call;
    }

    private String malformed(final String frame)
    {
        final Object call = decodeOne(frame);
        assertTrue(call instanceof Malformed, "not reported malformed: " + call);
        return ((Malformed)call).reason;
    }

    @Test
    void newTrailingStopOrder() throws IOException
    {
        final OrderUpdate u = order(fixture("order_update_new.json"));
        assertEquals(1568879465651L, u.eventTime());
        assertEquals(1568879465651L, u.transactionTime());
        assertEquals("BTCUSDT", u.symbol());
        assertEquals("TEST", u.clientOrderId());
        assertEquals(8886774L, u.orderId());
        assertEquals("BUY", u.side());
        assertEquals("TRAILING_STOP_MARKET", u.orderType());
        assertEquals("TRAILING_STOP_MARKET", u.originalType());
        assertEquals("NEW", u.execType());
        assertEquals("NEW", u.status());
        assertEquals(100_000L, u.origQty());
        assertEquals(0L, u.lastQty());
        assertEquals(0L, u.lastPrice());
        assertEquals(0L, u.cumQty());
        assertEquals(0L, u.avgPrice());
        assertEquals(0L, u.commission());
        assertEquals("USDT", u.commissionAsset());
        assertEquals(1568879465651L, u.tradeTime());
        assertEquals(0L, u.tradeId());
        assertFalse(u.maker());
        assertFalse(u.reduceOnly());
        assertEquals("LONG", u.positionSide());
        assertEquals(0L, u.realizedPnl());
        assertFalse(u.closeAll());
        assertFalse(u.isTrade());
        assertFalse(u.isLiquidation());
        assertFalse(u.isAdl());
        assertFalse(u.isSettlement());
    }

    @Test
    void partialFill() throws IOException
    {
        final OrderUpdate u = order(fixture("order_update_trade.json"));
        assertTrue(u.isTrade());
        assertEquals("TRADE", u.execType());
        assertEquals("PARTIALLY_FILLED", u.status());
        assertEquals("LIMIT", u.orderType());
        assertEquals("LIMIT", u.originalType());
        assertEquals(100_000L, u.origQty());
        assertEquals(100_000L, u.lastQty());
        assertEquals(710_050_000_000L, u.lastPrice());
        assertEquals(Fixed.parse("7100.50"), u.lastPrice());
        assertEquals(100_000L, u.cumQty());
        assertEquals(710_050_000_000L, u.avgPrice());
        assertEquals(1_000_000L, u.commission());
        assertEquals("USDT", u.commissionAsset());
        assertEquals(1568879465651L, u.tradeTime());
        assertEquals(12345678L, u.tradeId());
        assertTrue(u.maker());
        assertFalse(u.reduceOnly());
        assertEquals("LONG", u.positionSide());
        assertEquals(1_234_000_000L, u.realizedPnl());
        assertFalse(u.isLiquidation());
    }

    @Test
    void liquidationInACombinedStreamWrapper() throws IOException
    {
        final OrderUpdate u = order(fixture("order_update_liquidation.json"));
        assertEquals(1759347763167L, u.eventTime());
        assertEquals("autoclose-1234567890123456", u.clientOrderId());
        assertTrue(u.isLiquidation());
        assertFalse(u.isAdl());
        assertFalse(u.isSettlement());
        assertFalse(u.isTrade(), "a liquidation's fill is CALCULATED, not TRADE");
        assertEquals("CALCULATED", u.execType());
        assertEquals("FILLED", u.status());
        assertEquals("SELL", u.side());
        assertEquals("MARKET", u.orderType());
        assertEquals(9876543210L, u.orderId());
        assertEquals(10_000_000L, u.origQty());
        assertEquals(10_000_000L, u.lastQty());
        assertEquals(5_000_000_000_000L, u.lastPrice());
        assertEquals(5_000_000_000_000L, u.avgPrice());
        assertEquals(500_000_000L, u.commission());
        assertEquals(1122334455L, u.tradeId());
        assertEquals(-10_000_000_000L, u.realizedPnl());
        assertEquals("LONG", u.positionSide());
    }

    @Test
    void adlFill() throws IOException
    {
        final OrderUpdate u = order(fixture("order_update_adl_filled.json"));
        assertTrue(u.isAdl());
        assertFalse(u.isLiquidation());
        assertTrue(u.isTrade());
        assertEquals("ETHUSDT", u.symbol());
        assertEquals("BUY", u.side());
        assertEquals("SHORT", u.positionSide());
        assertEquals(8765432109L, u.orderId());
        assertEquals(Fixed.ONE, u.lastQty());
        assertEquals(Fixed.ONE, u.cumQty());
        assertEquals(250_000_000_000L, u.lastPrice());
        assertEquals(250_000_000L, u.commission());
        assertEquals(2233445566L, u.tradeId());
        assertEquals(5_000_000_000L, u.realizedPnl());
        assertEquals(1759347763200L, u.tradeTime());
    }

    @Test
    void settlementClose()
    {
        final OrderUpdate u = order("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"T\":1,\"o\":{\"s\":\"XUSDT\",\"c\":\"settlement_autoclose-9\",\"i\":5,"
            + "\"S\":\"SELL\",\"o\":\"MARKET\",\"x\":\"TRADE\",\"X\":\"FILLED\",\"q\":\"3\",\"l\":\"3\",\"L\":\"0.5\",\"z\":\"3\",\"ap\":\"0.5\","
            + "\"R\":true,\"cp\":true}}");
        assertTrue(u.isSettlement());
        assertFalse(u.isLiquidation());
        assertTrue(u.reduceOnly());
        assertTrue(u.closeAll());
        assertEquals(Fixed.NONE, u.commission(), "no n: NONE");
        assertNull(u.commissionAsset(), "no N: null");
        assertEquals(0L, u.tradeId());
        assertNull(u.originalType());
        assertNull(u.positionSide());
    }

    @Test
    void tradeLite() throws IOException
    {
        final Object call = decodeOne(fixture("trade_lite.json"));
        final TradeLite t = (TradeLite)call;
        assertEquals(1568879465651L, t.eventTime());
        assertEquals(1568879465651L, t.transactionTime());
        assertEquals("BTCUSDT", t.symbol());
        assertEquals("TEST", t.clientOrderId());
        assertEquals("BUY", t.side());
        assertEquals(100_000L, t.origQty());
        assertEquals(710_050_000_000L, t.price());
        assertEquals(8886774L, t.orderId());
        assertEquals(100_000L, t.lastQty());
        assertEquals(710_050_000_000L, t.lastPrice());
        assertEquals(12345678L, t.tradeId());
        assertTrue(t.maker());
    }

    @Test
    void accountUpdate() throws IOException
    {
        final AccountUpdate a = (AccountUpdate)decodeOne(fixture("account_update.json"));
        assertEquals(1564745798939L, a.eventTime());
        assertEquals(1564745798939L, a.transactionTime());
        assertEquals("ORDER", a.reason());
        assertNull(a.fundingSymbol());
        assertEquals(1, a.balanceCount());
        assertEquals("USDT", a.balance(0).asset());
        assertEquals(12_262_412_345_678L, a.balance(0).walletBalance());
        assertEquals(10_012_345_678L, a.balance(0).crossWalletBalance());
        assertEquals(5_012_345_678L, a.balance(0).balanceChange());
        assertEquals(3, a.positionCount());

        final AccountUpdate.Position both = a.position(0);
        assertEquals("BTCUSDT", both.symbol());
        assertEquals("BOTH", both.positionSide());
        assertEquals(0L, both.amount());
        assertEquals(0L, both.entryPrice());
        assertEquals(0L, both.breakEvenPrice());
        assertEquals(0L, both.unrealizedPnl());

        final AccountUpdate.Position longs = a.position(1);
        assertEquals("LONG", longs.positionSide());
        assertEquals(2_000_000_000L, longs.amount());
        assertEquals(656_360_000_000L, longs.entryPrice());
        assertEquals(656_355_900_000L, longs.breakEvenPrice());
        assertEquals(285_021_200_000L, longs.unrealizedPnl());
        assertEquals("isolated", longs.marginType());

        final AccountUpdate.Position shorts = a.position(2);
        assertEquals("SHORT", shorts.positionSide());
        assertEquals(-1_000_000_000L, shorts.amount());
        assertEquals(656_380_000_000L, shorts.entryPrice());
        assertEquals(656_386_100_000L, shorts.breakEvenPrice());
        assertEquals(-142_315_600_000L, shorts.unrealizedPnl());
        assertEquals(-4_504_000_000L, shorts.accumulatedRealized());
        assertThrows(IndexOutOfBoundsException.class, () -> a.position(3));
    }

    @Test
    void fundingFeeAccountUpdateReusesEntries() throws IOException
    {
        final AccountUpdate first = (AccountUpdate)decodeOne(fixture("account_update.json"));
        final AccountUpdate.Position entry = first.position(0);
        final AccountUpdate funding = (AccountUpdate)decodeOne(
            "{\"e\":\"ACCOUNT_UPDATE\",\"E\":2,\"T\":2,\"a\":{\"m\":\"FUNDING_FEE\",\"S\":\"ETHUSDT\","
            + "\"B\":[{\"a\":\"USDT\",\"wb\":\"10.5\",\"cw\":\"10.5\",\"bc\":\"-0.01\"}],\"P\":[]}}");
        assertSame(first, funding);
        assertEquals("FUNDING_FEE", funding.reason());
        assertEquals("ETHUSDT", funding.fundingSymbol());
        assertEquals(0, funding.positionCount());
        assertEquals(-1_000_000L, funding.balance(0).balanceChange());
        final AccountUpdate again = (AccountUpdate)decodeOne(fixture("account_update.json"));
        assertSame(entry, again.position(0), "entries are pooled");
    }

    @Test
    void algoUpdate()
    {
        final AlgoUpdate a = (AlgoUpdate)decodeOne(
            "{\"e\":\"ALGO_UPDATE\",\"T\":1750515742297,\"E\":1750515742303,\"o\":{\"caid\":\"Q5xaq5EGKgXXa0fD7fs0Ip\",\"aid\":2148719,"
            + "\"at\":\"CONDITIONAL\",\"o\":\"TAKE_PROFIT\",\"s\":\"BNBUSDT\",\"S\":\"SELL\",\"ps\":\"BOTH\",\"f\":\"GTC\",\"q\":\"0.01\","
            + "\"X\":\"CANCELED\",\"ai\":\"\",\"ap\":\"0.00000\",\"aq\":\"0.00000\",\"act\":\"0\",\"tp\":\"750\",\"p\":\"750\","
            + "\"V\":\"EXPIRE_MAKER\",\"wt\":\"CONTRACT_PRICE\",\"pm\":\"NONE\",\"cp\":false,\"pP\":false,\"R\":true,\"tt\":0,\"gtd\":0,"
            + "\"rm\":\"Reduce Only reject\"}}");
        assertEquals(1750515742303L, a.eventTime());
        assertEquals(1750515742297L, a.transactionTime());
        assertEquals("Q5xaq5EGKgXXa0fD7fs0Ip", a.clientAlgoId());
        assertEquals(2148719L, a.algoId());
        assertEquals("CONDITIONAL", a.algoType());
        assertEquals("TAKE_PROFIT", a.orderType());
        assertEquals("BNBUSDT", a.symbol());
        assertEquals("SELL", a.side());
        assertEquals("BOTH", a.positionSide());
        assertEquals(1_000_000L, a.quantity());
        assertEquals("CANCELED", a.status());
        assertEquals(0L, a.actualOrderId(), "ai \"\" means not triggered");
        assertEquals(75_000_000_000L, a.triggerPrice());
        assertFalse(a.closePosition());
        assertTrue(a.reduceOnly());
        assertEquals("Reduce Only reject", a.rejectReason());

        final AlgoUpdate triggered = (AlgoUpdate)decodeOne(
            "{\"e\":\"ALGO_UPDATE\",\"E\":5,\"o\":{\"caid\":\"x1\",\"aid\":7,\"o\":\"STOP_MARKET\",\"s\":\"BTCUSDT\",\"S\":\"SELL\","
            + "\"X\":\"TRIGGERED\",\"ai\":\"123456\",\"tp\":\"60000.1\",\"cp\":true,\"rm\":\"\"}}");
        assertSame(a, triggered);
        assertEquals(123456L, triggered.actualOrderId());
        assertEquals(6_000_010_000_000L, triggered.triggerPrice());
        assertTrue(triggered.closePosition());
        assertNull(triggered.rejectReason());
        assertEquals(Fixed.NONE, triggered.quantity());
    }

    @Test
    void listenKeyExpiredRawAndWrapped()
    {
        assertEquals("expired 1576653824250 OfYGbUzi3PraNagEkdKuFwUHn48brFsItTdsuiIXrucEvD0rhRXZ7I6URWfE8YE8",
            decodeOne("{\"e\":\"listenKeyExpired\",\"E\":1576653824250,\"listenKey\":\"OfYGbUzi3PraNagEkdKuFwUHn48brFsItTdsuiIXrucEvD0rhRXZ7I6URWfE8YE8\"}"));
        assertEquals("expired 7 k",
            decodeOne("{\"stream\":\"k\",\"data\":{\"e\":\"listenKeyExpired\",\"E\":7,\"listenKey\":\"k\"}}"));
    }

    @Test
    void otherEvents()
    {
        assertEquals("other MARGIN_CALL 1587727187525",
            decodeOne("{\"e\":\"MARGIN_CALL\",\"E\":1587727187525,\"cw\":\"3.16812045\",\"p\":[{\"s\":\"ETHUSDT\",\"ps\":\"LONG\"}]}"));
        assertEquals("other ACCOUNT_CONFIG_UPDATE 9",
            decodeOne("{\"stream\":\"x\",\"data\":{\"E\":9,\"ac\":{\"s\":\"BTCUSDT\",\"l\":25},\"e\":\"ACCOUNT_CONFIG_UPDATE\"}}"));
    }

    @Test
    void fieldOrderAndWrapperOrderDoNotMatter()
    {
        final OrderUpdate u = order("{\"data\":{\"o\":{\"ap\":\"1\",\"z\":\"1\",\"L\":\"1\",\"l\":\"1\",\"q\":\"1\",\"X\":\"FILLED\",\"x\":\"TRADE\","
            + "\"o\":\"MARKET\",\"S\":\"BUY\",\"i\":1,\"c\":\"a\",\"s\":\"BTCUSDT\",\"n\":\"0.1\",\"N\":\"BNB\",\"extra\":{\"deep\":[1,2]}},"
            + "\"E\":3,\"e\":\"ORDER_TRADE_UPDATE\"},\"stream\":\"whatever\"}");
        assertEquals(3L, u.eventTime());
        assertEquals(10_000_000L, u.commission());
        assertEquals("BNB", u.commissionAsset());
    }

    @Test
    void caseMatters()
    {
        // t is the trade id, T the trade time; X the status, x the execution type
        final OrderUpdate u = order("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"B\",\"c\":\"c\",\"i\":1,\"S\":\"SELL\",\"o\":\"MARKET\","
            + "\"x\":\"TRADE\",\"X\":\"FILLED\",\"q\":\"2\",\"l\":\"0.5\",\"L\":\"300\",\"z\":\"2\",\"ap\":\"299\",\"T\":111,\"t\":222,"
            + "\"n\":\"0.3\",\"N\":\"USDT\"}}");
        assertEquals(111L, u.tradeTime());
        assertEquals(222L, u.tradeId());
        assertEquals("TRADE", u.execType());
        assertEquals("FILLED", u.status());
        assertEquals(50_000_000L, u.lastQty());
        assertEquals(30_000_000_000L, u.lastPrice());
        assertEquals(30_000_000L, u.commission());
        assertEquals("USDT", u.commissionAsset());
        assertEquals("SELL", u.side());
        assertEquals("B", u.symbol());
    }

    @Test
    void decodingTwiceReusesTheHolder() throws IOException
    {
        final String frame = fixture("order_update_trade.json");
        final OrderUpdate first = order(frame);
        final OrderUpdate second = order(frame);
        assertSame(first, second);
        assertEquals(710_050_000_000L, second.lastPrice());
        final OrderUpdate third = order(fixture("order_update_adl_filled.json"));
        assertSame(first, third);
        assertEquals("ETHUSDT", third.symbol());
        final TradeLite t1 = (TradeLite)decodeOne(fixture("trade_lite.json"));
        assertSame(t1, decodeOne(fixture("trade_lite.json")));
    }

    @Test
    void absentOptionalFieldsDoNotLeakFromThePreviousFrame() throws IOException
    {
        order(fixture("order_update_trade.json"));
        final OrderUpdate u = order("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"B\",\"c\":\"c\",\"i\":1,\"S\":\"SELL\",\"o\":\"MARKET\","
            + "\"x\":\"NEW\",\"X\":\"NEW\",\"q\":\"2\",\"l\":\"0\",\"L\":\"0\",\"z\":\"0\",\"ap\":\"0\"}}");
        assertEquals(Fixed.NONE, u.commission());
        assertNull(u.commissionAsset());
        assertEquals(0L, u.tradeId());
        assertEquals(0L, u.realizedPnl());
        assertFalse(u.maker());
        assertNull(u.positionSide());
    }

    @Test
    void bytesDecodeTheSame() throws IOException
    {
        final byte[] bytes = ("xx" + fixture("order_update_liquidation.json") + "yy").getBytes(StandardCharsets.UTF_8);
        recorder.calls.clear();
        decoder.decode(bytes, 2, bytes.length - 4, recorder);
        final OrderUpdate u = (OrderUpdate)recorder.calls.get(0);
        assertTrue(u.isLiquidation());
        assertEquals(5_000_000_000_000L, u.lastPrice());
    }

    @Test
    void truncatedJson() throws IOException
    {
        final String frame = fixture("order_update_trade.json");
        final String reason = malformed(frame.substring(0, frame.length() / 2));
        assertTrue(reason.startsWith("not valid JSON: "), reason);
        assertTrue(malformed("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1").startsWith("not valid JSON: "));
        assertEquals("not a JSON object", malformed(""));
        assertEquals("not a JSON object", malformed("[1,2]"));
        assertEquals("content after the JSON object", malformed("{\"e\":\"X\",\"E\":1} {}"));
    }

    @Test
    void missingEventType()
    {
        assertEquals("missing field e", malformed("{\"E\":1,\"o\":{}}"));
        assertEquals("missing field data.e", malformed("{\"stream\":\"s\",\"data\":{\"E\":1}}"));
        assertEquals("field e is not an event type: 5", malformed("{\"e\":5}"));
    }

    @Test
    void missingFieldsAreNamed() throws IOException
    {
        final String trade = fixture("order_update_trade.json");
        assertEquals("ORDER_TRADE_UPDATE: missing field o.L", malformed(trade.replace("\"L\": \"7100.50\",", "")));
        assertEquals("ORDER_TRADE_UPDATE: missing field o.i", malformed(trade.replace("\"i\": 8886774,", "\"i\": null,")));
        assertEquals("ORDER_TRADE_UPDATE: missing field E", malformed(trade.replace("\"E\": 1568879465651,", "")));
        assertEquals("ORDER_TRADE_UPDATE: missing field o", malformed("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1}"));
        assertEquals("ACCOUNT_UPDATE: missing field a.P[1].pa",
            malformed(fixture("account_update.json").replace("\"pa\": \"20\",", "")));
        assertEquals("TRADE_LITE: missing field t", malformed(fixture("trade_lite.json").replace("\"t\": 12345678,", "")));
        assertEquals("ALGO_UPDATE: missing field o.aid", malformed("{\"e\":\"ALGO_UPDATE\",\"E\":1,\"o\":{\"caid\":\"x\",\"s\":\"B\",\"X\":\"NEW\"}}"));
        assertEquals("listenKeyExpired: missing field E", malformed("{\"e\":\"listenKeyExpired\",\"listenKey\":\"k\"}"));
    }

    @Test
    void badValuesAreNamed() throws IOException
    {
        final String trade = fixture("order_update_trade.json");
        assertEquals("ORDER_TRADE_UPDATE: bad decimal in field o.L: '7,100.50' (not a decimal: '7,100.50')",
            malformed(trade.replace("\"L\": \"7100.50\"", "\"L\": \"7,100.50\"")));
        assertTrue(malformed(trade.replace("\"n\": \"0.01000000\"", "\"n\": \"0.000000001\""))
            .startsWith("ORDER_TRADE_UPDATE: bad decimal in field o.n: '0.000000001'"));
        assertTrue(malformed(trade.replace("\"l\": \"0.001\"", "\"l\": \"\""))
            .startsWith("ORDER_TRADE_UPDATE: bad decimal in field o.l: ''"));
        assertEquals("ORDER_TRADE_UPDATE: field o.m is not a boolean: yes", malformed(trade.replace("\"m\": true", "\"m\": \"yes\"")));
        assertEquals("ORDER_TRADE_UPDATE: bad integer in field o.i: 'abc'", malformed(trade.replace("\"i\": 8886774", "\"i\": \"abc\"")));
        assertEquals("ACCOUNT_UPDATE: bad decimal in field a.P.ep: '6563.6x' (not a decimal: '6563.6x')",
            malformed(fixture("account_update.json").replace("6563.6\"", "6563.6x\"")));
        assertEquals("ORDER_TRADE_UPDATE: field o is not an object", malformed("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":[]}"));
    }

    @Test
    void aListenerExceptionIsNotReportedAsMalformed() throws IOException
    {
        final String frame = fixture("order_update_trade.json");
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> decoder.decode(frame, new UserStreamListener()
        {
            @Override
            public void onOrderUpdate(final OrderUpdate update)
            {
                throw new IllegalStateException("listener");
            }

            @Override
            public void onMalformed(final String reason)
            {
                throw new AssertionError(reason);
            }
        }));
        assertEquals("listener", ex.getMessage());
    }

    private record Malformed(String reason)
    {
    }

    private static final class Recorder implements UserStreamListener
    {
        final List<Object> calls = new ArrayList<>();

        @Override
        public void onOrderUpdate(final OrderUpdate update)
        {
            calls.add(update);
        }

        @Override
        public void onTradeLite(final TradeLite trade)
        {
            calls.add(trade);
        }

        @Override
        public void onAccountUpdate(final AccountUpdate update)
        {
            calls.add(update);
        }

        @Override
        public void onAlgoUpdate(final AlgoUpdate update)
        {
            calls.add(update);
        }

        @Override
        public void onListenKeyExpired(final long eventTime, final String listenKey)
        {
            calls.add("expired " + eventTime + ' ' + listenKey);
        }

        @Override
        public void onOtherEvent(final String type, final long eventTime)
        {
            calls.add("other " + type + ' ' + eventTime);
        }

        @Override
        public void onMalformed(final String reason)
        {
            calls.add(new Malformed(reason));
        }
    }
}
