package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code restart} section (not in the default run: minutes and gigabytes): restart time of a journal of
 * 1,000,000 positions and 100,000,000 events ({@code --full}; 10,000,000 otherwise), from its newest snapshot
 * against the journal alone.
 */
final class Restart extends ProfileSection
{
    Restart(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws Exception
    {
        final long events = full ? 100_000_000L : 10_000_000L;
        final Path dir = Bench.tempDir("restart");
        try
        {
            final RestartTime.Result r = RestartTime.measure(dir, 1_000_000, events, events / 10);
            put("restart.events", r.events);
            put("restart.positions", r.positions);
            put("restart.journalBytes", r.journalBytes);
            put("restart.snapshotBytes", r.snapshotBytes);
            put("restart.snapshots", r.snapshots);
            put("restart.writeSeconds", r.writeSeconds);
            put("restart.maxPauseMillis", r.maxPauseMillis);
            put("restart.medianPauseMillis", r.medianPauseMillis);
            put("restart.pausesMillis", r.pausesMillis.toString());
            put("restart.fromSnapshotSeconds", r.fromSnapshotSeconds);
            put("restart.tailInputs", r.tailInputs);
            put("restart.fromJournalSeconds", r.fromJournalSeconds);
            put("restart.journalVsSnapshot", r.fromJournalSeconds / r.fromSnapshotSeconds);
            log("%,d events, %,d positions: written in %.1f s (%d snapshots, pauses %s ms); restart from the newest"
                + " snapshot + %,d journaled inputs %.1f s, from the journal alone %.1f s", r.events, r.positions, r.writeSeconds,
                r.snapshots, r.pausesMillis.stream().map(d -> String.format("%.0f", d)).toList(), r.tailInputs, r.fromSnapshotSeconds, r.fromJournalSeconds);
        }
        finally
        {
            Bench.delete(dir);
        }
    }
}
