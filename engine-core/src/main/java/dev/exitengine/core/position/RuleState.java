package dev.exitengine.core.position;

import dev.exitengine.core.num.Fixed;

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
}
