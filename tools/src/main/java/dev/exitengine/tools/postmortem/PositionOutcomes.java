package dev.exitengine.tools.postmortem;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each position of one run (the journaled one, or the what-if), gathered from its decisions: its
 * exits and how it ended. A position is known by the input that opened it (the journal's number of the input of
 * its first decision) with its account, symbol and side, so that the two runs' positions meet even where their
 * position ids part (a position closed earlier in the what-if, and a later fill opening a new one).
 */
final class PositionOutcomes
{
    /** How a position stands at the end, when it did not exit whole. */
    static final String OPEN = "OPEN";
    static final String CLOSING = "CLOSING";
    static final String EXITED = "EXITED";
    static final String CLOSED_BY_OWN_FILL = "CLOSED_BY_OWN_FILL";
    static final String DROPPED = "DROPPED";
    static final String QUARANTINED = "QUARANTINED";

    /** One exit: a close's fills complete. */
    record Exit(long ts, ExitReason reason, long qty, long exitPrice, long netPnl)
    {
    }

    /**
     * What identifies a position across the two runs: the journal's number of its opening input (-1 when no
     * journaled input opened it, with {@code ownId} its position id then, so that it meets nothing), account,
     * symbol and side.
     */
    record Key(long openSeq, int accountId, int symbolId, PositionSide side, long ownId)
    {
    }

    static final class Outcome
    {
        final long positionId;
        final Key key;
        final long openTs;
        long entryPrice = Fixed.NONE;
        String end = OPEN;
        final List<Exit> exits = new ArrayList<>(1);

        Outcome(final long positionId, final Key key, final long openTs)
        {
            this.positionId = positionId;
            this.key = key;
            this.openTs = openTs;
        }

        long netPnl()
        {
            long sum = 0;
            for (final Exit e : exits)
            {
                sum += e.netPnl;
            }
            return sum;
        }

        long exitQty()
        {
            long sum = 0;
            for (final Exit e : exits)
            {
                sum += e.qty;
            }
            return sum;
        }

        Exit last()
        {
            return exits.isEmpty() ? null : exits.get(exits.size() - 1);
        }

        /** The last exit's reason when the position exited whole, else how it stands. */
        String outcome()
        {
            return EXITED.equals(end) ? last().reason.name() : end;
        }

        /** The same exits (each: time, reason, quantity, price, net) and the same end. */
        boolean sameAs(final Outcome o)
        {
            return end.equals(o.end) && exits.equals(o.exits);
        }
    }

    final Map<Long, Outcome> byId = new HashMap<>();
    final Map<Key, Outcome> byKey = new LinkedHashMap<>();
    /** Each exit's time and the running sum of net PnL after it, in the order of the exits. */
    final List<long[]> equity = new ArrayList<>();
    long exits;
    long netPnl;

    /**
     * @param journalSeq the journal's number of the input that caused the decision; -1 when it is no journaled input
     *                   (an answer of the what-if's paper venue)
     */
    void onDecision(final Decision d, final long journalSeq)
    {
        if (d.positionId < 0)
        {
            return;
        }
        Outcome o = byId.get(d.positionId);
        if (o == null)
        {
            Key key = new Key(journalSeq, d.accountId, d.symbolId, d.positionSide, journalSeq >= 0 ? 0 : d.positionId);
            if (byKey.containsKey(key))
            {
                key = new Key(journalSeq, d.accountId, d.symbolId, d.positionSide, d.positionId);
            }
            o = new Outcome(d.positionId, key, d.ts);
            byId.put(d.positionId, o);
            byKey.put(key, o);
        }
        switch (d.type)
        {
            case LEVELS:
                if (o.entryPrice == Fixed.NONE && d.entryPrice != Fixed.NONE)
                {
                    o.entryPrice = d.entryPrice;
                }
                o.end = d.qty == 0 ? CLOSED_BY_OWN_FILL : OPEN;
                break;
            case CLOSE:
            case CLOSE_FAILED:
                o.end = CLOSING;
                break;
            case EXIT:
                o.exits.add(new Exit(d.ts, d.reason, d.qty, d.exitPrice, d.netPnl));
                o.end = EXITED;
                exits++;
                netPnl += d.netPnl;
                equity.add(new long[] {d.ts, netPnl});
                break;
            case RECONCILE:
                if (o.entryPrice == Fixed.NONE && d.entryPrice != Fixed.NONE)
                {
                    o.entryPrice = d.entryPrice;
                }
                o.end = d.qty == 0 ? DROPPED : OPEN;
                break;
            case QUARANTINE:
                o.end = QUARANTINED;
                break;
            default:
                break;
        }
    }
}
