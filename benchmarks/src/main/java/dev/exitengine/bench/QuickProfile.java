package dev.exitengine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The benchmark profile in one command: measures every ratio of issue 5 (each numerator and its
 * baseline in the same run), the evaluator's allocation per event, the heap per open position, the
 * comparison with ta4j and the end-to-end latency, and writes a JSON summary.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar --out summary.json [--full] [--artifacts DIR] [--only SECTION,...]
 * </pre>
 *
 * <p>Like JMH, each section runs in a JVM of its own (forked with the flags Chronicle needs), so one
 * section's compiled code, heap and threads do not colour another's. Within a section, a ratio's two
 * sides alternate round by round after warm-up and the medians are compared. The quick profile
 * (the default) fits in under three minutes on two cores; {@code --full} runs longer and larger
 * (10 million replayed events, more rates, the thread-per-handler layout's latency too).
 *
 * <p>This class is the driver: it forks the sections in order and assembles the summary. Each
 * section is a {@link ProfileSection} of its own, named for what it measures: {@link AllocationPerTick},
 * {@link CostByBookSize}, {@link EvaluatorVsBareDisruptor}, {@link PipelineVsRawAppend},
 * {@link EngineVsTa4j}, {@link ReplayVsRawTailer}, {@link LatencyVsBareDisruptor}, {@link WireToDecision} and, among others, {@link ClusterVsSingle}.
 */
public final class QuickProfile
{
    static final String[] SECTIONS = {"alloc", "scale", "disruptor", "pipeline", "ta4j", "replay", "latency", "wire", "order", "snapshot", "userpaths", "cluster"};

    private QuickProfile()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> opts = parse(args);
        final boolean full = opts.containsKey("full");
        if (opts.containsKey("section"))
        {
            // a forked section: measure, write its results, exit
            final Properties out = new Properties();
            section(opts.get("section"), full, Path.of(opts.getOrDefault("artifacts", ".")), out).run();
            try (OutputStream o = Files.newOutputStream(Path.of(opts.get("result"))))
            {
                out.store(o, opts.get("section"));
            }
            System.exit(0);
        }
        if (!opts.containsKey("out"))
        {
            System.err.println("usage: java -jar benchmarks/target/benchmarks.jar --out SUMMARY.json [--full] [--artifacts DIR] [--only SECTION,...]");
            System.err.println("  --out FILE      where the JSON summary goes (the .hgrm files and the chart go beside it, in FILE-artifacts/)");
            System.err.println("  --full          the long profile: 10,000,000 replayed events, more rates and rounds, both thread layouts");
            System.err.println("  --artifacts DIR where the .hgrm files and the latency chart go");
            System.err.println("  --only LIST     some sections only, of: " + String.join(",", SECTIONS) + ", soak, restart, postmortem (not in the default run)");
            System.err.println("  --latency-journal DIR  where the latency section's engine journals (default /dev/shm where it exists,");
            System.err.println("                  else the temp folder; the disk-journal run always uses the temp folder)");
            System.err.println("without --out, the jar is a JMH jar: -l lists the benchmarks, -h the options");
            System.exit(opts.containsKey("help") ? 0 : 2);
        }
        final Path out = Path.of(opts.get("out")).toAbsolutePath();
        final Path artifacts = Path.of(opts.getOrDefault("artifacts",
            out.getParent().resolve(stripJson(out.getFileName().toString()) + "-artifacts").toString())).toAbsolutePath();
        if (opts.containsKey("latency-journal"))
        {
            System.setProperty(Bench.LATENCY_JOURNAL, opts.get("latency-journal"));
        }
        final List<String> sections = opts.containsKey("only") ? Arrays.asList(opts.get("only").split(",")) : Arrays.asList(SECTIONS);
        final long t0 = System.nanoTime();
        final Map<String, String> results = new TreeMap<>();
        final Map<String, String> errors = new LinkedHashMap<>();
        results.put("loadAverage.start", loadAverage());
        if (Runtime.getRuntime().availableProcessors() <= 2)
        {
            System.out.println("load average " + results.get("loadAverage.start") + " (other busy processes on two cores distort every number)");
        }
        for (final String section : sections)
        {
            final long s0 = System.nanoTime();
            System.out.printf(Locale.ROOT, "== %s%n", section);
            try
            {
                results.putAll(fork(section, full, artifacts));
            }
            catch (final Exception ex)
            {
                errors.put(section, ex.getMessage());
                System.out.println("   FAILED: " + ex.getMessage());
            }
            System.out.printf(Locale.ROOT, "   %s took %.1f s%n", section, (System.nanoTime() - s0) / 1e9);
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        results.put("loadAverage.end", loadAverage());
        final Map<String, Object> summary = Summary.build(results, errors, full, wall, artifacts);
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(summary), StandardCharsets.UTF_8);
        System.out.println(Summary.table(summary));
        System.out.printf(Locale.ROOT, "wrote %s (%.0f s)%n", out, wall);
    }

    /** The 1, 5 and 15 minute load averages, where the system tells them. */
    private static String loadAverage()
    {
        try
        {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String stripJson(final String name)
    {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            if (!a.startsWith("--"))
            {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            final String key = a.substring(2);
            if ("full".equals(key) || "help".equals(key))
            {
                m.put(key, "true");
            }
            else if (i + 1 < args.length)
            {
                m.put(key, args[++i]);
            }
            else
            {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return m;
    }

    /** Runs one section in a JVM of its own and returns what it measured. */
    private static Map<String, String> fork(final String section, final boolean full, final Path artifacts)
        throws IOException, InterruptedException
    {
        final Path result = Files.createTempFile("exit-engine-bench-" + section, ".properties");
        try
        {
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Arrays.asList(Bench.jvmFlags()));
            if ("cluster".equals(section))
            {
                cmd.addAll(Arrays.asList(ClusterVsSingle.AERON_FLAGS));
            }
            cmd.add("-Djava.awt.headless=true");
            if (System.getProperty(Bench.LATENCY_JOURNAL) != null)
            {
                cmd.add("-D" + Bench.LATENCY_JOURNAL + "=" + System.getProperty(Bench.LATENCY_JOURNAL));
            }
            cmd.add("-Dslf4j.internal.verbosity=WARN");
            final boolean big = "scale".equals(section) || "snapshot".equals(section) || "restart".equals(section) || "postmortem".equals(section);
            cmd.add(big ? "-Xmx6g" : "-Xmx2g");
            cmd.add(big ? "-Xms6g" : "-Xms2g");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(QuickProfile.class.getName());
            cmd.add("--section");
            cmd.add(section);
            cmd.add("--result");
            cmd.add(result.toString());
            cmd.add("--artifacts");
            cmd.add(artifacts.toString());
            if (full)
            {
                cmd.add("--full");
            }
            final Process p = new ProcessBuilder(cmd).inheritIO().start();
            final int exit = p.waitFor();
            if (exit != 0)
            {
                throw new IllegalStateException("section " + section + " exited with " + exit);
            }
            final Properties props = new Properties();
            try (InputStream in = Files.newInputStream(result))
            {
                props.load(in);
            }
            final Map<String, String> m = new TreeMap<>();
            for (final String k : props.stringPropertyNames())
            {
                m.put(k, props.getProperty(k));
            }
            return m;
        }
        finally
        {
            Files.deleteIfExists(result);
        }
    }

    /** The section of that name, measuring into {@code out}. */
    private static ProfileSection section(final String name, final boolean full, final Path artifacts, final Properties out)
    {
        switch (name)
        {
            case "alloc": return new AllocationPerTick(full, artifacts, out);
            case "scale": return new CostByBookSize(full, artifacts, out);
            case "disruptor": return new EvaluatorVsBareDisruptor(full, artifacts, out);
            case "pipeline": return new PipelineVsRawAppend(full, artifacts, out);
            case "ta4j": return new EngineVsTa4j(full, artifacts, out);
            case "replay": return new ReplayVsRawTailer(full, artifacts, out);
            case "latency": return new LatencyVsBareDisruptor(full, artifacts, out);
            case "wire": return new WireToDecision(full, artifacts, out);
            case "soak": return new Soak(full, artifacts, out);
            case "snapshot": return new SnapshotCost(full, artifacts, out);
            case "restart": return new Restart(full, artifacts, out);
            case "postmortem": return new PostMortemSpeed(full, artifacts, out);
            case "userpaths": return new UserPaths(full, artifacts, out);
            case "order": return new OrderRequestCost(full, artifacts, out);
            case "cluster": return new ClusterVsSingle(full, artifacts, out);
            default: throw new IllegalArgumentException("unknown section '" + name + "'; one of " + String.join(",", SECTIONS));
        }
    }
}
