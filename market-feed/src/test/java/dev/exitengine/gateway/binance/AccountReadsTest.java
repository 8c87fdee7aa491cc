package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST (and WS API result) answers the engine reads, as Binance documents them, and bad ones named. */
class AccountReadsTest
{
    private static final String POSITION_RISK_V3 = """
        [
          {"symbol":"ADAUSDT","positionSide":"BOTH","positionAmt":"30","entryPrice":"0.385","breakEvenPrice":"0.385077",
           "markPrice":"0.41047590","unRealizedProfit":"0.76427700","liquidationPrice":"0","isolatedMargin":"0",
           "notional":"12.31427700","marginAsset":"USDT","isolatedWallet":"0","initialMargin":"0.61571385",
           "maintMargin":"0.08004280","positionInitialMargin":"0.61571385","openOrderInitialMargin":"0","adl":2,
           "bidNotional":"0","askNotional":"0","updateTime":1720736417660},
          {"symbol":"BTCUSDT","positionSide":"BOTH","positionAmt":"0.000","entryPrice":"0.0","breakEvenPrice":"0.0",
           "markPrice":"60000.00","unRealizedProfit":"0.00000000","liquidationPrice":"0","updateTime":0},
          {"symbol":"ETHUSDT","positionSide":"SHORT","positionAmt":"-1.250","entryPrice":"2500.12","breakEvenPrice":"2499.1",
           "markPrice":"2450.5","unRealizedProfit":"62.025","liquidationPrice":"4000","updateTime":1720736417999}
        ]""";

    @Test
    void serverTime()
    {
        assertEquals(1499827319559L, AccountReads.serverTime("{\"serverTime\":1499827319559}"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> AccountReads.serverTime("{\"time\":1}"));
        assertEquals("GET /fapi/v1/time: missing field serverTime", ex.getMessage());
        assertEquals("GET /fapi/v1/time: bad integer in field serverTime: '1.5'",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.serverTime("{\"serverTime\":1.5}")).getMessage());
    }

