package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.position.CloseState;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.rules.ExitProfile;

import java.math.RoundingMode;
import java.util.Locale;

/**
 * A close from decision to exit: decides it (never twice for one position; held while HALTED, deferred
 * while the circuit is open), resends a failed one as a new attempt, applies the venue's acks, rejects,
 * expiries and fills, writes the exit, and drops a position the venue says is gone.
 */
final class CloseLifecycle
{
    private final EngineConfig config;
    private final EngineCounters counters;
    private final PositionBook book;
    private final Definitions definitions;
    private final LastPrices prices;
    private final TradingStates states;
    private final CircuitBreaker breaker;
    private final RiskControls risk;
    private final RuleArming arming;
    private final DecisionWriter writer;
    private final EntryBasis basis = new EntryBasis();

    CloseLifecycle(final EngineConfig config, final EngineCounters counters, final PositionBook book, final Definitions definitions,
        final LastPrices prices, final TradingStates states, final CircuitBreaker breaker, final RiskControls risk,
        final RuleArming arming, final DecisionWriter writer)
    {
        this.config = config;
        this.counters = counters;
        this.book = book;
        this.definitions = definitions;
        this.prices = prices;
        this.states = states;
        this.breaker = breaker;
        this.risk = risk;
        this.arming = arming;
        this.writer = writer;
    }

    /** A rule fired for {@code p} at {@code price}: closes all of it, or a scale-out's part. */
    void onRuleFired(final EngineEvent e, final Position p, final ExitReason reason, final long price)
    {
        final long level = levelOf(p, reason);
        if (reason == ExitReason.PARTIAL_TAKE_PROFIT)
        {
            final Instrument inst = definitions.instrument(p.symbolId);
            final RuleState r = p.rules;
            final long fraction = p.profile.scaleOutFractions[r.scaleIndex];
            long part = Fixed.roundDownToStep(Fixed.mulDiv(r.initialQty, fraction, Fixed.ONE, RoundingMode.DOWN), inst.stepSize);
            final boolean last = r.scaleIndex == p.profile.scaleOutFractions.length - 1 && sumFractions(p.profile) >= Fixed.ONE;
            if (last || part >= p.qty || p.qty - part < Math.max(inst.minQty, 1))
            {
                part = p.qty;
            }
            if (part <= 0)
            {
                // a fraction smaller than one step: skip the level
                r.scaleIndex++;
                arming.armScale(p);
                LevelKeys.refresh(p);
                book.index(p);
                return;
            }
            decide(e, p, reason, level, price, part);
            return;
        }
        decide(e, p, reason, level, price, p.qty);
    }

    /** While the account is being unwound, a position that is (still) open closes at once, at {@code price}. */
    void unwindIfForced(final EngineEvent e, final Position p, final long price)
    {
        if (states.forcedUnwindOn(p.accountId) && p.state == PositionState.OPEN)
        {
            decide(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, price, p.qty);
        }
    }

    /** Closes the position at the last trade for a reason of the engine's own (forced unwind, manual, risk limit). */
    void closeNow(final EngineEvent e, final Position p, final ExitReason reason)
    {
        decide(e, p, reason, Fixed.NONE, prices.lastTrade(p.symbolId), p.qty);
    }

