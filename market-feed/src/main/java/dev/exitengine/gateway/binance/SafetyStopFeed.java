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
    private final Map<Long, Runnable> lastStop = new HashMap<>();

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
                if (recovering)
                {
                    lastStop.put(positionId, () -> stops.onStop(positionId, symbol, side, isLong, stop));
                }
                else
                {
                    stops.onStop(positionId, symbol, side, isLong, stop);
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
        lastStop.remove(positionId);
        final SafetyStops stops = ofPosition.remove(positionId);
        if (stops != null && !recovering)
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
        final Map<SafetyStops, java.util.Set<Long>> open = new HashMap<>();
        byAccount.values().forEach(s -> open.put(s, new java.util.HashSet<>()));
        ofPosition.forEach((id, stops) -> open.get(stops).add(id));
        open.forEach(SafetyStops::keepOnly);
        lastStop.values().forEach(Runnable::run);
        lastStop.clear();
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
