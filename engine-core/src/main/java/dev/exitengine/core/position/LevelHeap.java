package dev.exitengine.core.position;

/**
 * An indexed binary heap of positions keyed by one of their levels, the per-symbol "ladder" that lets
 * a tick find the positions it triggers without a scan: peeking costs O(1), so a tick that triggers
 * nothing costs a comparison per ladder, and each triggered position O(log n) to remove. Positions
 * remember their index, so a moved level is re-keyed in O(log n). Arrays grow, never shrink.
 */
public final class LevelHeap
{
    /** Which of a position's heap memberships this heap is. */
    public static final int STOP = 0;
    public static final int TARGET = 1;
    public static final int PEAK = 2;
    public static final int TIME = 3;

    private final boolean maxOnTop;
    private final int slot;
    private Position[] heap = new Position[16];
    private long[] keys = new long[16];
    private int size;
    /**
     * Where this heap mirrors its top key for a quick look (its book's {@code tops}): {@code topCopies}
     * entries from {@code topIndex}, {@code topStep} apart; and the key when empty.
     */
    private long[] tops;
    private int topIndex;
    private int topCopies;
    private int topStep;
    private final long empty;

    /**
     * @param maxOnTop true when the highest key must be examined first (a long's stops, a short's targets).
     * @param slot which membership of a position this heap holds: {@link #STOP}, {@link #TARGET}, {@link #PEAK}, {@link #TIME}.
     */
    public LevelHeap(final boolean maxOnTop, final int slot)
    {
        this.maxOnTop = maxOnTop;
        this.slot = slot;
        // an empty heap's top compares as never crossed: nothing is ≤ MIN_VALUE nor ≥ MAX_VALUE
        this.empty = maxOnTop ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** Mirrors the top key into {@code tops[index]} from now on. */
    void mirrorTop(final long[] tops, final int index)
    {
        mirrorTop(tops, index, 1, 0);
    }

    /** Mirrors the top key into {@code copies} entries of {@code tops} from {@code index}, {@code step} apart, from now on. */
    void mirrorTop(final long[] tops, final int index, final int copies, final int step)
    {
        this.tops = tops;
        this.topIndex = index;
        this.topCopies = copies;
        this.topStep = step;
        publishTop();
    }

    /** The key an empty heap mirrors: one no price crosses. */
    long emptyKey()
    {
        return empty;
    }

    private void publishTop()
    {
        if (tops != null)
        {
            final long top = size == 0 ? empty : keys[0];
            for (int i = 0, at = topIndex; i < topCopies; i++, at += topStep)
            {
                tops[at] = top;
            }
        }
    }

    public int size()
    {
        return size;
    }

    public Position peek()
    {
        return size == 0 ? null : heap[0];
    }

    public long peekKey()
    {
        return keys[0];
    }

    public void add(final Position p, final long key)
    {
        if (size == heap.length)
        {
            final Position[] bigger = new Position[heap.length * 2];
            System.arraycopy(heap, 0, bigger, 0, size);
            heap = bigger;
            final long[] biggerKeys = new long[keys.length * 2];
            System.arraycopy(keys, 0, biggerKeys, 0, size);
            keys = biggerKeys;
        }
        heap[size] = p;
        keys[size] = key;
        setIndex(p, size);
        size++;
        siftUp(size - 1);
        publishTop();
    }

    public void remove(final Position p)
    {
        final int i = indexOf(p);
        if (i < 0)
        {
            return;
        }
        final int last = --size;
        if (i != last)
        {
            move(last, i);
            heap[last] = null;
            if (!siftUp(i))
            {
                siftDown(i);
            }
        }
        else
        {
            heap[last] = null;
        }
        setIndex(p, -1);
        publishTop();
    }

    public void update(final Position p, final long key)
    {
        final int i = indexOf(p);
        if (i < 0)
        {
            add(p, key);
            return;
        }
        keys[i] = key;
        if (!siftUp(i))
        {
            siftDown(i);
        }
        publishTop();
    }

    public boolean contains(final Position p)
    {
        return indexOf(p) >= 0;
    }

    private int indexOf(final Position p)
    {
        switch (slot)
        {
            case STOP: return p.stopHeap == this ? p.stopHeapIndex : -1;
            case TARGET: return p.targetHeap == this ? p.targetHeapIndex : -1;
            case PEAK: return p.peakHeap == this ? p.peakHeapIndex : -1;
            default: return p.timeHeap == this ? p.timeHeapIndex : -1;
        }
    }

    private void setIndex(final Position p, final int index)
    {
        final LevelHeap heap = index < 0 ? null : this;
        switch (slot)
        {
            case STOP:
                p.stopHeapIndex = index;
                p.stopHeap = heap;
                break;
            case TARGET:
                p.targetHeapIndex = index;
                p.targetHeap = heap;
                break;
            case PEAK:
                p.peakHeapIndex = index;
                p.peakHeap = heap;
                break;
            default:
                p.timeHeapIndex = index;
                p.timeHeap = heap;
                break;
        }
    }

    /** The position at heap index {@code i} (0 ≤ i < size), for scans in tests and tools. */
    public Position at(final int i)
    {
        return heap[i];
    }

    /** True when a should be nearer the top than b; ties broken by position id for determinism. */
    private boolean above(final int a, final int b)
    {
        final long ka = keys[a];
        final long kb = keys[b];
        if (ka != kb)
        {
            return maxOnTop ? ka > kb : ka < kb;
        }
        return heap[a].id < heap[b].id;
    }

    private void move(final int from, final int to)
    {
        heap[to] = heap[from];
        keys[to] = keys[from];
        setIndex(heap[to], to);
    }

    private void swap(final int a, final int b)
    {
        final Position p = heap[a];
        final long k = keys[a];
        heap[a] = heap[b];
        keys[a] = keys[b];
        heap[b] = p;
        keys[b] = k;
        setIndex(heap[a], a);
        setIndex(heap[b], b);
    }

    private boolean siftUp(final int start)
    {
        int i = start;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!above(i, parent))
            {
                break;
            }
            swap(i, parent);
            i = parent;
        }
        return i != start;
    }

    private void siftDown(final int start)
    {
        int i = start;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            final int right = left + 1;
            final int best = right < size && above(right, left) ? right : left;
            if (!above(best, i))
            {
                return;
            }
            swap(i, best);
            i = best;
        }
    }

    /** The heap's entries in array order, positions by reference. */
    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final StateRefs refs)
    {
        w.putInt(size);
        for (int i = 0; i < size; i++)
        {
            w.putLong(refs.position(heap[i]));
            w.putLong(keys[i]);
        }
    }

    /** Puts back the entries {@link #snapshotTo} wrote, in the same places (so already in heap order). */
    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final StateRefs refs)
    {
        final int n = r.getInt();
        int capacity = heap.length;
        while (capacity < n)
        {
            capacity *= 2;
        }
        heap = new Position[capacity];
        keys = new long[capacity];
        for (int i = 0; i < n; i++)
        {
            final Position p = refs.position(r.getLong());
            heap[i] = p;
            keys[i] = r.getLong();
            setIndex(p, i);
        }
        size = n;
        publishTop();
    }
}
