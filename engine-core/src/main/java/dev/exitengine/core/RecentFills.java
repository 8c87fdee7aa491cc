package dev.exitengine.core;

/**
 * The newest entry fills, to refuse an exact duplicate (same account, order, time, quantity and price):
 * a venue or a feed that delivers a fill twice must not open the position twice. Holds the newest
 * {@code capacity} distinct fills and forgets the oldest first; seeing a duplicate does not make it newer.
 *
 * <p>Nothing is allocated per fill: the fills sit in a ring of parallel arrays, found through an
 * open-addressing index (linear probing) keyed by a hash of their fields and confirmed by comparing
 * every field exactly. Both are sized for the bound at the first fill (an engine that never sees one
 * spends no memory on them), so no fill ever waits for a rehash.
 */
final class RecentFills
{
    private final int capacity;
    private String[] accounts;
    private String[] orderIds;
    private long[] ts;
    private long[] qty;
    private long[] price;
    private long[] hashes;
    /** Index slot → ring position + 1; 0 is an empty slot. At most half full. */
    private int[] index;
    private int mask;
    /** Where the next fill goes in the ring: once the ring is full, the oldest fill. */
    private int head;
    private int size;

    RecentFills(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    private void allocate()
    {
        accounts = new String[capacity];
        orderIds = new String[capacity];
        ts = new long[capacity];
        qty = new long[capacity];
        price = new long[capacity];
        hashes = new long[capacity];
        final int slots = Integer.highestOneBit(capacity) << 2;
        index = new int[slots];
        mask = slots - 1;
    }

    /**
     * Remembers a fill; false when the same fill is already remembered (a duplicate, not remembered
     * again). {@code account} and {@code orderId} are not null.
     */
    boolean add(final String account, final String orderId, final long ts, final long qty, final long price)
    {
        if (index == null)
        {
            allocate();
        }
        final long hash = hash(account, orderId, ts, qty, price);
        int slot = (int)hash & mask;
        int entry;
        while ((entry = index[slot]) != 0)
        {
            final int i = entry - 1;
            if (hashes[i] == hash && this.ts[i] == ts && this.qty[i] == qty && this.price[i] == price
                && accounts[i].equals(account) && orderIds[i].equals(orderId))
            {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity)
        {
            forget(head);
            // forgetting may have shifted entries back into the probe run: find the free slot again
            slot = (int)hash & mask;
            while (index[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
        }
        else
        {
            size++;
        }
        final int i = head;
        accounts[i] = account;
        orderIds[i] = orderId;
        this.ts[i] = ts;
        this.qty[i] = qty;
        this.price[i] = price;
        hashes[i] = hash;
        index[slot] = i + 1;
        head = i + 1 == capacity ? 0 : i + 1;
        return true;
    }

    int size()
    {
        return size;
    }

    /** Removes ring position {@code i} from the index, shifting later entries of its probe run back. */
    private void forget(final int i)
    {
        int hole = (int)hashes[i] & mask;
        while (index[hole] != i + 1)
        {
            hole = (hole + 1) & mask;
        }
        int j = hole;
        while (true)
        {
            j = (j + 1) & mask;
            final int entry = index[j];
            if (entry == 0)
            {
                break;
            }
            final int home = (int)hashes[entry - 1] & mask;
            // the entry may move into the hole unless its home lies cyclically in (hole, j]
            final boolean staysPut = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!staysPut)
            {
                index[hole] = entry;
                hole = j;
            }
        }
        index[hole] = 0;
        accounts[i] = null;
        orderIds[i] = null;
    }

    private static long hash(final String account, final String orderId, final long ts, final long qty, final long price)
    {
        long h = account.hashCode() * 0x9E3779B97F4A7C15L;
        h = (h ^ orderId.hashCode()) * 0x9E3779B97F4A7C15L;
        h = (h ^ ts) * 0x9E3779B97F4A7C15L;
        h = (h ^ qty) * 0x9E3779B97F4A7C15L;
        h = (h ^ price) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
