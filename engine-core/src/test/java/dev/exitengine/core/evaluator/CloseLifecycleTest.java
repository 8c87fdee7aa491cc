package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionState;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.evaluator.EvaluatorFixture.STEP;
import static dev.exitengine.core.evaluator.EvaluatorFixture.T0;
import static dev.exitengine.core.evaluator.EvaluatorFixture.TAKER;
import static dev.exitengine.core.evaluator.EvaluatorFixture.TICK;
import static dev.exitengine.core.evaluator.EvaluatorFixture.only;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseLifecycleTest
{
    private final EvaluatorFixture f = new EvaluatorFixture(EvaluatorFixture.quietConfig());

    private EngineEvent decide(final Position p, final ExitReason reason, final String level, final String price, final long qty,
        final long ts)
    {
        final EngineEvent e = f.event(EventType.TRADE, ts);
        f.closes.decide(e, p, reason, parse(level), parse(price), qty);
        return e;
    }

    private EngineEvent resend(final Position p, final long ts)
    {
        final EngineEvent e = f.event(EventType.TIMER, ts);
        f.closes.resend(e, p);
        return e;
    }

    private boolean inStopLadder(final Position p)
    {
        return f.book.ladders(p.symbolId).stops(TriggerSource.LAST, p.isLong()).contains(p);
    }

    private boolean inTimeLadder(final Position p)
    {
        return f.book.ladders(p.symbolId).times().contains(p);
    }

    @Test
    void decideWritesOneCloseWithTheFirstAttemptsIdAndTheInstrumentsGridAndFee()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        final EngineEvent e = decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1_000);
        final Decision d = only(e, DecisionType.CLOSE);
        assertEquals(1, e.decisions.size());
        assertEquals(p.id, d.positionId);
        assertEquals(0, d.accountId);
        assertEquals(0, d.symbolId);
        assertEquals(PositionSide.LONG, d.positionSide);
        assertEquals(Side.SELL, d.side);
        assertEquals(parse("1"), d.qty);
        assertEquals(ExitReason.STOP_LOSS, d.reason);
        assertEquals(parse("98.5"), d.level);
        assertEquals(parse("98.4"), d.price);
        assertEquals(ClientOrderIds.of(p.id, 1), d.clientOrderId);
        assertEquals(TICK, d.tickSize);
        assertEquals(STEP, d.stepSize);
        assertEquals(TAKER, d.takerFee);
        assertEquals(T0 + 1_000, d.ts);
        assertEquals(PositionState.CLOSING, p.state);
        assertEquals(1, p.close.attempt);
        assertEquals(Long.MAX_VALUE, p.retryAt());
        assertFalse(inStopLadder(p), "a closing position leaves its ladders");
        assertEquals(1, f.counters.get(Counter.CLOSES_DECIDED));
    }

    @Test
    void aShortClosesWithABuy()
    {
        final Position p = f.open(0, 0, PositionSide.SHORT, -1, "2", "50000", "40", T0);
        final Decision d = only(decide(p, ExitReason.TAKE_PROFIT, "48000", "47999", p.qty, T0 + 1), DecisionType.CLOSE);
        assertEquals(Side.BUY, d.side);
        assertEquals(PositionSide.SHORT, d.positionSide);
    }

    @Test
    void aPositionIsNeverDecidedTwice()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        final EngineEvent again = decide(p, ExitReason.TAKE_PROFIT, "102.5", "102.6", p.qty, T0 + 2);
        assertEquals(0, again.decisions.size());
        assertEquals(ExitReason.STOP_LOSS, p.close.reason, "the first decision stands");
        assertEquals(1, p.close.attempt);
        assertEquals(1, f.counters.get(Counter.CLOSES_DECIDED));
    }

    @Test
    void closeQuantityIsRoundedDownToTheStep()
    {
        final Position p = f.openLong(0, "1.2345", "100", "0", T0);
        final Decision d = only(decide(p, ExitReason.MANUAL, "0", "100", p.qty, T0 + 1), DecisionType.CLOSE);
        assertEquals(parse("1.234"), d.qty);
        assertEquals(parse("1.234"), p.close.qty);
    }

    @Test
    void aQuantityBelowOneStepClosesAsItIsRatherThanZero()
    {
        final Position p = f.openLong(0, "0.0005", "100", "0", T0);
        final Decision d = only(decide(p, ExitReason.MANUAL, "0", "100", p.qty, T0 + 1), DecisionType.CLOSE);
        assertEquals(parse("0.0005"), d.qty);
    }

    @Test
    void aHaltedAccountsCloseIsHeldWithoutADecisionAndReleasedWhenTradingResumes()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        assertTrue(inStopLadder(p));
        f.states.account(0, TradingState.HALTED);
        final EngineEvent e = decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        assertEquals(0, e.decisions.size());
        assertEquals(PositionState.OPEN, p.state);
        assertNull(p.close);
        assertFalse(inStopLadder(p), "held out of the ladders");
        assertEquals(0, f.counters.get(Counter.CLOSES_DECIDED));
        f.states.releaseHeld();
        assertFalse(inStopLadder(p), "still HALTED: still held");
        f.states.account(0, TradingState.REDUCING);
        f.states.releaseHeld();
        assertTrue(inStopLadder(p), "back in its ladder once the account may trade");
        assertEquals(p.stopLoss, p.stopKey);
        final Decision d = only(decide(p, ExitReason.STOP_LOSS, "98.5", "98.3", p.qty, T0 + 2), DecisionType.CLOSE);
        assertEquals(ClientOrderIds.of(p.id, 1), d.clientOrderId);
    }

    @Test
    void aGloballyHaltedEngineHoldsTheCloseOfAnActiveAccount()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        f.states.account(0, TradingState.ACTIVE);
        f.states.global(TradingState.HALTED);
        assertEquals(0, decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1).decisions.size());
        f.states.global(TradingState.ACTIVE);
        f.states.releaseHeld();
        assertTrue(inStopLadder(p));
    }

    @Test
    void aCloseDecidedWhileTheCircuitIsOpenIsDeferredToItsEndThenSentAsTheFirstAttempt()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        for (int i = 0; i < 5; i++)
        {
            f.breaker.failure(T0);
        }
        assertEquals(T0 + 30_000, f.breaker.openUntil());
        final EngineEvent e = decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        assertEquals(0, e.decisions.size());
        assertEquals(PositionState.CLOSING, p.state);
        assertEquals(T0 + 30_000, p.retryAt());
        assertEquals(0, p.close.attempt);
        assertTrue(inTimeLadder(p), "watched for the retry time");
        assertEquals(0, f.counters.get(Counter.CLOSES_DECIDED));
        // still open one millisecond before the end
        assertEquals(0, resend(p, T0 + 29_999).decisions.size());
        assertEquals(T0 + 30_000, p.retryAt());
        final Decision d = only(resend(p, T0 + 30_000), DecisionType.CLOSE);
        assertEquals(ClientOrderIds.of(p.id, 1), d.clientOrderId);
        assertEquals(parse("98.4"), d.price, "no trade seen: the trigger price");
        assertEquals(parse("98.5"), d.level);
        assertEquals(Long.MAX_VALUE, p.retryAt());
        assertFalse(inTimeLadder(p));
    }

    @Test
    void rejectsAndExpiriesRetryWithExponentialBackoffThatDoublesAgainPastSlowAfterUntilTheCircuitOpens()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0);
        // attempt 1, 1 error: 200
        EngineEvent e = f.orderReject(ClientOrderIds.of(p.id, 1), "-1008 server busy", T0 + 10);
        Decision failed = only(e, DecisionType.CLOSE_FAILED);
        assertEquals(ClientOrderIds.of(p.id, 1), failed.clientOrderId);
        assertEquals(ExitReason.STOP_LOSS, failed.reason);
        assertEquals(parse("1"), failed.qty);
        assertEquals("rejected: -1008 server busy; retry at " + (T0 + 210), failed.detail);
        assertEquals(T0 + 210, p.retryAt());
        assertTrue(inTimeLadder(p));
        // attempt 2, 2 errors: 400
        assertEquals(ClientOrderIds.of(p.id, 2), only(resend(p, T0 + 210), DecisionType.CLOSE).clientOrderId);
        e = f.orderReject(ClientOrderIds.of(p.id, 2), "-1008 server busy", T0 + 220);
        assertEquals("rejected: -1008 server busy; retry at " + (T0 + 620), only(e, DecisionType.CLOSE_FAILED).detail);
        // attempt 3, 3 errors (= breakerSlowAfter): 800, doubled once: 1600
        resend(p, T0 + 620);
        e = f.orderExpired(ClientOrderIds.of(p.id, 3), T0 + 630);
        assertEquals("expired; retry at " + (T0 + 2_230), only(e, DecisionType.CLOSE_FAILED).detail);
        // attempt 4, 4 errors: 1600, doubled twice: 6400
        resend(p, T0 + 2_230);
        e = f.orderReject(ClientOrderIds.of(p.id, 4), "-1008 server busy", T0 + 2_240);
        assertEquals("rejected: -1008 server busy; retry at " + (T0 + 8_640), only(e, DecisionType.CLOSE_FAILED).detail);
        assertEquals(0, of(e, DecisionType.RISK));
        // attempt 5, 5 errors: the circuit opens for 30 s; the retry waits for it
        resend(p, T0 + 8_640);
        e = f.orderReject(ClientOrderIds.of(p.id, 5), "-1008 server busy", T0 + 8_650);
        assertEquals(2, e.decisions.size());
        final Decision risk = e.decisions.get(0);
        assertEquals(DecisionType.RISK, risk.type);
        assertEquals(-1, risk.accountId);
        assertEquals("gateway circuit open until " + (T0 + 38_650) + " after 5 consecutive errors", risk.detail);
        failed = e.decisions.get(1);
        assertEquals(DecisionType.CLOSE_FAILED, failed.type);
        assertEquals("rejected: -1008 server busy; retry at " + (T0 + 38_650), failed.detail);
        assertEquals(T0 + 38_650, p.retryAt());
        assertEquals(4, f.counters.get(Counter.CLOSES_REJECTED));
        assertEquals(1, f.counters.get(Counter.CLOSES_EXPIRED));
        assertEquals(4, f.counters.get(Counter.CLOSE_RETRIES));
        assertEquals(0, resend(p, T0 + 38_649).decisions.size());
        assertEquals(ClientOrderIds.of(p.id, 6), only(resend(p, T0 + 38_650), DecisionType.CLOSE).clientOrderId);
        f.closes.onAck();
        assertEquals(0, f.breaker.consecutiveErrors());
        assertEquals(1, f.counters.get(Counter.CLOSES_ACKED));
    }

    private static int of(final EngineEvent e, final DecisionType type)
    {
        return EvaluatorFixture.of(e, type).size();
    }

    @Test
    void aRejectOfAnOrderNotInFlightOrAlreadyFailedChangesNothing()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0);
        assertEquals(0, f.orderReject(ClientOrderIds.of(p.id, 2), "-1008", T0 + 1).decisions.size());
        assertEquals(0, f.orderReject(ClientOrderIds.of(p.id + 7, 1), "-1008", T0 + 1).decisions.size());
        assertEquals(Long.MAX_VALUE, p.retryAt());
        f.orderReject(ClientOrderIds.of(p.id, 1), "-1008", T0 + 2);
        assertEquals(0, f.orderReject(ClientOrderIds.of(p.id, 1), "-1008", T0 + 3).decisions.size(), "already failed");
        assertEquals(T0 + 202, p.retryAt());
        assertEquals(1, f.breaker.consecutiveErrors());
        assertEquals(4, f.counters.get(Counter.CLOSES_REJECTED), "every reject is counted");
    }

    @Test
    void aRejectSayingMinus2022DropsThePositionWithAReconcileLine()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        f.breaker.failure(T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0);
        final EngineEvent e = f.orderReject(ClientOrderIds.of(p.id, 1), "-2022 ReduceOnly Order is rejected.", T0 + 5);
        final Decision d = only(e, DecisionType.RECONCILE);
        assertEquals(1, e.decisions.size(), "no CLOSE_FAILED");
        assertEquals(p.id, d.positionId);
        assertEquals(parse("0"), d.qty);
        assertEquals("venue reports no position: -2022 ReduceOnly Order is rejected. (was 1)", d.detail);
        assertNull(f.book.byId(p.id));
        assertEquals(PositionState.CLOSED, p.state);
        assertEquals(0, f.riskView.open(0));
        assertEquals(0, f.risk.globalOpen());
        assertEquals(1, f.counters.get(Counter.RECONCILIATIONS));
        assertEquals(0, f.breaker.consecutiveErrors(), "the venue answered: not an error");
    }

    @Test
    void anExpiryIsNeverTakenForAGonePosition()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0);
        final EngineEvent e = f.event(EventType.ORDER_EXPIRED, T0 + 5);
        e.clientOrderId = ClientOrderIds.of(p.id, 1);
        e.text = "-2022 ReduceOnly Order is rejected.";
        f.closes.onFailed(e);
        assertEquals("expired; retry at " + (T0 + 205), only(e, DecisionType.CLOSE_FAILED).detail);
        assertSame(p, f.book.byId(p.id));
    }

    @Test
    void aWholeFillWritesTheExitWithExactPricesFeesNetPnlAndSlippage()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        final EngineEvent e = f.orderFill(ClientOrderIds.of(p.id, 1), "1", "98.37", Fixed.NONE, T0 + 2);
        final Decision x = only(e, DecisionType.EXIT);
        assertEquals(1, e.decisions.size());
        assertEquals(ExitReason.STOP_LOSS, x.reason);
        assertEquals(parse("1"), x.qty);
        assertEquals(parse("100"), x.entryPrice);
        assertEquals(parse("98.37"), x.exitPrice);
        // exit fee 98.37 × 0.0004 = 0.039348; with the entry's 0.04
        assertEquals(parse("0.079348"), x.fees);
        // −1.63 − 0.079348
        assertEquals(parse("-1.709348"), x.netPnl);
        // 98.5 − 98.37: worse than the level
        assertEquals(parse("0.13"), x.slippage);
        assertEquals(parse("98.5"), x.level);
        assertEquals(parse("98.4"), x.price);
        assertEquals(ClientOrderIds.of(p.id, 1), x.clientOrderId);
        assertEquals(PositionState.CLOSED, p.state);
        assertNull(f.book.byId(p.id));
        assertEquals(0, f.riskView.notional(0));
        assertEquals(0, f.riskView.open(0));
        assertEquals(1, f.counters.get(Counter.EXITS));
        assertEquals(1, f.counters.get(Counter.EXITS_STOP_LOSS));
    }

    @Test
    void aShortsExitCountsSlippageAboveTheLevelAndTheFillsOwnFee()
    {
        final Position p = f.open(0, 0, PositionSide.SHORT, -1, "2", "50000", "40", T0);
        decide(p, ExitReason.STOP_LOSS, "50100", "50100", p.qty, T0 + 1);
        final Decision x = only(f.orderFill(ClientOrderIds.of(p.id, 1), "2", "50100.12345678", parse("40.08009877"), T0 + 2),
            DecisionType.EXIT);
        // exit notional 2 × 50100.12345678 = 100200.24691356; gross 100000 − 100200.24691356
        assertEquals(parse("50000"), x.entryPrice);
        assertEquals(parse("50100.12345678"), x.exitPrice);
        assertEquals(parse("80.08009877"), x.fees);
        assertEquals(parse("-280.32701233"), x.netPnl);
        assertEquals(parse("0.12345678"), x.slippage);
    }

    @Test
    void partialFillsAccumulateIntoOneExitExactToTheLastUnit()
    {
        final Position p = f.openLong(0, "0.7", "123.4567", "0.0345679", T0);
        decide(p, ExitReason.STOP_LOSS, "121.6", "121.58", p.qty, T0 + 1);
        final EngineEvent first = f.orderFill(ClientOrderIds.of(p.id, 1), "0.3", "121.55555555", Fixed.NONE, T0 + 2);
        assertEquals(0, first.decisions.size(), "a partial fill does not complete the exit");
        assertEquals(parse("0.4"), p.qty);
        assertEquals(PositionState.CLOSING, p.state);
        // the entry notional left: 86.41969 − 0.3 × 123.4567
        assertEquals(parse("49.38268"), f.riskView.notional(0));
        final Decision x = only(f.orderFill(ClientOrderIds.of(p.id, 1), "0.4", "121.5", parse("0.01944"), T0 + 3), DecisionType.EXIT);
        assertEquals(parse("0.7"), x.qty);
        assertEquals(parse("123.4567"), x.entryPrice);
        // exit notional 36.46666667 (0.3 × 121.55555555 = 36.466666665, half up) + 48.6 = 85.06666667; ÷ 0.7
        assertEquals(parse("121.52380953"), x.exitPrice);
        // entry fees 0.01481481 (0.0345679 × 3/7) + 0.01975309 (the rest); exit fees 0.01458667 (taker) + 0.01944
        assertEquals(parse("0.06859457"), x.fees);
        // gross 85.06666667 − 86.41969 = −1.35302333
        assertEquals(parse("-1.4216179"), x.netPnl);
        assertEquals(parse("0.07619047"), x.slippage);
        assertNull(f.book.byId(p.id));
        assertEquals(0, f.riskView.notional(0));
    }

    @Test
    void closingTheLastOfASingleLotTakesExactlyTheEntryNotionalLeft()
    {
        final Position p = f.openLong(0, "0.7", "123.45678901", "0.0345679", T0);
        assertEquals(parse("86.41975231"), p.entryNotional);
        decide(p, ExitReason.STOP_LOSS, "121.6", "121.58", p.qty, T0 + 1);
        f.orderFill(ClientOrderIds.of(p.id, 1), "0.3", "121.55555555", Fixed.NONE, T0 + 2);
        final Decision x = only(f.orderFill(ClientOrderIds.of(p.id, 1), "0.4", "121.5", parse("0.01944"), T0 + 3), DecisionType.EXIT);
        assertEquals(0, p.entryNotional, "nothing of the entry left on a position of quantity 0");
        assertEquals(parse("123.45678901"), x.entryPrice);
        // 85.06666667 − 86.41975231 − 0.06859457
        assertEquals(parse("-1.42168021"), x.netPnl);
    }

    @Test
    void aFillBeyondTheOrdersQuantityIsCappedAtIt()
    {
        final Position p = f.openLong(0, "1", "100", "0", T0);
        decide(p, ExitReason.TAKE_PROFIT, "102.5", "102.5", p.qty, T0 + 1);
        final Decision x = only(f.orderFill(ClientOrderIds.of(p.id, 1), "1.5", "102.5", parse("0"), T0 + 2), DecisionType.EXIT);
        assertEquals(parse("1"), x.qty);
        assertEquals(parse("2.5"), x.netPnl);
        assertEquals(parse("0"), x.slippage);
    }

    @Test
    void aCloseOfPartOfThePositionLeavesTheRestOpenWithItsLevelsPublished()
    {
        final Position p = f.openLong(0, "1", "100", "0", T0);
        decide(p, ExitReason.MANUAL, "0", "100", parse("0.4"), T0 + 1);
        final EngineEvent e = f.orderFill(ClientOrderIds.of(p.id, 1), "0.4", "101", parse("0"), T0 + 2);
        assertEquals(2, e.decisions.size());
        final Decision x = e.decisions.get(0);
        assertEquals(DecisionType.EXIT, x.type);
        assertEquals(parse("0.4"), x.qty);
        assertEquals(parse("0.4"), x.netPnl);
        final Decision levels = e.decisions.get(1);
        assertEquals(DecisionType.LEVELS, levels.type);
        assertEquals(parse("0.6"), levels.qty);
        assertEquals(PositionState.OPEN, p.state);
        assertTrue(inStopLadder(p));
        assertEquals(parse("60"), f.riskView.notional(0));
        assertEquals(1, f.riskView.open(0));
    }

    @Test
    void aDuplicateFillOfACompletedExitIsRejectedAndCounted()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        f.orderFill(ClientOrderIds.of(p.id, 1), "1", "98.37", Fixed.NONE, T0 + 2);
        final EngineEvent dup = f.orderFill(ClientOrderIds.of(p.id, 1), "1", "98.37", Fixed.NONE, T0 + 3);
        final Decision d = only(dup, DecisionType.REJECTED);
        assertEquals(1, dup.decisions.size());
        assertEquals("ORDER_FILL: fill for unknown or closed position of xe-" + p.id + "-1", d.detail);
        assertEquals(1, f.counters.get(Counter.INPUTS_REJECTED));
        assertEquals(1, f.counters.get(Counter.EXITS));
    }

    @Test
    void aLateFillOfASupersededAttemptIsRejectedAndLeavesThePositionAsItWas()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        f.orderReject(ClientOrderIds.of(p.id, 1), "-1008", T0 + 2);
        resend(p, T0 + 202);
        final EngineEvent late = f.orderFill(ClientOrderIds.of(p.id, 1), "1", "98.37", Fixed.NONE, T0 + 203);
        assertEquals("ORDER_FILL: fill for xe-" + p.id + "-1 which is not the close in flight (duplicate or late)",
            only(late, DecisionType.REJECTED).detail);
        assertEquals(parse("1"), p.qty);
        assertEquals(PositionState.CLOSING, p.state);
        assertEquals(0, f.counters.get(Counter.EXITS));
        assertEquals(1, f.counters.get(Counter.INPUTS_REJECTED));
    }

    @Test
    void resendMakesTheNextAttemptWithANewIdAtTheSourcesLastPrice()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        f.orderReject(ClientOrderIds.of(p.id, 1), "-1008", T0 + 2);
        f.prices.trade(0, parse("97.5"));
        final EngineEvent e = resend(p, T0 + 202);
        final Decision d = only(e, DecisionType.CLOSE);
        assertEquals(ClientOrderIds.of(p.id, 2), d.clientOrderId);
        assertEquals(2, p.close.attempt);
        assertEquals(parse("97.5"), d.price);
        assertEquals(parse("98.5"), d.level);
        assertEquals(ExitReason.STOP_LOSS, d.reason);
        assertEquals(parse("1"), d.qty);
        assertEquals(TICK, d.tickSize);
        assertEquals(Long.MAX_VALUE, p.retryAt());
        assertEquals(2, f.counters.get(Counter.CLOSES_DECIDED));
        assertEquals(1, f.counters.get(Counter.CLOSE_RETRIES));
        // a fill of the new attempt is the close in flight
        assertEquals(parse("97.5"), only(f.orderFill(d.clientOrderId, "1", "97.5", Fixed.NONE, T0 + 203), DecisionType.EXIT).exitPrice);
    }

    @Test
    void aResendWhileHaltedWaitsTheLongestRetryWithoutADecision()
    {
        final Position p = f.openLong(0, "1", "100", "0.04", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        f.orderReject(ClientOrderIds.of(p.id, 1), "-1008", T0 + 2);
        f.states.account(0, TradingState.HALTED);
        assertEquals(0, resend(p, T0 + 202).decisions.size());
        assertEquals(T0 + 202 + 10_000, p.retryAt());
        assertEquals(1, p.close.attempt);
        assertTrue(inTimeLadder(p));
    }

    @Test
    void aRetryAfterAPartFilledAttemptClosesWhatIsLeft()
    {
        final Position p = f.openLong(0, "1", "100", "0", T0);
        decide(p, ExitReason.STOP_LOSS, "98.5", "98.4", p.qty, T0 + 1);
        f.orderFill(ClientOrderIds.of(p.id, 1), "0.4", "98.4", parse("0"), T0 + 2);
        final Decision failed = only(f.orderExpired(ClientOrderIds.of(p.id, 1), T0 + 3), DecisionType.CLOSE_FAILED);
        assertEquals(parse("0.6"), failed.qty);
        final Decision d = only(resend(p, T0 + 203), DecisionType.CLOSE);
        assertEquals(parse("0.6"), d.qty);
        assertEquals(ClientOrderIds.of(p.id, 2), d.clientOrderId);
        final Decision x = only(f.orderFill(d.clientOrderId, "0.6", "98.2", parse("0"), T0 + 204), DecisionType.EXIT);
        // one exit of both attempts: (0.4 × 98.4 + 0.6 × 98.2) / 1 = 98.28
        assertEquals(parse("1"), x.qty);
        assertEquals(parse("98.28"), x.exitPrice);
        assertEquals(parse("-1.72"), x.netPnl);
        assertEquals(ClientOrderIds.of(p.id, 2), x.clientOrderId);
    }

    @Test
    void aCooldownStartedByAnExitThatLeavesDustIsNotedOnThatExitsEvent()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.stopLossCooldownCount = 1;
        c.stopLossWindowMs = 60_000;
        c.stopLossCooldownMs = 600_000;
        final EvaluatorFixture g = new EvaluatorFixture(c);
        final Position p = g.openLong(0, "1.0005", "100", "0", T0);
        final EngineEvent d = g.event(EventType.TRADE, T0 + 1);
        g.closes.decide(d, p, ExitReason.STOP_LOSS, parse("98.5"), parse("98.4"), p.qty);
        assertEquals(parse("1"), only(d, DecisionType.CLOSE).qty);
        final EngineEvent e = g.orderFill(ClientOrderIds.of(p.id, 1), "1", "98.4", parse("0"), T0 + 2);
        assertEquals(parse("1"), only(e, DecisionType.EXIT).qty);
        assertEquals(parse("0.0005"), p.qty);
        assertEquals(T0 + 2 + 600_000, g.riskView.cooldownUntil(0));
        assertEquals("account cooldown until " + (T0 + 2 + 600_000) + ": 1 stop-losses within 60000 ms",
            only(e, DecisionType.RISK).detail);
    }
}
