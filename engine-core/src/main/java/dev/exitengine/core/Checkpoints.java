package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.api.SnapshotStore;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;

/**
 * Periodic snapshots: every {@code every} inputs, at a moment the publishing thread offers ({@link
 * #checkpoint}: between feed lines, once per duty cycle), the engine is let run quiet, its whole state is
 * copied into memory ({@link EngineState}) and handed to the store, which writes it on its own thread.
 * The ingress is held from the quiet wait to the hand-over: that pause is counted
 * ({@link Counter#SNAPSHOT_PAUSE_NANOS}). No snapshot is taken while the journal is not writing (a snapshot
 * must stand on a journal that holds everything before it) or while the last one is still being written.
 */
final class Checkpoints
{
    private final SnapshotStore store;
    private final long every;
    private final Names names;
    private final Ingress ingress;
    private final JournalHandler journalHandler;
    private final JournalPort journal;
    private final EngineCounters counters;
    private final PositionEvaluator evaluator;
    private final OrderGateway gateway;
    private SnapshotWriter writer;
    private long nextAt;

    Checkpoints(final SnapshotStore store, final long every, final Names names, final Ingress ingress,
        final JournalHandler journalHandler, final JournalPort journal, final EngineCounters counters,
        final PositionEvaluator evaluator, final OrderGateway gateway)
    {
        if (every < 1)
        {
            throw new IllegalArgumentException("snapshots: every must be at least 1 input, was " + every);
        }
        this.store = store;
        this.every = every;
        this.names = names;
        this.ingress = ingress;
        this.journalHandler = journalHandler;
        this.journal = journal;
        this.counters = counters;
        this.evaluator = evaluator;
        this.gateway = gateway;
        this.nextAt = every;
    }

    /** The engine's input count moved on (a restore, a re-read): the next snapshot is due {@code every} after it. */
    void resetFrom(final long seq)
    {
        nextAt = seq + every;
    }

    /** Takes a snapshot when one is due and can be taken; cheap otherwise (a comparison). */
    boolean checkpoint()
    {
        if (ingress.lastSeq() < nextAt || store.busy() || journal.failure() != null)
        {
            return false;
        }
        take();
        return true;
    }

    /** Takes a snapshot now (the engine is let run quiet first). Returns the input number it holds. */
    long take()
    {
        final long start = System.nanoTime();
        ingress.awaitQuiet();
        if (writer == null)
        {
            writer = new SnapshotWriter(1 << 20);
        }
        writer.reset();
        EngineState.write(writer, names, ingress, journalHandler, counters, evaluator, gateway);
        final long seq = ingress.lastSeq();
        final DirectBuffer bytes = writer.buffer();
        store.save(seq, bytes, writer.length());
        counters.increment(Counter.SNAPSHOTS);
        counters.set(Counter.SNAPSHOT_PAUSE_NANOS, System.nanoTime() - start);
        nextAt = seq + every;
        return seq;
    }
}
