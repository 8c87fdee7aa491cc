package dev.exitengine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/** The {@code replay} section: replaying a journal against a bare tailer reading as many one-event documents. */
final class ReplayVsRawTailer extends ProfileSection
{
    ReplayVsRawTailer(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws IOException
    {
        final long ticks = full ? 10_000_000 : 2_000_000;
        final Path dir = Bench.tempDir("replay");
        try
        {
            // several alternated passes: a single pass of 2,000,000 events lasts a tenth of a second, and one
            // pair of them could meet one of this machine's slow spells on one side only
            final int passes = full ? 5 : 9;
            final ReplayRate.Result r = ReplayRate.measure(dir, ticks, passes);
            put("replay.passes", passes);
            put("replay.events", r.events);
            put("replay.eventsPerSecond", r.replayEventsPerSecond);
            put("replay.tailerEventsPerSecond", r.tailerEventsPerSecond);
            put("replay.writeEventsPerSecond", r.writeEventsPerSecond);
            put("replay.medianPassRatio", r.medianPassRatio);
            put("replay.passRatios", Arrays.toString(round2(r.passRatios)));
            log("journal of %,d events: replay %.2f M events/s, bare tailer %.2f M documents/s", r.events,
                r.replayEventsPerSecond / 1e6, r.tailerEventsPerSecond / 1e6);
        }
        finally
        {
            Bench.delete(dir);
        }
    }
}
