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
                stops.onStop(d.positionId, names.symbol(d.symbolId), d.positionSide, isLong, tightest(d, isLong));
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
        final SafetyStops stops = ofPosition.remove(positionId);
        if (stops != null)
        {
            stops.onGone(positionId);
        }
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
