package dev.exitengine.core.snapshot;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/** Reads what a {@link SnapshotWriter} wrote, in the same order; a part out of step fails naming it. */
public final class SnapshotReader
{
    private final DirectBuffer buffer;
    private final int end;
    private int position;

    public SnapshotReader(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    /** Checks that the next part is the one {@code tag} names. */
    public void section(final int tag, final String what)
    {
        final int found = getInt();
        if (found != tag)
        {
            throw new SnapshotException("snapshot: the " + what + " part is not where it should be (found tag "
                + Integer.toHexString(found) + ")");
        }
    }

    /** Where the next read starts. */
    public int position()
    {
        return position;
    }

    /** Passes over {@code bytes} (a part this reader has no use for). */
    public void skip(final int bytes)
    {
        need(bytes);
        position += bytes;
    }

    /** Whether everything was read. */
    public boolean atEnd()
    {
        return position == end;
    }

    private void need(final int bytes)
    {
        if (position + bytes > end || bytes < 0)
        {
            throw new SnapshotException("snapshot: ends inside a record (" + bytes + " bytes wanted at " + position + " of " + end + ")");
        }
    }

    public long getLong()
    {
        need(8);
        final long v = buffer.getLong(position, SnapshotWriter.ORDER);
        position += 8;
        return v;
    }

    public int getInt()
    {
        need(4);
        final int v = buffer.getInt(position, SnapshotWriter.ORDER);
        position += 4;
        return v;
    }

    public boolean getBoolean()
    {
        need(1);
        return buffer.getByte(position++) != 0;
    }

    public <E extends Enum<E>> E getEnum(final E[] values)
    {
        final int ordinal = getInt();
        if (ordinal == -1)
        {
            return null;
        }
        if (ordinal < 0 || ordinal >= values.length)
        {
            throw new SnapshotException("snapshot: enum ordinal " + ordinal + " out of range");
        }
        return values[ordinal];
    }

    public String getString()
    {
        final int n = getInt();
        if (n == -1)
        {
            return null;
        }
        need(n);
        final byte[] bytes = new byte[n];
        buffer.getBytes(position, bytes);
        position += n;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int arrayLength()
    {
        final int n = getInt();
        if (n < -1 || n > (end - position))
        {
            throw new SnapshotException("snapshot: an array of " + n + " elements does not fit");
        }
        return n;
    }

    public long[] getLongs()
    {
        final int n = arrayLength();
        if (n == -1)
        {
            return null;
        }
        final long[] a = new long[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = getLong();
        }
        return a;
    }

    public int[] getInts()
    {
        final int n = arrayLength();
        if (n == -1)
        {
            return null;
        }
        final int[] a = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = getInt();
        }
        return a;
    }

    public boolean[] getBooleans()
    {
        final int n = arrayLength();
        if (n == -1)
        {
            return null;
        }
        final boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = getBoolean();
        }
        return a;
    }
}
