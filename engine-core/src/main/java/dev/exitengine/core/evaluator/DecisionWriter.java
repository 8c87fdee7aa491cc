package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.CloseState;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.rules.ExitProfile;

import java.math.RoundingMode;

/**
 * Writes every shape of decision onto the event, in one place: levels, close, exit, close failed,
 * quarantine, rejected input, reconciliation and risk notes. A close carries what the output handler
 * needs to send it (the instrument's tick, step and taker fee), so that handler reads no state of the
 * evaluator's.
 */
final class DecisionWriter
{
    private final Definitions definitions;
    private final EngineCounters counters;

    DecisionWriter(final Definitions definitions, final EngineCounters counters)
    {
        this.definitions = definitions;
        this.counters = counters;
    }

    /** The position's quantity, entry and every level in force. */
    void levels(final EngineEvent e, final Position p)
    {
        final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.entryPrice = p.averageEntry();
        d.takeProfit = p.takeProfit;
        final RuleState r = p.rules;
        if (r != null)
        {
            d.stopLoss = p.profile.stopLossKind == ExitProfile.LevelKind.ATR ? r.atrStop : p.stopLoss;
            d.trailingStop = r.trailActive ? r.trailLevel : Fixed.NONE;
            d.breakevenStop = r.breakevenActive ? r.breakevenStop : Fixed.NONE;
            d.profitFloor = r.floorActive ? r.floorLevel : Fixed.NONE;
            d.scaleOutTarget = r.scalePrice;
            d.roiTarget = r.roiLevel;
        }
        else
        {
            d.stopLoss = p.stopLoss;
        }
    }

    /** A levels line of quantity 0: the application's own opposite fill closed the position. */
    void closedByOwnFill(final EngineEvent e, final Position p)
    {
        final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
        describe(d, p);
        d.qty = 0;
        d.detail = "closed by the application's own fill";
    }

    /** A close order of the position's close in flight (its current attempt's client order id). */
    void close(final EngineEvent e, final Position p, final long qty, final ExitReason reason, final long level, final long price)
    {
        final Decision d = e.decisions.add(DecisionType.CLOSE, e.seq, e.ts);
        describe(d, p);
        d.side = p.side.closingSide();
        d.qty = qty;
        d.reason = reason;
        d.level = level;
        d.price = price;
        d.clientOrderId = p.closing().clientOrderId;
        final Instrument inst = definitions.instrument(p.symbolId);
        if (inst != null)
        {
            d.tickSize = inst.tickSize;
            d.stepSize = inst.stepSize;
            d.takerFee = inst.takerFee;
        }
    }

    /** The exit record of the close's fills so far: average prices, fees on both sides, net PnL, slippage. */
    Decision exit(final EngineEvent e, final Position p)
    {
        final CloseState c = p.closing();
        final long fees = c.exitEntryFees + c.exitFees;
        final long gross = p.isLong() ? c.exitNotional - c.exitEntryNotional : c.exitEntryNotional - c.exitNotional;
        final Decision d = e.decisions.add(DecisionType.EXIT, e.seq, e.ts);
        describe(d, p);
        d.reason = c.reason;
        d.qty = c.exitQty;
        d.entryPrice = Fixed.mulDiv(c.exitEntryNotional, Fixed.ONE, c.exitQty, RoundingMode.HALF_UP);
        d.exitPrice = c.exitPrice();
        d.fees = fees;
        d.netPnl = gross - fees;
        d.level = c.level;
        d.price = c.triggerPrice;
        d.clientOrderId = c.clientOrderId;
        if (c.level != Fixed.NONE)
        {
            // slippage against the level, positive when the fill was worse than the level
            d.slippage = p.isLong() ? c.level - d.exitPrice : d.exitPrice - c.level;
        }
        return d;
    }

    /** The venue rejected or expired the close {@code clientOrderId}; what is left of it, and when it is retried. */
    void closeFailed(final EngineEvent e, final Position p, final long clientOrderId, final String detail)
    {
        final CloseState c = p.closing();
        final Decision d = e.decisions.add(DecisionType.CLOSE_FAILED, e.seq, e.ts);
        describe(d, p);
        d.clientOrderId = clientOrderId;
        d.reason = c.reason;
        d.qty = c.qty - c.filledQty;
        d.detail = detail;
    }

    void quarantined(final EngineEvent e, final Position p, final Throwable cause)
    {
        final Decision d = e.decisions.add(DecisionType.QUARANTINE, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The evaluator refused the input (counted): the line names its type and why. */
    void rejected(final EngineEvent e, final String why)
    {
        counters.increment(Counter.INPUTS_REJECTED);
        final Decision d = e.decisions.add(DecisionType.REJECTED, e.seq, e.ts);
        d.accountId = e.accountId;
        d.symbolId = e.symbolId;
        d.detail = e.type + ": " + why;
    }

    /** Reconciliation dropped the position (quantity 0): it is gone at the venue. */
    void dropped(final EngineEvent e, final Position p, final String why)
    {
        final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
        describe(d, p);
        d.qty = 0;
        d.detail = why + " (was " + Fixed.toString(p.qty) + ")";
    }

    /** Reconciliation set the position's quantity to the venue's. */
    void corrected(final EngineEvent e, final Position p, final long before, final long exchangeQty)
    {
        final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.entryPrice = p.averageEntry();
        d.detail = "quantity corrected from " + Fixed.toString(before) + " to " + Fixed.toString(exchangeQty);
    }

    /** Reconciliation adopted a position the engine did not know. */
    void adopted(final EngineEvent e, final Position p, final long qty, final long entryPrice)
    {
        final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
        describe(d, p);
        d.qty = qty;
        d.entryPrice = entryPrice;
        d.detail = "adopted from the exchange with profile " + p.profile.name;
    }

    /** A risk note: a cooldown, a drawdown limit, the gateway's circuit (account -1 for the whole engine). */
    void risk(final EngineEvent e, final int accountId, final String detail)
    {
        final Decision d = e.decisions.add(DecisionType.RISK, e.seq, e.ts);
        d.accountId = accountId;
        d.detail = detail;
    }

    private static void describe(final Decision d, final Position p)
    {
        d.accountId = p.accountId;
        d.symbolId = p.symbolId;
        d.positionId = p.id;
        d.positionSide = p.side;
    }
}
