package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;
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
    private Long2ObjectHashMap<Position> byKey = new Long2ObjectHashMap<>();
    /**
     * Positions by id, in pages of {@value #PAGE} ids (ids are dense, from 1, never reused): 4 bytes a
     * position where a hash map costs about 20. A page whose positions have all gone is released, so
     * memory follows the open positions, not every position ever opened, and growth never copies
     * more than the page table (one reference per {@value #PAGE} ids).
     */
    private static final int PAGE_SHIFT = 12;
    static final int PAGE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE - 1;
    private Position[][] pages = new Position[16][];
    /** Positions indexed in each page. */
    private int[] pageLive = new int[16];
    private int size;
    private SymbolLadders[] ladders = new SymbolLadders[16];
    /** Every symbol's ladders' top keys in one array, a row per symbol ({@link SymbolLadders#STRIDE}). */
    private long[] tops = emptyRows(new long[16 * SymbolLadders.STRIDE], 0);
    private long nextId;
    /**
     * The first id handed out: 1 for a file run; a live run with real orders starts where no earlier run's
     * ids can be ({@code EngineConfig.firstPositionId}), so client order ids never repeat across runs. Pages
     * are counted from it.
     */
    private final long firstId;

    public PositionBook()
    {
        this(1);
    }

    public PositionBook(final long firstId)
    {
        if (firstId < 1)
        {
            throw new IllegalArgumentException("first position id must be at least 1, was " + firstId);
        }
        this.firstId = firstId;
        this.nextId = firstId;
    }

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
        if (id < firstId)
        {
            return null;
        }
        final long rel = id - firstId;
        final long pi = rel >>> PAGE_SHIFT;
        if (pi >= pages.length)
        {
            return null;
        }
        final Position[] page = pages[(int)pi];
        return page == null ? null : page[(int)(rel & PAGE_MASK)];
    }

    /**
     * Opens a position under the slot {@code slot} (BOTH in one-way mode, LONG or SHORT in hedge mode).
     */
    public Position open(final int accountId, final int symbolId, final PositionSide slot, final PositionSide side)
    {
        final Position p = new Position(nextId++, accountId, symbolId, side, slot != PositionSide.BOTH);
        byKey.put(key(accountId, symbolId, slot), p);
        final int pi = (int)((p.id - firstId) >>> PAGE_SHIFT);
        if (pi >= pages.length)
        {
            final int n = Math.max(pi + 1, pages.length * 2);
            pages = java.util.Arrays.copyOf(pages, n);
            pageLive = java.util.Arrays.copyOf(pageLive, n);
        }
        Position[] page = pages[pi];
        if (page == null)
        {
            page = new Position[PAGE];
            pages[pi] = page;
            if (pi > 0)
            {
                // the page just left may have emptied while its ids were still being handed out
                releaseIfDone(pi - 1);
            }
        }
        page[(int)((p.id - firstId) & PAGE_MASK)] = p;
        pageLive[pi]++;
        size++;
        return p;
    }

    /** Pages held now (each {@value #PAGE} references): for tests of the memory bound. */
    int pagesHeld()
    {
        int n = 0;
        for (final Position[] page : pages)
        {
            if (page != null)
            {
                n++;
            }
        }
        return n;
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
            final int pi = (int)((p.id - firstId) >>> PAGE_SHIFT);
            pages[pi][(int)((p.id - firstId) & PAGE_MASK)] = null;
            size--;
            pageLive[pi]--;
            releaseIfDone(pi);
        }
    }

    /** Releases page {@code pi} when it holds no position and no id will be handed out from it again. */
    private void releaseIfDone(final int pi)
    {
        if (pageLive[pi] == 0 && pi != (int)((nextId - firstId) >>> PAGE_SHIFT))
        {
            pages[pi] = null;
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

    /**
     * Every symbol's ladders' top keys: the group of {@code symbolId}'s ladders for trigger source {@code s}
     * starts at {@code symbolId * SymbolLadders.STRIDE + s * SymbolLadders.GROUP}; rows beyond the array
     * and rows of symbols without ladders cross nothing. The array is replaced when it grows, which
     * happens only when a symbol gets its first position: read it again after anything that may open one.
     */
    public long[] tops()
    {
        return tops;
    }

    private SymbolLadders laddersFor(final int symbolId)
    {
        if (symbolId >= ladders.length)
        {
            final int n = Math.max(symbolId + 1, ladders.length * 2);
            final SymbolLadders[] bigger = new SymbolLadders[n];
            System.arraycopy(ladders, 0, bigger, 0, ladders.length);
            ladders = bigger;
            final long[] biggerTops = emptyRows(java.util.Arrays.copyOf(tops, n * SymbolLadders.STRIDE), tops.length);
            tops = biggerTops;
            for (int s = 0; s < ladders.length; s++)
            {
                if (ladders[s] != null)
                {
                    ladders[s].mirrorInto(biggerTops, s * SymbolLadders.STRIDE);
                }
            }
        }
        SymbolLadders l = ladders[symbolId];
        if (l == null)
        {
            l = new SymbolLadders();
            l.mirrorInto(tops, symbolId * SymbolLadders.STRIDE);
            ladders[symbolId] = l;
        }
        return l;
    }

    private static long[] emptyRows(final long[] tops, final int from)
    {
        for (int row = from; row < tops.length; row += SymbolLadders.STRIDE)
        {
            SymbolLadders.fillEmpty(tops, row);
        }
        return tops;
    }

    /**
     * Puts the position's current keys into its symbol's ladders: stop key, target key, trailing peak
     * (when a trailing rule is active) and next time event; removes it from those whose key is absent.
     */
    public void index(final Position p)
    {
        final TriggerSource source = p.source();
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
        for (final Position[] page : pages)
        {
            if (page != null)
            {
                for (final Position p : page)
                {
                    if (p != null)
                    {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** The account's positions in id order (a copy; for commands and reconciliation, not the tick path). */
    public List<Position> ofAccount(final int accountId)
    {
        final List<Position> out = new ArrayList<>();
        for (final Position p : all())
        {
            if (p.accountId == accountId)
            {
                out.add(p);
            }
        }
        return out;
    }

    /** Every position's state in id order, and the next id: equal for two books that saw the same inputs. */
    public long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, nextId);
        h = StateHash.mix(h, size);
        for (final Position p : all())
        {
            h = p.stateHash(h);
        }
        return h;
    }

    // ------------------------------------------------------------------ snapshots

    /** Every position in id order, without a copy (snapshots). */
    public void forEach(final java.util.function.Consumer<Position> each)
    {
        for (final Position[] page : pages)
        {
            if (page != null)
            {
                for (final Position p : page)
                {
                    if (p != null)
                    {
                        each.accept(p);
                    }
                }
            }
        }
    }

    private static final int SECTION = 0x424F4F4B; // "BOOK"

    /**
     * Writes every position (the book's in id order, then those only others still refer to: see
     * {@link StateRefs#keepExtra}), numbering them in {@code refs}; the key map, the id counter and every
     * ladder entry in place.
     */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final StateRefs refs)
    {
        w.section(SECTION);
        w.putLong(firstId);
        w.putLong(nextId);
        w.putInt(size);
        for (final Position[] page : pages)
        {
            if (page != null)
            {
                for (final Position p : page)
                {
                    if (p != null)
                    {
                        PositionRecords.write(p, w, refs);
                    }
                }
            }
        }
        final List<Position> extra = new ArrayList<>();
        for (final Position p : refs.extraPositions())
        {
            if (byId(p.id) != p)
            {
                extra.add(p);
            }
        }
        w.putInt(extra.size());
        for (final Position p : extra)
        {
            refs.numberExtra(p);
            PositionRecords.write(p, w, refs);
        }
        w.putInt(byKey.size());
        final Long2ObjectHashMap<Position>.EntryIterator it = byKey.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            w.putLong(it.getLongKey());
            w.putLong(refs.position(it.getValue()));
        }
        w.putInt(ladders.length);
        for (final SymbolLadders l : ladders)
        {
            w.putBoolean(l != null);
            if (l != null)
            {
                for (final LevelHeap h : l.all())
                {
                    h.snapshotTo(w, refs);
                }
            }
        }
    }

    /** Restores into an empty book what {@link #snapshotTo} wrote; positions are numbered in {@code refs} as they were. */
    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final StateRefs refs)
    {
        r.section(SECTION, "position book");
        if (size != 0 || nextId != firstId)
        {
            throw new IllegalStateException("snapshot: restore into a book that holds positions already");
        }
        final long writtenFirstId = r.getLong();
        if (writtenFirstId != firstId)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: positions numbered from " + writtenFirstId
                + ", this run numbers them from " + firstId);
        }
        nextId = r.getLong();
        final int n = r.getInt();
        for (int i = 0; i < n; i++)
        {
            place(PositionRecords.read(r, refs));
        }
        final int extra = r.getInt();
        for (int i = 0; i < extra; i++)
        {
            refs.numberExtra(PositionRecords.read(r, refs));
        }
        final int keys = r.getInt();
        byKey = new Long2ObjectHashMap<>(Math.max(8, keys * 2), org.agrona.collections.Hashing.DEFAULT_LOAD_FACTOR);
        for (int i = 0; i < keys; i++)
        {
            final long key = r.getLong();
            byKey.put(key, refs.position(r.getLong()));
        }
        final int ladderCount = r.getInt();
        ladders = new SymbolLadders[Math.max(ladderCount, ladders.length)];
        tops = emptyRows(new long[ladders.length * SymbolLadders.STRIDE], 0);
        for (int s = 0; s < ladderCount; s++)
        {
            if (r.getBoolean())
            {
                for (final LevelHeap h : laddersFor(s).all())
                {
                    h.restoreFrom(r, refs);
                }
            }
        }
    }

    /** Puts a restored position in its page under its own id. */
    private void place(final Position p)
    {
        final long rel = p.id - firstId;
        if (rel < 0 || p.id >= nextId)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: position id " + p.id + " outside ["
                + firstId + ", " + nextId + ")");
        }
        final int pi = (int)(rel >>> PAGE_SHIFT);
        if (pi >= pages.length)
        {
            final int len = Math.max(pi + 1, pages.length * 2);
            pages = java.util.Arrays.copyOf(pages, len);
            pageLive = java.util.Arrays.copyOf(pageLive, len);
        }
        if (pages[pi] == null)
        {
            pages[pi] = new Position[PAGE];
        }
        pages[pi][(int)(rel & PAGE_MASK)] = p;
        pageLive[pi]++;
        size++;
    }
}
