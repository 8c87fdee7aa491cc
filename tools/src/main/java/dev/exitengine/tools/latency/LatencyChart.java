package dev.exitengine.tools.latency;

import dev.exitengine.tools.chart.TimeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Draws a metric's percentiles over time: p50, p90, p99, p99.9 and the maximum of each interval, in
 * microseconds on a logarithmic axis, at the interval's end; intervals without a sample are left out.
 */
public final class LatencyChart
{
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    private LatencyChart()
    {
    }

    public static void write(final LatencyReport.Metric metric, final String subtitle, final Path file) throws IOException
    {
        final List<LatencyReport.Percentiles> sampled = new ArrayList<>();
        for (final LatencyReport.Percentiles p : metric.intervals)
        {
            if (p.count > 0)
            {
                sampled.add(p);
            }
        }
        final long[] times = new long[sampled.size()];
        for (int i = 0; i < times.length; i++)
        {
            times[i] = sampled.get(i).toMs;
        }
        new TimeChart(metric.name + " latency per interval").subtitle(subtitle)
            .axisLabels("interval end (UTC)", "latency (µs, log scale)").logarithmicValues()
            .addSeries("p50", times, micros(sampled, p -> p.p50))
            .addSeries("p90", times, micros(sampled, p -> p.p90))
            .addSeries("p99", times, micros(sampled, p -> p.p99))
            .addSeries("p99.9", times, micros(sampled, p -> p.p999))
            .addSeries("max", times, micros(sampled, p -> p.max))
            .write(file, WIDTH, HEIGHT);
    }

    private static double[] micros(final List<LatencyReport.Percentiles> intervals, final ToLongFunction<LatencyReport.Percentiles> value)
    {
        final double[] out = new double[intervals.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = value.applyAsLong(intervals.get(i)) / 1000.0;
        }
        return out;
    }
}
