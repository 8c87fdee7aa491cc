package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.evaluator.EvaluatorFixture.T0;
import static dev.exitengine.core.evaluator.EvaluatorFixture.only;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskControlsTest
{
    private static EvaluatorFixture fixture(final EngineConfig config)
    {
        final EvaluatorFixture f = new EvaluatorFixture(config);
        for (int s = 1; s <= 3; s++)
        {
            f.defineInstrument(s, EvaluatorFixture.TICK, EvaluatorFixture.STEP, EvaluatorFixture.MIN_QTY, EvaluatorFixture.MAKER,
                EvaluatorFixture.TAKER);
        }
        return f;
    }

    private static Position open(final EvaluatorFixture f, final int account, final int symbol, final long ts)
    {
        return f.open(account, symbol, PositionSide.LONG, -1, "1", "100", "0.04", ts);
    }

    /** A position outside the book: {@code realized} reads only its account and symbol. */
    private static Position of(final int account)
    {
        return new Position(99, account, 0, PositionSide.LONG, false);
    }

    private static EngineEvent realized(final EvaluatorFixture f, final int account, final String net, final ExitReason reason,
        final long ts)
    {
        final EngineEvent e = f.event(EventType.ORDER_FILL, ts);
        f.risk.realized(e, of(account), parse(net), reason);
        f.risk.flushNote(e);
        return e;
    }

    @Test
    void opensAreCountedPerAccountSymbolAndGlobalAndPublishedToTheRiskView()
    {
        final EvaluatorFixture f = fixture(EvaluatorFixture.quietConfig());
        open(f, 0, 0, T0);
        open(f, 0, 1, T0 + 1);
        open(f, 1, 0, T0 + 2);
        assertEquals(2, f.risk.accountOpen()[0]);
        assertEquals(1, f.risk.accountOpen()[1]);
        assertEquals(2, f.risk.symbolOpen()[0]);
        assertEquals(1, f.risk.symbolOpen()[1]);
        assertEquals(3, f.risk.globalOpen());
        assertEquals(2, f.riskView.open(0));
        assertEquals(1, f.riskView.open(1));
        assertEquals(2, f.riskView.symbolOpen(0));
        assertEquals(1, f.riskView.symbolOpen(1));
        assertEquals(3, f.riskView.globalOpen());
        assertEquals(T0 + 2, f.riskView.lastEventTs());
        assertEquals(TradingState.ACTIVE, f.riskView.globalState());
    }

    @Test
    void anOpeningOverTheAccountCapIsABreachTakenOnce()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxPositionsPerAccount = 2;
        final EvaluatorFixture f = fixture(c);
        open(f, 0, 0, T0);
        open(f, 0, 1, T0);
        open(f, 1, 2, T0);
        assertFalse(f.risk.takeCapBreach(), "two in account 0 is at the cap, not over it");
        open(f, 0, 3, T0);
        assertTrue(f.risk.takeCapBreach());
        assertFalse(f.risk.takeCapBreach(), "taking the breach clears it");
    }

    @Test
    void anOpeningOverTheSymbolCapIsABreach()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxPositionsPerSymbol = 1;
        final EvaluatorFixture f = fixture(c);
        open(f, 0, 0, T0);
        open(f, 1, 1, T0);
        assertFalse(f.risk.takeCapBreach());
        open(f, 2, 0, T0);
        assertTrue(f.risk.takeCapBreach());
    }

    @Test
    void anOpeningOverTheGlobalCapIsABreach()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxPositionsGlobal = 2;
        final EvaluatorFixture f = fixture(c);
        open(f, 0, 0, T0);
        open(f, 1, 1, T0);
        assertFalse(f.risk.takeCapBreach());
        open(f, 2, 2, T0);
        assertTrue(f.risk.takeCapBreach());
        assertEquals(3, f.risk.globalOpen());
    }

    @Test
    void notionalFollowsAdjustmentsAndRemovalSubtractsTheEntryNotionalStillHeld()
    {
        final EvaluatorFixture f = fixture(EvaluatorFixture.quietConfig());
        final Position p = f.openLong(0, "0.01", "50000", "0.2", T0);
        assertEquals(parse("500"), p.entryNotional);
        assertEquals(parse("500"), f.riskView.notional(0));
        f.risk.adjustNotional(p, parse("100.5"));
        assertEquals(parse("600.5"), f.riskView.notional(0));
        f.risk.adjustNotional(p, parse("-0.00000001"));
        assertEquals(parse("600.49999999"), f.riskView.notional(0));
        f.risk.remove(p);
        assertEquals(parse("100.49999999"), f.riskView.notional(0));
        assertNull(f.book.byId(p.id));
        assertEquals(0, f.book.size());
        assertEquals(0, f.risk.accountOpen()[0]);
        assertEquals(0, f.risk.symbolOpen()[0]);
        assertEquals(0, f.risk.globalOpen());
        assertEquals(0, f.riskView.open(0));
        assertEquals(0, f.riskView.symbolOpen(0));
        assertEquals(0, f.riskView.globalOpen());
    }

    @Test
    void drawdownIsMeasuredFromTheRealizedPeakNotFromZero()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxDrawdown = parse("120");
        final EvaluatorFixture f = fixture(c);
        realized(f, 0, "50", ExitReason.TAKE_PROFIT, T0);
        // realized −100: 100 below zero, but 150 below the peak of 50
        final EngineEvent e = realized(f, 0, "-150", ExitReason.STOP_LOSS, T0 + 1);
        assertEquals(TradingState.REDUCING, f.states.of(0));
        assertEquals(TradingState.REDUCING, f.riskView.state(0));
        final Decision note = only(e, DecisionType.RISK);
        assertEquals(0, note.accountId);
        assertEquals("drawdown 150 reached maxDrawdown 120: account REDUCING (exits only)", note.detail);
        assertEquals(T0 + 1, note.ts);
    }

    @Test
    void drawdownLimitIsInclusiveToTheLastFractionalUnit()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxDrawdown = parse("100");
        final EvaluatorFixture f = fixture(c);
        realized(f, 0, "10", ExitReason.TAKE_PROFIT, T0);
        final EngineEvent below = realized(f, 0, "-99.99999999", ExitReason.MANUAL, T0 + 1);
        assertEquals(0, below.decisions.size());
        assertEquals(TradingState.ACTIVE, f.states.of(0));
        final EngineEvent at = realized(f, 0, "-0.00000001", ExitReason.MANUAL, T0 + 2);
        assertEquals("drawdown 100 reached maxDrawdown 100: account REDUCING (exits only)", only(at, DecisionType.RISK).detail);
        assertEquals(TradingState.REDUCING, f.states.of(0));
        assertEquals(TradingState.ACTIVE, f.states.of(1), "another account is untouched");
    }

    @Test
    void drawdownDoesNotDowngradeAHaltedAccountAndWritesNoNote()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxDrawdown = parse("10");
        final EvaluatorFixture f = fixture(c);
        f.states.account(0, TradingState.HALTED);
        final EngineEvent e = realized(f, 0, "-50", ExitReason.STOP_LOSS, T0);
        assertEquals(0, e.decisions.size());
        assertEquals(TradingState.HALTED, f.states.of(0));
        assertEquals(TradingState.HALTED, f.riskView.state(0));
    }

    @Test
    void theNoteIsWrittenOnceByTheFirstFlush()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxDrawdown = parse("1");
        final EvaluatorFixture f = fixture(c);
        final EngineEvent e = f.event(EventType.ORDER_FILL, T0);
        f.risk.realized(e, of(3), parse("-1"), null);
        assertEquals(0, e.decisions.size(), "the note waits for the flush");
        f.risk.flushNote(e);
        f.risk.flushNote(e);
        assertEquals(1, e.decisions.size());
        assertEquals(3, only(e, DecisionType.RISK).accountId);
        final EngineEvent next = f.event(EventType.TRADE, T0 + 1);
        f.risk.flushNote(next);
        assertEquals(0, next.decisions.size());
    }

    @Test
    void threeStopLossesWithinTheWindowStartTheCooldown()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.stopLossCooldownCount = 3;
        c.stopLossWindowMs = 60_000;
        c.stopLossCooldownMs = 600_000;
        final EvaluatorFixture f = fixture(c);
        assertEquals(0, realized(f, 0, "-1", ExitReason.STOP_LOSS, T0).decisions.size());
        // other reasons do not count, losing or not
        assertEquals(0, realized(f, 0, "-1", ExitReason.TRAILING_STOP, T0 + 1_000).decisions.size());
        assertEquals(0, realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 10_000).decisions.size());
        assertEquals(0, f.riskView.cooldownUntil(0));
        final EngineEvent third = realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 59_999);
        final long until = T0 + 59_999 + 600_000;
        assertEquals("account cooldown until " + until + ": 3 stop-losses within 60000 ms", only(third, DecisionType.RISK).detail);
        assertEquals(0, only(third, DecisionType.RISK).accountId);
        assertEquals(until, f.riskView.cooldownUntil(0));
        assertEquals(0, f.riskView.cooldownUntil(1));
        assertEquals(TradingState.ACTIVE, f.states.of(0), "a cooldown is not a trading state");
    }

    @Test
    void stopLossesSpreadOverExactlyTheWindowDoNotStartTheCooldownAndTheWindowSlides()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.stopLossCooldownCount = 3;
        c.stopLossWindowMs = 60_000;
        c.stopLossCooldownMs = 600_000;
        final EvaluatorFixture f = fixture(c);
        realized(f, 0, "-1", ExitReason.STOP_LOSS, T0);
        realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 10_000);
        assertEquals(0, realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 60_000).decisions.size(), "60 s apart is not within 60 s");
        // the last three: T0+10 s, T0+60 s, T0+70 s: 60 s apart again
        assertEquals(0, realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 70_000).decisions.size());
        assertEquals(0, f.riskView.cooldownUntil(0));
        // T0+60 s, T0+70 s, T0+70.001 s
        final EngineEvent e = realized(f, 0, "-1", ExitReason.STOP_LOSS, T0 + 70_001);
        assertEquals("account cooldown until " + (T0 + 670_001) + ": 3 stop-losses within 60000 ms", only(e, DecisionType.RISK).detail);
        assertEquals(T0 + 670_001, f.riskView.cooldownUntil(0));
    }

    @Test
    void aLaterShorterCooldownDoesNotShortenTheOneInForce()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.stopLossCooldownCount = 1;
        c.stopLossWindowMs = 60_000;
        c.stopLossCooldownMs = 600_000;
        c.rapidEntryCount = 1;
        c.rapidEntryWindowMs = 1;
        c.rapidEntryCooldownMs = 1_000;
        final EvaluatorFixture f = fixture(c);
        realized(f, 0, "-1", ExitReason.STOP_LOSS, T0);
        assertEquals(T0 + 600_000, f.riskView.cooldownUntil(0));
        open(f, 0, 0, T0 + 5);
        assertEquals(T0 + 600_000, f.riskView.cooldownUntil(0));
        final EngineEvent e = f.event(EventType.FILL, T0 + 5);
        f.risk.flushNote(e);
        // the note names what the rule started, the view keeps the longer cooldown
        assertEquals("account cooldown until " + (T0 + 1_005) + ": 1 new positions within 1 ms", only(e, DecisionType.RISK).detail);
    }

    @Test
    void rapidEntriesWithinTheWindowStartTheCooldownOfThatAccountOnly()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.rapidEntryCount = 3;
        c.rapidEntryWindowMs = 300_000;
        c.rapidEntryCooldownMs = 900_000;
        final EvaluatorFixture f = fixture(c);
        open(f, 0, 0, T0);
        open(f, 1, 0, T0 + 500);
        open(f, 0, 1, T0 + 1_000);
        final EngineEvent before = f.event(EventType.FILL, T0 + 1_000);
        f.risk.flushNote(before);
        assertEquals(0, before.decisions.size());
        open(f, 0, 2, T0 + 299_999);
        final EngineEvent e = f.event(EventType.FILL, T0 + 299_999);
        f.risk.flushNote(e);
        final long until = T0 + 299_999 + 900_000;
        final Decision note = only(e, DecisionType.RISK);
        assertEquals("account cooldown until " + until + ": 3 new positions within 300000 ms", note.detail);
        assertEquals(0, note.accountId);
        assertEquals(until, f.riskView.cooldownUntil(0));
        assertEquals(0, f.riskView.cooldownUntil(1));
    }

    @Test
    void rapidEntriesSpreadOverTheWholeWindowStartNoCooldown()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.rapidEntryCount = 2;
        c.rapidEntryWindowMs = 300_000;
        c.rapidEntryCooldownMs = 900_000;
        final EvaluatorFixture f = fixture(c);
        open(f, 0, 0, T0);
        open(f, 0, 1, T0 + 300_000);
        final EngineEvent e = f.event(EventType.FILL, T0 + 300_000);
        f.risk.flushNote(e);
        assertEquals(0, e.decisions.size());
        assertEquals(0, f.riskView.cooldownUntil(0));
    }

    @Test
    void largeAccountAndSymbolIdsGrowEveryTableTogether()
    {
        final EvaluatorFixture f = fixture(EvaluatorFixture.quietConfig());
        f.defineInstrument(40, EvaluatorFixture.TICK, EvaluatorFixture.STEP, EvaluatorFixture.MIN_QTY, EvaluatorFixture.MAKER,
            EvaluatorFixture.TAKER);
        final Position p = open(f, 1_000, 40, T0);
        assertEquals(1, f.risk.accountOpen()[1_000]);
        assertEquals(1, f.risk.symbolOpen()[40]);
        assertEquals(parse("100"), f.riskView.notional(1_000));
        assertEquals(1, f.riskView.symbolOpen(40));
        f.risk.remove(p);
        assertEquals(0, f.riskView.open(1_000));
        assertEquals(0, f.riskView.notional(1_000));
    }

    @Test
    void stateHashChangesWithEachKindOfRiskState()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxPositionsPerAccount = 1;
        c.stopLossCooldownCount = 2;
        final EvaluatorFixture f = fixture(c);
        final long empty = f.risk.stateHash();
        assertEquals(empty, fixture(c).risk.stateHash(), "equal for equal state");
        final Position p = open(f, 0, 0, T0);
        final long opened = f.risk.stateHash();
        assertNotEquals(empty, opened);
        open(f, 0, 1, T0);
        final long breached = f.risk.stateHash();
        f.risk.takeCapBreach();
        final long taken = f.risk.stateHash();
        assertNotEquals(breached, taken, "the pending cap breach is state");
        f.risk.adjustNotional(p, Fixed.parse("0.00000001"));
        final long adjusted = f.risk.stateHash();
        assertNotEquals(taken, adjusted);
        realized(f, 0, "1", ExitReason.TAKE_PROFIT, T0);
        final long realized = f.risk.stateHash();
        assertNotEquals(adjusted, realized);
        realized(f, 0, "-1", ExitReason.STOP_LOSS, T0);
        assertNotEquals(realized, f.risk.stateHash(), "a recorded stop loss is state");
    }

    @Test
    void aDrawdownReachedByAnOwnReducingFillIsNotedOnThatFill()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.maxDrawdown = parse("10");
        final StateHashTest.Feed feed = new StateHashTest.Feed(c).instrument().trailingProfile().buy("1", "100");
        final EngineEvent sell = feed.send(EventType.FILL, e ->
        {
            e.accountId = 0;
            e.symbolId = 0;
            e.side = dev.exitengine.core.event.Side.SELL;
            e.qty = parse("1");
            e.price = parse("80");
            e.fee = parse("0");
            e.orderId = "o-sell";
        });
        assertEquals(TradingState.REDUCING, feed.evaluator.riskView().state(0));
        // 20 lost, plus the buy's taker fee of 0.04
        assertEquals("drawdown 20.04 reached maxDrawdown 10: account REDUCING (exits only)", only(sell, DecisionType.RISK).detail);
    }
}
