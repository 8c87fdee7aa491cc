package dev.exitengine.gateway.binance;

import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's decisions, read for the accounts' {@link SafetyStops}: each {@code levels} line gives a
 * position's stop now — for a long the highest of its stop loss, trailing stop, breakeven stop and profit
 * floor, for a short the lowest — and a position's end (its whole exit, a reconciliation or a levels line
 * to zero, a quarantine) takes its safety stop away. On the engine's output thread; hands everything to
 * the account's venue thread.
 * <p>
 * In a cluster every member keeps this view (its engine decides alike) but only the leader acts:
 * {@link #standby} while a member does not lead, {@link #lead} when it starts to: its accounts take the
 * venue's safety stops over and give every open position its latest stop.
 */
public final class SafetyStopFeed implements DecisionListener
{
    private final Map<String, SafetyStops> byAccount = new HashMap<>();
    /** Output thread only: each open position's quantity and account, to tell a whole exit from a partial one. */
    private final Map<Long, long[]> openQty = new HashMap<>();
    private final Map<Long, SafetyStops> ofPosition = new HashMap<>();
    /**
     * While a resumed run re-reads its journal: the decisions were acted upon before the crash, so only the
     * last stop of each position is noted here, and told to its account once the re-read is done.
     */
    private boolean recovering;
    /** A cluster member that does not lead: decisions are noted, nothing is placed, moved or cancelled from here. */
    private boolean standby;
    /** Each open position's latest stop, given to its account when this process starts acting (a resumed run, a new leader). */
    private final Map<Long, Runnable> latest = new HashMap<>();

    public SafetyStopFeed(final List<BinanceAccount> accounts)
    {
        for (final BinanceAccount a : accounts)
        {
            if (a.safetyStops() != null)
            {
                byAccount.put(a.name(), a.safetyStops());
            }
        }
    }

    @Override
    public void onDecision(final Decision d, final Names names)
    {
        switch (d.type)
        {
            case LEVELS:
            {
                if (d.qty == 0)
                {
                    gone(d.positionId);
                    return;
                }
                final SafetyStops stops = byAccount.get(names.account(d.accountId));
                if (stops == null)
                {
                    return;
                }
                openQty.put(d.positionId, new long[] {d.qty});
                ofPosition.put(d.positionId, stops);
                final boolean isLong = d.positionSide != PositionSide.SHORT;
                final long positionId = d.positionId;
                final String symbol = names.symbol(d.symbolId);
                final PositionSide side = d.positionSide;
                final long stop = tightest(d, isLong);
                final Runnable give = () -> stops.onStop(positionId, symbol, side, isLong, stop);
                latest.put(positionId, give);
                if (acting())
                {
                    give.run();
                }
                break;
            }
            case EXIT:
            {
                final long[] qty = openQty.get(d.positionId);
                if (qty != null && d.qty >= qty[0])
                {
                    gone(d.positionId);
                }
                break;
            }
            case RECONCILE:
                if (d.qty == 0)
                {
                    gone(d.positionId);
                }
                break;
            case QUARANTINE:
                gone(d.positionId);
                break;
            default:
                break;
        }
    }

    private void gone(final long positionId)
    {
        openQty.remove(positionId);
        latest.remove(positionId);
        final SafetyStops stops = ofPosition.remove(positionId);
        if (stops != null && acting())
        {
            stops.onGone(positionId);
        }
    }

    @Override
    public void onRecovering()
    {
        recovering = true;
    }

    /** The re-read is done: each account keeps the safety stops of its open positions, at their last stops. */
    @Override
    public void onRecovered()
    {
        recovering = false;
        if (!standby)
        {
            startActing(SafetyStops::keepOnly);
        }
    }

    /** A cluster member that does not lead, or no longer does: its accounts stop acting on their safety stops. */
    public void standby()
    {
        standby = true;
        byAccount.values().forEach(SafetyStops::pause);
    }

    /**
     * A cluster member that starts leading: each account takes over the safety stops on the venue (keeping those of
     * its open positions, cancelling the rest), then every open position's latest stop is given again (placed where
     * there is none, moved where the one there is looser). On the engine's output thread, as the decisions.
     */
    public void lead()
    {
        standby = false;
        if (!recovering)
        {
            startActing(SafetyStops::takeOver);
        }
    }

    private boolean acting()
    {
        return !recovering && !standby;
    }

    /**
     * Each account first settles what is on the venue against its open positions ({@code settle}: keep only them, or
     * take over and keep only them), then every open position's latest stop is given (queued after it, in order).
     */
    private void startActing(final java.util.function.BiConsumer<SafetyStops, java.util.Set<Long>> settle)
    {
        final Map<SafetyStops, java.util.Set<Long>> open = new HashMap<>();
        byAccount.values().forEach(s -> open.put(s, new java.util.HashSet<>()));
        ofPosition.forEach((id, stops) -> open.get(stops).add(id));
        open.forEach(settle);
        latest.values().forEach(Runnable::run);
    }

    /** The stop that fires first: a long's highest, a short's lowest; NONE when the position has none. */
    static long tightest(final Decision d, final boolean isLong)
    {
        long best = tighter(Fixed.NONE, d.stopLoss, isLong);
        best = tighter(best, d.trailingStop, isLong);
        best = tighter(best, d.breakevenStop, isLong);
        return tighter(best, d.profitFloor, isLong);
    }

    private static long tighter(final long best, final long level, final boolean isLong)
    {
        if (level == Fixed.NONE || level <= 0)
        {
            return best;
        }
        return best == Fixed.NONE || (isLong ? level > best : level < best) ? level : best;
    }
}
