package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the sections' raw measurements into the summary: the ratios, the allocation and
 * memory figures, the ta4j verdict, the headline latency, and each goal with whether it holds.
 */
final class Summary
{
    static final long HEADLINE_RATE = 100_000;
    static final String HEADLINE_LAYOUT = "SINGLE_THREAD-YIELDING";

    private Summary()
    {
    }

    static Map<String, Object> build(final Map<String, String> r, final Map<String, String> errors, final boolean full, final double wall,
        final Path artifacts)
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("profile", full ? "full" : "quick");
        s.put("wallSeconds", wall);
        final Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", r.getOrDefault("jvm", System.getProperty("java.vm.name") + " " + Runtime.version()));
        machine.put("gc", r.getOrDefault("gc", "?"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", r.get("loadAverage.start"));
        machine.put("loadAverageAtEnd", r.get("loadAverage.end"));
        s.put("machine", machine);

        final String st = "pipeline.SINGLE_THREAD.YIELDING.";
        final String lat = "latency." + HEADLINE_LAYOUT + ".";
        final Map<String, Object> ratios = new LinkedHashMap<>();
        // paired like the latency: the median of the alternated pairs' ratios
        ratios.put("pipelineJournaledVsRawAppend", r.containsKey("pipeline.journaledVsRawAppend.medianPairRatio")
            ? num(r, "pipeline.journaledVsRawAppend.medianPairRatio")
            : div(num(r, st + "journal.eventsPerSecond"), num(r, "pipeline.rawAppend.perSecond")));
        ratios.put("evaluatorVsRawDisruptor", div(num(r, "disruptor.evaluator.eventsPerSecond"), num(r, "disruptor.bare.eventsPerSecond")));
        ratios.put("scale1MVs1k", div(num(r, "scale.indexed.1000000.nsPerTick"), num(r, "scale.indexed.1000.nsPerTick")));
        ratios.put("scanVsIndexed1M", div(num(r, "scale.scan.1000000.nsPerTick"), num(r, "scale.indexed.1000000.nsPerTick")));
        ratios.put("ta4jVsEngine", div(num(r, "ta4j.ta4jNanos"), num(r, "ta4j.engineNanos")));
        // paired too: the median of the alternated passes' ratios
        ratios.put("replayVsRawTailer", r.containsKey("replay.medianPassRatio") ? num(r, "replay.medianPassRatio")
            : div(num(r, "replay.eventsPerSecond"), num(r, "replay.tailerEventsPerSecond")));
        // paired: each round measures both sides a few hundred milliseconds apart; the median of the rounds' p99
        // ratios. The ratio of the merged p99s is given beside it: on a shared machine it turns on which side a
        // handful of outside stalls of several milliseconds happened to land (see the README)
        ratios.put("latencyP99VsBareDisruptor", num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundRatio"));
        ratios.put("latencyP99VsBareDisruptorMerged", div(num(r, lat + "engine." + HEADLINE_RATE + ".decision.p99"),
            num(r, lat + "bare." + HEADLINE_RATE + ".decision.p99")));
        // the highest over the wire section's rates of the median round's p99 ratio
        ratios.put("wireP99VsBareClient", num(r, "wire.ratio"));
        ratios.put("orderRequestVsBareHmac", num(r, "order.medianRatio"));
        ratios.put("snapshotRestoreVsRefill1M", num(r, "snapshot.restoreVsRefill"));
        ratios.put("fileRunVsReplay", num(r, "userpaths.fileRunVsReplay"));
        ratios.put("jsonlParseVsRawRead", num(r, "userpaths.jsonlParseVsRawRead"));
        // a three-member LocalCluster over one caller-thread engine, the same session alternated: median of the rounds' ratios
        ratios.put("clusterVsSingle", num(r, "cluster.medianRoundRatio"));
        ratios.put("clusterVsJournaledSingle", num(r, "cluster.vsJournaledSingle"));
        s.put("ratios", ratios);
        s.put("snapshotPauseMillis1M", num(r, "snapshot.pauseMillis"));
        // the demo as a user runs it: the events/s it prints (median of the passes)
        s.put("demoEventsPerSecond", num(r, "userpaths.demoEventsPerSecond"));

        final Double allocBytes = num(r, "alloc.bytes");
        final Double allocEvents = num(r, "alloc.events");
        s.put("allocBytesPerEvent", div(allocBytes, allocEvents));
        s.put("bytesPerPosition", div(num(r, "memory.heapBytes"), num(r, "memory.positions")));
        s.put("wireAllocBytesPerFrame", num(r, "wire.allocBytesPerFrame"));
        if (r.containsKey("soak.growthPct"))
        {
            final java.util.Map<String, Object> soak = new java.util.LinkedHashMap<>();
            for (final String k : new String[] {"positions", "events", "seconds", "heapFirstMB", "heapLastMB", "heapMaxMB", "growthPct"})
            {
                soak.put(k, num(r, "soak." + k));
            }
            s.put("soak", soak);
        }
        if (r.containsKey("restart.fromSnapshotSeconds"))
        {
            final java.util.Map<String, Object> restart = new java.util.LinkedHashMap<>();
            for (final String k : new String[] {"events", "positions", "journalBytes", "snapshotBytes", "snapshots", "writeSeconds",
                "maxPauseMillis", "medianPauseMillis", "fromSnapshotSeconds", "tailInputs", "fromJournalSeconds", "journalVsSnapshot"})
            {
                restart.put(k, num(r, "restart." + k));
            }
            s.put("restart", restart);
        }
        if (r.containsKey("postmortem.explainSeconds"))
        {
            final java.util.Map<String, Object> pm = new java.util.LinkedHashMap<>();
            for (final String k : new String[] {"events", "positionsAtEndSeconds", "positionsAtEndReplayed", "positionsAtMiddleSeconds",
                "positionsAtMiddleReplayed", "explainSeconds", "explainReplayed", "replaySeconds"})
            {
                pm.put(k, num(r, "postmortem." + k));
            }
            s.put("postmortem", pm);
        }
        if (r.containsKey("cluster.medianRoundRatio"))
        {
            // ClusterVsSingle: inputs/s of each side, and input → decision (ns) of the cluster's leader beside the single process's
            final java.util.Map<String, Object> cluster = new java.util.LinkedHashMap<>();
            for (final String k : new String[] {"members", "inputsPerPass", "rounds", "single.inputsPerSecond", "cluster.inputsPerSecond",
                "roundRatios", "latency.rate", "latency.cluster.p50", "latency.cluster.p99", "latency.cluster.max", "latency.single.p50",
                "latency.single.p99", "latency.single.max", "lastMemberWaitSeconds", "singleJournaled.inputsPerSecond", "vsJournaledSingle",
                "latency.forwarder.p50", "latency.forwarder.p99", "idle100us.cluster.inputsPerSecond", "idle100us.medianRoundRatio",
                "latency.cluster100us.p50", "latency.cluster100us.p99"})
            {
                cluster.put(k, value(r.getOrDefault("cluster." + k, "null")));
            }
            s.put("cluster", cluster);
        }
        s.put("exitsMatchTa4j", r.containsKey("ta4j.exitsMatch") ? Boolean.valueOf(r.get("ta4j.exitsMatch")) : null);

        final Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("rate", HEADLINE_RATE);
        latency.put("layout", HEADLINE_LAYOUT + ", journal on");
        latency.put("measure", "tick → decision (evaluated tick reaches the close-order handler), from the intended send time");
        for (final String p : new String[] {"p50", "p90", "p99", "p999", "p9999", "max"})
        {
            latency.put(p, num(r, lat + "engine." + HEADLINE_RATE + ".decision." + p));
        }
        final Map<String, Object> order = new LinkedHashMap<>();
        for (final String p : new String[] {"p50", "p90", "p99", "p999", "p9999", "max"})
        {
            order.put(p, num(r, lat + "engine." + HEADLINE_RATE + ".order." + p));
        }
        latency.put("tickToOrder", order);
        latency.put("bareDisruptorP99", num(r, lat + "bare." + HEADLINE_RATE + ".decision.p99"));
        latency.put("method", "engine and bare Disruptor alternated in " + r.getOrDefault("latencyAB." + HEADLINE_LAYOUT + ".rounds", "?")
            .replace(".0", "") + " rounds of " + r.getOrDefault("latencyAB." + HEADLINE_LAYOUT + ".segmentEvents", "?").replace(".0", "")
            + " ticks a side; p50..max above from each side's merged histogram; ratios.latencyP99VsBareDisruptor is the median of "
            + "the rounds' p99 ratios, ratios.latencyP99VsBareDisruptorMerged the ratio of the merged p99s");
        latency.put("medianRoundRatio", num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundRatio"));
        latency.put("medianRoundP99", num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundP99.engine"));
        latency.put("bareMedianRoundP99", num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundP99.bare"));
        // the same rounds read the other way: each side's median round, then their ratio (no pairing, each median
        // untouched by stalls while fewer than half of that side's rounds meet one)
        latency.put("medianRoundP99Ratio", div(num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundP99.engine"),
            num(r, "latencyAB." + HEADLINE_LAYOUT + ".medianRoundP99.bare")));
        latency.put("roundRatios", r.get("latencyAB." + HEADLINE_LAYOUT + ".roundRatios"));
        latency.put("journal", r.get("latencyAB.journalRoot"));
        latency.put("diskJournalP99", num(r, lat + "diskJournal." + HEADLINE_RATE + ".decision.p99"));
        latency.put("highestSustainedRate", num(r, lat + "highestSustainedRate"));
        s.put("latencyNs", latency);

        s.put("goals", goals(s));

        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("latencyByRate", latencyByRate(r));
        details.put("wireNs", wire(r));
        final Map<String, Object> raw = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : r.entrySet())
        {
            if (!e.getKey().startsWith("loadAverage.") && (!e.getKey().startsWith("latency.") || e.getKey().endsWith("highestSustainedRate")))
            {
                raw.put(e.getKey(), value(e.getValue()));
            }
        }
        details.put("measurements", raw);
        details.put("notes", notes(full, r));
        s.put("details", details);

        final Map<String, Object> files = new LinkedHashMap<>();
        files.put("dir", artifacts.toString());
        files.put("chart", r.get("latency.chart"));
        files.put("hgrm", r.containsKey("latency.hgrm") ? Arrays.asList(r.get("latency.hgrm").split("\n")) : List.of());
        s.put("artifacts", files);
        s.put("errors", errors);
        return s;
    }

    private static List<Object> notes(final boolean full, final Map<String, String> r)
    {
        final List<Object> n = new ArrayList<>();
        n.add("Each ratio's two sides are measured in the same run, in the same forked JVM, alternating or back to back after warm-up; medians.");
        n.add("pipelineJournaledVsRawAppend: engine (single consumer thread, yielding, 1,000 positions, Chronicle journal, one document per batch) "
            + "events/s over bare Chronicle appends of the same " + r.getOrDefault("pipeline.rawAppend.recordBytes", "?")
            + "-byte trade record, one document each; the two alternated in " + r.getOrDefault("pipeline.journaledVsRawAppend.pairs", "?")
            .replace(".0", "") + " pairs of runs, each measured run after an unmeasured lead-in of "
            + r.getOrDefault("pipeline.journaledVsRawAppend.leadInEvents", "?").replace(".0", "")
            + " events of the same side (it uses up the journal's pre-faulted headroom), the median of the pairs' ratios.");
        n.add("evaluatorVsRawDisruptor: one producer, one handler, yielding, ring of the engine's events; handler the evaluator "
            + "(1,000 positions, non-triggering ticks) over a no-op handler.");
        n.add("scale1MVs1k, scanVsIndexed1M: evaluator driven directly, non-triggering ticks on random symbols of 1,000; "
            + "the scan checks every position of a plain array against its symbol's last price.");
        n.add("ta4jVsEngine: real BTCUSDT trades of the bundled capture, one bar per trade; ta4j checks every open position on every bar.");
        n.add("replayVsRawTailer: Replay.run of a journal of " + r.getOrDefault("replay.events", "?").replace(".0", "")
            + " events" + (full ? "" : " (quick profile: fewer than the full profile's 10,000,000)")
            + " over a bare tailer reading as many one-event documents of the same bytes, alternated pass by pass; the median "
            + "of the passes' ratios (the rates given are each side's best pass).");
        n.add("latency: coordinated-omission free (from each tick's intended send time); tick→decision = the evaluated tick reaching "
            + "the close-order handler; the baseline is a bare Disruptor with a no-op handler then a timing handler in the same layout "
            + "and wait strategy, injected the same way. The two are alternated in short segments (the idle one parked, the order drawn "
            + "at random per pair of rounds), so both meet the same stalls of a shared machine; the headline ratio is the median "
            + "of the rounds' p99 ratios, the merged one beside it. The JVM runs the parallel collector (Bench.DEPLOYMENT_FLAGS). "
            + "The engine journals to "
            + r.getOrDefault("latencyAB.journalRoot", "?") + "; the same engine journaling to the temp folder's disk is measured too "
            + "(latencyByRate.*.diskJournal) to show what the storage adds.");
        n.add("wire: bookTicker combined-stream frames written by a local venue (127.0.0.1) at fixed rates, each from its intended send "
            + "time; engine side: the live client (BinanceMarketStreams) -> its ring -> an ingress thread publishing quotes into the engine "
            + "(SINGLE_THREAD, yielding, journal on, paper gateway, a stop crossed once in 100 frames), timed when the evaluated frame reaches "
            + "the close-order handler (decision) and when a close is handed to the gateway (order); bare side: the same client, ring and "
            + "ingress thread with no engine, timed when the frame is drained. Alternated in rounds after warm-up; wireP99VsBareClient is the "
            + "highest over the rates of the median round's p99 ratio; wireAllocBytesPerFrame is what the client's event-loop thread "
            + "allocated over the measured rounds per frame it received.");
        return n;
    }

    /** The wire section by rate: each side's percentiles (ns), the rounds and their ratios. */
    private static Map<String, Object> wire(final Map<String, String> r)
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : r.entrySet())
        {
            // wire.RATE.SIDE.MEASURE.STAT, wire.RATE.STAT
            final String[] p = e.getKey().split("\\.");
            if (p.length >= 3 && "wire".equals(p[0]) && p[1].chars().allMatch(Character::isDigit))
            {
                nest(out, p, value(e.getValue()));
            }
        }
        return out;
    }

    private static Map<String, Object> latencyByRate(final Map<String, String> r)
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : r.entrySet())
        {
            final String k = e.getKey();
            if (!k.startsWith("latency.") || k.endsWith("highestSustainedRate") || k.equals("latency.chart") || k.equals("latency.hgrm"))
            {
                continue;
            }
            // latency.LAYOUT.TARGET.RATE.MEASURE.STAT
            final String[] p = k.split("\\.");
            if (p.length < 5)
            {
                continue;
            }
            nest(out, p, value(e.getValue()));
        }
        return out;
    }

