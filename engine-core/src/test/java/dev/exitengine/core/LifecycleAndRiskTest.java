package dev.exitengine.core;

import dev.exitengine.core.api.PreTradeCheck;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import dev.exitengine.core.rules.FeeModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.exitengine.core.Scenario.field;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleAndRiskTest
{
    private static ExitProfile sl95()
    {
        return ExitProfile.builder("sl").stopLoss(LevelKind.PRICE, parse("95")).build();
    }

    @Test
    void fifoLotsGiveExactAverageEntryFeesAndRealizedPnl()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.in.fill(s.ts, "a1", "BTCUSDT", Side.BUY, PositionSide.BOTH, parse("0.01"), parse("50000"), parse("0.2"), "e1", null);
            s.in.fill(s.ts + 1, "a1", "BTCUSDT", Side.BUY, PositionSide.BOTH, parse("0.02"), parse("51000"), parse("0.408"), "e2", null);
            s.in.fill(s.ts + 2, "a1", "BTCUSDT", Side.SELL, PositionSide.BOTH, parse("0.015"), parse("52000"), Fixed.NONE, "e3", null);
            final List<String> levels = s.of("levels");
            // 0.03 at (500 + 1020) / 0.03 = 50666.66666667
            assertEquals("50666.66666667", field(levels.get(1), "entryPrice"));
            // the sell takes 0.01 @ 50000 and 0.005 @ 51000 first: 0.015 left, all at 51000
            assertEquals("0.015", field(levels.get(2), "qty"));
            assertEquals("51000", field(levels.get(2), "entryPrice"));
            final Position p = s.engine.evaluator().book().find(0, 0, PositionSide.BOTH);
            // realized: 780 − (500 + 255) − (0.2 + 0.102) − 0.312 = 24.386
            assertEquals(parse("24.386"), p.realizedPnl);
            assertEquals(parse("0.306"), p.entryFees);
            // unrealized at 52000: 15 − 0.306 − 0.312 (the expected taker exit fee)
            assertEquals(parse("14.382"), p.unrealizedNet(parse("52000"), FeeModels.percent(parse("0.0004"))));
        }
    }

    @Test
    void rejectedCloseIsRetriedWithBackoffDrivenByEventTimeThenFillsInParts()
    {
        final ScriptedGateway venue = new ScriptedGateway();
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", new EngineConfig(), venue))
        {
            s.profile(sl95());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "94");
            final long t = s.ts;
            s.in.orderReject(t + 10, "xe-1-1", "-1008 server busy");
            // retry base 200 ms: nothing at +150, the new attempt at the first event from +210
            s.in.trade(t + 150, "TEST", parse("93"), 0);
            assertEquals(1, s.of("close").size());
            s.in.trade(t + 210, "TEST", parse("93.5"), 0);
            final List<String> closes = s.of("close");
            assertEquals(2, closes.size());
            assertEquals("xe-1-2", field(closes.get(1), "clientOrderId"));
            assertEquals("STOP_LOSS", field(closes.get(1), "reason"));
            assertEquals("93.5", field(closes.get(1), "price"));
            final String failed = s.of("closeFailed").get(0);
            assertTrue(field(failed, "detail").contains("retry at " + (t + 210)), failed);
            s.in.orderAck(t + 220, "xe-1-2");
            s.in.orderFill(t + 230, "xe-1-2", parse("0.4"), parse("93.4"), Fixed.NONE);
            assertTrue(s.of("exit").isEmpty(), "a partial fill does not complete the exit");
            s.in.trade(t + 235, "TEST", parse("90"), 0);
            assertEquals(2, s.of("close").size(), "no second close while the first is in flight");
            s.in.orderFill(t + 240, "xe-1-2", parse("0.6"), parse("93.2"), Fixed.NONE);
            final String exit = s.of("exit").get(0);
            assertEquals("1", field(exit, "qty"));
            // (0.4 × 93.4 + 0.6 × 93.2) / 1 = 93.28; fees: entry 0.04, exits 0.014944 + 0.022368
            assertEquals("93.28", field(exit, "exitPrice"));
            assertEquals("0.077312", field(exit, "fees"));
            assertEquals("-6.797312", field(exit, "netPnl"));
            assertEquals("1.72", field(exit, "slippage"));
            assertEquals(List.of("xe-1-1", "xe-1-2"), venue.sent);
        }
    }

    @Test
    void aDuplicateOrLateFillOfACompletedCloseIsRefusedNotCountedTwice()
    {
        final ScriptedGateway venue = new ScriptedGateway();
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", new EngineConfig(), venue))
        {
            s.profile(ExitProfile.builder("scale").scaleOut(LevelKind.PCT, parse("5"), parse("0.5")).build());
            s.fill("a1", "TEST", Side.BUY, "2", "100", "scale").trade("TEST", "105");
            s.in.orderFill(s.ts + 1, "xe-1-1", parse("1"), parse("105"), Fixed.NONE);
            assertEquals("1", field(s.of("exit").get(0), "qty"));
            // the venue repeats the fill: the position is open again with 1 left, and must keep it
            s.in.orderFill(s.ts + 2, "xe-1-1", parse("1"), parse("105"), Fixed.NONE);
            final String rejected = s.of("rejected").get(0);
            assertTrue(field(rejected, "detail").contains("not the close in flight (duplicate or late)"), rejected);
            assertEquals(parse("1"), s.engine.evaluator().book().byId(1).qty);
            assertEquals(1, s.of("exit").size());
        }
    }

    @Test
    void circuitOpensAfterFiveConsecutiveErrorsAndNothingIsSentDuringThePause()
    {
        final ScriptedGateway venue = new ScriptedGateway();
        final EngineConfig config = new EngineConfig();
        config.retryBaseMs = 10;
        config.retryMaxMs = 1_000;
        config.breakerPauseMs = 30_000;
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", config, venue))
        {
            s.profile(sl95());
            for (int a = 1; a <= 5; a++)
            {
                s.fill("a" + a, "TEST", Side.BUY, "1", "100", "sl");
            }
            s.trade("TEST", "94");
            final long t = s.ts;
            for (int a = 1; a <= 5; a++)
            {
                s.in.orderReject(t + a, "xe-" + a + "-1", "-1001 disconnected");
            }
            final List<String> risk = s.of("risk");
            assertEquals(1, risk.size());
            assertTrue(field(risk.get(0), "detail").contains("circuit open until " + (t + 5 + 30_000)), risk.get(0));
            s.in.trade(t + 20_000, "TEST", parse("93"), 0);
            assertEquals(5, s.of("close").size(), "nothing is resent while the circuit is open");
            s.in.trade(t + 30_005, "TEST", parse("93"), 0);
            assertEquals(10, s.of("close").size(), "every failed close is sent again once it closes");
        }
    }

    @Test
    void venueSayingThePositionIsGoneReconcilesInsteadOfRetrying()
    {
        final ScriptedGateway venue = new ScriptedGateway();
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", new EngineConfig(), venue))
        {
            s.profile(sl95());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "94");
            s.in.orderReject(s.ts + 1, "xe-1-1", "-2022 ReduceOnly Order is rejected.");
            s.trade("TEST", "93", "92");
            assertEquals(1, s.of("close").size());
            final String r = s.of("reconcile").get(0);
            assertTrue(field(r, "detail").startsWith("venue reports no position"), r);
            assertEquals(0, s.engine.evaluator().book().size());
        }
    }

    @Test
    void snapshotsAdoptUnknownDropVanishedAndCorrectQuantities()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.in.instrument("ETHUSDT", parse("0.01"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            s.fill("a1", "BTCUSDT", Side.BUY, "0.02", "50000", null);
            s.in.fill(s.ts, "a1", "ETHUSDT", Side.BUY, PositionSide.BOTH, parse("1"), parse("3000"), Fixed.NONE, "e", null);
            s.in.positionSnapshot(s.ts + 1, "a1", List.of(
                new SnapshotPosition("BTCUSDT", PositionSide.BOTH, parse("0.015"), parse("50000")),
                new SnapshotPosition("ETHUSDT", PositionSide.BOTH, parse("-2"), parse("3100")),
                new SnapshotPosition("ETHUSDT", PositionSide.BOTH, 0, 0)));
            final List<String> r = s.of("reconcile");
            assertEquals(3, r.size(), r.toString());
            assertEquals("quantity corrected from 0.02 to 0.015", field(r.get(0), "detail"));
            assertEquals("vanished at the exchange (was 1)", field(r.get(1), "detail"));
            assertEquals("adopted from the exchange with profile default", field(r.get(2), "detail"));
            assertEquals("SHORT", field(r.get(2), "positionSide"));
            // adopted with the default profile: +2.5 % / −1.5 % from 3100, rounded in the short's favour
            final List<String> levels = s.of("levels");
            final String adopted = levels.get(levels.size() - 1);
            assertEquals("3022.5", field(adopted, "takeProfit"));
            assertEquals("3146.5", field(adopted, "stopLoss"));
        }
    }

    @Test
    void overTheCapTheSmallestPositionsByNotionalCloseFirst()
    {
        final EngineConfig config = new EngineConfig();
        config.maxPositionsPerAccount = 2;
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004", config, new RecordingGateway()))
        {
            s.in.instrument("ETHUSDT", parse("0.01"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            s.in.instrument("SOLUSDT", parse("0.01"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", null);
            s.fill("a2", "BTCUSDT", Side.BUY, "0.01", "50000", null);
            // a reconciliation brings a1 to three positions: 500, 300 and 150 of notional
            s.in.positionSnapshot(s.ts + 1, "a1", List.of(
                new SnapshotPosition("BTCUSDT", PositionSide.BOTH, parse("0.01"), parse("50000")),
                new SnapshotPosition("ETHUSDT", PositionSide.BOTH, parse("0.1"), parse("3000")),
                new SnapshotPosition("SOLUSDT", PositionSide.BOTH, parse("1"), parse("150"))));
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size(), closes.toString());
            assertEquals("RISK_LIMIT", field(closes.get(0), "reason"));
            assertEquals("SOLUSDT", field(closes.get(0), "symbol"));
            assertEquals("a1", field(closes.get(0), "account"));
        }
    }

    @Test
    void forcedUnwindClosesOneAccountAndLeavesTheOtherAlone()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            s.in.instrument("ETHUSDT", parse("0.01"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50000", null).fill("a2", "BTCUSDT", Side.SELL, "0.01", "50000", null);
            s.in.fill(s.ts, "a1", "ETHUSDT", Side.SELL, PositionSide.BOTH, parse("1"), parse("3000"), Fixed.NONE, "e", null);
            s.trade("BTCUSDT", "50010").command(Command.forcedUnwind("a1", true));
            List<String> closes = s.of("close");
            assertEquals(2, closes.size());
            assertTrue(closes.stream().allMatch(c -> "a1".equals(field(c, "account")) && "FORCED_UNWIND".equals(field(c, "reason"))));
            s.trade("BTCUSDT", "50011").trade("ETHUSDT", "3001");
            assertEquals(2, s.of("exit").size());
            // a new entry on the unwinding account is closed at once
            s.fill("a1", "BTCUSDT", Side.BUY, "0.01", "50020", null);
            closes = s.of("close");
            assertEquals(3, closes.size());
            assertEquals("FORCED_UNWIND", field(closes.get(2), "reason"));
            // an entry that lands while that close is in flight grows the position; its rest is closed after the fill
            s.fill("a1", "BTCUSDT", Side.BUY, "0.02", "50020", null).trade("BTCUSDT", "50012");
            closes = s.of("close");
            assertEquals(4, closes.size());
            assertEquals("0.02", field(closes.get(3), "qty"));
            s.trade("BTCUSDT", "50013");
            s.command(Command.forcedUnwind("a1", false)).fill("a1", "ETHUSDT", Side.BUY, "1", "3000", null);
            assertEquals(4, s.of("close").size(), "off again: entries stay");
        }
    }

    @Test
    void preTradeCheckAnswersWithTheReason()
    {
        final EngineConfig config = new EngineConfig();
        config.maxPositionsPerAccount = 15;
        config.capitalPerAccount = parse("10000");
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004", config, new RecordingGateway()))
        {
            s.in.instrument("ETHUSDT", parse("0.01"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
            s.fill("a1", "BTCUSDT", Side.BUY, "0.1", "50000", null);
            s.engine.awaitQuiet();
            assertTrue(s.engine.preTradeCheck("a1", "ETHUSDT", parse("1"), parse("3000")).allowed);
            final PreTradeCheck notional = s.engine.preTradeCheck("a1", "ETHUSDT", parse("2"), parse("3000"));
            assertFalse(notional.allowed);
            assertEquals("notional 11000 would exceed 9000 (0.9 of capital)", notional.reason);
            assertEquals("unknown symbol 'XRPUSDT'", s.engine.preTradeCheck("a1", "XRPUSDT", 1, 1).reason);
            s.command(Command.tradingState("a1", TradingState.REDUCING));
            s.engine.awaitQuiet();
            assertEquals("trading state REDUCING for account a1: exits only",
                s.engine.preTradeCheck("a1", "ETHUSDT", parse("0.1"), parse("3000")).reason);
            assertTrue(s.engine.preTradeCheck("a2", "ETHUSDT", parse("0.1"), parse("3000")).allowed);
        }
    }

    @Test
    void fiveEntriesWithinFiveMinutesStartACooldown()
    {
        try (Scenario s = new Scenario("BTCUSDT", "0.1", "0.0004"))
        {
            for (final String sym : new String[] {"A", "B", "C", "D", "E"})
            {
                s.in.instrument(sym, parse("0.01"), parse("0.001"), 0, 0, parse("0.0004"));
            }
            for (final String sym : new String[] {"A", "B", "C", "D"})
            {
                s.advance(30_000).fill("a1", sym, Side.BUY, "1", "10", null);
            }
            s.engine.awaitQuiet();
            assertTrue(s.engine.preTradeCheck("a1", "BTCUSDT", parse("0.001"), parse("50000")).allowed);
            s.advance(30_000).fill("a1", "E", Side.BUY, "1", "10", null);
            final String risk = s.of("risk").get(0);
            assertTrue(field(risk, "detail").contains("5 new positions within 300000 ms"), risk);
            final PreTradeCheck check = s.engine.preTradeCheck("a1", "BTCUSDT", parse("0.001"), parse("50000"));
            assertEquals("account a1 in cooldown until " + (s.ts + 15 * 60_000), check.reason);
        }
    }

    @Test
    void drawdownPastTheMaximumPutsTheAccountInReducing()
    {
        final EngineConfig config = new EngineConfig();
        config.maxDrawdown = parse("5");
        try (Scenario s = new Scenario("TEST", "0.01", "0", config, new RecordingGateway()))
        {
            s.profile(sl95());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "95", "94");
            final String risk = s.of("risk").get(0);
            assertTrue(field(risk, "detail").startsWith("drawdown 6 reached maxDrawdown 5"), risk);
            assertFalse(s.engine.preTradeCheck("a1", "TEST", parse("1"), parse("100")).allowed);
            assertNull(s.engine.lastError());
        }
    }
}
