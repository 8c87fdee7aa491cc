package dev.exitengine.core.snapshot;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an engine's state into one growing buffer, in the order each owner chooses (see {@link EngineSnapshot}):
 * fixed-width little-endian numbers, strings as UTF-8 with their length, arrays with theirs (so a table is
 * restored at exactly the size it had: sizes enter state hashes). Each owner opens its part with a
 * {@link #section} mark that the reader checks, so a restore that reads out of step fails at once, naming
 * the part. Reused from snapshot to snapshot; single-threaded.
 */
public final class SnapshotWriter
{
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ORDER;
    private final UnsafeBuffer buffer;
    private int capacity;
    private int position;

    public SnapshotWriter(final int initialCapacity)
    {
        capacity = Math.max(64, initialCapacity);
        buffer = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(capacity));
    }

    /** Room for {@code bytes} more: the buffer doubles (a copy) when it runs out; a snapshot's size settles after the first. */
    private void ensure(final int bytes)
    {
        if (position + bytes > capacity)
        {
            long n = capacity;
            while (position + bytes > n)
            {
                n *= 2;
            }
            if (n > Integer.MAX_VALUE - 8)
            {
                throw new SnapshotException("snapshot: the state is larger than 2 GB, which one snapshot cannot hold");
            }
            final java.nio.ByteBuffer bigger = java.nio.ByteBuffer.allocateDirect((int)n);
            final UnsafeBuffer next = new UnsafeBuffer(bigger);
            next.putBytes(0, buffer, 0, position);
            buffer.wrap(bigger);
            capacity = (int)n;
        }
    }

    /** Starts over (the buffer keeps its capacity). */
    public SnapshotWriter reset()
    {
        position = 0;
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return position;
    }

    /** Overwrites the int at {@code at} (a length written before what it measures). */
    public void putIntAt(final int at, final int v)
    {
        buffer.putInt(at, NATIVE_LE ? v : Integer.reverseBytes(v));
    }

    /** Marks the start of an owner's part: {@code tag} is checked on restore. */
    public void section(final int tag)
    {
        putInt(tag);
    }

    public void putLong(final long v)
    {
        ensure(8);
        buffer.putLong(position, NATIVE_LE ? v : Long.reverseBytes(v));
        position += 8;
    }

    public void putInt(final int v)
    {
        ensure(4);
        buffer.putInt(position, NATIVE_LE ? v : Integer.reverseBytes(v));
        position += 4;
    }

    public void putBoolean(final boolean v)
    {
        ensure(1);
        buffer.putByte(position, (byte)(v ? 1 : 0));
        position += 1;
    }

    /** An enum constant by ordinal, null as -1. */
    public void putEnum(final Enum<?> v)
    {
        putInt(v == null ? -1 : v.ordinal());
    }

    /** A string, null kept apart from empty. */
    public void putString(final String s)
    {
        if (s == null)
        {
            putInt(-1);
            return;
        }
        final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        ensure(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    /** A whole array (null as -1), its length first. */
    public void putLongs(final long[] a)
    {
        if (a == null)
        {
            putInt(-1);
            return;
        }
        putInt(a.length);
        for (final long v : a)
        {
            putLong(v);
        }
    }

    public void putInts(final int[] a)
    {
        if (a == null)
        {
            putInt(-1);
            return;
        }
        putInt(a.length);
        for (final int v : a)
        {
            putInt(v);
        }
    }

    public void putBooleans(final boolean[] a)
    {
        if (a == null)
        {
            putInt(-1);
            return;
        }
        putInt(a.length);
        for (final boolean v : a)
        {
            putBoolean(v);
        }
    }
}
