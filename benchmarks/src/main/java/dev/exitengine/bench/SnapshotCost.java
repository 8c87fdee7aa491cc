package dev.exitengine.bench;

import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.snapshot.SnapshotReader;
import dev.exitengine.core.snapshot.SnapshotWriter;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code snapshot} section: what a snapshot of 1,000,000 open positions costs. The pause is the time the
 * evaluator's state takes to be copied into memory (what holds the ingress; the file is written on another
 * thread); the restore is what a restart spends on it, against the baseline of building the same book again
 * from its 1,000,000 entry fills (what re-reading a journal does, before any tick), in the same JVM.
 */
final class SnapshotCost extends ProfileSection
{
    SnapshotCost(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure()
    {
        final int positions = 1_000_000;
        final int passes = full ? 5 : 3;
        long bestPause = Long.MAX_VALUE;
        long bestRestore = Long.MAX_VALUE;
        long bestRefill = Long.MAX_VALUE;
        final BookFixture book = new BookFixture(positions, 0);
        final SnapshotWriter w = new SnapshotWriter(1 << 20);
        final long hash = book.evaluator.stateHash();
        for (int p = 0; p < passes; p++)
        {
            long t = System.nanoTime();
            w.reset();
            book.evaluator.snapshotTo(w);
            bestPause = Math.min(bestPause, System.nanoTime() - t);

            final PositionEvaluator fresh = BookFixture.newEvaluator();
            t = System.nanoTime();
            fresh.restoreFrom(new SnapshotReader(w.buffer(), 0, w.length()));
            bestRestore = Math.min(bestRestore, System.nanoTime() - t);
            if (fresh.stateHash() != hash)
            {
                throw new IllegalStateException("the restored book's state hash differs");
            }

            final BookFixture refill = new BookFixture(positions, 0, false);
            t = System.nanoTime();
            refill.load();
            bestRefill = Math.min(bestRefill, System.nanoTime() - t);
        }
        put("snapshot.positions", positions);
        put("snapshot.bytes", w.length());
        put("snapshot.bytesPerPosition", (double)w.length() / positions);
        put("snapshot.pauseMillis", bestPause / 1e6);
        put("snapshot.restoreMillis", bestRestore / 1e6);
        put("snapshot.refillMillis", bestRefill / 1e6);
        put("snapshot.restoreVsRefill", (double)bestRestore / bestRefill);
        log("%,d positions: snapshot %,d bytes (%.0f a position), copied in %.0f ms (the pause); restored in %.0f ms, "
            + "rebuilt from their fills in %.0f ms", positions, w.length(), (double)w.length() / positions, bestPause / 1e6,
            bestRestore / 1e6, bestRefill / 1e6);
    }
}
