package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

import java.math.RoundingMode;

/**
 * Fills of the application's own orders: open a position, add to it (a new FIFO lot), reduce it (oldest
 * lots first, realizing their PnL), close it, or flip it (what is left of the fill opens the other side).
 * In hedge mode a fill names its side's slot and never flips.
 */
final class EntryFills
{
    private final EngineCounters counters;
    private final PositionBook book;
    private final Definitions definitions;
    private final RiskControls risk;
    private final RuleArming arming;
    private final CloseLifecycle closes;
    private final CapEnforcer caps;
    private final MarketEvaluator market;
    private final DecisionWriter writer;
    private final EntryBasis basis = new EntryBasis();

    EntryFills(final EngineCounters counters, final PositionBook book, final Definitions definitions, final RiskControls risk,
        final RuleArming arming, final CloseLifecycle closes, final CapEnforcer caps, final MarketEvaluator market,
        final DecisionWriter writer)
    {
        this.counters = counters;
        this.book = book;
        this.definitions = definitions;
        this.risk = risk;
        this.arming = arming;
        this.closes = closes;
        this.caps = caps;
        this.market = market;
        this.writer = writer;
    }

    void onFill(final EngineEvent e)
    {
        final Instrument inst = definitions.instrument(e.symbolId);
        if (inst == null)
        {
            writer.rejected(e, "fill for symbol without instrument definition");
            return;
        }
        counters.increment(Counter.FILLS);
        final boolean hedge = e.positionSide != null && e.positionSide != PositionSide.BOTH;
        final PositionSide slot = hedge ? e.positionSide : PositionSide.BOTH;
        final long fee = e.fee != Fixed.NONE ? e.fee
            : inst.takerFeeModel.fee(Fixed.mulDiv(e.price, e.qty, Fixed.ONE, RoundingMode.HALF_UP));
        Position p = book.find(e.accountId, e.symbolId, slot);
        long qty = e.qty;
        long feeLeft = fee;
        if (p != null && p.state == PositionState.QUARANTINED)
        {
            writer.rejected(e, "fill for quarantined position " + p.id);
            return;
        }
        if (p != null)
        {
            final boolean adds = p.isLong() == (e.side == Side.BUY);
            if (adds)
            {
                add(p, qty, e.price, fee);
                if (e.profileId >= 0)
                {
                    definitions.assignProfile(p, e.profileId);
                }
                arming.armAndPublish(e, p);
                return;
            }
            // an opposite fill of the application's own reduces the position first (FIFO)
            final long reduce = Math.min(qty, p.qty);
            final long reduceFee = reduce == qty ? fee : Fixed.mulDiv(fee, reduce, qty, RoundingMode.HALF_UP);
            reduce(e, p, reduce, reduceFee);
            qty -= reduce;
            feeLeft -= reduceFee;
            if (qty == 0 || hedge)
            {
                return;
            }
        }
        // open a new position with what is left of the fill
        final PositionSide side = hedge ? e.positionSide : (e.side == Side.BUY ? PositionSide.LONG : PositionSide.SHORT);
        if (hedge && (side == PositionSide.LONG) != (e.side == Side.BUY))
        {
            writer.rejected(e, "fill would open a " + side + " hedge position with a " + e.side + " fill");
            return;
        }
        p = open(e, e.accountId, e.symbolId, slot, side, e.profileId, qty, e.price, feeLeft);
        arming.armAndPublish(e, p);
        closes.unwindIfForced(e, p, e.price);
        caps.enforce(e);
    }

    /** Opens a position in the book with one lot, its profile and its risk counts; arming is the caller's next step. */
    Position open(final EngineEvent e, final int accountId, final int symbolId, final PositionSide slot, final PositionSide side,
        final int profileId, final long qty, final long price, final long fee)
    {
        final Position p = book.open(accountId, symbolId, slot, side);
        market.watch(p);
        p.entryTs = e.ts;
        definitions.assignProfile(p, profileId);
        addLot(p, qty, price, fee);
        risk.adjustNotional(p, p.entryNotional);
        risk.opened(p, e.ts);
        return p;
    }

    /** Takes {@code qty} off the position's oldest lots at the fill's price, realizing their net PnL. */
    private void reduce(final EngineEvent e, final Position p, final long qty, final long fee)
    {
        basis.take(p, qty);
        final long exitNotional = Fixed.mulDiv(qty, e.price, Fixed.ONE, RoundingMode.HALF_UP);
        final long gross = p.isLong() ? exitNotional - basis.notional : basis.notional - exitNotional;
        p.realizedPnl += gross - basis.fees - fee;
        risk.realized(e, p, gross - basis.fees - fee, null);
        risk.adjustNotional(p, -basis.notional);
        p.qty -= qty;
        p.entryNotional -= basis.notional;
        p.entryFees -= basis.fees;
        if (p.qty == 0)
        {
            p.state = PositionState.CLOSED;
            risk.remove(p);
            writer.closedByOwnFill(e, p);
        }
        else if (p.state == PositionState.OPEN)
        {
            arming.armAndPublish(e, p);
        }
    }

    /** Adds a lot to an open position, counted in its account's notional (reconciliation adds the venue's extra the same way). */
    void add(final Position p, final long qty, final long price, final long fee)
    {
        addLot(p, qty, price, fee);
        risk.adjustNotional(p, Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP));
    }

    static void addLot(final Position p, final long qty, final long price, final long fee)
    {
        p.addLot(qty, price, fee);
        p.qty += qty;
        p.entryNotional += Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
        p.entryFees += fee;
    }
}
