package dev.exitengine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * One section of the {@link QuickProfile}, measured inside a JVM of its own: it writes what it
 * measured as properties, which the driver gathers into the summary, and prints its lines.
 */
abstract class ProfileSection
{
    final boolean full;
    final Path artifacts;
    final Properties out;

    ProfileSection(final boolean full, final Path artifacts, final Properties out)
    {
        this.full = full;
        this.artifacts = artifacts;
        this.out = out;
    }

    /** Measures this section, writing its results with {@link #put}. */
    abstract void measure() throws Exception;

    /** The runtime this section measured on, then the section itself. */
    final void run() throws Exception
    {
        put("jvm", ManagementFactory.getRuntimeMXBean().getVmName() + " " + Runtime.version());
        put("gc", Bench.collectors());
        measure();
    }

    void put(final String key, final double value)
    {
        out.setProperty(key, Double.toString(value));
    }

    void put(final String key, final String value)
    {
        out.setProperty(key, value);
    }

    /** A histogram's count, p50, p90, p99, p99.9, p99.99 and max (nanoseconds), under {@code prefix}. */
    void putHistogram(final String prefix, final org.HdrHistogram.Histogram h)
    {
        put(prefix + ".count", h.getTotalCount());
        put(prefix + ".p50", h.getValueAtPercentile(50));
        put(prefix + ".p90", h.getValueAtPercentile(90));
        put(prefix + ".p99", h.getValueAtPercentile(99));
        put(prefix + ".p999", h.getValueAtPercentile(99.9));
        put(prefix + ".p9999", h.getValueAtPercentile(99.99));
        put(prefix + ".max", h.getMaxValue());
    }

    /** A percentile of nanoseconds, in microseconds, for the console. */
    static String us(final org.HdrHistogram.Histogram h, final double p)
    {
        return String.format(Locale.ROOT, "%.1fµs", h.getValueAtPercentile(p) / 1000.0);
    }

    static String usMax(final org.HdrHistogram.Histogram h)
    {
        return String.format(Locale.ROOT, "%.1fµs", h.getMaxValue() / 1000.0);
    }

    static void log(final String format, final Object... args)
    {
        System.out.printf(Locale.ROOT, "   " + format + "%n", args);
    }

    /** Ratios rounded to two decimals, for the summary's lists of them. */
    static double[] round2(final double[] values)
    {
        final double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++)
        {
            d[i] = Math.round(values[i] * 100) / 100.0;
        }
        return d;
    }
}
