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
