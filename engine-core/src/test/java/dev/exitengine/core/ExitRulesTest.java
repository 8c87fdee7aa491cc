package dev.exitengine.core;

import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.exitengine.core.Scenario.field;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitRulesTest
{
    private static ExitProfile.Builder profile(final String name)
    {
        return ExitProfile.builder(name);
    }

    @Test
    void trailingStopWithCallbackFollowsThePeakAndFiresInclusively()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("trail").stopLoss(LevelKind.PCT, parse("5"))
                .trailingActivation(ActivationKind.PCT, 0).trailingDistance(DistanceKind.CALLBACK_PCT, parse("10")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "trail").trade("TEST", "105", "110", "99.5", "99.01", "99", "98");
            final List<String> levels = s.of("levels");
            // armed at entry (peak 100 → 90), then every move: 105 → 94.5, 110 → 99
            assertEquals("90", field(levels.get(0), "trailingStop"));
            assertEquals("95", field(levels.get(0), "stopLoss"));
            assertEquals("94.5", field(levels.get(1), "trailingStop"));
            assertEquals("99", field(levels.get(2), "trailingStop"));
            assertEquals(3, levels.size());
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size());
            assertEquals("TRAILING_STOP", field(closes.get(0), "reason"));
            assertEquals("99", field(closes.get(0), "level"));
            assertEquals("99", field(closes.get(0), "price"));
            final String exit = s.of("exit").get(0);
            assertEquals("98", field(exit, "exitPrice"));
        }
    }

    @Test
    void binanceTrailingStopMarketSellIsExpressibleExactly()
    {
        // SELL TRAILING_STOP_MARKET, activationPrice 105, callbackRate 1: active once the highest price since
        // placement is ≥ 105; fires when the latest price ≤ highest × 0.99
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("binance").trailingActivation(ActivationKind.PRICE, parse("105"))
                .trailingDistance(DistanceKind.CALLBACK_PCT, parse("1")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "binance").trade("TEST", "104.99", "103", "105", "106", "104.95", "104.94", "104");
            final List<String> levels = s.of("levels");
            assertNull(field(levels.get(0), "trailingStop"), "not active below the activation price");
            assertEquals("103.95", field(levels.get(1), "trailingStop"));
            assertEquals("104.94", field(levels.get(2), "trailingStop"));
            final String close = s.of("close").get(0);
            assertEquals("TRAILING_STOP", field(close, "reason"));
            assertEquals("104.94", field(close, "price"), "fires at exactly highest × (1 − 1 %), not before");
        }
    }

    @Test
    void trailingBuySideMirrorsWithTheLowestPrice()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("trailShort").trailingActivation(ActivationKind.PRICE, parse("95"))
                .trailingDistance(DistanceKind.CALLBACK_PCT, parse("1")).build());
            s.fill("a1", "TEST", Side.SELL, "1", "100", "trailShort").trade("TEST", "95.01", "95", "94", "94.93", "94.94", "95");
            final List<String> levels = s.of("levels");
            assertEquals("95.95", field(levels.get(1), "trailingStop"));
            assertEquals("94.94", field(levels.get(2), "trailingStop"));
            final String close = s.of("close").get(0);
            assertEquals("TRAILING_STOP", field(close, "reason"));
            assertEquals("BUY", field(close, "side"));
            assertEquals("94.94", field(close, "price"));
        }
    }

    @Test
    void trailingDistanceAsOffsetBasisPointsAndTicks()
    {
        try (Scenario s = new Scenario("TEST", "0.05", "0.0004"))
        {
            s.profile(profile("off").trailingDistance(DistanceKind.OFFSET, parse("2.5")).build());
            s.profile(profile("bps").trailingDistance(DistanceKind.OFFSET_BPS, parse("25")).build());
            s.profile(profile("ticks").trailingDistance(DistanceKind.OFFSET_TICKS, parse("7")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "off").fill("a2", "TEST", Side.BUY, "1", "100", "bps")
                .fill("a3", "TEST", Side.BUY, "1", "100", "ticks").trade("TEST", "120");
            final List<String> levels = s.of("levels");
            assertEquals("97.5", field(levels.get(0), "trailingStop"));
            assertEquals("99.75", field(levels.get(1), "trailingStop"));
            assertEquals("99.65", field(levels.get(2), "trailingStop"));
            // at 120: 117.5, 119.7 (unrounded 120 × 0.9975), 119.65
            assertEquals("117.5", field(levels.get(3), "trailingStop"));
            assertEquals("119.7", field(levels.get(4), "trailingStop"));
            assertEquals("119.65", field(levels.get(5), "trailingStop"));
        }
    }

    @Test
    void trailingActivationByNetProfitWaitsForTheFeeCorrectedPrice()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.profile(profile("tn").trailingActivation(ActivationKind.NET, parse("10"))
                .trailingDistance(DistanceKind.OFFSET, parse("100")).build());
            // long 0.01 at 50000, entry fee 0.2: net ≥ 10 from 51040.41608... on the exact grid
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", "tn").trade("BTCUSDT", "51040.4", "51040.5");
            final List<String> levels = s.of("levels");
            assertEquals(2, levels.size());
            assertEquals("50940.5", field(levels.get(1), "trailingStop"));
        }
    }

    @Test
    void breakevenMovesTheStopToTheFeeInclusiveBreakevenOnceNetProfitReachesTheTrigger()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.profile(profile("be").stopLoss(LevelKind.NET, parse("10")).breakeven(ActivationKind.NET, parse("5"), 0).build());
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", "be").trade("BTCUSDT", "50540", "50540.4", "50100", "50040.2", "50040.1");
            final List<String> levels = s.of("levels");
            assertEquals("49039.7", field(levels.get(0), "stopLoss"));
            // net ≥ 5 at 50540.41...: the trade at 50540.4 is short of it by a fraction; 50540.4 → nets 4.99...
            // breakeven: smallest tick with net ≥ 0 = ceil(500.2 / 0.009996) = 50040.1
            assertEquals(2, levels.size(), levels.toString());
            final String close = s.of("close").get(0);
            assertEquals("BREAKEVEN", field(close, "reason"));
            assertEquals("50040.1", field(close, "level"));
            assertEquals("50040.1", field(close, "price"));
            assertEquals("50040.1", field(levels.get(1), "breakevenStop"));
        }
    }

    @Test
    void profitFloorExitsWhenNetProfitFallsBackToTheFloor()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.profile(profile("floor").profitFloor(parse("15"), parse("7")).build());
            // 0.01 BTC at 50000: net ≥ 15 from (500.2 + 15) / 0.009996 = 51540.6162 → activates at 51540.7
            // floor: net ≥ 7 → (500.2 + 7) / 0.009996 = 50740.2961 → rounded up to 50740.3
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", "floor").trade("BTCUSDT", "51540.6", "51000", "51540.7", "50800", "50740.3", "50740");
            final List<String> levels = s.of("levels");
            assertEquals("50740.3", field(levels.get(1), "profitFloor"));
            final String close = s.of("close").get(0);
            assertEquals("PROFIT_FLOOR", field(close, "reason"));
            assertEquals("50740.3", field(close, "price"));
            final String exit = s.of("exit").get(0);
            // filled one trade later at 50740: 0.3 of slippage against the level, visible in the record
            assertEquals("50740", field(exit, "exitPrice"));
            assertEquals("0.3", field(exit, "slippage"));
        }
    }

    @Test
    void scaleOutClosesFractionsThenMovesTheStopToBreakeven()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.profile(profile("scale").stopLoss(LevelKind.PCT, parse("2")).scaleOut(LevelKind.PCT, parse("1"), parse("0.5"))
                .scaleOut(LevelKind.PCT, parse("2"), parse("0.5")).breakevenAfterFirstScaleOut(true).build());
            s.fill("a1", "BTCUSDT", Side.BUY, "0.02", "50000", "scale").trade("BTCUSDT", "50499.9", "50500", "50510", "50300", "51000", "51000");
            final List<String> closes = s.of("close");
            assertEquals("PARTIAL_TAKE_PROFIT", field(closes.get(0), "reason"));
            assertEquals("0.01", field(closes.get(0), "qty"));
            assertEquals("50500", field(closes.get(0), "level"));
            final List<String> exits = s.of("exit");
            assertEquals("PARTIAL_TAKE_PROFIT", field(exits.get(0), "reason"));
            assertEquals("0.01", field(exits.get(0), "qty"));
            assertEquals("50510", field(exits.get(0), "exitPrice"));
            // after the first level the rest's stop is at its fee-inclusive breakeven
            final List<String> levels = s.of("levels");
            final String afterFirst = levels.get(levels.size() - 1);
            assertEquals("0.01", field(afterFirst, "qty"));
            assertEquals("51000", field(afterFirst, "scaleOutTarget"));
            assertTrue(field(afterFirst, "breakevenStop") != null, afterFirst);
            assertEquals("PARTIAL_TAKE_PROFIT", field(closes.get(1), "reason"));
            assertEquals("0.01", field(closes.get(1), "qty"));
            assertEquals(2, exits.size());
        }
    }

    @Test
    void maxHoldTimesOutOnATimerWithNoTicks()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.profile(profile("hold").stopLoss(LevelKind.PCT, parse("5")).maxHoldMinutes(2).build());
            final long entry = s.ts;
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", "hold").trade("BTCUSDT", "50010");
            s.timerAt(entry + 119_999);
            assertTrue(s.of("close").isEmpty());
            s.timerAt(entry + 120_000);
            final String close = s.of("close").get(0);
            assertEquals("TIMEOUT", field(close, "reason"));
            assertEquals(String.valueOf(entry + 120_000), field(close, "ts"));
            assertEquals("50010", field(close, "price"));
        }
    }

    @Test
    void roiTableExitsNetOfFeesFromTheEntryTime()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            // freqtrade-style minimal ROI: 5 % at once, 1 % after 10 minutes, break even after 30
            s.profile(profile("roi").roi(0, parse("5")).roi(10, parse("1")).roi(30, 0).build());
            final long entry = s.ts;
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", "roi");
            // 1 % net of 500 = 5: (500.2 + 5) / 0.009996 = 50540.216086434... in real numbers; with the notional
            // and the fee each rounded to eight decimals, as every exit computes them, the lowest price netting
            // 5.00000000 is 50540.2160855 (one unit lower nets 4.99999999)
            s.advance(9 * 60_000).trade("BTCUSDT", "51000");
            assertTrue(s.of("close").isEmpty(), "5 % applies before 10 minutes");
            s.timerAt(entry + 10 * 60_000);
            final String close = s.of("close").get(0);
            assertEquals("ROI", field(close, "reason"));
            assertEquals("51000", field(close, "price"));
            assertEquals("50540.2160855", field(close, "level"));
        }
    }

    @Test
    void volatilityStopIsAtrMultipleFromBarsBuiltFromTicks()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0"))
        {
            s.profile(profile("atr").stopLoss(LevelKind.ATR, parse("2")).atr(2, 60, false).build());
            // bars of 60 s: [100..102], [101..104], [103..103] → TR 2, 4 (max(3, |104−101|... ) → ATR(2) = mean(2, 4) = 3
            final long t0 = 1_723_161_600_000L;
            s.ts = t0;
            s.fill("a1", "TEST", Side.BUY, "1", "102", "atr");
            s.in.trade(t0 + 1_000, "TEST", parse("100"), 0);
            s.in.trade(t0 + 2_000, "TEST", parse("102"), 0);
            s.in.trade(t0 + 61_000, "TEST", parse("101"), 0);
            s.in.trade(t0 + 62_000, "TEST", parse("104"), 0);
            s.in.trade(t0 + 121_000, "TEST", parse("103"), 0);
            final List<String> levels = s.of("levels");
            // TR1 = 2; TR2 = max(104 − 101, |104 − 102|, |101 − 102|) = 3; ATR = 2.5; stop = 102 − 2 × 2.5 = 97
            assertEquals("97", field(levels.get(levels.size() - 1), "stopLoss"));
            s.in.trade(t0 + 122_000, "TEST", parse("97"), 0);
            final String close = s.of("close").get(0);
            assertEquals("VOLATILITY_STOP", field(close, "reason"));
        }
    }

    @Test
    void trailingVolatilityStopFollowsTheBestPriceAndOnlyTightens()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0"))
        {
            s.profile(profile("atrTrail").stopLoss(LevelKind.ATR, parse("2")).atr(2, 60, true).build());
            final long t0 = 1_723_161_600_000L;
            s.ts = t0;
            s.fill("a1", "TEST", Side.BUY, "1", "102", "atrTrail");
            // the same bars as above: ATR 2.5 once the second bar closes at t0 + 121 s
            s.in.trade(t0 + 1_000, "TEST", parse("100"), 0);
            s.in.trade(t0 + 2_000, "TEST", parse("102"), 0);
            s.in.trade(t0 + 61_000, "TEST", parse("101"), 0);
            s.in.trade(t0 + 62_000, "TEST", parse("104"), 0);
            s.in.trade(t0 + 121_000, "TEST", parse("103"), 0);
            // best price since entry 104: 104 − 2 × 2.5 = 99
            List<String> levels = s.of("levels");
            assertEquals("99", field(levels.get(levels.size() - 1), "stopLoss"));
            // a new high moves it up: 110 − 5 = 105; a fall does not move it back
            s.in.trade(t0 + 122_000, "TEST", parse("110"), 0);
            s.in.trade(t0 + 123_000, "TEST", parse("106"), 0);
            levels = s.of("levels");
            assertEquals("105", field(levels.get(levels.size() - 1), "stopLoss"));
            s.in.trade(t0 + 124_000, "TEST", parse("105"), 0);
            final String close = s.of("close").get(0);
            assertEquals("VOLATILITY_STOP", field(close, "reason"));
            assertEquals("105", field(close, "level"));
        }
    }

    @Test
    void whenAStopAndATakeProfitFireTogetherTheStopWins()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            // a take profit below and a stop above the price: both cross on the next trade
            s.profile(profile("both").takeProfit(LevelKind.PRICE, parse("100")).stopLoss(LevelKind.PRICE, parse("101")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100.5", "both").trade("TEST", "100.5");
            assertEquals("STOP_LOSS", field(s.of("close").get(0), "reason"));
        }
    }

    @Test
    void whenATakeProfitAndATimeoutFireTogetherTheTakeProfitWins()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("tpTime").takeProfit(LevelKind.PRICE, parse("110")).maxHoldMinutes(1).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "tpTime").advance(60_000).trade("TEST", "110");
            assertEquals("TAKE_PROFIT", field(s.of("close").get(0), "reason"));
        }
    }

    @Test
    void bidAskSourceWatchesTheBidForLongsAndTheAskForShorts()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("ba").takeProfit(LevelKind.PRICE, parse("110")).stopLoss(LevelKind.PRICE, parse("90"))
                .source(TriggerSource.BID_ASK).build());
            s.profile(profile("baShort").takeProfit(LevelKind.PRICE, parse("90")).stopLoss(LevelKind.PRICE, parse("110"))
                .source(TriggerSource.BID_ASK).build());
            s.fill("long", "TEST", Side.BUY, "1", "100", "ba").fill("short", "TEST", Side.SELL, "1", "100", "baShort");
            s.trade("TEST", "111", "89");
            assertTrue(s.of("close").isEmpty(), "trades do not move a BID_ASK profile");
            s.quote("TEST", "109.99", "110");
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size());
            assertEquals("short", field(closes.get(0), "account"));
            assertEquals("STOP_LOSS", field(closes.get(0), "reason"));
            s.quote("TEST", "110", "110.01");
            assertEquals("TAKE_PROFIT", field(s.of("close").get(1), "reason"));
        }
    }

    @Test
    void markSourceWatchesOnlyMarkPrices()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("m").stopLoss(LevelKind.PRICE, parse("95")).source(TriggerSource.MARK).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").trade("TEST", "94").quote("TEST", "93", "94");
            assertTrue(s.of("close").isEmpty());
            s.mark("TEST", "95");
            assertEquals("95", field(s.of("close").get(0), "price"));
        }
    }

    @Test
    void riskRewardDerivesTheTakeProfitFromTheStopDistance()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("rr").stopLoss(LevelKind.PCT, parse("1")).takeProfit(LevelKind.RISK_REWARD, parse("3")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "rr").fill("a2", "TEST", Side.SELL, "1", "100", "rr");
            final List<String> levels = s.of("levels");
            assertEquals("99", field(levels.get(0), "stopLoss"));
            assertEquals("103", field(levels.get(0), "takeProfit"));
            assertEquals("101", field(levels.get(1), "stopLoss"));
            assertEquals("97", field(levels.get(1), "takeProfit"));
        }
    }

    @Test
    void haltedAccountSendsNothingUntilTradingResumes()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(profile("sl").stopLoss(LevelKind.PRICE, parse("95")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl")
                .command(Command.tradingState("a1", dev.exitengine.core.event.TradingState.HALTED)).trade("TEST", "94");
            assertTrue(s.of("close").isEmpty());
            s.command(Command.tradingState("a1", dev.exitengine.core.event.TradingState.ACTIVE)).trade("TEST", "94.5");
            assertEquals("STOP_LOSS", field(s.of("close").get(0), "reason"));
        }
    }

}
