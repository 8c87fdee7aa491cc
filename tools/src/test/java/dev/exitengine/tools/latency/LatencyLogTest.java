package dev.exitengine.tools.latency;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency log: each interval holds exactly what was recorded in it, the last one is written at shutdown, the report reads them. */
class LatencyLogTest
{
    /** 2024-08-08T23:55:00Z: the log keeps times in milliseconds as seconds with three decimals; whole seconds read back exactly. */
    private static final long T0 = 1_723_161_300_000L;

    private static ConcurrentHistogram engineHistogram()
    {
        return new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    @Test
    void eachIntervalHoldsWhatWasRecordedInItAndTheReportAddsThemExactly(@TempDir final Path dir) throws IOException
    {
        final ConcurrentHistogram decision = engineHistogram();
        final ConcurrentHistogram order = engineHistogram();
        decision.recordValue(999_999); // before the log starts: not in any interval
        final long[] now = {T0};
        final List<String> errors = new ArrayList<>();
        final LatencyLog log = new LatencyLog(dir, LatencyFiles.METRICS, List.of(decision::copy, order::copy), Duration.ofMinutes(5),
            () -> now[0], errors::add);
        final Histogram first = new Histogram(3);
        final Histogram third = new Histogram(3);
        for (long v = 1_000; v <= 1_000_000; v += 1_000)
        {
            decision.recordValue(v);
            first.recordValue(v);
        }
        now[0] += 300_000;
        log.writeInterval();
        now[0] += 300_000;
        log.writeInterval(); // nothing recorded in the second
        for (long v = 5_000; v < 6_000; v++)
        {
            decision.recordValue(v);
            third.recordValue(v);
        }
        decision.recordValue(2_000_000);
        third.recordValue(2_000_000);
        order.recordValue(70_000);
        order.recordValue(140_000);
        order.recordValue(2_150_000);
        now[0] += 120_000;
        log.close(); // the shutdown ends the third

        final LatencyReport.Metric m = LatencyReport.read(dir, LatencyFiles.TICK_TO_DECISION);
        assertEquals(3, m.intervals.size());
        assertInterval(m.intervals.get(0), T0, T0 + 300_000, first);
        assertEquals(0, m.intervals.get(1).count);
        assertEquals(T0 + 300_000, m.intervals.get(1).fromMs);
        assertInterval(m.intervals.get(2), T0 + 600_000, T0 + 720_000, third);
        final Histogram all = first.copy();
        all.add(third);
        assertInterval(m.overall, T0, T0 + 720_000, all);

        final LatencyReport.Metric o = LatencyReport.read(dir, LatencyFiles.TICK_TO_ORDER);
        assertEquals(List.of(0L, 0L, 3L), o.intervals.stream().map(p -> p.count).collect(Collectors.toList()));
        assertEquals(new Histogram(3).highestEquivalentValue(2_150_000), o.overall.max);
        assertEquals(List.of(), errors);

        // the .hgrm: the whole process's distribution in microseconds, in HdrHistogram's percentile format
        final String hgrm = Files.readString(only(dir, LatencyFiles.TICK_TO_DECISION, LatencyFiles.PERCENTILES));
        assertTrue(hgrm.startsWith("       Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
        assertTrue(hgrm.contains("Total count    =         2002]"), "every value the histogram holds: " + hgrm);
    }

    @Test
    void aStartedLogWritesEveryIntervalOnItsOwnAndTheLastAtShutdown(@TempDir final Path dir) throws Exception
    {
        final ConcurrentHistogram decision = engineHistogram();
        final ConcurrentHistogram order = engineHistogram();
        final List<String> errors = new ArrayList<>();
        final long started = System.currentTimeMillis();
        final LatencyLog log = LatencyLog.start(new LatencyLog.Settings(dir, Duration.ofMillis(100)), decision::copy, order::copy,
            errors::add);
        long recorded = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (log.intervals() < 3 && System.nanoTime() < deadline)
        {
            decision.recordValue(10_000 + recorded % 1_000);
            recorded++;
            Thread.sleep(1);
        }
        assertTrue(log.intervals() >= 3, "three intervals written by the timer");
        decision.recordValue(12_345);
        recorded++;
        log.close();
        final long closed = System.currentTimeMillis();

        final LatencyReport.Metric m = LatencyReport.read(dir, LatencyFiles.TICK_TO_DECISION);
        assertTrue(m.intervals.size() >= 4, "the timer's intervals and the shutdown's: " + m.intervals.size());
        assertEquals(recorded, m.overall.count, "every value recorded, each in one interval");
        for (int i = 1; i < m.intervals.size(); i++)
        {
            assertEquals(m.intervals.get(i - 1).toMs, m.intervals.get(i).fromMs, 1, "intervals follow each other");
        }
        assertTrue(Math.abs(m.intervals.get(0).fromMs - started) < 1_000, "from the start");
        assertTrue(Math.abs(m.intervals.get(m.intervals.size() - 1).toMs - closed) < 1_000, "to the shutdown");
        assertEquals(List.of(), errors);
    }

    private static void assertInterval(final LatencyReport.Percentiles p, final long from, final long to, final Histogram expected)
    {
        assertEquals(from, p.fromMs);
        assertEquals(to, p.toMs);
        assertEquals(expected.getTotalCount(), p.count);
        assertEquals(expected.getValueAtPercentile(50), p.p50);
        assertEquals(expected.getValueAtPercentile(90), p.p90);
        assertEquals(expected.getValueAtPercentile(99), p.p99);
        assertEquals(expected.getValueAtPercentile(99.9), p.p999);
        assertEquals(expected.getMaxValue(), p.max);
    }

    private static Path only(final Path dir, final String metric, final String suffix) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(metric + "-")
                && f.getFileName().toString().endsWith(suffix)).collect(Collectors.toList());
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }
}
