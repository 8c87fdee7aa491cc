package dev.exitengine.tools.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a running engine's latency logs are and what they are called: in a folder (by default {@code latency/}
 * in the journal's), for each metric and each process start
 * {@code <metric>-<start, UTC>.hlog} (HdrHistogram's interval log: one histogram an interval, nanoseconds) and
 * {@code <metric>-<start, UTC>.hgrm} (the percentile distribution of the whole process so far, in
 * microseconds, rewritten every interval: HdrHistogram's plotter reads it).
 */
public final class LatencyFiles
{
    public static final String FOLDER = "latency";
    /** Tick (its arrival at ingress) to the engine's decision. */
    public static final String TICK_TO_DECISION = "tick-to-decision";
    /** Tick to the close order handed to the gateway. */
    public static final String TICK_TO_ORDER = "tick-to-order";
    public static final List<String> METRICS = List.of(TICK_TO_DECISION, TICK_TO_ORDER);
    public static final String LOG = ".hlog";
    public static final String PERCENTILES = ".hgrm";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LatencyFiles()
    {
    }

    /** The folder a run journaled in {@code journal} writes its latency logs to unless told another. */
    public static Path folderOf(final Path journal)
    {
        return journal.resolve(FOLDER);
    }

    static String name(final String metric, final long startMs, final String suffix)
    {
        return metric + "-" + STAMP.format(Instant.ofEpochMilli(startMs)) + suffix;
    }

    /** The interval logs of {@code metric} in {@code folder}, oldest process first. */
    static List<Path> logsOf(final Path folder, final String metric) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.filter(f ->
            {
                final String n = f.getFileName().toString();
                return n.startsWith(metric + "-") && n.endsWith(LOG);
            }).sorted().collect(Collectors.toList());
        }
    }
}
