package dev.exitengine.tools.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the latency logs of a folder say, metric by metric: each interval's percentiles and those of all the
 * intervals together (their histograms added, so the overall percentiles are exact, not averages of
 * percentiles). Processes one after the other (a live run restarted on its journal) follow in time.
 */
public final class LatencyReport
{
    /** The percentiles of one interval (or of all), in nanoseconds. */
    public static final class Percentiles
    {
        public final long fromMs;
        public final long toMs;
        public final long count;
        public final long p50;
        public final long p90;
        public final long p99;
        public final long p999;
        public final long max;

        Percentiles(final long fromMs, final long toMs, final Histogram h)
        {
            this.fromMs = fromMs;
            this.toMs = toMs;
            this.count = h.getTotalCount();
            this.p50 = count == 0 ? 0 : h.getValueAtPercentile(50);
            this.p90 = count == 0 ? 0 : h.getValueAtPercentile(90);
            this.p99 = count == 0 ? 0 : h.getValueAtPercentile(99);
            this.p999 = count == 0 ? 0 : h.getValueAtPercentile(99.9);
            this.max = count == 0 ? 0 : h.getMaxValue();
        }
    }

    /** One metric: its intervals in time order and all of them together. */
    public static final class Metric
    {
        public final String name;
        public final List<Percentiles> intervals;
        public final Percentiles overall;

        Metric(final String name, final List<Percentiles> intervals, final Percentiles overall)
        {
            this.name = name;
            this.intervals = Collections.unmodifiableList(intervals);
            this.overall = overall;
        }
    }

    private LatencyReport()
    {
    }

    /** Reads the logs of {@code metric} in {@code folder}; an interval that does not decode is refused naming its file. */
    public static Metric read(final Path folder, final String metric) throws IOException
    {
        final List<Percentiles> intervals = new ArrayList<>();
        final Histogram all = new Histogram(3);
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (final Path file : LatencyFiles.logsOf(folder, metric))
        {
            try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
            {
                EncodableHistogram next;
                while ((next = nextInterval(reader, file)) != null)
                {
                    if (!(next instanceof Histogram))
                    {
                        throw new IOException(file + ": holds " + next.getClass().getSimpleName() + "s, not integer histograms");
                    }
                    final Histogram h = (Histogram)next;
                    intervals.add(new Percentiles(h.getStartTimeStamp(), h.getEndTimeStamp(), h));
                    all.add(h);
                    from = Math.min(from, h.getStartTimeStamp());
                    to = Math.max(to, h.getEndTimeStamp());
                }
            }
        }
        return new Metric(metric, intervals, new Percentiles(intervals.isEmpty() ? 0 : from, intervals.isEmpty() ? 0 : to, all));
    }

    private static EncodableHistogram nextInterval(final HistogramLogReader reader, final Path file) throws IOException
    {
        try
        {
            return reader.nextIntervalHistogram();
        }
        catch (final RuntimeException ex)
        {
            throw new IOException(file + ": an interval does not decode (" + ex.getMessage() + ")", ex);
        }
    }
}
