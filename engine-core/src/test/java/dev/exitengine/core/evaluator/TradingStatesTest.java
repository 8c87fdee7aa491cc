package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.evaluator.EvaluatorFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingStatesTest
{
    private final RiskView view = new RiskView();
    private final TradingStates states = new TradingStates(new PositionBook(), view);

    @Test
    void everyAccountFollowsTheEngineUntilGivenItsOwnState()
    {
        assertEquals(TradingState.ACTIVE, states.global());
        assertEquals(TradingState.ACTIVE, states.of(0));
        states.global(TradingState.REDUCING);
        assertEquals(TradingState.REDUCING, states.of(0));
        assertEquals(TradingState.REDUCING, states.of(-1));
        assertEquals(TradingState.REDUCING, states.of(1_000_000));
        assertFalse(states.globalHalted());
        states.account(0, TradingState.ACTIVE);
        assertEquals(TradingState.ACTIVE, states.of(0), "the account's own state over a REDUCING engine");
        assertEquals(TradingState.REDUCING, states.of(1));
        states.global(TradingState.ACTIVE);
        states.account(2, TradingState.HALTED);
        assertEquals(TradingState.HALTED, states.of(2));
        assertEquals(TradingState.HALTED, view.state(2));
    }

    @Test
    void aHaltedEngineHaltsEveryAccountWhateverItsOwnState()
    {
        states.account(0, TradingState.ACTIVE);
        states.account(1, TradingState.REDUCING);
        states.global(TradingState.HALTED);
        assertTrue(states.globalHalted());
        assertEquals(TradingState.HALTED, states.of(0));
        assertEquals(TradingState.HALTED, states.of(1));
        assertEquals(TradingState.HALTED, states.of(7));
        assertEquals(TradingState.ACTIVE, view.state(0), "the view keeps the account's own state");
        states.global(TradingState.ACTIVE);
        assertEquals(TradingState.REDUCING, states.of(1));
    }

    @Test
    void forcedUnwindIsPerAccountAndOffForUnknownIds()
    {
        assertFalse(states.forcedUnwindOn(0));
        states.forcedUnwind(3, true);
        assertTrue(states.forcedUnwindOn(3));
        assertFalse(states.forcedUnwindOn(2));
        assertFalse(states.forcedUnwindOn(-1));
        assertFalse(states.forcedUnwindOn(100_000));
        states.forcedUnwind(3, false);
        assertFalse(states.forcedUnwindOn(3));
    }

    @Test
    void largeAccountIdsGrowTheTablesAndKeepWhatWasSet()
    {
        states.account(1, TradingState.REDUCING);
        states.forcedUnwind(2, true);
        states.account(5_000, TradingState.HALTED);
        assertEquals(TradingState.HALTED, states.of(5_000));
        assertEquals(TradingState.ACTIVE, states.of(4_999));
        assertEquals(TradingState.REDUCING, states.of(1));
        assertTrue(states.forcedUnwindOn(2));
        states.forcedUnwind(70_000, true);
        assertTrue(states.forcedUnwindOn(70_000));
        assertEquals(TradingState.ACTIVE, states.of(70_000));
        assertEquals(TradingState.HALTED, states.of(5_000));
        assertEquals(TradingState.HALTED, view.state(5_000));
    }

    @Test
    void releaseReindexesHeldPositionsWhoseAccountMayTradeAndForgetsClosedOnes()
    {
        final EvaluatorFixture f = new EvaluatorFixture(EvaluatorFixture.quietConfig());
        f.defineInstrument(1, EvaluatorFixture.TICK, EvaluatorFixture.STEP, EvaluatorFixture.MIN_QTY, EvaluatorFixture.MAKER,
            EvaluatorFixture.TAKER);
        final Position a = f.openLong(0, "1", "100", "0", T0);
        final Position b = f.open(1, 1, dev.exitengine.core.event.PositionSide.LONG, -1, "1", "100", "0", T0);
        final Position c = f.open(2, 0, dev.exitengine.core.event.PositionSide.LONG, -1, "1", "100", "0", T0);
        f.states.account(0, TradingState.HALTED);
        f.states.account(1, TradingState.HALTED);
        f.states.account(2, TradingState.HALTED);
        final long none = f.states.stateHash();
        for (final Position p : new Position[] {a, b, c})
        {
            f.closes.decide(f.event(dev.exitengine.core.event.EventType.TRADE, T0 + 1), p, ExitReason.STOP_LOSS, p.stopLoss, p.stopLoss,
                p.qty);
        }
        final long three = f.states.stateHash();
        assertNotEquals(none, three, "held positions are state");
        // a position closed while held (here: dropped) leaves the held list at the next release
        c.state = PositionState.CLOSED;
        f.states.account(0, TradingState.ACTIVE);
        f.states.releaseHeld();
        assertTrue(f.book.ladders(0).stops(TriggerSource.LAST, true).contains(a));
        assertFalse(f.book.ladders(1).stops(TriggerSource.LAST, true).contains(b));
        assertFalse(f.book.ladders(0).stops(TriggerSource.LAST, true).contains(c));
        f.states.account(1, TradingState.ACTIVE);
        f.states.account(2, TradingState.ACTIVE);
        f.states.releaseHeld();
        assertTrue(f.book.ladders(1).stops(TriggerSource.LAST, true).contains(b));
        assertFalse(f.book.ladders(0).stops(TriggerSource.LAST, true).contains(c));
        final TradingStates same = new TradingStates(new PositionBook(), new RiskView());
        same.account(0, TradingState.ACTIVE);
        same.account(1, TradingState.ACTIVE);
        same.account(2, TradingState.ACTIVE);
        assertEquals(same.stateHash(), f.states.stateHash(), "nothing held any more");
    }

    @Test
    void stateHashFollowsTheEngineAndAccountStatesAndForcedUnwind()
    {
        final long fresh = states.stateHash();
        states.global(TradingState.REDUCING);
        final long reducing = states.stateHash();
        assertNotEquals(fresh, reducing);
        states.forcedUnwind(1, true);
        final long unwinding = states.stateHash();
        assertNotEquals(reducing, unwinding);
        states.account(1, TradingState.ACTIVE);
        assertNotEquals(unwinding, states.stateHash(), "an explicit ACTIVE differs from following the engine");
    }
}
