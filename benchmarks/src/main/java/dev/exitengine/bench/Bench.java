package dev.exitengine.bench;

import dev.exitengine.bench.jmh.JmhFlags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small helpers of the benchmark runs: timing statistics and scratch folders. */
public final class Bench
{
    /** The flags Chronicle needs on JDK 17+, as the root pom's {@code chronicle.jvm.flags} gives them. */
    public static final String[] CHRONICLE_FLAGS = {
        JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC, JmhFlags.REF, JmhFlags.NIO,
        JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR,
    };

    /**
     * The collector the engine is deployed with, and every profile section is forked with: the
     * parallel one. The engine allocates nothing per tick, so with a heap sized for the session no
     * collection comes while it trades; what G1 would cost it is its concurrent refinement. A fill
     * or a close stores references into long-lived objects (the book's tables, the ladders, the ring's
     * slots), about 3,600 cards a second at the latency run's 1,000 entries and 1,000 exits a second;
     * G1 hands them to its refinement threads in batches, which woke every 0.3 s (gc+refine log:
     * 1,280 cards each) and, on two cores, took one from the engine's consumer or its injector for
     * about a millisecond each time: a fifth of the engine's late ticks in a scheduler trace. The
     * parallel collector only marks the card, and has no thread that runs between collections.
     * {@code AlwaysPreTouch} faults the whole heap in at start (1.2 s for 2 GB here), not page by page
     * as allocation first reaches it: a replay spent 5 % of its time zeroing fresh heap pages.
     */
    public static final String[] DEPLOYMENT_FLAGS = {"-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"};

    /** JDK 24 and later also need these (JDK 17 refuses to start with the first). */
    public static final String[] JDK24_FLAGS = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"};

    private Bench()
    {
    }

    /** The flags a forked JVM needs on this runtime, and the deployment's collector. */
    public static String[] jvmFlags()
    {
        final String[] extra = Runtime.version().feature() >= 24 ? JDK24_FLAGS : new String[0];
        final String[] all = Arrays.copyOf(CHRONICLE_FLAGS, CHRONICLE_FLAGS.length + extra.length + DEPLOYMENT_FLAGS.length);
        System.arraycopy(extra, 0, all, CHRONICLE_FLAGS.length, extra.length);
        System.arraycopy(DEPLOYMENT_FLAGS, 0, all, CHRONICLE_FLAGS.length + extra.length, DEPLOYMENT_FLAGS.length);
        return all;
    }

    /**
     * Waits, with nothing of the caller's running, until the JIT has compiled what was queued: until
     * its total compilation time stays put for 200 ms, or {@code timeoutMillis} pass.
     *
     * @return how long it waited, in milliseconds
     */
    public static long awaitCompilerIdle(final long timeoutMillis) throws InterruptedException
    {
        final java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        final long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported())
        {
            Thread.sleep(Math.min(timeoutMillis, 1_000));
            return (System.nanoTime() - start) / 1_000_000;
        }
        long last = jit.getTotalCompilationTime();
        int still = 0;
        while (still < 2 && System.nanoTime() - start < timeoutMillis * 1_000_000)
        {
            Thread.sleep(100);
            final long now = jit.getTotalCompilationTime();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** This JVM's collectors, looked up once: the lookup builds object names through streams, code a measurement need not run. */
    static final java.util.List<java.lang.management.GarbageCollectorMXBean> COLLECTORS =
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();

    /** The names of the collectors this JVM runs, e.g. "PS MarkSweep+PS Scavenge" for the parallel one. */
    public static String collectors()
    {
        final StringBuilder b = new StringBuilder();
        for (final java.lang.management.GarbageCollectorMXBean gc : COLLECTORS)
        {
            b.append(b.length() == 0 ? "" : "+").append(gc.getName());
        }
        return b.toString();
    }

    public static double median(final double[] values)
    {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        if (n == 0)
        {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** A fresh scratch folder under the system temp folder. */
    public static Path tempDir(final String prefix)
    {
        try
        {
            return Files.createTempDirectory("exit-engine-bench-" + prefix + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The system property naming where the latency section's journal goes (also {@code --latency-journal DIR}). */
    public static final String LATENCY_JOURNAL = "exitengine.bench.latencyJournal";

    /**
     * Where the latency section journals: the folder {@link #LATENCY_JOURNAL} names; else tmpfs
     * ({@code /dev/shm}) where there is one, as a colocated low-latency deployment keeps its journal
     * (in memory, archived elsewhere); else the system temp folder.
     */
    public static Path latencyJournalRoot()
    {
        final String given = System.getProperty(LATENCY_JOURNAL);
        if (given != null && !given.isEmpty())
        {
            return Path.of(given);
        }
        final Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm))
        {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A fresh scratch folder under {@code root}. */
    public static Path tempDir(final Path root, final String prefix)
    {
        try
        {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "exit-engine-bench-" + prefix + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes a folder and everything in it; quietly does nothing when it is gone. */
    public static void delete(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Bytes of the files under {@code dir}. */
    public static long sizeOf(final Path dir)
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            return walk.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
