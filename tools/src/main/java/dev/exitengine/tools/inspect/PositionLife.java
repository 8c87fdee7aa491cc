package dev.exitengine.tools.inspect;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;

/**
 * Follows one position's life through the journal, group by group, for {@code inspect --position}: it begins
 * with the position's first decision and ends after its exit (one that is not a partial take profit), or at
 * the first decision of another position of its account, symbol and side (a fill that closed it without a
 * close of the engine's, then another that opened a new one). During its life, fills and commands that name
 * its account and symbol (and side, in hedge mode) are its own, even those that caused no decision of it
 * (a fill from outside that reduced it to nothing).
 */
final class PositionLife
{
    private final long positionId;
    private boolean started;
    private boolean ended;
    private int accountId = -1;
    private int symbolId = -1;
    private PositionSide side;

    PositionLife(final long positionId)
    {
        this.positionId = positionId;
    }

    /** Whether the group's input belongs to the position by name (a fill or command during its life); then takes note of the group. */
    boolean namesIt(final InputGroup group)
    {
        boolean other = false;
        boolean exited = false;
        for (int i = 0; i < group.size(); i++)
        {
            final Decision d = group.decision(i);
            if (d.positionId == positionId)
            {
                if (!started)
                {
                    started = true;
                    accountId = d.accountId;
                    symbolId = d.symbolId;
                    side = d.positionSide;
                }
                exited |= d.type == DecisionType.EXIT && d.reason != ExitReason.PARTIAL_TAKE_PROFIT;
            }
            else if (started && d.positionId >= 0 && d.accountId == accountId && d.symbolId == symbolId && d.positionSide == side)
            {
                other = true;
            }
        }
        final EngineEvent e = group.input;
        final boolean named = started && !ended && !other && (e.type == EventType.FILL || e.type == EventType.COMMAND)
            && e.accountId == accountId && e.symbolId == symbolId && sameSide(e.positionSide);
        ended |= exited || other;
        return named;
    }

    /** One-way inputs (BOTH, or none) name whichever side the position has; a hedge-mode input names its own side. */
    private boolean sameSide(final PositionSide inputSide)
    {
        return inputSide == null || inputSide == PositionSide.BOTH || inputSide == side;
    }
}