    @Test
    void positionMode()
    {
        assertTrue(AccountReads.dualSidePosition("{\"dualSidePosition\":true}"));
        assertFalse(AccountReads.dualSidePosition("{\"dualSidePosition\":false}"));
        assertEquals("GET /fapi/v1/positionSide/dual: field dualSidePosition is not a boolean: 'yes'",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.dualSidePosition("{\"dualSidePosition\":\"yes\"}")).getMessage());
    }

    @Test
    void commissionRate()
    {
        final AccountReads.CommissionRate r = AccountReads.commissionRate(
            "{\"symbol\":\"BTCUSDT\",\"makerCommissionRate\":\"0.0002\",\"takerCommissionRate\":\"0.0004\",\"rpiCommissionRate\":\"0.00005\"}");
        assertEquals(new AccountReads.CommissionRate("BTCUSDT", 20_000L, 40_000L), r);
        assertEquals("GET /fapi/v1/commissionRate: bad decimal in field takerCommissionRate: '4e-4' (not a decimal: '4e-4')",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.commissionRate(
                "{\"symbol\":\"BTCUSDT\",\"makerCommissionRate\":\"0.0002\",\"takerCommissionRate\":\"4e-4\"}")).getMessage());
    }

    @Test
    void positionsSkipFlatOnes()
    {
        final List<AccountReads.PositionRisk> ps = AccountReads.positions(POSITION_RISK_V3);
        assertEquals(2, ps.size());
        assertEquals(new AccountReads.PositionRisk("ADAUSDT", "BOTH", 3_000_000_000L, 38_500_000L, 38_507_700L, 41_047_590L, 1720736417660L),
            ps.get(0));
        final AccountReads.PositionRisk eth = ps.get(1);
        assertEquals("ETHUSDT", eth.symbol());
        assertEquals("SHORT", eth.positionSide());
        assertEquals(-125_000_000L, eth.amount());
        assertEquals(250_012_000_000L, eth.entryPrice());
        assertEquals(249_910_000_000L, eth.breakEvenPrice());
        assertEquals(245_050_000_000L, eth.markPrice());
        assertEquals(1720736417999L, eth.updateTime());
        assertTrue(AccountReads.positions("[]").isEmpty());
    }

    @Test
    void badPositionsNameTheEntryAndField()
    {
        assertEquals("GET /fapi/v3/positionRisk [1]: missing field entryPrice",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.positions(POSITION_RISK_V3.replace("\"entryPrice\":\"0.0\",", "")))
                .getMessage());
        assertEquals("GET /fapi/v3/positionRisk [2]: bad decimal in field positionAmt: '-1,250' (not a decimal: '-1,250')",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.positions(POSITION_RISK_V3.replace("-1.250", "-1,250")))
                .getMessage());
        assertEquals("GET /fapi/v3/positionRisk: error answer -2015 Invalid API-key, IP, or permissions for action.",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.positions(
                "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountReads.positions(POSITION_RISK_V3.substring(0, 200)))
            .getMessage().startsWith("GET /fapi/v3/positionRisk: not valid JSON: "));
        assertEquals("GET /fapi/v3/positionRisk: not a JSON array: {\"symbol\":\"X\"}",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.positions("{\"symbol\":\"X\"}")).getMessage());
    }

    @Test
    void openOrders()
    {
        final List<AccountReads.OpenOrder> orders = AccountReads.openOrders("""
            [{"avgPrice":"0.00000","clientOrderId":"abc","cumQuote":"0","executedQty":"0","orderId":1917641,"origQty":"0.40",
              "origType":"LIMIT","price":"0","reduceOnly":true,"side":"SELL","positionSide":"SHORT","status":"NEW","stopPrice":"0",
              "closePosition":false,"symbol":"BTCUSDT","time":1579276756075,"timeInForce":"GTC","type":"LIMIT","activatePrice":"9020",
              "priceRate":"0.3","updateTime":1579276756075,"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE",
              "selfTradePreventionMode":"NONE","goodTillDate":0},
             {"avgPrice":"61000.5","clientOrderId":"x-2","executedQty":"0.004","orderId":22,"origQty":"0.010","reduceOnly":false,
              "side":"BUY","positionSide":"BOTH","status":"PARTIALLY_FILLED","symbol":"BTCUSDT","type":"LIMIT","updateTime":5}]""");
        assertEquals(2, orders.size());
        assertEquals(new AccountReads.OpenOrder("BTCUSDT", 1917641L, "abc", "SELL", "SHORT", "LIMIT", "NEW", 40_000_000L, 0L, 0L, true,
            1579276756075L), orders.get(0));
        assertEquals(new AccountReads.OpenOrder("BTCUSDT", 22L, "x-2", "BUY", "BOTH", "LIMIT", "PARTIALLY_FILLED", 1_000_000L, 400_000L,
            6_100_050_000_000L, false, 5L), orders.get(1));
        assertEquals("GET /fapi/v1/openOrders [0]: missing field reduceOnly",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.openOrders(
                "[{\"avgPrice\":\"0\",\"clientOrderId\":\"a\",\"executedQty\":\"0\",\"orderId\":1,\"origQty\":\"1\",\"side\":\"BUY\","
                + "\"positionSide\":\"BOTH\",\"status\":\"NEW\",\"symbol\":\"B\",\"type\":\"LIMIT\",\"updateTime\":1}]")).getMessage());
    }

    @Test
    void openAlgoOrders()
    {
        final List<AccountReads.OpenAlgoOrder> algos = AccountReads.openAlgoOrders("""
            [{"algoId":2146760,"clientAlgoId":"6B2I9XVcJpCjqPAJ4YoFX7","algoType":"CONDITIONAL","orderType":"TAKE_PROFIT",
              "symbol":"BNBUSDT","side":"SELL","positionSide":"BOTH","timeInForce":"GTC","quantity":"0.01","algoStatus":"NEW",
              "actualOrderId":"","actualPrice":"0.00000","triggerPrice":"750.000","price":"750.000","icebergQuantity":null,
              "tpTriggerPrice":"0.000","tpPrice":"0.000","slTriggerPrice":"0.000","slPrice":"0.000","tpOrderType":"","selfTradePreventionMode":"EXPIRE_MAKER",
              "workingType":"CONTRACT_PRICE","priceMatch":"NONE","closePosition":false,"priceProtect":false,"reduceOnly":false,
              "createTime":1750485492076,"updateTime":1750485492076,"triggerTime":0,"goodTillDate":0},
             {"algoId":7,"clientAlgoId":"sl-1","orderType":"STOP_MARKET","symbol":"BTCUSDT","side":"SELL","positionSide":"LONG",
              "algoStatus":"NEW","triggerPrice":"58000.5","closePosition":true}]""");
        assertEquals(new AccountReads.OpenAlgoOrder(2146760L, "6B2I9XVcJpCjqPAJ4YoFX7", "BNBUSDT", "SELL", "BOTH", "TAKE_PROFIT",
            75_000_000_000L, false, "NEW"), algos.get(0));
        assertEquals(new AccountReads.OpenAlgoOrder(7L, "sl-1", "BTCUSDT", "SELL", "LONG", "STOP_MARKET", 5_800_050_000_000L, true, "NEW"),
            algos.get(1));
        assertEquals(Fixed.NONE, AccountReads.openAlgoOrders("[{\"algoId\":1,\"clientAlgoId\":\"t\",\"orderType\":\"TRAILING_STOP_MARKET\","
            + "\"symbol\":\"B\",\"side\":\"SELL\",\"positionSide\":\"BOTH\",\"algoStatus\":\"NEW\",\"triggerPrice\":\"\"}]").get(0).triggerPrice());
        assertEquals("GET /fapi/v1/openAlgoOrders [0]: missing field algoStatus",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.openAlgoOrders(
                "[{\"algoId\":1,\"clientAlgoId\":\"t\",\"orderType\":\"STOP_MARKET\",\"symbol\":\"B\",\"side\":\"SELL\",\"positionSide\":\"BOTH\"}]"))
                .getMessage());
    }

    @Test
    void orderAnswers()
    {
        // POST /fapi/v1/order with newOrderRespType=RESULT: a MARKET close comes back FILLED
        final AccountReads.OrderAnswer result = AccountReads.order("""
            {"clientOrderId":"ee-close-1","cumQty":"0.010","cumQuote":"600.10000","executedQty":"0.010","orderId":4095436960,
             "avgPrice":"60010.00","origQty":"0.010","price":"0.00","reduceOnly":true,"side":"SELL","positionSide":"BOTH",
             "status":"FILLED","stopPrice":"0.00","closePosition":false,"symbol":"BTCUSDT","timeInForce":"GTC","type":"MARKET",
             "origType":"MARKET","updateTime":1733000000123,"workingType":"CONTRACT_PRICE","priceProtect":false,
             "priceMatch":"NONE","selfTradePreventionMode":"EXPIRE_MAKER","goodTillDate":0}""");
        assertEquals(new AccountReads.OrderAnswer("BTCUSDT", 4095436960L, "ee-close-1", "FILLED", 1_000_000L, 1_000_000L,
            6_001_000_000_000L, 1733000000123L), result);
        // an ACK without avgPrice
        final AccountReads.OrderAnswer ack = AccountReads.order("{\"clientOrderId\":\"a\",\"executedQty\":\"0\",\"orderId\":9,"
            + "\"origQty\":\"1.5\",\"status\":\"NEW\",\"symbol\":\"ETHUSDT\"}");
        assertEquals(Fixed.NONE, ack.avgPrice());
        assertEquals(0L, ack.updateTime());
        assertEquals(150_000_000L, ack.origQty());
        assertEquals("/fapi/v1/order: error answer -2013 Order does not exist.",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.order("{\"code\":-2013,\"msg\":\"Order does not exist.\"}"))
                .getMessage());
        assertEquals("/fapi/v1/order: missing field executedQty",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.order("{\"clientOrderId\":\"a\",\"orderId\":9,"
                + "\"origQty\":\"1.5\",\"status\":\"NEW\",\"symbol\":\"ETHUSDT\"}")).getMessage());
        assertEquals("/fapi/v1/order: not a JSON object: []",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.order("[]")).getMessage());
    }

    @Test
    void algoOrderAnswers()
    {
        assertEquals(new AccountReads.AlgoOrderAnswer(2146760L, "6B2I9XVcJpCjqPAJ4YoFX7", "NEW"), AccountReads.algoOrder(
            "{\"algoId\":2146760,\"clientAlgoId\":\"6B2I9XVcJpCjqPAJ4YoFX7\",\"algoType\":\"CONDITIONAL\",\"orderType\":\"TAKE_PROFIT\","
            + "\"symbol\":\"BNBUSDT\",\"side\":\"SELL\",\"positionSide\":\"BOTH\",\"quantity\":\"0.01\",\"algoStatus\":\"NEW\","
            + "\"triggerPrice\":\"750.000\",\"closePosition\":false}"));
        final AccountReads.AlgoOrderAnswer cancel = AccountReads.algoOrder(
            "{\"algoId\":2146760,\"clientAlgoId\":\"6B2I9XVcJpCjqPAJ4YoFX7\",\"code\":\"200\",\"msg\":\"success\"}");
        assertEquals(2146760L, cancel.algoId());
        assertNull(cancel.algoStatus());
    }

    @Test
    void listenKey()
    {
        assertEquals("pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1",
            AccountReads.listenKey("{\"listenKey\":\"pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1\"}"));
        assertEquals("POST /fapi/v1/listenKey: missing field listenKey",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.listenKey("{}")).getMessage());
        assertEquals("POST /fapi/v1/listenKey: not a JSON object: ",
            assertThrows(IllegalArgumentException.class, () -> AccountReads.listenKey("")).getMessage());
    }
}
