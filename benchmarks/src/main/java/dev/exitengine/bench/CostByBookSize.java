package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code scale} section: heap per open position at 1,000,000 positions; per-tick cost at 1 to
 * 1,000,000 positions, nothing triggering; and the polling scan.
 */
final class CostByBookSize extends ProfileSection
{
    CostByBookSize(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure()
    {
        final int[] sizes = {1, 1_000, 100_000, 1_000_000};
        final BookFixture[] books = new BookFixture[sizes.length];
        // the largest first, on a clean heap: its load is the memory measurement
        final long m0 = System.nanoTime();
        final Allocation.PerPosition memory = Allocation.bytesPerPosition(sizes[sizes.length - 1]);
        books[sizes.length - 1] = memory.fixture;
        put("memory.positions", memory.positions);
        put("memory.heapBytes", memory.heapBytes);
        log("%,d positions hold %,d bytes of heap: %.1f bytes/position (loaded and measured in %.1f s)", memory.positions,
            memory.heapBytes, memory.perPosition(), (System.nanoTime() - m0) / 1e9);
        for (int i = 0; i < sizes.length - 1; i++)
        {
            final long t0 = System.nanoTime();
            books[i] = new BookFixture(sizes[i], 0);
            log("loaded %,d positions in %.1f s", sizes[i], (System.nanoTime() - t0) / 1e9);
        }
        for (final BookFixture b : books)
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                b.evaluateNeutral();
            }
        }
        final int rounds = full ? 21 : 7;
        final int ticks = 1_000_000;
        final double[][] ns = new double[sizes.length][rounds];
        int sink = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < sizes.length; i++)
            {
                final BookFixture b = books[i];
                final long t0 = System.nanoTime();
                for (int k = 0; k < ticks; k++)
                {
                    sink += b.evaluateNeutral();
                }
                ns[i][r] = (System.nanoTime() - t0) / (double)ticks;
            }
        }
        if (sink != 0)
        {
            throw new IllegalStateException("neutral ticks triggered " + sink + " closes");
        }
        for (int i = 0; i < sizes.length; i++)
        {
            put("scale.indexed." + sizes[i] + ".nsPerTick", Bench.median(ns[i]));
            log("indexed, %,9d positions: %.1f ns/tick", sizes[i], Bench.median(ns[i]));
        }
        // the polling monitor: every position checked on every tick
        final int[] scanSizes = {1_000, 1_000_000};
        for (final int n : scanSizes)
        {
            final PollingScan scan = new PollingScan(n);
            final int scanTicks = Math.max(20, 20_000_000 / n);
            for (int k = 0; k < scanTicks; k++)
            {
                sink += scan.tick();
            }
            final double[] t = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                final long t0 = System.nanoTime();
                for (int k = 0; k < scanTicks; k++)
                {
                    sink += scan.tick();
                }
                t[r] = (System.nanoTime() - t0) / (double)scanTicks;
            }
            put("scale.scan." + n + ".nsPerTick", Bench.median(t));
            log("full scan, %,9d positions: %.1f ns/tick", n, Bench.median(t));
        }
        if (sink != 0)
        {
            throw new IllegalStateException("the scan found " + sink + " triggers on neutral ticks");
        }
        if (full)
        {
            // k triggering: one tick closing k positions (reloads between batches not counted)
            books[sizes.length - 1] = null;
            memory.fixture = null;
            for (final int k : new int[] {1, 10})
            {
                final BookFixture b = new BookFixture(1_000_000, k);
                for (int i = 0; i < 100; i++)
                {
                    b.triggerAllRounds();
                    b.reload();
                }
                final double[] t = new double[rounds];
                for (int r = 0; r < rounds; r++)
                {
                    long nanos = 0;
                    long n = 0;
                    for (int i = 0; i < 50; i++)
                    {
                        final long t0 = System.nanoTime();
                        n += b.triggerAllRounds();
                        nanos += System.nanoTime() - t0;
                        b.reload();
                    }
                    t[r] = (double)nanos / n;
                }
                put("scale.trigger.1000000.k" + k + ".nsPerTick", Bench.median(t));
                log("1,000,000 positions, a tick closing %d: %.1f ns", k, Bench.median(t));
            }
        }
    }
}
