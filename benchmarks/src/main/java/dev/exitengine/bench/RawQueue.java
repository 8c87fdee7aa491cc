package dev.exitengine.bench;

import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.codec.EventRecordLayout;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The bare Chronicle Queue baselines: one document per event holding exactly the bytes the journal
 * keeps for a trade written on its own (the full record a document opens with, {@link EventCodec}),
 * appended with nothing around it, and a bare tailer that reads them back: a journal per event, where
 * the engine journals per batch (and, inside a batch, writes ticks as compact records of differences).
 * Same roll cycle as the engine's journal.
 */
public final class RawQueue implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final PointerBytesStore pointer = new PointerBytesStore();
    private final int length;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;

    public RawQueue(final Path dir)
    {
        queue = ChronicleQueue.singleBuilder(dir).rollCycle(LargeRollCycles.LARGE_DAILY).build();
        final EngineEvent e = new EngineEvent();
        e.clear(EventType.TRADE);
        e.seq = 1;
        e.ts = BookFixture.START_TS;
        e.symbolId = 7;
        e.price = BookFixture.NEUTRAL_PRICE;
        e.qty = BookFixture.STEP_SIZE;
        length = EventCodec.encode(record, 0, e);
        pointer.set(record.addressOffset(), length);
    }

    /** Bytes of one record (a trade in the journal's layout). */
    public int recordLength()
    {
        return length;
    }

    /** The record's bytes, for a journal to append the same. */
    public UnsafeBuffer record()
    {
        return record;
    }

    /** Appends one document holding the record. Call from one thread. */
    public void appendOne(final long seq)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        record.putLong(EventRecordLayout.SEQ_OFFSET, seq, EventCodec.ORDER);
        appender.writeBytes(pointer);
    }

    /** Appends {@code n} documents; returns nanoseconds taken. */
    public long append(final long n)
    {
        final long t0 = System.nanoTime();
        for (long i = 0; i < n; i++)
        {
            appendOne(i + 1);
        }
        return System.nanoTime() - t0;
    }

    /**
     * Reads the next document and returns its sequence field (or -1 at the end): the least a reader
     * of the journal does per document.
     */
    public long readOne()
    {
        if (tailer == null)
        {
            tailer = queue.createTailer().toStart();
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return -1;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            return bytes.readLong(bytes.readPosition() + 6);
        }
    }

    /** Rewinds the tailer to the first document. */
    public void rewind()
    {
        if (tailer != null)
        {
            tailer.toStart();
        }
    }

    /** Reads every document from the start; returns {documents, nanoseconds}. */
    public long[] readAll()
    {
        rewind();
        long n = 0;
        long sum = 0;
        final long t0 = System.nanoTime();
        long v;
        while ((v = readOne()) >= 0)
        {
            sum += v;
            n++;
        }
        final long nanos = System.nanoTime() - t0;
        if (sum == 42)
        {
            System.out.print("");
        }
        return new long[] {n, nanos};
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        if (tailer != null)
        {
            tailer.close();
        }
        queue.close();
    }
}
