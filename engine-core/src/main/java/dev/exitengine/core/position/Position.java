package dev.exitengine.core.position;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.rules.ExitProfile;

/**
 * One open position and its exit state. Owned by the evaluation thread alone: no field is read or
 * written by any other thread, so none needs a lock, a CAS or a volatile.
 */
public final class Position
{
    public final long id;
    public final int accountId;
    public final int symbolId;
    /** LONG or SHORT: the direction of the quantity. */
    public final PositionSide side;
    /** True when the fills named the side (hedge mode); one-way positions flip, hedge ones do not. */
    public final boolean hedge;

    public PositionState state = PositionState.OPEN;
    public ExitProfile profile;
    /**
     * True while the position is evaluated on its profile's fallback trigger source because its own
     * source went stale for the symbol; set and cleared only by the evaluator, from event times alone.
     */
    public boolean onFallback;
    public int profileId;

    /** Quantity held, always positive. */
    public long qty;
    /** Sum of price × quantity of the lots still held (fixed point), the exact basis of the average entry. */
    public long entryNotional;
    /** Entry fees of the lots still held. */
    public long entryFees;
    /** Event time of the first entry fill: time rules measure from here. */
    public long entryTs;
    /** Price of the only entry lot; with two or more lots, {@link #lots} holds them all. */
    public long lotPrice;
    /** FIFO entry lots, allocated when a second lot arrives (most positions have one). */
    public Lots lots;
    /** Realized PnL (net of fees) of quantity already reduced by opposite fills. */
    public long realizedPnl;

    // armed levels (Fixed.NONE when absent)
    public long takeProfit = Fixed.NONE;
    public long stopLoss = Fixed.NONE;
    /** Advanced rule state; null for profiles with only a take profit and a stop loss. */
    public RuleState rules;

    /** The stop-family level a tick is compared with (a long's highest, a short's lowest) and whose it is. */
    public long stopKey = Fixed.NONE;
    public ExitReason stopReason;
    /** The nearest upward threshold (a long's lowest, a short's highest): take profits, scale-outs, activations. */
    public long targetKey = Fixed.NONE;

    /** The exit in progress, allocated when the position first closes. */
    public CloseState close;

    // index bookkeeping: where the position sits in its symbol's heaps (-1 / null when absent)
    int stopHeapIndex = -1;
    int targetHeapIndex = -1;
    int peakHeapIndex = -1;
    int timeHeapIndex = -1;
    LevelHeap stopHeap;
    LevelHeap targetHeap;
    LevelHeap peakHeap;
    LevelHeap timeHeap;

    public Position(final long id, final int accountId, final int symbolId, final PositionSide side, final boolean hedge)
    {
        this.id = id;
        this.accountId = accountId;
        this.symbolId = symbolId;
        this.side = side;
        this.hedge = hedge;
    }

    /** The trigger source the position is evaluated on now: its profile's, or the fallback while that is stale. */
    public TriggerSource source()
    {
        if (profile == null)
        {
            return TriggerSource.LAST;
        }
        return onFallback && profile.fallbackSource != null ? profile.fallbackSource : profile.source;
    }

    public boolean isLong()
    {
        return side == PositionSide.LONG;
    }

    /** Average entry price, exact to eight decimals (rounded half-up). */
    public long averageEntry()
    {
        return qty == 0 ? 0 : Fixed.mulDiv(entryNotional, Fixed.ONE, qty, java.math.RoundingMode.HALF_UP);
    }

    /** The exit state, created on first use. */
    public CloseState closing()
    {
        if (close == null)
        {
            close = new CloseState();
        }
        return close;
    }

    /** When a failed close is due again, or Long.MAX_VALUE. */
    public long retryAt()
    {
        return close == null ? Long.MAX_VALUE : close.retryAt;
    }

    /** Records an entry lot, before {@link #qty}, {@link #entryNotional} and {@link #entryFees} include it. */
    public void addLot(final long lotQty, final long price, final long fee)
    {
        if (lots == null && qty == 0)
        {
            lotPrice = price;
            return;
        }
        if (lots == null)
        {
            lots = new Lots();
            lots.add(qty, lotPrice, entryFees);
        }
        lots.add(lotQty, price, fee);
    }

    /** Net PnL if the whole position were closed at {@code price}: gross − entry fees − expected exit fee. */
    public long unrealizedNet(final long price, final dev.exitengine.core.rules.FeeModel exitFee)
    {
        return dev.exitengine.core.rules.LevelSolver.netPnl(isLong(), qty, entryNotional, entryFees, exitFee, price);
    }

    /** The next time a time rule or a retry needs this position, or Long.MAX_VALUE. */
    public long timeKey()
    {
        final long rulesAt = rules == null ? Long.MAX_VALUE : rules.nextTimeEvent();
        return state == PositionState.CLOSING ? retryAt() : Math.min(rulesAt, retryAt());
    }

    /** The position's whole state (identity, quantity, entry, lots, levels, keys, rules, close), mixed into {@code hash}. */
    public long stateHash(final long hash)
    {
        long h = StateHash.mix(hash, id);
        h = StateHash.mix(h, accountId);
        h = StateHash.mix(h, symbolId);
        h = StateHash.mix(h, side);
        h = StateHash.mix(h, hedge);
        h = StateHash.mix(h, state);
        h = StateHash.mix(h, profile == null ? null : profile.name);
        h = StateHash.mix(h, profileId);
        h = StateHash.mix(h, onFallback);
        h = StateHash.mix(h, qty);
        h = StateHash.mix(h, entryNotional);
        h = StateHash.mix(h, entryFees);
        h = StateHash.mix(h, entryTs);
        h = StateHash.mix(h, lotPrice);
        h = lots == null ? StateHash.mix(h, -1) : lots.stateHash(h);
        h = StateHash.mix(h, realizedPnl);
        h = StateHash.mix(h, takeProfit);
        h = StateHash.mix(h, stopLoss);
        h = StateHash.mix(h, stopKey);
        h = StateHash.mix(h, stopReason);
        h = StateHash.mix(h, targetKey);
        h = rules == null ? StateHash.mix(h, -1) : rules.stateHash(h);
        return close == null ? StateHash.mix(h, -1) : close.stateHash(h);
    }
}
