package dev.exitengine.tools;

import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;

import java.util.EnumMap;
import java.util.Map;

/** Counts what a run decided: positions armed, closes, exits by reason and their net PnL. */
public final class ExitTally implements DecisionListener
{
    public long positionsOpened;
    public long levels;
    public long closes;
    public long exits;
    public long rejected;
    public long quarantined;
    public long netPnl;
    public long fees;
    public final Map<ExitReason, long[]> byReason = new EnumMap<>(ExitReason.class);
    /** Worst net of a take-profit exit and of a stop-loss exit (the promises: ≥ target, ≥ −loss). */
    public long worstTakeProfitNet = Long.MAX_VALUE;
    public long worstStopLossNet = Long.MAX_VALUE;
    private final java.util.Set<Long> seenPositions = new java.util.HashSet<>();

    @Override
    public void onDecision(final Decision d, final Names names)
    {
        switch (d.type)
        {
            case LEVELS:
                levels++;
                if (d.positionId >= 0 && seenPositions.add(d.positionId))
                {
                    positionsOpened++;
                }
                break;
            case CLOSE:
                closes++;
                break;
            case EXIT:
            {
                exits++;
                netPnl += d.netPnl;
                fees += d.fees;
                final long[] r = byReason.computeIfAbsent(d.reason, k -> new long[2]);
                r[0]++;
                r[1] += d.netPnl;
                if (d.reason == ExitReason.TAKE_PROFIT)
                {
                    worstTakeProfitNet = Math.min(worstTakeProfitNet, d.netPnl);
                }
                if (d.reason == ExitReason.STOP_LOSS)
                {
                    worstStopLossNet = Math.min(worstStopLossNet, d.netPnl);
                }
                break;
            }
            case REJECTED:
                rejected++;
                break;
            case QUARANTINE:
                quarantined++;
                break;
            default:
                break;
        }
    }

    public static String money(final long v)
    {
        return v == Long.MAX_VALUE ? "-" : Fixed.toString(v);
    }
}