    /** Marks the position closing and writes the close decision; never twice for one position. */
    void decide(final EngineEvent e, final Position p, final ExitReason reason, final long level, final long price, final long qty)
    {
        book.unindex(p);
        if (p.state != PositionState.OPEN)
        {
            return;
        }
        if (states.of(p.accountId) == TradingState.HALTED)
        {
            states.hold(p);
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        long closeQty = inst == null ? qty : Fixed.roundDownToStep(qty, inst.stepSize);
        if (closeQty <= 0)
        {
            closeQty = qty;
        }
        p.state = PositionState.CLOSING;
        final CloseState c = p.closing();
        c.reason = reason;
        c.level = level;
        c.triggerPrice = price;
        c.qty = closeQty;
        if (breaker.isOpen(e.ts))
        {
            // the gateway's circuit is open: the close waits for it, decided then, never lost
            c.retryAt = breaker.openUntil();
            book.index(p);
            return;
        }
        newAttempt(p, c);
        writer.close(e, p, closeQty, reason, level, price);
    }

    /** The close goes out (again): a new attempt, a new client order id, nothing of it filled yet. */
    private void newAttempt(final Position p, final CloseState c)
    {
        c.retryAt = Long.MAX_VALUE;
        c.attempt++;
        c.clientOrderId = ClientOrderIds.of(p.id, c.attempt);
        c.filledQty = 0;
        counters.increment(Counter.CLOSES_DECIDED);
    }

    /** Sends a failed (or deferred) close again, as a new attempt with a new client order id. */
    void resend(final EngineEvent e, final Position p)
    {
        final CloseState c = p.closing();
        if (breaker.isOpen(e.ts))
        {
            c.retryAt = breaker.openUntil();
            book.index(p);
            return;
        }
        if (states.of(p.accountId) == TradingState.HALTED)
        {
            c.retryAt = e.ts + config.retryMaxMs;
            book.index(p);
            return;
        }
        newAttempt(p, c);
        counters.increment(Counter.CLOSE_RETRIES);
        final long price = prices.sourcePrice(p);
        writer.close(e, p, c.qty, c.reason, c.level, price != Fixed.NONE ? price : c.triggerPrice);
        book.unindex(p);
    }

    void onAck()
    {
        counters.increment(Counter.CLOSES_ACKED);
        breaker.success();
    }

    /** A fill of a close order: applied to the close in flight only, never beyond its quantity. */
    void onFill(final EngineEvent e)
    {
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state == PositionState.CLOSED)
        {
            writer.rejected(e, "fill for unknown or closed position of " + ClientOrderIds.toString(e.clientOrderId));
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final CloseState c = p.close;
        if (p.state != PositionState.CLOSING || c == null || c.clientOrderId != e.clientOrderId)
        {
            // a fill of an order already complete, failed or superseded: applying it would count an exit twice;
            // if the venue really did fill more, its next snapshot corrects the quantity
            writer.rejected(e, "fill for " + ClientOrderIds.toString(e.clientOrderId) + " which is not the close in flight (duplicate or late)");
            return;
        }
        final long fillQty = Math.min(e.qty, Math.min(p.qty, c.qty - c.filledQty));
        if (fillQty <= 0)
        {
            writer.rejected(e, "fill for " + ClientOrderIds.toString(e.clientOrderId) + " beyond the order's quantity");
            return;
        }
        final long notional = Fixed.mulDiv(fillQty, e.price, Fixed.ONE, RoundingMode.HALF_UP);
        final long fee = e.fee != Fixed.NONE ? e.fee : inst.takerFeeModel.fee(notional);
        breaker.success();
        basis.take(p, fillQty);
        risk.adjustNotional(p, -basis.notional);
        c.exitEntryNotional += basis.notional;
        c.exitEntryFees += basis.fees;
        p.entryNotional -= basis.notional;
        p.entryFees -= basis.fees;
        p.qty -= fillQty;
        c.exitQty += fillQty;
        c.exitNotional += notional;
        c.notePrice(e.price);
        c.exitFees += fee;
        c.filledQty += fillQty;
        if (p.qty == 0)
        {
            completeExit(e, p, true);
        }
        else if (p.state == PositionState.CLOSING && c.filledQty >= c.qty)
        {
            // this close is done and quantity is left: a scale-out level, or dust below the step size
            completeExit(e, p, false);
        }
    }

    private void completeExit(final EngineEvent e, final Position p, final boolean whole)
    {
        final CloseState c = p.closing();
        final Decision d = writer.exit(e, p);
        counters.increment(Counter.EXITS);
        if (c.reason != null)
        {
            counters.incrementExit(c.reason);
        }
        risk.realized(e, p, d.netPnl, c.reason);
        c.resetExit();
        if (whole)
        {
            p.state = PositionState.CLOSED;
            risk.remove(p);
            risk.flushNote(e);
            return;
        }
        // a partial exit: the rest stays open with its stop
        p.state = PositionState.OPEN;
        final RuleState r = p.rules;
        if (c.reason == ExitReason.PARTIAL_TAKE_PROFIT && r != null)
        {
            r.scaleIndex++;
            r.scaledOut = true;
            arming.armScale(p);
            if (p.profile.breakevenAfterFirstScaleOut && !r.breakevenActive)
            {
                arming.activateBreakeven(p);
            }
        }
        arming.levelsChanged(e, p);
        unwindIfForced(e, p, prices.lastTrade(p.symbolId));
        // a cooldown or drawdown limit this exit started is noted on its own event, as for a whole exit
        risk.flushNote(e);
    }

    /** The venue rejected or expired a close: retried with backoff, or the position dropped when the venue says it is gone. */
    void onFailed(final EngineEvent e)
    {
        final boolean rejected = e.type == EventType.ORDER_REJECT;
        counters.increment(rejected ? Counter.CLOSES_REJECTED : Counter.CLOSES_EXPIRED);
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state != PositionState.CLOSING || p.closing().clientOrderId != e.clientOrderId || p.retryAt() != Long.MAX_VALUE)
        {
            return;
        }
        if (rejected && positionGone(e.text))
        {
            // the venue says there is nothing to reduce: the position is gone, not the order failed
            drop(e, p, "venue reports no position: " + e.text);
            breaker.success();
            return;
        }
        if (breaker.failure(e.ts))
        {
            writer.risk(e, -1, "gateway circuit open until " + breaker.openUntil() + " after " + breaker.consecutiveErrors()
                + " consecutive errors");
        }
        final CloseState c = p.closing();
        c.retryAt = Math.max(e.ts + breaker.retryDelay(c.attempt), breaker.openUntil());
        writer.closeFailed(e, p, e.clientOrderId, (rejected ? "rejected: " + e.text : "expired") + "; retry at " + p.retryAt());
        if (c.filledQty > 0)
        {
            // part of this attempt filled: the retry closes what is left
            c.qty = p.qty;
        }
        book.index(p);
    }

    /** The position is gone at the venue: dropped from the book with a reconciliation line. */
    void drop(final EngineEvent e, final Position p, final String why)
    {
        writer.dropped(e, p, why);
        counters.increment(Counter.RECONCILIATIONS);
        p.state = PositionState.CLOSED;
        risk.remove(p);
    }

    /** Binance answers -2022 (ReduceOnly Order is rejected) when there is no position left to reduce. */
    private static boolean positionGone(final String reason)
    {
        if (reason == null)
        {
            return false;
        }
        final String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("-2022") || r.contains("reduceonly order is rejected") || r.contains("position_gone")
            || r.contains("no position");
    }

    private static long sumFractions(final ExitProfile profile)
    {
        long sum = 0;
        for (final long f : profile.scaleOutFractions)
        {
            sum += f;
        }
        return sum;
    }

    private static long levelOf(final Position p, final ExitReason reason)
    {
        final RuleState r = p.rules;
        switch (reason)
        {
            case TAKE_PROFIT: return p.takeProfit;
            case PARTIAL_TAKE_PROFIT: return r.scalePrice;
            case ROI: return r.roiLevel;
            case STOP_LOSS:
            case VOLATILITY_STOP:
            case TRAILING_STOP:
            case BREAKEVEN:
            case PROFIT_FLOOR:
                return p.stopKey;
            default:
                return Fixed.NONE;
        }
    }
}
