package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.Properties;

/** The {@code alloc} section: bytes the evaluation thread allocates per non-triggering tick, in steady state. */
final class AllocationPerTick extends ProfileSection
{
    AllocationPerTick(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure()
    {
        final BookFixture f = new BookFixture(1000, 0);
        final Allocation.PerEvent neutral = Allocation.evaluatorBytes(f, 500_000, 2_000_000);
        put("alloc.events", neutral.events);
        put("alloc.bytes", neutral.bytes);
        log("neutral ticks: %d bytes over %d events = %.4f bytes/event", neutral.bytes, neutral.events, neutral.perEvent());
        // the trigger path, for information: ticks closing one position each (the reloads between are not counted)
        final BookFixture t = new BookFixture(1000, 1);
        for (int i = 0; i < 200; i++)
        {
            t.triggerAllRounds();
            t.reload();
        }
        final long overhead = Allocation.probeOverhead();
        long bytes = 0;
        long ticks = 0;
        for (int i = 0; i < 200; i++)
        {
            final long before = Allocation.threadAllocatedBytes();
            ticks += t.triggerAllRounds();
            bytes += Math.max(0, Allocation.threadAllocatedBytes() - before - overhead);
            t.reload();
        }
        put("alloc.triggerTick.bytes", bytes);
        put("alloc.triggerTick.ticks", ticks);
        log("ticks closing one position: %.2f bytes/tick", (double)bytes / ticks);
    }
}
