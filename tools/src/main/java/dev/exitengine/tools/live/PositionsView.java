package dev.exitengine.tools.live;

import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open positions and their levels, for {@code GET /positions}, kept from the decisions the engine
 * publishes: the latest levels line of each position, dropped when the position closes (the exit of its
 * whole quantity, a levels line of quantity 0, reconciliation to 0, quarantine). The engine calls it on
 * its output thread; any thread reads {@link #positions()} without touching engine state.
 */
public final class PositionsView implements DecisionListener
{
    private final Map<Long, OpenPosition> open = new ConcurrentHashMap<>();

    @Override
    public void onDecision(final Decision d, final Names names)
    {
        switch (d.type)
        {
            case LEVELS:
                if (d.qty == 0)
                {
                    open.remove(d.positionId);
                }
                else
                {
                    open.put(d.positionId, levels(d, names));
                }
                break;
            case EXIT:
                // a partial exit (a scale-out) is followed by a levels line with the quantity left
                open.computeIfPresent(d.positionId, (id, p) -> d.qty >= p.qty() ? null : p);
                break;
            case RECONCILE:
                // a corrected or adopted position gets its levels line right after
                if (d.qty == 0)
                {
                    open.remove(d.positionId);
                }
                break;
            case QUARANTINE:
                open.remove(d.positionId);
                break;
            default:
                break;
        }
    }

    /** The open positions now, by position id. */
    public List<OpenPosition> positions()
    {
        final List<OpenPosition> out = new ArrayList<>(open.values());
        out.sort(Comparator.comparingLong(OpenPosition::positionId));
        return out;
    }

    public int size()
    {
        return open.size();
    }

    private static OpenPosition levels(final Decision d, final Names names)
    {
        return new OpenPosition(d.positionId, names.account(d.accountId), names.symbol(d.symbolId),
            d.positionSide == null ? null : d.positionSide.name(), d.qty, d.entryPrice, d.takeProfit, d.stopLoss,
            d.trailingStop, d.breakevenStop, d.profitFloor, d.scaleOutTarget, d.roiTarget);
    }
}
