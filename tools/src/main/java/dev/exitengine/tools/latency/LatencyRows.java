package dev.exitengine.tools.latency;

import dev.exitengine.tools.OutputFormat;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * Writes latency reports: a table in microseconds (one block a metric, a row an interval, then {@code overall}),
 * or JSON Lines and CSV in nanoseconds with the interval's bounds in epoch milliseconds ({@code interval} is its
 * number from 1, or {@code overall}).
 */
public final class LatencyRows
{
    private LatencyRows()
    {
    }

    public static void write(final PrintStream out, final OutputFormat format, final List<LatencyReport.Metric> metrics)
    {
        for (final LatencyReport.Metric m : metrics)
        {
            switch (format)
            {
                case JSONL: jsonl(out, m); break;
                case CSV: csv(out, m, m == metrics.get(0)); break;
                default: table(out, m); break;
            }
        }
        out.flush();
    }

    private static void table(final PrintStream out, final LatencyReport.Metric m)
    {
        out.printf("%s (µs)%n", m.name);
        out.printf("%-20s %-20s %12s %10s %10s %10s %10s %10s%n", "from (UTC)", "to (UTC)", "samples", "p50", "p90", "p99", "p99.9", "max");
        for (final LatencyReport.Percentiles p : m.intervals)
        {
            out.println(tableRow(time(p.fromMs), time(p.toMs), p));
        }
        out.println(tableRow("overall", "", m.overall));
        out.println();
    }

    private static String tableRow(final String from, final String to, final LatencyReport.Percentiles p)
    {
        if (p.count == 0)
        {
            return String.format("%-20s %-20s %12s %10s %10s %10s %10s %10s", from, to, "0", "-", "-", "-", "-", "-");
        }
        return String.format("%-20s %-20s %,12d %,10.1f %,10.1f %,10.1f %,10.1f %,10.1f", from, to, p.count, p.p50 / 1e3, p.p90 / 1e3,
            p.p99 / 1e3, p.p999 / 1e3, p.max / 1e3);
    }

    private static void jsonl(final PrintStream out, final LatencyReport.Metric m)
    {
        for (int i = 0; i < m.intervals.size(); i++)
        {
            out.println(json(m.name, Integer.toString(i + 1), m.intervals.get(i)));
        }
        out.println(json(m.name, "\"overall\"", m.overall));
    }

    private static String json(final String metric, final String interval, final LatencyReport.Percentiles p)
    {
        return "{\"metric\":\"" + metric + "\",\"interval\":" + interval + ",\"from\":" + p.fromMs + ",\"to\":" + p.toMs + ",\"count\":"
            + p.count + ",\"p50Ns\":" + p.p50 + ",\"p90Ns\":" + p.p90 + ",\"p99Ns\":" + p.p99 + ",\"p999Ns\":" + p.p999 + ",\"maxNs\":"
            + p.max + "}";
    }

    private static void csv(final PrintStream out, final LatencyReport.Metric m, final boolean header)
    {
        if (header)
        {
            out.println("metric,interval,from,to,count,p50Ns,p90Ns,p99Ns,p999Ns,maxNs");
        }
        for (int i = 0; i < m.intervals.size(); i++)
        {
            out.println(csvRow(m.name, Integer.toString(i + 1), m.intervals.get(i)));
        }
        out.println(csvRow(m.name, "overall", m.overall));
    }

    private static String csvRow(final String metric, final String interval, final LatencyReport.Percentiles p)
    {
        return metric + "," + interval + "," + p.fromMs + "," + p.toMs + "," + p.count + "," + p.p50 + "," + p.p90 + "," + p.p99 + ","
            + p.p999 + "," + p.max;
    }

    /** An interval bound to the second: the table's columns; JSON Lines and CSV keep the milliseconds. */
    private static String time(final long ms)
    {
        return Instant.ofEpochMilli(ms / 1000 * 1000).toString();
    }
}
