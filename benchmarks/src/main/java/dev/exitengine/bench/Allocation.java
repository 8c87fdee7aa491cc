package dev.exitengine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Allocation and memory measurements: bytes the current thread allocates (HotSpot's exact per-thread
 * counter, {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}) and heap in use
 * after a full collection.
 */
public final class Allocation
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private Allocation()
    {
    }

    /** Bytes allocated by the calling thread so far. */
    public static long threadAllocatedBytes()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** What reading the counter itself allocates (subtracted from every measurement). */
    public static long probeOverhead()
    {
        // the reading itself warmed first: read cold, the counter's own path can allocate once (96 B was
        // seen) and be charged to whatever it brackets
        for (int i = 0; i < 20_000; i++)
        {
            threadAllocatedBytes();
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++)
        {
            final long a = threadAllocatedBytes();
            final long b = threadAllocatedBytes();
            min = Math.min(min, b - a);
        }
        return min;
    }

    /** Result of {@link #evaluatorBytes}. */
    public static final class PerEvent
    {
        public long events;
        public long bytes;

        public double perEvent()
        {
            return (double)bytes / events;
        }
    }

    /** Windows {@link #evaluatorBytes} splits its ticks into. */
    static final int WINDOWS = 5;

    /**
     * Bytes the evaluation thread allocates per neutral tick evaluated by {@code fixture}'s evaluator,
     * after {@code warmup} ticks: the steady state of the hot path. The {@code events} ticks are
     * measured in {@link #WINDOWS} windows and the window that allocated least is the result (its
     * bytes over its ticks). Code that allocates per tick allocates in every window; what one window
     * alone shows is the JIT changing the code under it: a deoptimization re-creates on the heap the
     * objects compiled code had kept in registers (96 B in one window of a million ticks, once in a
     * few dozen runs).
     */
    public static PerEvent evaluatorBytes(final BookFixture fixture, final long warmup, final long events)
    {
        for (long i = 0; i < warmup; i++)
        {
            fixture.evaluateNeutral();
        }
        final long overhead = probeOverhead();
        final long perWindow = events / WINDOWS;
        long least = Long.MAX_VALUE;
        int decisions = 0;
        for (int w = 0; w < WINDOWS; w++)
        {
            final long before = threadAllocatedBytes();
            for (long i = 0; i < perWindow; i++)
            {
                decisions += fixture.evaluateNeutral();
            }
            final long after = threadAllocatedBytes();
            least = Math.min(least, Math.max(0, after - before - overhead));
        }
        if (decisions != 0)
        {
            throw new IllegalStateException("neutral ticks made " + decisions + " decisions: the fixture is wrong");
        }
        final PerEvent r = new PerEvent();
        r.events = perWindow;
        r.bytes = least;
        return r;
    }

    /** Heap in use after full collections, once it stops shrinking. */
    public static long usedHeapAfterGc()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++)
        {
            System.gc();
            final long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last - 1024)
            {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    /** Result of {@link #bytesPerPosition}. */
    public static final class PerPosition
    {
        public int positions;
        public long heapBytes;
        public BookFixture fixture;

        public double perPosition()
        {
            return (double)heapBytes / positions;
        }
    }

    /**
     * Heap held per open position: heap used after GC once {@code n} positions are open minus heap
     * used before they were (the evaluator, its instruments and the ticks already built), divided by
     * n. Includes everything the evaluator keeps per position: the position, its lots, both index
     * maps, its places in the level ladders.
     */
    public static PerPosition bytesPerPosition(final int n)
    {
        final BookFixture f = new BookFixture(n, 0, false);
        final long before = usedHeapAfterGc();
        f.load();
        final long after = usedHeapAfterGc();
        final PerPosition r = new PerPosition();
        r.positions = n;
        r.heapBytes = after - before;
        r.fixture = f;
        return r;
    }
}
