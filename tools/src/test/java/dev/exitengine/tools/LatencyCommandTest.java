package dev.exitengine.tools;

import dev.exitengine.tools.latency.LatencyChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --latency-every} writes the latency logs; {@code latency} reports and charts them; both refuse bad usage in one line. */
class LatencyCommandTest
{
    @TempDir
    static Path dir;
    static Path journal;
    static Console run;

    @BeforeAll
    static void runWithLatencyLogs() throws IOException
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 3_000, 5, 100, 20, Map.of());
        journal = dir.resolve("j");
        run = Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--latency-every", "100ms");
        assertEquals(0, run.exitCode, run.toString());
    }

    /** The number of samples the run's summary gives for {@code what} ("tick -> decision", "tick -> order sent"). */
    static long summarySamples(final String out, final String what)
    {
        final Matcher m = Pattern.compile(Pattern.quote(what) + " latency \\(ns, ([0-9,]+) samples\\)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void aRunWritesBothMetricsLogsAndTheReportCountsEverySampleTheRunRecorded() throws IOException
    {
        try (Stream<Path> files = Files.list(journal.resolve("latency")))
        {
            final List<String> names = files.map(f -> f.getFileName().toString().replaceAll("-\\d{8}T\\d{6}\\.\\d{3}Z", "-START"))
                .sorted().collect(Collectors.toList());
            assertEquals(List.of("tick-to-decision-START.hgrm", "tick-to-decision-START.hlog", "tick-to-order-START.hgrm",
                "tick-to-order-START.hlog"), names);
        }
        final Console csv = Console.run("latency", "--journal", journal.toString(), "--format", "csv");
        assertEquals(0, csv.exitCode, csv.toString());
        final List<String[]> rows = csv.out.lines().skip(1).map(l -> l.split(",")).collect(Collectors.toList());
        assertEquals("metric,interval,from,to,count,p50Ns,p90Ns,p99Ns,p999Ns,maxNs", csv.out.lines().findFirst().orElseThrow());
        for (final String[] metric : new String[][] {{"tick-to-decision", "tick -> decision"}, {"tick-to-order", "tick -> order sent"}})
        {
            final List<String[]> of = rows.stream().filter(r -> r[0].equals(metric[0])).collect(Collectors.toList());
            final String[] overall = of.get(of.size() - 1);
            assertEquals("overall", overall[1]);
            assertEquals(summarySamples(run.out, metric[1]), Long.parseLong(overall[4]), metric[0] + ": every sample of the run");
            assertEquals(Long.parseLong(overall[4]), of.stream().limit(of.size() - 1).mapToLong(r -> Long.parseLong(r[4])).sum(),
                "the intervals add up to the whole");
            assertTrue(of.size() - 1 >= 1, "at least the shutdown's interval");
        }
        assertTrue(summarySamples(run.out, "tick -> order sent") > 0, "the scenario's closes were timed too");
    }

    @Test
    void theTableShowsEachIntervalAndTheOverallPercentilesInMicroseconds()
    {
        final Console table = Console.run("latency", "--journal", journal.toString(), "--metric", "tick-to-decision");
        assertEquals(0, table.exitCode, table.toString());
        final List<String> lines = table.out.lines().collect(Collectors.toList());
        assertEquals("tick-to-decision (µs)", lines.get(0));
        assertTrue(lines.get(1).matches("from \\(UTC\\) +to \\(UTC\\) +samples +p50 +p90 +p99 +p99\\.9 +max"), lines.get(1));
        final String overall = lines.stream().filter(l -> l.startsWith("overall")).findFirst().orElseThrow();
        assertEquals(String.format("%,d", summarySamples(run.out, "tick -> decision")), overall.split(" +")[1]);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("tick-to-order")), "--metric shows the one metric");
    }

    @Test
    void theChartIsAPngOfThePercentilesOverTime() throws IOException
    {
        final Path png = dir.resolve("latency.png");
        final Console c = Console.run("latency", "--journal", journal.toString(), "--chart", png.toString());
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains("chart of tick-to-decision written to " + png), c.err);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LatencyChart.WIDTH, image.getWidth());
        assertEquals(LatencyChart.HEIGHT, image.getHeight());
        assertTrue(Files.size(png) > 10_000, "a drawn chart: " + Files.size(png) + " bytes");
    }

    @Test
    void badUsageExitsTwoInOneLine()
    {
        refused("latency: give --journal DIR or --dir DIR", "latency");
        refused("latency: give --journal DIR or --dir DIR", "latency", "--journal", journal.toString(), "--dir", journal.toString());
        refused("latency: --metric: unknown metric 'p99'", "latency", "--journal", journal.toString(), "--metric", "p99");
        refused("latency: no latency logs: " + dir.resolve("none").resolve("latency"), "latency", "--journal", dir.resolve("none").toString());
        refused("latency: no latency logs in " + journal, "latency", "--dir", journal.toString());
        refused("--latency-dir: give how often with --latency-every DURATION", "run", "--feed", "synthetic:1:10:1", "--no-journal",
            "--latency-dir", dir.toString());
        refused("'soon' is not a duration", "run", "--feed", "synthetic:1:10:1", "--latency-every", "soon");
        refused("--latency-every: with --no-journal, say where with --latency-dir DIR", "run", "--feed", "synthetic:1:10:1",
            "--no-journal", "--latency-every", "1s");
    }

    private static void refused(final String start, final String... args)
    {
        final Console c = Console.run(args);
        assertEquals(2, c.exitCode, c.toString());
        assertEquals(1, c.err.strip().lines().count(), c.toString());
        assertTrue(c.err.contains(start) && !c.err.contains("\tat "), c.toString());
    }
}
