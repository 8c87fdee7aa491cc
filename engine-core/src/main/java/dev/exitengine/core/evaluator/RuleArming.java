package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.position.VolatilityTracker;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.LevelSolver;

import java.math.RoundingMode;
import java.util.List;

/**
 * Arms a position's levels from its profile (on a fill, a profile change, a reconciliation) and moves
 * them as the market goes: activations of trailing, breakeven and profit floor, trailing peaks, ROI steps,
 * ATR re-arming. Rules are data: the profile's kinds, evaluated by {@code switch}.
 *
 * <p>Whenever levels change the protocol is the same, behind {@link #levelsChanged}: recompute the keys,
 * re-index the position in its ladders, publish a levels decision.
 */
final class RuleArming
{
    private static final long MINUTE = 60_000L;
    private static final long HUNDRED = Fixed.of(100);
    private static final long TEN_THOUSAND = Fixed.of(10_000);

    private final Definitions definitions;
    private final PositionBook book;
    private final VolatilityStops volatility;
    private final DecisionWriter writer;
    private final Quarantine quarantine;
    private final EngineCounters counters;

    RuleArming(final Definitions definitions, final PositionBook book, final VolatilityStops volatility, final DecisionWriter writer,
        final Quarantine quarantine, final EngineCounters counters)
    {
        this.definitions = definitions;
        this.book = book;
        this.volatility = volatility;
        this.writer = writer;
        this.quarantine = quarantine;
        this.counters = counters;
    }

    /** Levels changed: recompute the keys → re-index → publish the levels. */
    void levelsChanged(final EngineEvent e, final Position p)
    {
        LevelKeys.refresh(p);
        book.index(p);
        writer.levels(e, p);
    }

    /**
     * Levels moved while a ladder walk holds the position: recompute the keys and publish; the walk
     * re-indexes it once it is done with it (re-indexing now would move it away from the top the walk is
     * looking at).
     */
    void levelsMoved(final EngineEvent e, final Position p)
    {
        LevelKeys.refresh(p);
        writer.levels(e, p);
    }

    /** Computes the position's levels from its profile, re-indexes it and writes a levels decision. */
    private java.util.function.BiConsumer<EngineEvent, Position> alreadyCrossed;

    void armAndPublish(final EngineEvent e, final Position p)
    {
        try
        {
            arm(p, e.ts);
        }
        catch (final RuntimeException ex)
        {
            quarantine.isolate(e, p, ex);
            return;
        }
        if (p.state == PositionState.OPEN)
        {
            book.index(p);
        }
        writer.levels(e, p);
        counters.increment(Counter.LEVELS_ARMED);
        if (p.state == PositionState.OPEN && alreadyCrossed != null)
        {
            // a level the last price of its source already crossed fires on this input, not at the next market event
            alreadyCrossed.accept(e, p);
        }
    }

    /** What checks a freshly armed position against the last known price of its source (the market room's). */
    void afterArming(final java.util.function.BiConsumer<EngineEvent, Position> check)
    {
        alreadyCrossed = check;
    }

