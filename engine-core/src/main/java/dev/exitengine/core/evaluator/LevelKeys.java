package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.rules.ExitProfile;

/**
 * The two keys a position is indexed by in its symbol's ladders, as pure functions of its levels: the
 * stop key (the tightest stop-family level, naming the rule it comes from) and the target key (the
 * nearest upward threshold: take profit, scale-out, ROI, or an activation not yet reached).
 */
final class LevelKeys
{
    private LevelKeys()
    {
    }

    /** Whether {@code price} reached an upward level: a take profit or an activation (a long's price at or above it). */
    static boolean crossesUp(final boolean isLong, final long price, final long level)
    {
        return isLong ? price >= level : price <= level;
    }

    /** Whether {@code price} reached a stop-family level (a long's price at or below it). */
    static boolean crossesDown(final boolean isLong, final long price, final long level)
    {
        return isLong ? price <= level : price >= level;
    }

    /**
     * Recomputes the position's stop and target keys from its levels. The stop key is the tightest
     * stop-family level (a long's highest) and names the rule it comes from; ties go to the rule of higher
     * priority. The target key is the nearest upward threshold.
     */
    static void refresh(final Position p)
    {
        final boolean isLong = p.isLong();
        long stop = Fixed.NONE;
        ExitReason reason = null;
        final RuleState r = p.rules;
        final boolean atrKind = p.profile != null && p.profile.stopLossKind == ExitProfile.LevelKind.ATR;
        // candidates in priority order: a later one replaces only if strictly tighter
        if (p.stopLoss != Fixed.NONE)
        {
            stop = p.stopLoss;
            reason = ExitReason.STOP_LOSS;
        }
        if (r != null)
        {
            if (atrKind && r.atrStop != Fixed.NONE && tighter(isLong, r.atrStop, stop))
            {
                stop = r.atrStop;
                reason = ExitReason.VOLATILITY_STOP;
            }
            if (r.trailActive && tighter(isLong, r.trailLevel, stop))
            {
                stop = r.trailLevel;
                reason = ExitReason.TRAILING_STOP;
            }
            if (r.breakevenActive && tighter(isLong, r.breakevenStop, stop))
            {
                stop = r.breakevenStop;
                reason = ExitReason.BREAKEVEN;
            }
            if (r.floorActive && tighter(isLong, r.floorLevel, stop))
            {
                stop = r.floorLevel;
                reason = ExitReason.PROFIT_FLOOR;
            }
        }
        p.stopKey = stop;
        p.stopReason = reason;

        long target = p.takeProfit;
        if (r != null)
        {
            target = nearer(isLong, target, r.scalePrice);
            target = nearer(isLong, target, r.roiLevel);
            if (!r.trailActive)
            {
                target = nearer(isLong, target, r.trailActivation);
            }
            if (!r.breakevenActive)
            {
                target = nearer(isLong, target, r.breakevenTrigger);
            }
            if (!r.floorActive)
            {
                target = nearer(isLong, target, r.floorActivation);
            }
        }
        p.targetKey = target;
    }

    private static boolean tighter(final boolean isLong, final long candidate, final long current)
    {
        if (candidate == Fixed.NONE)
        {
            return false;
        }
        return current == Fixed.NONE || (isLong ? candidate > current : candidate < current);
    }

    private static long nearer(final boolean isLong, final long a, final long b)
    {
        if (a == Fixed.NONE)
        {
            return b;
        }
        if (b == Fixed.NONE)
        {
            return a;
        }
        return isLong ? Math.min(a, b) : Math.max(a, b);
    }
}
