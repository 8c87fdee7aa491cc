package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The {@code latency} section: fixed-rate latency of the engine and of a bare two-handler Disruptor,
 * .hgrm files and a chart. The ratio's two sides are measured alternately at the headline rate, in
 * short segments, so that both meet the same stalls of a shared machine; then the engine alone
 * across rates.
 */
final class LatencyVsBareDisruptor extends ProfileSection
{
    /** The rate the latency ratio is taken at. */
    static final long HEADLINE = Summary.HEADLINE_RATE;

    LatencyVsBareDisruptor(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws IOException, InterruptedException
    {
        final long[] rates = full
            ? new long[] {10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 4_000_000}
            : new long[] {10_000, 100_000, 500_000, 1_000_000, 2_000_000};
        final double seconds = full ? 10 : 1.5;
        // short segments, many rounds: this machine's millisecond stalls (a kernel thread's 2 ms bursts a few times a
        // second, the compiler) land in over half of all 250 ms segments, so a side's median round was one a stall had
        // set, and the ratio followed how the stalls fell (1.0 to 4.1 over runs); in 50 ms segments fewer than one in five
        // is hit, and the median rounds compare the two sides' own tails (1.0 to 1.6 over the same kind of runs)
        final int rounds = Integer.getInteger("exitengine.bench.rounds", full ? 360 : 120);
        final long segment = Long.getLong("exitengine.bench.segment", 5_000);
        final Object[][] layouts = full
            ? new Object[][] {{EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING},
                {EngineConfig.Layout.THREAD_PER_HANDLER, EngineConfig.Wait.BLOCKING}}
            : new Object[][] {{EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING}};
        final List<LatencyReport.Line> lines = new ArrayList<>();
        final StringBuilder files = new StringBuilder();
        for (final Object[] lw : layouts)
        {
            final EngineConfig.Layout layout = (EngineConfig.Layout)lw[0];
            final EngineConfig.Wait wait = (EngineConfig.Wait)lw[1];
            final String tag = layout + "-" + wait;
            final Path dir = Bench.tempDir(Bench.latencyJournalRoot(), "latency");
            put("latencyAB.journalRoot", Bench.latencyJournalRoot().toString());
            final long[] counter = {0};
            final long[] bareCounter = {0};
            long highest = 0;
            try (LatencyHarness.BareTarget bare = new LatencyHarness.BareTarget(layout, wait);
                LatencyHarness.EngineTarget engine = new LatencyHarness.EngineTarget(layout, wait, dir.resolve("journal"), 100))
            {
                // warm-up, each alone: every path compiled before anything is measured
                engine.pause(true);
                LatencyHarness.run(bare, "bare", tag, 1_000_000, 2_000_000, bareCounter);
                LatencyHarness.run(bare, "bare", tag, HEADLINE, 100_000, bareCounter);
                bare.pause(true);
                engine.pause(false);
                LatencyHarness.run(engine, "engine", tag, 1_000_000, 2_000_000, counter);
                LatencyHarness.run(engine, "engine", tag, 500_000, 500_000, counter);
                LatencyHarness.run(engine, "engine", tag, HEADLINE, 100_000, counter);
                final long lockstep0 = System.nanoTime();
                LatencyHarness.lockstep(engine, full ? 2_000_000 : 1_000_000, counter);
                put("latencyAB." + tag + ".lockstepWarmupMillis", (System.nanoTime() - lockstep0) / 1_000_000);
                // what setup and warm-up left is promoted now, not copied by a collection mid-run
                System.gc();
                // the compilations the warm-up queued are finished with both cores free: run while two threads
                // keep both cores busy, a compiler thread gets little of them, and the engine's fill and exit paths
                // were still reaching C2 seconds into the measurement, the compiler taking a core from its side
                engine.pause(true);
                put("latencyAB." + tag + ".compilerIdleMillis", Bench.awaitCompilerIdle(5_000));
                engine.pause(false);
                // the alternation itself warmed up too (pausing, resuming): the first rounds after a collection run slow on both sides
                LatencyHarness.alternate(engine, "engine", counter, bare, "bare", bareCounter, tag, HEADLINE, segment, 8);
                final LatencyHarness.Alternation ab = LatencyHarness.alternate(engine, "engine", counter, bare, "bare", bareCounter, tag,
                    HEADLINE, segment, rounds);
                record(ab.a, files);
                record(ab.b, files);
                put("latencyAB." + tag + ".rounds", rounds);
                put("latencyAB." + tag + ".segmentEvents", segment);
                put("latencyAB." + tag + ".medianRoundRatio", Bench.median(ab.roundRatios));
                put("latencyAB." + tag + ".medianRoundP99.engine", Bench.median(toDoubles(ab.roundP99A)));
                put("latencyAB." + tag + ".medianRoundP99.bare", Bench.median(toDoubles(ab.roundP99B)));
                put("latencyAB." + tag + ".roundRatios", Arrays.toString(round2(ab.roundRatios)));
                log("alternated %d × %,d ticks a side @ %s: p99 engine ÷ bare %.2f (median of the rounds' ratios; a round's p99s "
                        + "%.1f µs ÷ %.1f µs at the median), %.2f (merged)", rounds, segment, rateText(HEADLINE), Bench.median(ab.roundRatios),
                    Bench.median(toDoubles(ab.roundP99A)) / 1e3, Bench.median(toDoubles(ab.roundP99B)) / 1e3,
                    (double)ab.a.tickToDecision.getValueAtPercentile(99) / Math.max(1, ab.b.tickToDecision.getValueAtPercentile(99)));
                lines.add(new LatencyReport.Line("engine " + tag + " tick→decision @ " + rateText(HEADLINE) + " (alternated)",
                    ab.a.tickToDecision, false));
                lines.add(new LatencyReport.Line("engine " + tag + " tick→order @ " + rateText(HEADLINE) + " (alternated)",
                    ab.a.tickToOrder, false));
                lines.add(new LatencyReport.Line("bare 2-handler Disruptor " + tag + " @ " + rateText(HEADLINE) + " (alternated)",
                    ab.b.tickToDecision, true));
                // the engine alone across rates: where it keeps up
                bare.pause(true);
                engine.pause(false);
                for (final long rate : rates)
                {
                    final long events = Math.max(30_000, (long)(rate * seconds));
                    final LatencyHarness.Run run = LatencyHarness.run(engine, "engineByRate", tag, rate, events, counter);
                    record(run, files);
                    if (rate != HEADLINE)
                    {
                        lines.add(new LatencyReport.Line("engine " + tag + " tick→decision @ " + rateText(rate), run.tickToDecision,
                            false));
                    }
                    if (run.sustained())
                    {
                        highest = rate;
                    }
                    else if (run.tickToDecision.getValueAtPercentile(50) > 1_000_000)
                    {
                        // a backlog every tick waits behind: higher rates only take longer to say the same
                        break;
                    }
                }
            }
            finally
            {
                Bench.delete(dir);
            }
            put("latency." + tag + ".highestSustainedRate", highest);
            Thread.sleep(50);
            // the same engine without its journal, to show what journaling adds
            try (LatencyHarness.EngineTarget engine = new LatencyHarness.EngineTarget(layout, wait, null, 100))
            {
                final long[] c = {0};
                LatencyHarness.run(engine, "noJournal", tag, 1_000_000, 2_000_000, c);
                LatencyHarness.run(engine, "noJournal", tag, HEADLINE, 100_000, c);
                System.gc();
                for (final long rate : full ? rates : new long[] {HEADLINE})
                {
                    final long events = Math.max(30_000, (long)(rate * seconds));
                    final LatencyHarness.Run run = LatencyHarness.run(engine, "noJournal", tag, rate, events, c);
                    record(run, files);
                    if (rate == HEADLINE)
                    {
                        lines.add(new LatencyReport.Line("engine, no journal, " + tag + " tick→decision @ " + rateText(rate),
                            run.tickToDecision, true));
                    }
                    if (run.tickToDecision.getValueAtPercentile(50) > 1_000_000)
                    {
                        break;
                    }
                }
            }
            Thread.sleep(50);
            // the same engine journaling to the temp folder's disk: what the storage adds, shown, not hidden
            final Path disk = Bench.tempDir("latency-disk");
            try (LatencyHarness.EngineTarget engine = new LatencyHarness.EngineTarget(layout, wait, disk.resolve("journal"), 100))
            {
                final long[] c = {0};
                LatencyHarness.run(engine, "diskJournal", tag, 1_000_000, 2_000_000, c);
                LatencyHarness.run(engine, "diskJournal", tag, HEADLINE, 100_000, c);
                System.gc();
                record(LatencyHarness.run(engine, "diskJournal", tag, HEADLINE, Math.max(30_000, (long)(HEADLINE * seconds)), c), files);
            }
            finally
            {
                Bench.delete(disk);
            }
        }
        final Path chart = artifacts.resolve("latency-percentiles.png");
        LatencyReport.writeChart("Exit engine: latency from intended send time (coordinated-omission free)",
            "fixed-rate injection of trades, 1 in " + LatencyHarness.TRIGGER_EVERY + " closing a position; journal on; "
                + Runtime.getRuntime().availableProcessors() + " cores; " + (full ? "full" : "quick") + " profile",
            lines, chart);
        put("latency.chart", chart.toString());
        put("latency.hgrm", files.toString().trim());
        log("chart: %s", chart);
    }

    private static double[] toDoubles(final long[] values)
    {
        final double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++)
        {
            d[i] = values[i];
        }
        return d;
    }

