package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tracked position, by (account, symbol, side) and by id, with the per-symbol level ladders.
 * Owned by the evaluation thread alone. Iteration that affects outputs goes in position-id order,
 * never in hash order.
 */
public final class PositionBook
{
    private final Long2ObjectHashMap<Position> byKey = new Long2ObjectHashMap<>();
    /** Positions by id (ids are dense, from 1): an array costs 4 bytes a position, a hash map about 20. */
    private Position[] byId = new Position[1024];
    private int size;
    private SymbolLadders[] ladders = new SymbolLadders[16];
    private long nextId = 1;

    public static long key(final int accountId, final int symbolId, final PositionSide slot)
    {
        return ((long)accountId << 32) | ((long)symbolId << 2) | slot.ordinal();
    }

    public Position find(final int accountId, final int symbolId, final PositionSide slot)
    {
        return byKey.get(key(accountId, symbolId, slot));
    }

    public Position byId(final long id)
    {
        return id > 0 && id < byId.length ? byId[(int)id] : null;
    }

    /**
     * Opens a position under the slot {@code slot} (BOTH in one-way mode, LONG or SHORT in hedge mode).
     */
    public Position open(final int accountId, final int symbolId, final PositionSide slot, final PositionSide side)
    {
        final Position p = new Position(nextId++, accountId, symbolId, side, slot != PositionSide.BOTH);
        byKey.put(key(accountId, symbolId, slot), p);
        if (p.id >= byId.length)
        {
            byId = java.util.Arrays.copyOf(byId, (int)Math.max(p.id + 1, byId.length * 2L));
        }
        byId[(int)p.id] = p;
        size++;
        return p;
    }

    /** Restores the id counter (after a snapshot restore). */
    public long nextId()
    {
        return nextId;
    }

    public void nextId(final long id)
    {
        nextId = id;
    }

    public void remove(final Position p)
    {
        unindex(p);
        final long key = key(p.accountId, p.symbolId, p.hedge ? p.side : PositionSide.BOTH);
        if (byKey.get(key) == p)
        {
            byKey.remove(key);
        }
        if (byId(p.id) == p)
        {
            byId[(int)p.id] = null;
            size--;
        }
    }

    public int size()
    {
        return size;
    }

    public SymbolLadders ladders(final int symbolId)
    {
        return symbolId < ladders.length ? ladders[symbolId] : null;
    }

    private SymbolLadders laddersFor(final int symbolId)
    {
        if (symbolId >= ladders.length)
        {
            final SymbolLadders[] bigger = new SymbolLadders[Math.max(symbolId + 1, ladders.length * 2)];
            System.arraycopy(ladders, 0, bigger, 0, ladders.length);
            ladders = bigger;
        }
        SymbolLadders l = ladders[symbolId];
        if (l == null)
        {
            l = new SymbolLadders();
            ladders[symbolId] = l;
        }
        return l;
    }

    /**
     * Puts the position's current keys into its symbol's ladders: stop key, target key, trailing peak
     * (when a trailing rule is active) and next time event; removes it from those whose key is absent.
     */
    public void index(final Position p)
    {
        final TriggerSource source = p.profile == null ? TriggerSource.LAST : p.profile.source;
        final SymbolLadders l = laddersFor(p.symbolId);
        if (p.state != PositionState.OPEN)
        {
            // a closing position is watched only for the retry of its close
            unindex(p);
            if (p.state == PositionState.CLOSING && p.retryAt() != Long.MAX_VALUE)
            {
                l.times().update(p, p.retryAt());
            }
            return;
        }
        place(p, p.stopHeap, l.stops(source, p.isLong()), p.stopKey);
        place(p, p.targetHeap, l.targets(source, p.isLong()), p.targetKey);
        final RuleState r = p.rules;
        final boolean trailing = r != null && (r.trailActive || r.atrPeak != Fixed.NONE);
        final long peak = r == null ? Fixed.NONE : (r.trailActive ? r.peak : r.atrPeak);
        place(p, p.peakHeap, l.peaks(source, p.isLong()), trailing ? peak : Fixed.NONE);
        final long next = p.timeKey();
        place(p, p.timeHeap, l.times(), next == Long.MAX_VALUE ? Fixed.NONE : next);
    }

    private static void place(final Position p, final LevelHeap current, final LevelHeap wanted, final long key)
    {
        if (current != null && current != wanted)
        {
            current.remove(p);
        }
        if (key == Fixed.NONE)
        {
            wanted.remove(p);
        }
        else
        {
            wanted.update(p, key);
        }
    }

    public void unindex(final Position p)
    {
        if (p.stopHeap != null)
        {
            p.stopHeap.remove(p);
        }
        if (p.targetHeap != null)
        {
            p.targetHeap.remove(p);
        }
        if (p.peakHeap != null)
        {
            p.peakHeap.remove(p);
        }
        if (p.timeHeap != null)
        {
            p.timeHeap.remove(p);
        }
    }

    /** Every symbol id that has ladders, ascending (timer events visit them in this order). */
    public int ladderCount()
    {
        return ladders.length;
    }

    /** All positions in id order (a copy; for commands, snapshots and tools, not the tick path). */
    public List<Position> all()
    {
        final List<Position> out = new ArrayList<>(size);
        final long end = Math.min(nextId, byId.length);
        for (int i = 1; i < end; i++)
        {
            if (byId[i] != null)
            {
                out.add(byId[i]);
            }
        }
        return out;
    }
}
