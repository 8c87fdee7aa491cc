package dev.exitengine.core.api;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The engine's counters in one buffer, a counter per 64-byte line so that threads updating different
 * counters never share a cache line. The buffer may be a memory-mapped file, which a separate process
 * ({@code tools stat}) reads live without touching the engine's threads. Each counter has one writer.
 */
public final class EngineCounters
{
    public static final int SLOT = 64;
    public static final int HEADER = 64;
    public static final int MAGIC = 0x58454331; // "XEC1"

    private final AtomicBuffer buffer;
    private final MappedByteBuffer mapped;
    private final long[] exitCounterIndex = new long[dev.exitengine.core.event.ExitReason.values().length];

    private EngineCounters(final AtomicBuffer buffer, final MappedByteBuffer mapped)
    {
        this.buffer = buffer;
        this.mapped = mapped;
        buffer.putInt(0, MAGIC);
        buffer.putInt(4, Counter.values().length);
        for (final dev.exitengine.core.event.ExitReason r : dev.exitengine.core.event.ExitReason.values())
        {
            exitCounterIndex[r.ordinal()] = Counter.exitsBy(r).ordinal();
        }
    }

    public static int length()
    {
        return HEADER + SLOT * Counter.values().length;
    }

    /** Counters in process memory. */
    public static EngineCounters inMemory()
    {
        return new EngineCounters(new UnsafeBuffer(ByteBuffer.allocateDirect(length())), null);
    }

    /** Counters in a memory-mapped file that other processes can read. */
    public static EngineCounters mapped(final Path file) throws IOException
    {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mbb = ch.map(FileChannel.MapMode.READ_WRITE, 0, length());
            return new EngineCounters(new UnsafeBuffer(mbb), mbb);
        }
    }

    /** Reads a counters file another process writes. */
    public static long[] read(final Path file) throws IOException
    {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ))
        {
            final MappedByteBuffer mbb = ch.map(FileChannel.MapMode.READ_ONLY, 0, length());
            final UnsafeBuffer b = new UnsafeBuffer(mbb);
            if (b.getInt(0) != MAGIC)
            {
                throw new IOException(file + " is not an exit-engine counters file");
            }
            final long[] out = new long[Math.min(b.getInt(4), Counter.values().length)];
            for (int i = 0; i < out.length; i++)
            {
                out[i] = b.getLongVolatile(HEADER + i * SLOT);
            }
            return out;
        }
    }

    public void increment(final Counter c)
    {
        final int offset = HEADER + c.ordinal() * SLOT;
        buffer.putLongOrdered(offset, buffer.getLong(offset) + 1);
    }

    public void add(final Counter c, final long delta)
    {
        final int offset = HEADER + c.ordinal() * SLOT;
        buffer.putLongOrdered(offset, buffer.getLong(offset) + delta);
    }

    public void set(final Counter c, final long value)
    {
        buffer.putLongOrdered(HEADER + c.ordinal() * SLOT, value);
    }

    public void incrementExit(final dev.exitengine.core.event.ExitReason reason)
    {
        final int offset = HEADER + (int)exitCounterIndex[reason.ordinal()] * SLOT;
        buffer.putLongOrdered(offset, buffer.getLong(offset) + 1);
    }

    public long get(final Counter c)
    {
        return buffer.getLongVolatile(HEADER + c.ordinal() * SLOT);
    }

    public void force()
    {
        if (mapped != null)
        {
            mapped.force();
        }
    }

    /** Every counter's value. */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x434E5452); // "CNTR"
        final int n = Counter.values().length;
        w.putInt(n);
        for (int i = 0; i < n; i++)
        {
            w.putLong(buffer.getLongVolatile(HEADER + i * SLOT));
        }
    }

    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x434E5452, "counters");
        final int n = r.getInt();
        if (n != Counter.values().length)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: holds " + n + " counters, this engine has "
                + Counter.values().length);
        }
        for (int i = 0; i < n; i++)
        {
            buffer.putLongOrdered(HEADER + i * SLOT, r.getLong());
        }
    }
}
