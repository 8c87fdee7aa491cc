package dev.exitengine.core.position;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;

/**
 * A position's exit in progress: the close decided, its attempts and the fills so far. Allocated the
 * first time the position closes (most open positions never need it), kept for its later attempts.
 */
public final class CloseState
{
    public ExitReason reason;
    public long level = Fixed.NONE;
    public long triggerPrice = Fixed.NONE;
    /** Quantity of the close order in flight, and how much of it has filled. */
    public long qty;
    public long filledQty;
    /** Event time at which a failed close is sent again (Long.MAX_VALUE: none pending). */
    public long retryAt = Long.MAX_VALUE;
    public int attempt;
    public long clientOrderId;
    /** This exit's fills so far: quantity, notional and fees, and the entry basis of what they closed. */
    public long exitQty;
    public long exitNotional;
    public long exitFees;
    public long exitEntryNotional;
    public long exitEntryFees;
    /**
     * The price every fill of this exit had, while they all had one (NONE before the first, MIXED after
     * fills at two prices): the exit record then reports that price itself, not one derived from a rounded
     * notional. Follows from the fills, so it is left out of the state hash.
     */
    public long exitFillPrice = Fixed.NONE;
    public static final long MIXED = Long.MIN_VALUE + 1;

    /** Every field, mixed into {@code hash} in declaration order. */
    public long stateHash(final long hash)
    {
        long h = StateHash.mix(hash, reason);
        h = StateHash.mix(h, level);
        h = StateHash.mix(h, triggerPrice);
        h = StateHash.mix(h, qty);
        h = StateHash.mix(h, filledQty);
        h = StateHash.mix(h, retryAt);
        h = StateHash.mix(h, attempt);
        h = StateHash.mix(h, clientOrderId);
        h = StateHash.mix(h, exitQty);
        h = StateHash.mix(h, exitNotional);
        h = StateHash.mix(h, exitFees);
        h = StateHash.mix(h, exitEntryNotional);
        return StateHash.mix(h, exitEntryFees);
    }

    /** Clears what one completed exit accumulated (a scale-out's rest starts a new one). */
    public void resetExit()
    {
        exitQty = 0;
        exitNotional = 0;
        exitFees = 0;
        exitEntryNotional = 0;
        exitEntryFees = 0;
        exitFillPrice = Fixed.NONE;
    }

    /** Notes a fill's price (see {@link #exitFillPrice}). */
    public void notePrice(final long price)
    {
        exitFillPrice = exitFillPrice == Fixed.NONE || exitFillPrice == price ? price : MIXED;
    }

    /** The exit's price: the fills' one price when they had one, else their notional over their quantity. */
    public long exitPrice()
    {
        return exitFillPrice != Fixed.NONE && exitFillPrice != MIXED ? exitFillPrice
            : Fixed.mulDiv(exitNotional, Fixed.ONE, exitQty, java.math.RoundingMode.HALF_UP);
    }
}
