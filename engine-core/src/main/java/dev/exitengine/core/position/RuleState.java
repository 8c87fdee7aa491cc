package dev.exitengine.core.position;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;

/**
 * The state of a position's advanced rules (trailing, breakeven, profit floor, scale-out, time, ATR),
 * allocated only for positions whose profile has them, so a plain take-profit/stop-loss position stays
 * small. Prices are fixed point; {@link Fixed#NONE} means "not armed".
 */
public final class RuleState
{
    // trailing stop
    /** Price at which the trailing stop activates (exact, unrounded); NONE = from entry. */
    public long trailActivation = Fixed.NONE;
    public boolean trailActive;
    /** Best trigger-source price since activation (since entry when there is no activation). */
    public long peak = Fixed.NONE;
    /** The trailing level, unrounded (exact to eight decimals, in the position's favour). */
    public long trailLevel = Fixed.NONE;

    // breakeven
    public long breakevenTrigger = Fixed.NONE;
    public boolean breakevenActive;
    public long breakevenStop = Fixed.NONE;

    // profit floor
    public long floorActivation = Fixed.NONE;
    public boolean floorActive;
    public long floorLevel = Fixed.NONE;

    // scale-out
    public int scaleIndex;
    public long scalePrice = Fixed.NONE;
    public long initialQty;
    public boolean scaledOut;

    // time rules
    public long timeoutAt = Long.MAX_VALUE;
    public int roiIndex = -1;
    public long roiLevel = Fixed.NONE;
    public long nextRoiAt = Long.MAX_VALUE;

    // volatility (ATR) stop
    public long atrStop = Fixed.NONE;
    public long atrPeak = Fixed.NONE;
    public VolatilityTracker volatility;

    /** The earliest time at which a time rule changes something. */
    public long nextTimeEvent()
    {
        return Math.min(timeoutAt, nextRoiAt);
    }

    /** Every rule field, mixed into {@code hash} in declaration order (the tracker by its own hash's owner, not here). */
    public long stateHash(final long hash)
    {
        long h = StateHash.mix(hash, trailActivation);
        h = StateHash.mix(h, trailActive);
        h = StateHash.mix(h, peak);
        h = StateHash.mix(h, trailLevel);
        h = StateHash.mix(h, breakevenTrigger);
        h = StateHash.mix(h, breakevenActive);
        h = StateHash.mix(h, breakevenStop);
        h = StateHash.mix(h, floorActivation);
        h = StateHash.mix(h, floorActive);
        h = StateHash.mix(h, floorLevel);
        h = StateHash.mix(h, scaleIndex);
        h = StateHash.mix(h, scalePrice);
        h = StateHash.mix(h, initialQty);
        h = StateHash.mix(h, scaledOut);
        h = StateHash.mix(h, timeoutAt);
        h = StateHash.mix(h, roiIndex);
        h = StateHash.mix(h, roiLevel);
        h = StateHash.mix(h, nextRoiAt);
        h = StateHash.mix(h, atrStop);
        return StateHash.mix(h, atrPeak);
    }
}
