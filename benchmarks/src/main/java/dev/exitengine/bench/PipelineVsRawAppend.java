package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.journal.JournalPretoucher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/** The {@code pipeline} section: the whole pipeline with the journal on and off in each layout, and bare Chronicle appends. */
final class PipelineVsRawAppend extends ProfileSection
{
    PipelineVsRawAppend(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws InterruptedException
    {
        final int rounds = full ? 7 : 3;
        final long n = full ? 5_000_000 : 1_000_000;
        // the ratio's two sides alternate, run by run, as the latency's do: on this machine a single-threaded
        // append loop alone ran anywhere from 3.5 to 10 M/s from one run to the next, so two sides measured
        // back to back, seconds apart, compared the machine's moods as much as the code
        final int pairs = Integer.getInteger("exitengine.bench.pipelinePairs", full ? 15 : 9);
        final long pairEvents = full ? 1_000_000 : 500_000;
        final Path raw = Bench.tempDir("raw");
        final Path journalDir = Bench.tempDir("pipeline");
        try (RawQueue q = new RawQueue(raw);
            EngineRig rig = new EngineRig(EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING, journalDir.resolve("journal"),
                1000, null, null, true))
        {
            rig.openPositions(1);
            rig.run(full ? 2_000_000 : 1_000_000);
            q.append(1_000_000);
            // each measured run follows an unmeasured lead-in of the same side, long enough to use up the
            // journal's pre-faulted headroom: the engine's journaling thread faults pages in ahead of its
            // writer while it idles (so while the other side runs), and a run that began on that headroom
            // would be measured on work done outside it. Measured, both sides are in their steady state.
            final long leadIn = JournalPretoucher.AHEAD / q.recordLength() * 5 / 4;
            final double[] appends = new double[pairs];
            final double[] engine = new double[pairs];
            final double[] ratio = new double[pairs];
            for (int r = 0; r < pairs; r++)
            {
                // which side goes first alternates too: neither always follows the other's run
                if ((r & 1) == 0)
                {
                    appends[r] = appendRate(q, leadIn, pairEvents);
                    engine[r] = engineRate(rig, leadIn, pairEvents);
                }
                else
                {
                    engine[r] = engineRate(rig, leadIn, pairEvents);
                    appends[r] = appendRate(q, leadIn, pairEvents);
                }
                ratio[r] = engine[r] / appends[r];
            }
            put("pipeline.journaledVsRawAppend.leadInEvents", leadIn);
            rig.checkNoErrors();
            put("pipeline.rawAppend.perSecond", Bench.median(appends));
            put("pipeline.rawAppend.recordBytes", q.recordLength());
            put("pipeline.SINGLE_THREAD.YIELDING.journal.eventsPerSecond", Bench.median(engine));
            put("pipeline.journaledVsRawAppend.medianPairRatio", Bench.median(ratio));
            put("pipeline.journaledVsRawAppend.pairs", pairs);
            put("pipeline.journaledVsRawAppend.pairRatios", Arrays.toString(round2(ratio)));
            log("bare Chronicle appends, %d-byte documents: %.2f M/s; pipeline SINGLE_THREAD/YIELDING, journal on: %.2f M events/s; "
                + "engine ÷ appends %.2f (median of %d alternated pairs of %,d)", q.recordLength(), Bench.median(appends) / 1e6,
                Bench.median(engine) / 1e6, Bench.median(ratio), pairs, pairEvents);
        }
        finally
        {
            Bench.delete(raw);
            Bench.delete(journalDir);
        }
        final Object[][] configs = {
            {EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING},
            {EngineConfig.Layout.THREAD_PER_HANDLER, EngineConfig.Wait.BLOCKING},
        };
        for (final Object[] c : configs)
        {
            final EngineConfig.Layout layout = (EngineConfig.Layout)c[0];
            final EngineConfig.Wait wait = (EngineConfig.Wait)c[1];
            for (final boolean journaled : new boolean[] {true, false})
            {
                if (journaled && layout == EngineConfig.Layout.SINGLE_THREAD)
                {
                    continue; // measured above, alternated with the bare appends
                }
                final Path dir = journaled ? Bench.tempDir("pipeline") : null;
                try (EngineRig rig = new EngineRig(layout, wait, dir == null ? null : dir.resolve("journal"), 1000, null, null, true))
                {
                    rig.openPositions(1);
                    rig.run(full ? 2_000_000 : 500_000);
                    final double[] t = new double[rounds];
                    for (int r = 0; r < rounds; r++)
                    {
                        t[r] = n * 1e9 / rig.run(n);
                    }
                    rig.checkNoErrors();
                    final String key = "pipeline." + layout + "." + wait + "." + (journaled ? "journal" : "noJournal");
                    put(key + ".eventsPerSecond", Bench.median(t));
                    log("pipeline %s/%s, journal %s: %.2f M events/s", layout, wait, journaled ? "on" : "off", Bench.median(t) / 1e6);
                }
                finally
                {
                    Bench.delete(dir);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Bare appends per second over {@code n} documents, after {@code leadIn} unmeasured ones. */
    private static double appendRate(final RawQueue q, final long leadIn, final long n)
    {
        q.append(leadIn);
        return n * 1e9 / q.append(n);
    }

    /** The journaled engine's events per second over {@code n} ticks, after {@code leadIn} unmeasured ones. */
    private static double engineRate(final EngineRig rig, final long leadIn, final long n)
    {
        rig.run(leadIn);
        return n * 1e9 / rig.run(n);
    }
}
