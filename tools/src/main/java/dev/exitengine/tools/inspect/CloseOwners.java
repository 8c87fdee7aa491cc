package dev.exitengine.tools.inspect;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import org.agrona.collections.Long2LongHashMap;

/**
 * The account and symbol of each position whose close is out, learned from its CLOSE decision and forgotten at
 * its EXIT: a venue answer carries only a client order id, and this says whose it is. Holds the closes in
 * flight, never the journal.
 */
final class CloseOwners
{
    private static final long UNKNOWN = Long.MIN_VALUE;
    private final Long2LongHashMap owners = new Long2LongHashMap(UNKNOWN);

    /** Takes note of a decision, in journal order. */
    void onDecision(final Decision d)
    {
        if (d.positionId < 0)
        {
            return;
        }
        if (d.type == DecisionType.CLOSE && d.accountId >= 0 && d.symbolId >= 0)
        {
            owners.put(d.positionId, ((long)d.accountId << 32) | (d.symbolId & 0xFFFF_FFFFL));
        }
        else if (d.type == DecisionType.EXIT)
        {
            owners.remove(d.positionId);
        }
    }

    /** The account id of the position's close in flight, or -1. */
    int accountOf(final long positionId)
    {
        final long v = owners.get(positionId);
        return v == UNKNOWN ? -1 : (int)(v >>> 32);
    }

    /** The symbol id of the position's close in flight, or -1. */
    int symbolOf(final long positionId)
    {
        final long v = owners.get(positionId);
        return v == UNKNOWN ? -1 : (int)v;
    }
}
