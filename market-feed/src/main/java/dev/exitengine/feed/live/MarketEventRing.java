package dev.exitengine.feed.live;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries market events from the receiving threads to the engine's one ingress thread: an Agrona
 * {@link ManyToOneRingBuffer} of fixed binary records, written through {@link #writer()}s (one per
 * receiving thread) and read by {@link #drain}. A full ring makes the writer wait, counted, never drop.
 * <pre>
 *   0               4               8                              16                             24                             32
 *   |   symbolId    |   (padding)   |          ts (long)           |  bid / price (long)          |  ask / qty (long), unused by mark |
 * </pre>
 * Record types: {@link #QUOTE}, {@link #TRADE}, {@link #MARK}. Native byte order; nothing is allocated
 * per event on either side.
 */
final class MarketEventRing
{
    static final int QUOTE = 1;
    static final int TRADE = 2;
    static final int MARK = 3;
    private static final int SYMBOL_ID_OFFSET = 0;
    private static final int TS_OFFSET = 8;
    private static final int FIRST_OFFSET = 16;
    private static final int SECOND_OFFSET = 24;
    private static final int RECORD_LENGTH = 32;

    private final ManyToOneRingBuffer ring;
    private final MessageHandler reader = this::read;
    private MarketEventSink drainTo;
    private volatile boolean closed;
    private volatile long fullWaits;

    /** A ring of {@code capacity} bytes (a power of two) for the records. */
    MarketEventRing(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** A sink writing into the ring; one per writing thread. */
    MarketEventSink writer()
    {
        return new Writer();
    }

    /** Publishes up to {@code limit} waiting events to {@code sink}, oldest first; returns how many. */
    int drain(final MarketEventSink sink, final int limit)
    {
        drainTo = sink;
        try
        {
            return ring.read(reader, limit);
        }
        finally
        {
            drainTo = null;
        }
    }

    /** Times a writer found the ring full and waited for the ingress to drain it. */
    long fullWaits()
    {
        return fullWaits;
    }

    /** Stops writers from waiting: after this, an event that finds the ring full is not written. */
    void close()
    {
        closed = true;
    }

    private void read(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int symbolId = buffer.getInt(index + SYMBOL_ID_OFFSET);
        final long ts = buffer.getLong(index + TS_OFFSET);
        final long first = buffer.getLong(index + FIRST_OFFSET);
        final long second = buffer.getLong(index + SECOND_OFFSET);
        switch (type)
        {
            case QUOTE: drainTo.quote(symbolId, ts, first, second); break;
            case TRADE: drainTo.trade(symbolId, ts, first, second); break;
            case MARK: drainTo.mark(symbolId, ts, first); break;
            default: throw new IllegalStateException("unknown market record type " + type);
        }
    }

    private synchronized void countFullWait()
    {
        fullWaits++;
    }

    private final class Writer implements MarketEventSink
    {
        @Override
        public void quote(final int symbolId, final long ts, final long bid, final long ask)
        {
            write(QUOTE, symbolId, ts, bid, ask);
        }

        @Override
        public void trade(final int symbolId, final long ts, final long price, final long qty)
        {
            write(TRADE, symbolId, ts, price, qty);
        }

        @Override
        public void mark(final int symbolId, final long ts, final long price)
        {
            write(MARK, symbolId, ts, price, 0);
        }

        private void write(final int type, final int symbolId, final long ts, final long first, final long second)
        {
            int index = ring.tryClaim(type, RECORD_LENGTH);
            if (index < 0)
            {
                countFullWait();
                while ((index = ring.tryClaim(type, RECORD_LENGTH)) < 0)
                {
                    if (closed)
                    {
                        return;
                    }
                    LockSupport.parkNanos(10_000);
                }
            }
            final MutableDirectBuffer buffer = ring.buffer();
            buffer.putInt(index + SYMBOL_ID_OFFSET, symbolId);
            buffer.putLong(index + TS_OFFSET, ts);
            buffer.putLong(index + FIRST_OFFSET, first);
            buffer.putLong(index + SECOND_OFFSET, second);
            ring.commit(index);
        }
    }
}
