package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

import java.math.RoundingMode;

/**
 * Reconciliation with the venue's truth, one account's snapshot at a time: the engine's positions the
 * venue no longer has are dropped, quantities that differ are corrected (and re-armed), positions the
 * engine did not know are adopted with the default profile.
 */
final class Reconciler
{
    private final EngineCounters counters;
    private final PositionBook book;
    private final Definitions definitions;
    private final LastPrices prices;
    private final RiskControls risk;
    private final RuleArming arming;
    private final CloseLifecycle closes;
    private final EntryFills fills;
    private final DecisionWriter writer;
    private final EntryBasis basis = new EntryBasis();

    Reconciler(final EngineCounters counters, final PositionBook book, final Definitions definitions, final LastPrices prices,
        final RiskControls risk, final RuleArming arming, final CloseLifecycle closes, final EntryFills fills, final DecisionWriter writer)
    {
        this.counters = counters;
        this.book = book;
        this.definitions = definitions;
        this.prices = prices;
        this.risk = risk;
        this.arming = arming;
        this.closes = closes;
        this.fills = fills;
        this.writer = writer;
    }

    void onSnapshot(final EngineEvent e)
    {
        final Snapshot snap = e.snapshot();
        final boolean[] matched = new boolean[snap.size()];
        // engine positions of the account, in id order: corrected or dropped
        for (final Position p : book.ofAccount(e.accountId))
        {
            if (p.state == PositionState.CLOSED)
            {
                continue;
            }
            final int found = match(snap, matched, p);
            if (found < 0)
            {
                if (p.state == PositionState.CLOSING && p.retryAt() == Long.MAX_VALUE)
                {
                    // its close is out: that is most likely what took it, and the close's fill (or failure) settles it,
                    // with its exit and PnL; a venue read between the fill and its report must not drop it first
                    counters.increment(Counter.RECONCILE_AWAITING_CLOSE);
                    continue;
                }
                closes.drop(e, p, "vanished at the exchange");
                continue;
            }
            matched[found] = true;
            final long exchangeQty = Math.abs(snap.qty[found]);
            if (exchangeQty != p.qty && p.state == PositionState.OPEN)
            {
                correct(e, p, exchangeQty, snap.entryPrice[found]);
            }
        }
        // exchange positions the engine did not know: adopted with the default profile
        for (int i = 0; i < snap.size(); i++)
        {
            if (!matched[i] && snap.qty[i] != 0)
            {
                adopt(e, snap, i);
            }
        }
    }

    private static int match(final Snapshot snap, final boolean[] matched, final Position p)
    {
        for (int i = 0; i < snap.size(); i++)
        {
            if (!matched[i] && snap.symbolIds[i] == p.symbolId && slotMatches(p, snap.sides[i], snap.qty[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private void correct(final EngineEvent e, final Position p, final long exchangeQty, final long entryPrice)
    {
        final long before = p.qty;
        if (exchangeQty < p.qty)
        {
            basis.take(p, p.qty - exchangeQty);
            risk.adjustNotional(p, -basis.notional);
            p.entryNotional -= basis.notional;
            p.entryFees -= basis.fees;
            p.qty = exchangeQty;
        }
        else
        {
            final long add = exchangeQty - p.qty;
            final Instrument inst = definitions.instrument(p.symbolId);
            final long fee = inst.takerFeeModel.fee(Fixed.mulDiv(add, entryPrice, Fixed.ONE, RoundingMode.HALF_UP));
            fills.add(p, add, entryPrice, fee);
        }
        writer.corrected(e, p, before, exchangeQty);
        counters.increment(Counter.RECONCILIATIONS);
        arming.armAndPublish(e, p);
    }

    private void adopt(final EngineEvent e, final Snapshot snap, final int i)
    {
        final Instrument inst = definitions.instrument(snap.symbolIds[i]);
        if (inst == null)
        {
            return;
        }
        final PositionSide slot = snap.sides[i];
        final PositionSide side = slot == PositionSide.BOTH ? (snap.qty[i] > 0 ? PositionSide.LONG : PositionSide.SHORT) : slot;
        final long qty = Math.abs(snap.qty[i]);
        final long fee = inst.takerFeeModel.fee(Fixed.mulDiv(qty, snap.entryPrice[i], Fixed.ONE, RoundingMode.HALF_UP));
        final Position p = fills.open(e, e.accountId, snap.symbolIds[i], slot, side, -1, qty, snap.entryPrice[i], fee);
        writer.adopted(e, p, qty, snap.entryPrice[i]);
        counters.increment(Counter.RECONCILIATIONS);
        arming.armAndPublish(e, p);
        closes.unwindIfForced(e, p, prices.lastTrade(p.symbolId));
    }

    private static boolean slotMatches(final Position p, final PositionSide snapSide, final long snapQty)
    {
        if (snapSide == PositionSide.BOTH)
        {
            return !p.hedge && (snapQty > 0) == p.isLong();
        }
        return p.hedge && p.side == snapSide;
    }
}
