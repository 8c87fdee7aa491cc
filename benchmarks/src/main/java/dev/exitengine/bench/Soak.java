package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The {@code soak} section (not in the default profile: {@code --only soak}): the evaluator holding
 * 1,000,000 positions through 10,000,000 events — neutral ticks across every symbol and, every 100,000
 * events, a round of ticks that close positions and entries that open them again — with the heap in use
 * after a full collection sampled every 1,000,000 events. Memory is flat when the last sample is within
 * 2 % of the first after the book was loaded: nothing the events pass through is kept.
 */
final class Soak extends ProfileSection
{
    static final int POSITIONS = 1_000_000;
    static final long EVENTS = 10_000_000;

    Soak(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure()
    {
        final BookFixture book = new BookFixture(POSITIONS, 10);
        final List<Long> samples = new ArrayList<>();
        samples.add(usedAfterGc());
        log("loaded %,d positions: %,d MB in use", POSITIONS, samples.get(0) >> 20);
        long events = 0;
        final long start = System.nanoTime();
        while (events < EVENTS)
        {
            for (int i = 0; i < 100_000 - book.rounds(); i++)
            {
                book.evaluateNeutral();
            }
            events += 100_000 - book.rounds();
            events += book.triggerAllRounds();
            book.reload();
            if (events % 1_000_000 < 100_000)
            {
                samples.add(usedAfterGc());
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long first = samples.get(0);
        final long last = samples.get(samples.size() - 1);
        long max = first;
        for (final long s : samples)
        {
            max = Math.max(max, s);
        }
        final double growth = 100.0 * (last - first) / first;
        put("soak.positions", POSITIONS);
        put("soak.events", events);
        put("soak.seconds", seconds);
        put("soak.heapFirstMB", first >> 20);
        put("soak.heapLastMB", last >> 20);
        put("soak.heapMaxMB", max >> 20);
        put("soak.growthPct", growth);
        log("%,d events in %.1f s over %,d positions; heap in use after GC, MB: %s; growth first→last %.2f %% (flat: within 2 %%): %s",
            events, seconds, POSITIONS, samples.stream().map(s -> Long.toString(s >> 20)).toList(), growth,
            Math.abs(growth) <= 2.0 ? "FLAT" : "NOT FLAT");
    }

    private static long usedAfterGc()
    {
        final Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
