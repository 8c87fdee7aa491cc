package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.tools.OutputFormat;
import dev.exitengine.tools.postmortem.Explain;
import dev.exitengine.tools.postmortem.PositionsAt;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code postmortem} section (not in the default run): how long {@code positions --at} and {@code explain}
 * take on a journal of 10,000,000 events (1,000 symbols, 10,000 open positions, a snapshot every 1,000,000
 * inputs of which the newest two are kept): the book at the journal's end (from its newest snapshot) and at
 * its middle (replayed from the start), and the explanation of a position open to the end (the whole
 * journal replayed), against the rate of a plain replay in the same JVM.
 */
final class PostMortemSpeed extends ProfileSection
{
    PostMortemSpeed(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws Exception
    {
        final long events = 10_000_000L;
        final Path dir = Bench.tempDir("postmortem");
        try
        {
            final Path journal = dir.resolve("journal");
            long lastTs;
            try (EngineRig rig = new EngineRig(EngineConfig.Layout.CALLER_THREAD, EngineConfig.Wait.YIELDING, null, journal, 1_000, null,
                null, false, 1_000_000))
            {
                rig.openPositions(10);
                for (long published = 10_000; published < events; published += 4096)
                {
                    for (int i = 0; i < 4096; i++)
                    {
                        rig.publishNeutral();
                    }
                    rig.engine.checkpoint();
                }
                rig.engine.awaitQuiet();
                rig.checkNoErrors();
                lastTs = rig.ts();
            }
            final long firstTs = BookFixture.START_TS;
            final PositionsAt.Result end = new PositionsAt.Result();
            final int atEnd = PositionsAt.records(journal, lastTs, end).size();
            final PositionsAt.Result middle = new PositionsAt.Result();
            final int atMiddle = PositionsAt.records(journal, firstTs + (lastTs - firstTs) / 2, middle).size();
            final Explain.Result explain = Explain.run(journal, 5_000, OutputFormat.JSONL, new StringWriter(), null);
            if (!explain.found || atEnd != 10_000 || atMiddle != 10_000)
            {
                throw new IllegalStateException("positions " + atEnd + "/" + atMiddle + ", explained " + explain.found);
            }
            final long t = System.nanoTime();
            final dev.exitengine.journal.Replay.Result replay = dev.exitengine.journal.Replay.run(journal, false, null, msg -> { }, null);
            final double replaySeconds = (System.nanoTime() - t) / 1e9;
            put("postmortem.events", replay.inputs);
            put("postmortem.positionsAtEndSeconds", end.elapsedNanos / 1e9);
            put("postmortem.positionsAtEndReplayed", end.replayed);
            put("postmortem.positionsAtMiddleSeconds", middle.elapsedNanos / 1e9);
            put("postmortem.positionsAtMiddleReplayed", middle.replayed);
            put("postmortem.explainSeconds", explain.elapsedNanos / 1e9);
            put("postmortem.explainReplayed", explain.replayed);
            put("postmortem.replaySeconds", replaySeconds);
            log("journal of %,d events: positions at its end %.2f s (%,d inputs after the newest snapshot), at its middle %.2f s"
                + " (%,d replayed), explain of a position open to the end %.2f s (%,d replayed); a plain replay %.2f s",
                replay.inputs, end.elapsedNanos / 1e9, end.replayed, middle.elapsedNanos / 1e9, middle.replayed,
                explain.elapsedNanos / 1e9, explain.replayed, replaySeconds);
        }
        finally
        {
            Bench.delete(dir);
        }
    }
}
