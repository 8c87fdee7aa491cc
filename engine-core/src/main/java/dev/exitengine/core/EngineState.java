package dev.exitengine.core;

import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.snapshot.SnapshotException;
import dev.exitengine.core.snapshot.SnapshotReader;
import dev.exitengine.core.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;

/**
 * A whole engine's state as one snapshot, on a quiet engine: what the journal holds of names, the ingress
 * (input count, checks), the journal handler (names written, feed position), the counters, the evaluator
 * and a simulated venue. Restoring it into a new engine of the same configuration and feeding it the
 * journal's inputs after {@link #seq} gives the state the engine had at the end of the journal, as a
 * re-read from the start would.
 * <pre>
 *   magic "XESN" | version | seq (last input held) | last event time | evaluator state hash | parts…
 * </pre>
 */
final class EngineState
{
    static final int MAGIC = 0x4E534558; // "XESN"
    static final int VERSION = 1;
    static final int SEQ_OFFSET = 8;
    static final int LAST_EVENT_TS_OFFSET = 16;
    static final int STATE_HASH_OFFSET = 24;

    private EngineState()
    {
    }

    static void write(final SnapshotWriter w, final Names names, final Ingress ingress, final JournalHandler journal,
        final EngineCounters counters, final PositionEvaluator evaluator, final OrderGateway gateway)
    {
        w.putInt(MAGIC);
        w.putInt(VERSION);
        w.putLong(ingress.lastSeq());
        w.putLong(counters.get(dev.exitengine.core.api.Counter.LAST_EVENT_TS));
        w.putLong(evaluator.stateHash());
        names.snapshotTo(w, journal.journaledNames());
        ingress.snapshotTo(w);
        journal.snapshotTo(w);
        counters.snapshotTo(w);
        evaluator.snapshotTo(w);
        w.section(0x47415445); // "GATE"
        final int lengthAt = w.length();
        w.putInt(0);
        gateway.snapshotTo(w);
        w.putIntAt(lengthAt, w.length() - lengthAt - 4);
    }

    /** Restores a snapshot into an engine that has taken no input; checks the evaluator's state hash after. */
    static long restore(final DirectBuffer buffer, final int offset, final int length, final Names names, final Ingress ingress,
        final JournalHandler journal, final EngineCounters counters, final PositionEvaluator evaluator, final OrderGateway gateway)
    {
        final SnapshotReader r = new SnapshotReader(buffer, offset, length);
        if (r.getInt() != MAGIC)
        {
            throw new SnapshotException("snapshot: not an engine snapshot");
        }
        final int version = r.getInt();
        if (version != VERSION)
        {
            throw new SnapshotException("snapshot: written in version " + version + ", this engine reads " + VERSION);
        }
        final long seq = r.getLong();
        r.getLong();
        final long stateHash = r.getLong();
        names.restoreFrom(r);
        ingress.restoreFrom(r);
        journal.restoreFrom(r);
        counters.restoreFrom(r);
        evaluator.restoreFrom(r);
        r.section(0x47415445, "venue");
        final int venueLength = r.getInt();
        if (gateway == OrderGateway.NONE)
        {
            // a replay: the venue's answers come from the journal, its own state is of no use
            r.skip(venueLength);
        }
        else
        {
            final int from = r.position();
            gateway.restoreFrom(r);
            if (r.position() - from != venueLength)
            {
                throw new SnapshotException("snapshot: the venue's part is " + venueLength + " bytes, this run's venue read "
                    + (r.position() - from));
            }
        }
        if (!r.atEnd())
        {
            throw new SnapshotException("snapshot: bytes left over after every part was read");
        }
        final long restored = evaluator.stateHash();
        if (restored != stateHash)
        {
            throw new SnapshotException("snapshot of input #" + seq + ": the restored state's hash " + Long.toHexString(restored)
                + " is not the one recorded, " + Long.toHexString(stateHash));
        }
        return seq;
    }

    /** The event time of the last input a snapshot holds, from its first bytes. */
    static long lastEventTsOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + LAST_EVENT_TS_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** The last input a snapshot holds, from its first bytes. */
    static long seqOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQ_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
