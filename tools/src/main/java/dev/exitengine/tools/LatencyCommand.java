package dev.exitengine.tools;

import dev.exitengine.tools.latency.LatencyChart;
import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyReport;
import dev.exitengine.tools.latency.LatencyRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code latency}: the latency logs a running engine wrote (every {@code --latency-every} and at shutdown) as a
 * percentile table per interval and overall, and with {@code --chart} a PNG of the percentiles over time.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Report the latency histograms a live run (or a run with --latency-every) wrote: p50, p90, p99, p99.9 and max "
        + "of each interval and overall; --chart draws them over time.")
public final class LatencyCommand implements Callable<Integer>
{
    static final int BAD_USAGE = 2;

    @Option(names = "--journal", paramLabel = "DIR", description = "the run's journal folder: its logs are in DIR/" + LatencyFiles.FOLDER)
    Path journal;

    @Option(names = "--dir", paramLabel = "DIR", description = "the folder of the logs itself (instead of --journal)")
    Path dir;

    @Option(names = "--metric", paramLabel = "NAME", description = "tick-to-decision or tick-to-order: the only one shown "
        + "(default: both in the table; tick-to-decision in the chart)")
    String metric;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
        description = "table (default: microseconds), jsonl or csv (nanoseconds)")
    OutputFormat format;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "also draw the percentiles over time into this PNG")
    Path chart;

    @Override
    public Integer call() throws IOException
    {
        if ((journal == null) == (dir == null))
        {
            return badUsage("give --journal DIR or --dir DIR (one of them)");
        }
        if (metric != null && !LatencyFiles.METRICS.contains(metric))
        {
            return badUsage("--metric: unknown metric '" + metric + "' (" + String.join(" or ", LatencyFiles.METRICS) + ")");
        }
        final Path folder = dir != null ? dir : LatencyFiles.folderOf(journal);
        if (!Files.isDirectory(folder))
        {
            return badUsage("no latency logs: " + folder + " is not a folder (live writes them every --latency-every, default 5m; "
                + "run with --latency-every)");
        }
        final List<LatencyReport.Metric> metrics = new ArrayList<>();
        for (final String name : metric != null ? List.of(metric) : LatencyFiles.METRICS)
        {
            metrics.add(LatencyReport.read(folder, name));
        }
        if (metrics.stream().allMatch(m -> m.intervals.isEmpty()))
        {
            return badUsage("no latency logs in " + folder + " (files named " + LatencyFiles.METRICS.get(0) + "-<start>"
                + LatencyFiles.LOG + ")");
        }
        LatencyRows.write(System.out, format, metrics);
        if (chart != null)
        {
            final String name = metric == null ? LatencyFiles.TICK_TO_DECISION : metric;
            final LatencyReport.Metric drawn = metrics.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
            LatencyChart.write(drawn, drawn.intervals.size() + " intervals, " + String.format("%,d", drawn.overall.count) + " samples, "
                + folder, chart);
            System.err.println("latency: chart of " + drawn.name + " written to " + chart);
        }
        return 0;
    }

    private static int badUsage(final String message)
    {
        System.err.println("latency: " + message);
        return BAD_USAGE;
    }
}