    private void record(final LatencyHarness.Run run, final StringBuilder files) throws IOException
    {
        final String prefix = "latency." + run.layout + "." + run.target + "." + run.rate;
        putHistogram(prefix + ".decision", run.tickToDecision);
        if (run.tickToOrder != null)
        {
            putHistogram(prefix + ".closeDecision", run.tickToCloseDecision);
            putHistogram(prefix + ".order", run.tickToOrder);
            putHistogram(prefix + ".engineInternal", run.engineInternal);
        }
        put(prefix + ".events", run.events);
        put(prefix + ".gcCount", run.gcCount);
        put(prefix + ".gcMillis", run.gcMillis);
        put(prefix + ".sustained", Boolean.toString(run.sustained()));
        final String base = run.target + "-" + run.layout + "-" + run.rate;
        final Path decision = artifacts.resolve(base + "-tick-to-decision.hgrm");
        LatencyReport.writeHgrm(run.tickToDecision, decision);
        files.append(decision).append('\n');
        if (run.tickToOrder != null)
        {
            final Path order = artifacts.resolve(base + "-tick-to-order.hgrm");
            LatencyReport.writeHgrm(run.tickToOrder, order);
            files.append(order).append('\n');
        }
        log("%-9s %s @ %9s/s: tick→decision p50 %s p99 %s p99.9 %s p99.99 %s max %s%s%s", run.target, run.layout,
            String.format(Locale.ROOT, "%,d", run.rate), us(run.tickToDecision, 50), us(run.tickToDecision, 99),
            us(run.tickToDecision, 99.9), us(run.tickToDecision, 99.99), usMax(run.tickToDecision),
            run.tickToOrder == null ? "" : "; tick→order p99 " + us(run.tickToOrder, 99),
            (run.gcCount == 0 ? "" : String.format(Locale.ROOT, "; %d GC, %d ms", run.gcCount, run.gcMillis))
                + (run.sustained() ? "" : "  (not sustained)"));
    }

    private static String rateText(final long rate)
    {
        return rate >= 1_000_000 ? rate / 1_000_000 + "M/s" : rate / 1000 + "k/s";
    }
}
