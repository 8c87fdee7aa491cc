package dev.exitengine.tools.latency;

import dev.exitengine.tools.DurationOption;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A running engine's latency, written down every interval and at the end: for each metric, the histogram of
 * the interval just ended appended to the metric's {@code .hlog} (the engine's histograms count from the start
 * of the run; an interval's is the difference of two copies), and the whole process's percentile
 * distribution rewritten in its {@code .hgrm} ({@link LatencyFiles}). Copies are taken with
 * {@code ConcurrentHistogram.copy()}, so the engine records on without waiting.
 */
public final class LatencyLog implements AutoCloseable
{
    /** Where and how often. */
    public static final class Settings
    {
        public final Path folder;
        public final Duration every;

        public Settings(final Path folder, final Duration every)
        {
            if (every.isZero() || every.isNegative())
            {
                throw new IllegalArgumentException("latency interval must be positive, was " + every);
            }
            this.folder = folder;
            this.every = every;
        }
    }

    /** One metric's files and the copy its next interval is measured from. */
    private static final class Metric
    {
        final Supplier<Histogram> copy;
        final PrintStream logFile;
        final HistogramLogWriter log;
        final Path percentiles;
        Histogram previous;

        Metric(final Supplier<Histogram> copy, final PrintStream logFile, final Path percentiles)
        {
            this.copy = copy;
            this.logFile = logFile;
            this.log = new HistogramLogWriter(logFile);
            this.percentiles = percentiles;
        }
    }

    private static final double NANOS_PER_MICRO = 1000.0;

    private final List<Metric> metrics = new ArrayList<>();
    private final LongSupplier clock;
    private final Consumer<String> errors;
    private ScheduledExecutorService timer;
    private long intervalStart;
    private long intervals;
    private boolean closed;

    /**
     * A log of the histograms {@code copies} hands (each call a new copy, or null before the engine has one),
     * one metric each, named by {@code names}; measured from now. Nothing is written until {@link #writeInterval}.
     */
    LatencyLog(final Path folder, final List<String> names, final List<Supplier<Histogram>> copies, final Duration every,
        final LongSupplier clock, final Consumer<String> errors) throws IOException
    {
        this.clock = clock;
        this.errors = errors;
        Files.createDirectories(folder);
        intervalStart = clock.getAsLong();
        for (int i = 0; i < names.size(); i++)
        {
            final String name = names.get(i);
            final OutputStream out = Files.newOutputStream(folder.resolve(LatencyFiles.name(name, intervalStart, LatencyFiles.LOG)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            final Metric m = new Metric(copies.get(i), new PrintStream(out, false, StandardCharsets.UTF_8),
                folder.resolve(LatencyFiles.name(name, intervalStart, LatencyFiles.PERCENTILES)));
            m.log.outputComment("exit-engine " + name + " latency in nanoseconds: one interval histogram every "
                + DurationOption.format(every) + " and at shutdown");
            m.log.outputLogFormatVersion();
            m.log.outputStartTime(intervalStart);
            m.log.outputLegend();
            m.logFile.flush();
            m.previous = m.copy.get();
            metrics.add(m);
        }
    }

    /** Starts writing the engine's two latency histograms every {@code settings.every} on a thread of its own. */
    public static LatencyLog start(final Settings settings, final Supplier<Histogram> tickToDecision, final Supplier<Histogram> tickToOrder,
        final Consumer<String> errors) throws IOException
    {
        final LatencyLog log = new LatencyLog(settings.folder, LatencyFiles.METRICS, List.of(tickToDecision, tickToOrder), settings.every,
            System::currentTimeMillis, errors);
        log.timer = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "latency-log");
            t.setDaemon(true);
            return t;
        });
        final long period = settings.every.toMillis();
        log.timer.scheduleAtFixedRate(log::writeInterval, period, period, TimeUnit.MILLISECONDS);
        return log;
    }

    /** Writes the interval that ends now, for every metric. Never throws: a failed write is reported and the next one tried. */
    synchronized void writeInterval()
    {
        if (closed)
        {
            return;
        }
        final long end = clock.getAsLong();
        for (final Metric m : metrics)
        {
            try
            {
                write(m, intervalStart, end);
            }
            catch (final IOException | RuntimeException ex)
            {
                errors.accept("latency log: " + m.percentiles.getFileName() + ": " + ex);
            }
        }
        intervalStart = end;
        intervals++;
    }

    private static void write(final Metric m, final long start, final long end) throws IOException
    {
        final Histogram now = m.copy.get();
        if (now == null)
        {
            return;
        }
        final Histogram interval = now.copy();
        if (m.previous != null)
        {
            interval.subtract(m.previous);
        }
        m.previous = now;
        interval.setStartTimeStamp(start);
        interval.setEndTimeStamp(end);
        m.log.outputIntervalHistogram(start / 1000.0, end / 1000.0, interval, 1.0);
        m.logFile.flush();
        if (m.logFile.checkError())
        {
            throw new IOException("the interval log could not be written");
        }
        final Path tmp = m.percentiles.resolveSibling(m.percentiles.getFileName() + ".tmp");
        try (PrintStream out = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8))
        {
            now.outputPercentileDistribution(out, 5, NANOS_PER_MICRO);
        }
        Files.move(tmp, m.percentiles, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Intervals written so far. */
    synchronized long intervals()
    {
        return intervals;
    }

    /** Stops the timer, writes the last interval (the one the shutdown ends) and closes the files. */
    @Override
    public void close()
    {
        if (timer != null)
        {
            timer.shutdownNow();
            try
            {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            writeInterval();
            closed = true;
            for (final Metric m : metrics)
            {
                m.logFile.close();
            }
        }
    }
}