    /** Puts {@code value} in nested maps under the key's parts after the first ({@code a.b.c.d}: {@code b → c → d}). */
    private static void nest(final Map<String, Object> out, final String[] key, final Object value)
    {
        Map<String, Object> m = out;
        for (int i = 1; i < key.length - 1; i++)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> next = (Map<String, Object>)m.computeIfAbsent(key[i], x -> new LinkedHashMap<String, Object>());
            m = next;
        }
        m.put(key[key.length - 1], value);
    }

    private static Map<String, Object> goals(final Map<String, Object> s)
    {
        @SuppressWarnings("unchecked")
        final Map<String, Object> ratios = (Map<String, Object>)s.get("ratios");
        final Map<String, Object> g = new LinkedHashMap<>();
        goal(g, "pipelineJournaledVsRawAppend", ratios.get("pipelineJournaledVsRawAppend"), ">=", 1.0);
        goal(g, "evaluatorVsRawDisruptor", ratios.get("evaluatorVsRawDisruptor"), ">=", 0.5);
        goal(g, "scale1MVs1k", ratios.get("scale1MVs1k"), "<=", 2.0);
        goal(g, "scanVsIndexed1M", ratios.get("scanVsIndexed1M"), ">=", 1000.0);
        final Object exits = s.get("exitsMatchTa4j");
        final Object ta4j = ratios.get("ta4jVsEngine");
        goal(g, "ta4jVsEngine", Boolean.TRUE.equals(exits) ? ta4j : null, ">=", 100.0);
        goal(g, "replayVsRawTailer", ratios.get("replayVsRawTailer"), ">=", 0.5);
        goal(g, "latencyP99VsBareDisruptor", ratios.get("latencyP99VsBareDisruptor"), "<=", 3.0);
        goal(g, "wireP99VsBareClient", ratios.get("wireP99VsBareClient"), "<=", 1.5);
        goal(g, "allocBytesPerEvent", s.get("allocBytesPerEvent"), "==", 0.0);
        goal(g, "wireAllocBytesPerFrame", s.get("wireAllocBytesPerFrame"), "==", 0.0);
        goal(g, "bytesPerPosition", s.get("bytesPerPosition"), "<=", 256.0);
        goal(g, "orderRequestVsBareHmac", ratios.get("orderRequestVsBareHmac"), "<=", 10.0);
        goal(g, "fileRunVsReplay", ratios.get("fileRunVsReplay"), ">=", 0.8);
        goal(g, "jsonlParseVsRawRead", ratios.get("jsonlParseVsRawRead"), ">=", 0.5);
        goal(g, "clusterVsSingle", ratios.get("clusterVsSingle"), ">=", 0.2);
        goal(g, "snapshotRestoreVsRefill1M", ratios.get("snapshotRestoreVsRefill1M"), "<=", 1.0);
        goal(g, "snapshotPauseMillis1M", s.get("snapshotPauseMillis1M"), "<=", 1000.0);
        goal(g, "exitsMatchTa4j", exits == null ? null : (Boolean.TRUE.equals(exits) ? 1.0 : 0.0), "==", 1.0);
        return g;
    }

    private static void goal(final Map<String, Object> g, final String name, final Object value, final String op, final double bound)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("goal", op + " " + (bound == Math.rint(bound) ? String.valueOf((long)bound) : String.valueOf(bound)));
        Boolean met = null;
        if (value instanceof Number)
        {
            final double v = ((Number)value).doubleValue();
            met = ">=".equals(op) ? v >= bound : "<=".equals(op) ? v <= bound : v == bound;
        }
        m.put("met", met);
        g.put(name, m);
    }

    /** A plain-text table of the goals, for the console. */
    @SuppressWarnings("unchecked")
    static String table(final Map<String, Object> s)
    {
        final StringBuilder sb = new StringBuilder("\n");
        sb.append(String.format(Locale.ROOT, "%-30s %14s %10s %s%n", "goal", "value", "target", "met"));
        for (final Map.Entry<String, Object> e : ((Map<String, Object>)s.get("goals")).entrySet())
        {
            final Map<String, Object> m = (Map<String, Object>)e.getValue();
            final Object v = m.get("value");
            final String text = v instanceof Number ? String.format(Locale.ROOT, "%.4g", ((Number)v).doubleValue()) : String.valueOf(v);
            sb.append(String.format(Locale.ROOT, "%-30s %14s %10s %s%n", e.getKey(), text, m.get("goal"),
                m.get("met") == null ? "n/a" : ((Boolean)m.get("met") ? "yes" : "NO")));
        }
        final Map<String, Object> l = (Map<String, Object>)s.get("latencyNs");
        sb.append(String.format(Locale.ROOT, "latency @ %s/s tick→decision (ns): p50 %s p90 %s p99 %s p99.9 %s p99.99 %s max %s%n",
            l.get("rate"), l.get("p50"), l.get("p90"), l.get("p99"), l.get("p999"), l.get("p9999"), l.get("max")));
        return sb.toString();
    }

    private static Object value(final String v)
    {
        if ("true".equals(v) || "false".equals(v))
        {
            return Boolean.valueOf(v);
        }
        try
        {
            return Double.valueOf(v);
        }
        catch (final NumberFormatException ex)
        {
            return v;
        }
    }

    private static Double num(final Map<String, String> r, final String key)
    {
        final String v = r.get(key);
        if (v == null)
        {
            return null;
        }
        try
        {
            return Double.valueOf(v);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static Double div(final Double a, final Double b)
    {
        if (a == null || b == null || b == 0)
        {
            return null;
        }
        return a / b;
    }
}
