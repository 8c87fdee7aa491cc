package dev.exitengine.core.position;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;

import java.math.RoundingMode;

/**
 * First-in-first-out entry lots of a position: quantity, price and entry fee of each entry fill still
 * held. Reductions consume the oldest lot first and report the basis they consumed.
 */
public final class Lots
{
    private long[] qty = new long[2];
    private long[] price = new long[2];
    private long[] fee = new long[2];
    /**
     * The entry notional each lot still holds: qty × price rounded once, when the lot is added; a piece taken
     * gives up its own quantity × price, and the last piece what is left, so a lot taken in pieces gives up
     * exactly what it brought (as a position's single lot does in {@code EntryBasis}). Follows from the lots' history, so it is left out of the state hash (as before it existed).
     */
    private long[] notional = new long[2];
    private int head;
    private int tail;

    /** Basis of the last {@link #consume}: entry notional and entry fees of the quantity taken. */
    public long consumedNotional;
    public long consumedFees;

    public void add(final long lotQty, final long lotPrice, final long lotFee)
    {
        if (tail == qty.length)
        {
            compactOrGrow();
        }
        qty[tail] = lotQty;
        price[tail] = lotPrice;
        fee[tail] = lotFee;
        notional[tail] = Fixed.mulDiv(lotQty, lotPrice, Fixed.ONE, RoundingMode.HALF_UP);
        tail++;
    }

    private void compactOrGrow()
    {
        final int live = tail - head;
        final int capacity = live * 2 >= qty.length ? qty.length * 2 : qty.length;
        final long[] q = new long[capacity];
        final long[] p = new long[capacity];
        final long[] f = new long[capacity];
        final long[] n = new long[capacity];
        System.arraycopy(qty, head, q, 0, live);
        System.arraycopy(price, head, p, 0, live);
        System.arraycopy(fee, head, f, 0, live);
        System.arraycopy(notional, head, n, 0, live);
        qty = q;
        price = p;
        fee = f;
        notional = n;
        head = 0;
        tail = live;
    }

    /**
     * Takes {@code amount} from the oldest lots; sets {@link #consumedNotional} and {@link #consumedFees}
     * (fees pro rata of a partly taken lot). Returns the quantity actually taken.
     */
    public long consume(final long amount)
    {
        long left = amount;
        long taken = 0;
        long fees = 0;
        while (left > 0 && head < tail)
        {
            final long take = Math.min(left, qty[head]);
            if (take == qty[head])
            {
                taken += this.notional[head];
                fees += fee[head];
                head++;
            }
            else
            {
                // a piece at its own price; the lot's last piece then takes exactly what is left of its notional
                final long notionalPart = Math.min(Fixed.mulDiv(take, price[head], Fixed.ONE, RoundingMode.HALF_UP), this.notional[head]);
                taken += notionalPart;
                this.notional[head] -= notionalPart;
                final long part = Fixed.mulDiv(fee[head], take, qty[head], RoundingMode.HALF_UP);
                fees += part;
                fee[head] -= part;
                qty[head] -= take;
            }
            left -= take;
        }
        consumedNotional = taken;
        consumedFees = fees;
        return amount - left;
    }

    public int count()
    {
        return tail - head;
    }

    public long qty(final int i)
    {
        return qty[head + i];
    }

    public long price(final int i)
    {
        return price[head + i];
    }

    public long fee(final int i)
    {
        return fee[head + i];
    }

    public void clear()
    {
        head = 0;
        tail = 0;
    }

    /** The lots still held, oldest first, mixed into {@code hash}. */
    public long stateHash(final long hash)
    {
        long h = StateHash.mix(hash, tail - head);
        for (int i = head; i < tail; i++)
        {
            h = StateHash.mix(h, qty[i]);
            h = StateHash.mix(h, price[i]);
            h = StateHash.mix(h, fee[i]);
        }
        return h;
    }

    /** The lots still held (oldest first) and the last consumption's basis. */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.putInt(tail - head);
        for (int i = head; i < tail; i++)
        {
            w.putLong(qty[i]);
            w.putLong(price[i]);
            w.putLong(fee[i]);
            w.putLong(notional[i]);
        }
        w.putLong(consumedNotional);
        w.putLong(consumedFees);
    }

    public static Lots restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final Lots l = new Lots();
        final int n = r.getInt();
        final int capacity = Math.max(2, Integer.highestOneBit(Math.max(1, n)) << 1);
        l.qty = new long[capacity];
        l.price = new long[capacity];
        l.fee = new long[capacity];
        l.notional = new long[capacity];
        for (int i = 0; i < n; i++)
        {
            l.qty[i] = r.getLong();
            l.price[i] = r.getLong();
            l.fee[i] = r.getLong();
            l.notional[i] = r.getLong();
        }
        l.tail = n;
        l.consumedNotional = r.getLong();
        l.consumedFees = r.getLong();
        return l;
    }
}