    /** Applies the activations an upward price reaches: trailing, breakeven, profit floor. */
    void activate(final EngineEvent e, final Position p, final long price)
    {
        final RuleState r = p.rules;
        if (r == null)
        {
            return;
        }
        final boolean isLong = p.isLong();
        boolean changed = false;
        if (!r.trailActive && r.trailActivation != Fixed.NONE && LevelKeys.crossesUp(isLong, price, r.trailActivation))
        {
            r.trailActive = true;
            r.peak = price;
            r.trailLevel = trailingLevel(p, price);
            changed = true;
        }
        if (!r.breakevenActive && r.breakevenTrigger != Fixed.NONE && LevelKeys.crossesUp(isLong, price, r.breakevenTrigger))
        {
            activateBreakeven(p);
            changed = true;
        }
        if (!r.floorActive && r.floorActivation != Fixed.NONE && LevelKeys.crossesUp(isLong, price, r.floorActivation))
        {
            final Instrument inst = definitions.instrument(p.symbolId);
            r.floorActive = true;
            r.floorLevel = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                p.profile.floorNetProfit, inst.tickSize);
            changed = true;
        }
        if (changed)
        {
            levelsMoved(e, p);
        }
    }

    /** Moves the position's trailing peaks (trailing stop, trailing ATR stop) to {@code price} if it is better. */
    void movePeak(final EngineEvent e, final Position p, final long price)
    {
        final RuleState r = p.rules;
        if (r == null)
        {
            return;
        }
        final boolean isLong = p.isLong();
        boolean moved = false;
        if (r.trailActive && (isLong ? price > r.peak : price < r.peak))
        {
            r.peak = price;
            r.trailLevel = trailingLevel(p, price);
            moved = true;
        }
        if (r.atrPeak != Fixed.NONE && (isLong ? price > r.atrPeak : price < r.atrPeak))
        {
            r.atrPeak = price;
            moved |= volatility.ratchet(p);
        }
        if (moved)
        {
            levelsMoved(e, p);
        }
    }

    /** A market price for the symbol's volatility trackers of that source: a closed bar re-arms the ATR stops on it. */
    void onVolatility(final EngineEvent e, final List<VolatilityTracker> trackers, final TriggerSource source, final long longPrice,
        final long shortPrice)
    {
        final long price = source == TriggerSource.BID_ASK ? (longPrice + shortPrice) / 2 : longPrice;
        for (int i = 0; i < trackers.size(); i++)
        {
            final VolatilityTracker t = trackers.get(i);
            if (t.source != source)
            {
                continue;
            }
            if (t.onPrice(e.ts, price))
            {
                onAtrChanged(e, t);
            }
        }
    }

    private void onAtrChanged(final EngineEvent e, final VolatilityTracker t)
    {
        final List<Position> waiting = t.positions;
        for (int i = 0; i < waiting.size(); i++)
        {
            final Position p = waiting.get(i);
            if (p.state != PositionState.OPEN || !followsAtr(p))
            {
                continue;
            }
            try
            {
                final boolean changed;
                if (p.profile.atrTrailing)
                {
                    changed = volatility.ratchet(p);
                }
                else if (p.rules.atrStop == Fixed.NONE)
                {
                    volatility.armFixed(p);
                    armTakeProfit(p);
                    changed = true;
                }
                else
                {
                    changed = false;
                }
                if (changed)
                {
                    levelsChanged(e, p);
                }
            }
            catch (final RuntimeException ex)
            {
                quarantine.isolate(e, p, ex);
            }
        }
        waiting.removeIf(RuleArming::stopsFollowing);
    }

    /** Whether a tracker's position no longer needs its ATR: gone, quarantined, no rule state any more, or its fixed ATR stop set. */
    private static boolean stopsFollowing(final Position p)
    {
        if (p.state == PositionState.CLOSED || p.state == PositionState.QUARANTINED)
        {
            return true;
        }
        if (p.rules == null)
        {
            // its profile has no advanced rule now: given an ATR stop again, it starts following anew
            return true;
        }
        // a profile without an ATR stop now stays, skipped, in case it gets one again (its rule state keeps the tracker)
        return followsAtr(p) && !p.profile.atrTrailing && p.rules.atrStop != Fixed.NONE;
    }

    /** Whether the position's profile (now: a fill or a command may have given it another) still has an ATR stop. */
    private static boolean followsAtr(final Position p)
    {
        return p.profile != null && p.rules != null && p.profile.stopLossKind == ExitProfile.LevelKind.ATR;
    }

    /** Arms every rule of the position's profile from its current quantity, entry and fees. */
    private void arm(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long entry = p.averageEntry();
        final Instrument inst = definitions.instrument(p.symbolId);
        p.stopLoss = Fixed.NONE;
        p.takeProfit = Fixed.NONE;
        if (prof == null)
        {
            LevelKeys.refresh(p);
            return;
        }
        final boolean advanced = prof.hasTrailing() || prof.hasBreakeven() || prof.hasProfitFloor() || prof.hasScaleOut()
            || prof.hasTimeRules() || prof.stopLossKind == ExitProfile.LevelKind.ATR;
        if (advanced && p.rules == null)
        {
            p.rules = new RuleState();
            p.rules.initialQty = p.qty;
        }
        else if (!advanced)
        {
            p.rules = null;
        }
        switch (prof.stopLossKind)
        {
            case PRICE:
                p.stopLoss = Fixed.roundToTick(prof.stopLossValue, inst.tickSize, isLong);
                break;
            case PCT:
                p.stopLoss = LevelSolver.percentLevel(entry, prof.stopLossValue, !isLong, isLong, inst.tickSize);
                break;
            case NET:
                p.stopLoss = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    -prof.stopLossValue, inst.tickSize);
                break;
            case ATR:
                volatility.arm(p);
                break;
            default:
                break;
        }
        armTakeProfit(p);
        final RuleState r = p.rules;
        if (r != null)
        {
            r.initialQty = Math.max(r.initialQty, p.qty);
            armTrailing(p, entry);
            armBreakeven(p);
            armFloor(p);
            armScale(p);
            armTime(p, ts);
        }
        LevelKeys.refresh(p);
    }

    private void armTakeProfit(final Position p)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long entry = p.averageEntry();
        final Instrument inst = definitions.instrument(p.symbolId);
        switch (prof.takeProfitKind)
        {
            case PRICE:
                p.takeProfit = Fixed.roundToTick(prof.takeProfitValue, inst.tickSize, isLong);
                break;
            case PCT:
                p.takeProfit = LevelSolver.percentLevel(entry, prof.takeProfitValue, isLong, isLong, inst.tickSize);
                break;
            case NET:
                p.takeProfit = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    prof.takeProfitValue, inst.tickSize);
                break;
            case RISK_REWARD:
            {
                final long stop = prof.stopLossKind == ExitProfile.LevelKind.ATR ? p.rules.atrStop : p.stopLoss;
                if (stop != Fixed.NONE)
                {
                    final long distance = Math.abs(entry - stop);
                    final long move = Fixed.mulDiv(distance, prof.takeProfitValue, Fixed.ONE, RoundingMode.HALF_UP);
                    p.takeProfit = Fixed.roundToTick(isLong ? entry + move : entry - move, inst.tickSize, isLong);
                }
                break;
            }
            default:
                break;
        }
    }

    private void armTrailing(final Position p, final long entry)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasTrailing())
        {
            return;
        }
        final boolean isLong = p.isLong();
        final Instrument inst = definitions.instrument(p.symbolId);
        switch (prof.trailingActivationKind)
        {
            case PRICE:
                r.trailActivation = prof.trailingActivationValue;
                break;
            case PCT:
            {
                final long factor = isLong ? HUNDRED + prof.trailingActivationValue : HUNDRED - prof.trailingActivationValue;
                r.trailActivation = Fixed.mulDiv(entry, factor, HUNDRED, isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
                break;
            }
            case NET:
                r.trailActivation = LevelSolver.exactThreshold(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    prof.trailingActivationValue);
                break;
            default:
                r.trailActivation = Fixed.NONE;
                break;
        }
        if (!r.trailActive)
        {
            // the peak counts from entry, the entry price included
            if (r.trailActivation == Fixed.NONE || LevelKeys.crossesUp(isLong, entry, r.trailActivation))
            {
                r.trailActive = true;
                r.peak = entry;
                r.trailLevel = trailingLevel(p, entry);
            }
        }
        else
        {
            r.trailLevel = trailingLevel(p, r.peak);
        }
    }

    /**
     * The trailing level for a peak, unrounded: exact to eight decimals in the position's favour, so
     * "price ≤ level" means exactly "price ≤ peak × (1 − callback)" (Binance's TRAILING_STOP_MARKET).
     */
    private long trailingLevel(final Position p, final long peak)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long v = prof.trailingDistanceValue;
        switch (prof.trailingDistanceKind)
        {
            case CALLBACK_PCT:
                return Fixed.mulDiv(peak, isLong ? HUNDRED - v : HUNDRED + v, HUNDRED, isLong ? RoundingMode.FLOOR : RoundingMode.CEILING);
            case OFFSET_BPS:
                return Fixed.mulDiv(peak, isLong ? TEN_THOUSAND - v : TEN_THOUSAND + v, TEN_THOUSAND,
                    isLong ? RoundingMode.FLOOR : RoundingMode.CEILING);
            case OFFSET:
                return isLong ? peak - v : peak + v;
            case OFFSET_TICKS:
            {
                final long distance = Fixed.mulDiv(v, definitions.instrument(p.symbolId).tickSize, Fixed.ONE, RoundingMode.HALF_UP);
                return isLong ? peak - distance : peak + distance;
            }
            default:
                return Fixed.NONE;
        }
    }

    private void armBreakeven(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasBreakeven() || r.breakevenActive)
        {
            if (r.breakevenActive)
            {
                activateBreakeven(p);
            }
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final long target = prof.breakevenTriggerKind == ExitProfile.ActivationKind.PCT
            ? Fixed.mulDiv(p.entryNotional, prof.breakevenTriggerValue, HUNDRED, RoundingMode.CEILING)
            : prof.breakevenTriggerValue;
        r.breakevenTrigger = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, target);
    }

    /** Moves the stop to the price that nets the profile's breakeven offset (after the trigger or a first scale-out). */
    void activateBreakeven(final Position p)
    {
        final RuleState r = p.rules;
        final Instrument inst = definitions.instrument(p.symbolId);
        final long offset = Fixed.mulDiv(p.entryNotional, p.profile.breakevenOffsetPct, HUNDRED, RoundingMode.CEILING);
        r.breakevenActive = true;
        r.breakevenStop = LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, offset,
            inst.tickSize);
    }

    private void armFloor(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasProfitFloor())
        {
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        if (r.floorActive)
        {
            r.floorLevel = LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                prof.floorNetProfit, inst.tickSize);
            return;
        }
        r.floorActivation = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
            prof.floorActivationNetProfit);
    }

    /** Arms the next scale-out level (none once every level is done). */
    void armScale(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (r.scaleIndex >= prof.scaleOutKinds.length)
        {
            r.scalePrice = Fixed.NONE;
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final long value = prof.scaleOutValues[r.scaleIndex];
        r.scalePrice = prof.scaleOutKinds[r.scaleIndex] == ExitProfile.LevelKind.PCT
            ? LevelSolver.percentLevel(p.averageEntry(), value, p.isLong(), p.isLong(), inst.tickSize)
            : LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, value, inst.tickSize);
    }

    private void armTime(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        r.timeoutAt = prof.maxHoldMinutes > 0 ? p.entryTs + prof.maxHoldMinutes * MINUTE : Long.MAX_VALUE;
        r.roiIndex = -1;
        r.roiLevel = Fixed.NONE;
        r.nextRoiAt = prof.roiMinutes.length > 0 ? p.entryTs + prof.roiMinutes[0] * MINUTE : Long.MAX_VALUE;
        if (r.nextRoiAt <= ts)
        {
            advanceRoi(p, ts);
        }
    }

    /** Moves to the ROI entry in force at {@code ts}: the target is the price where net profit % reaches it. */
    void advanceRoi(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        final long elapsedMinutesTs = ts - p.entryTs;
        int i = r.roiIndex;
        while (i + 1 < prof.roiMinutes.length && prof.roiMinutes[i + 1] * MINUTE <= elapsedMinutesTs)
        {
            i++;
        }
        r.roiIndex = i;
        r.nextRoiAt = i + 1 < prof.roiMinutes.length ? p.entryTs + prof.roiMinutes[i + 1] * MINUTE : Long.MAX_VALUE;
        if (i < 0)
        {
            r.roiLevel = Fixed.NONE;
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final long target = Fixed.mulDiv(p.entryNotional, prof.roiPct[i], HUNDRED, RoundingMode.CEILING);
        r.roiLevel = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, target);
    }
}
