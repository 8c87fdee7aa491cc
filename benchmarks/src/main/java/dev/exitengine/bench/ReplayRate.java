package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.journal.Replay;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The rate of replaying a journal (decode, republish through a fresh engine, evaluate) against the
 * rate a bare Chronicle tailer reads the same number of events, one document each, of the same bytes.
 */
public final class ReplayRate
{
    /** What a measurement found. */
    public static final class Result
    {
        public long events;
        public long journalBytes;
        public double replayEventsPerSecond;
        public double tailerEventsPerSecond;
        public double writeEventsPerSecond;
        /** Each pass's replay rate ÷ the bare tailer's rate in the pass beside it. */
        public double[] passRatios;
        /** The median of {@link #passRatios}: the headline. */
        public double medianPassRatio;
    }

    private ReplayRate()
    {
    }

    /**
     * Writes a journal of {@code ticks} ticks (plus the 1,000 fills that open a position per symbol) through a
     * single-thread engine into {@code dir/journal}, and a bare queue of as many one-event documents
     * into {@code dir/raw}; then replays the journal and reads the raw queue, {@code passes} times
     * each, alternating. The rates are the best pass of each side; the ratio is the median of the
     * passes' ratios, each pass's two sides a fraction of a second apart (as the pipeline's and the
     * latency's ratios are paired): the best of each side alone could compare a good moment of one
     * with an ordinary one of the other.
     */
    public static Result measure(final Path dir, final long ticks, final int passes) throws IOException
    {
        final Result r = new Result();
        final Path journal = dir.resolve("journal");
        try (EngineRig rig = new EngineRig(EngineConfig.Layout.SINGLE_THREAD, EngineConfig.Wait.YIELDING, journal, 1000, null, null,
            false))
        {
            rig.openPositions(1);
            final long nanos = rig.run(ticks);
            rig.checkNoErrors();
            r.writeEventsPerSecond = ticks * 1e9 / nanos;
        }
        r.journalBytes = Bench.sizeOf(journal);
        r.events = ticks + 1000;
        long bestReplay = Long.MAX_VALUE;
        long bestTailer = Long.MAX_VALUE;
        r.passRatios = new double[passes];
        try (RawQueue raw = new RawQueue(dir.resolve("raw")))
        {
            final long total = r.events;
            raw.append(total);
            for (int p = 0; p < passes; p++)
            {
                final Replay.Result replay = Replay.run(journal, false, null, msg ->
                {
                    throw new IllegalStateException(msg);
                }, null);
                if (replay.inputs != r.events)
                {
                    throw new IllegalStateException("replayed " + replay.inputs + " inputs, the journal holds " + r.events);
                }
                bestReplay = Math.min(bestReplay, replay.elapsedNanos);
                final long[] read = raw.readAll();
                if (read[0] != total)
                {
                    throw new IllegalStateException("bare tailer read " + read[0] + " documents of " + total);
                }
                bestTailer = Math.min(bestTailer, read[1]);
                r.passRatios[p] = (double)read[1] / replay.elapsedNanos;
            }
            r.medianPassRatio = Bench.median(r.passRatios);
            r.replayEventsPerSecond = r.events * 1e9 / bestReplay;
            r.tailerEventsPerSecond = total * 1e9 / bestTailer;
        }
        return r;
    }
}
