package dev.exitengine.feed;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reads a feed on a thread of its own, ahead of the thread that takes its inputs: the file is read and parsed
 * there while the caller's thread runs the engine, the two meeting in a ring of sink calls. The caller's sink
 * sees exactly the calls, in exactly the order, the feed made — only the thread that parsed them differs — so
 * a run is as deterministic as without it. Nothing waits per input: the reader fills the ring as far as it is
 * free, the caller takes what is there; either waits only when the ring is full or empty.
 * <p>
 * The hot calls (a feed line's position, trades, quotes, marks, timers) travel as fields of a reused slot; the
 * rare ones as a call kept whole. An exception the feed throws reaches the caller after every call made before
 * it; one the caller's sink throws stops the reader and leaves {@link #run} as it would have without it.
 */
public final class ReadAheadFeed implements Feed
{
    private static final int CAPACITY = 1 << 12;
    private static final int MASK = CAPACITY - 1;
    private static final byte POSITION = 1;
    private static final byte TRADE = 2;
    private static final byte QUOTE = 3;
    private static final byte MARK = 4;
    private static final byte TIMER = 5;
    private static final byte OTHER = 6;
    private static final byte END = 7;

    /** One sink call: its kind and arguments. */
    private static final class Slot
    {
        byte kind;
        long ts;
        long a;
        long b;
        String text;
        Object call;
    }

    /** Unwinds the feed's thread when the caller stopped taking. */
    private static final class Stopped extends RuntimeException
    {
        Stopped()
        {
            super("the caller stopped taking inputs", null, false, false);
        }
    }

    private final Feed feed;
    private final Slot[] ring = new Slot[CAPACITY];
    /**
     * Calls written by the reader (published to the caller, every {@link #PUBLISH_EVERY} calls and whenever it
     * would wait), and taken by the caller (published to the reader): two counters a cache line apart or more,
     * each written by one thread only.
     */
    private final AtomicLongArray counters = new AtomicLongArray(3 * PADDING);
    private static final int PADDING = 16;
    private static final int WRITTEN = PADDING;
    private static final int TAKEN = 2 * PADDING;
    private static final int PUBLISH_EVERY = 64;
    private volatile boolean stop;

    public ReadAheadFeed(final Feed feed)
    {
        this.feed = feed;
        for (int i = 0; i < CAPACITY; i++)
        {
            ring[i] = new Slot();
        }
    }

    @Override
    public void startAt(final long line)
    {
        feed.startAt(line);
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        counters.set(WRITTEN, 0);
        counters.set(TAKEN, 0);
        stop = false;
        final Recorder recorder = new Recorder();
        final Thread reader = new Thread(() ->
        {
            long delivered = -1;
            Throwable failure = null;
            try
            {
                delivered = feed.run(recorder);
            }
            catch (final Stopped ex)
            {
                return;
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            try
            {
                final Slot s = recorder.claim();
                s.a = delivered;
                s.call = failure;
                recorder.publish(s, END);
            }
            catch (final Stopped ex)
            {
                // the caller is gone: nobody to tell
            }
        }, "feed-reader");
        reader.setDaemon(true);
        reader.start();
        try
        {
            return take(sink);
        }
        finally
        {
            stop = true;
            try
            {
                reader.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Makes the calls the reader recorded, in order, until its end; returns what the feed returned or throws what it threw. */
    private long take(final InputSink sink) throws IOException
    {
        long next = 0;
        long available = 0;
        int idle = 0;
        while (true)
        {
            if (next == available)
            {
                counters.lazySet(TAKEN, next);
                available = counters.get(WRITTEN);
                if (next == available)
                {
                    idle = idle(idle);
                    continue;
                }
                idle = 0;
            }
            if ((next & 255) == 0)
            {
                // the reader may be waiting for room: give it back as we go, not only when we catch up
                counters.lazySet(TAKEN, next);
            }
            final Slot s = ring[(int)(next++ & MASK)];
            switch (s.kind)
            {
                case POSITION: sink.position(s.text, s.a); break;
                case TRADE: sink.trade(s.ts, s.text, s.a, s.b); break;
                case QUOTE: sink.quote(s.ts, s.text, s.a, s.b); break;
                case MARK: sink.mark(s.ts, s.text, s.a); break;
                case TIMER: sink.timer(s.ts); break;
                case OTHER:
                    @SuppressWarnings("unchecked")
                    final Consumer<InputSink> call = (Consumer<InputSink>)s.call;
                    call.accept(sink);
                    break;
                case END:
                    counters.lazySet(TAKEN, next);
                    return endOfFeed(s);
                default: throw new IllegalStateException("read-ahead slot of kind " + s.kind);
            }
        }
    }

    private static long endOfFeed(final Slot s) throws IOException
    {
        final Throwable failure = (Throwable)s.call;
        if (failure == null)
        {
            return s.a;
        }
        if (failure instanceof IOException)
        {
            throw (IOException)failure;
        }
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
        throw new UncheckedIOException(new IOException(failure));
    }

    /** Spins a little, then yields, then parks briefly: the other side is a thread on another core, or on this one. */
    private static int idle(final int idle)
    {
        if (idle < 100)
        {
            Thread.onSpinWait();
        }
        else if (idle < 200)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(20_000);
        }
        return idle + 1;
    }

    /** The sink the feed runs into, on the reader's thread: each call into the next free slot. */
    private final class Recorder implements InputSink
    {
        private long next;
        private long free;

        Slot claim()
        {
            int idle = 0;
            while (next >= free)
            {
                if (stop)
                {
                    throw new Stopped();
                }
                // about to wait: what is written goes out first
                counters.lazySet(WRITTEN, next);
                free = counters.get(TAKEN) + CAPACITY;
                if (next >= free)
                {
                    idle = idle(idle);
                }
            }
            return ring[(int)(next & MASK)];
        }

        void publish(final Slot s, final byte kind)
        {
            s.kind = kind;
            if ((++next & (PUBLISH_EVERY - 1)) == 0 || kind == END)
            {
                counters.lazySet(WRITTEN, next);
            }
        }

        private void other(final Consumer<InputSink> call)
        {
            final Slot s = claim();
            s.call = call;
            publish(s, OTHER);
        }

        @Override
        public void position(final String source, final long line)
        {
            final Slot s = claim();
            s.text = source;
            s.a = line;
            publish(s, POSITION);
        }

        @Override
        public void trade(final long ts, final String symbol, final long price, final long qty)
        {
            final Slot s = claim();
            s.ts = ts;
            s.text = symbol;
            s.a = price;
            s.b = qty;
            publish(s, TRADE);
        }

        @Override
        public void quote(final long ts, final String symbol, final long bid, final long ask)
        {
            final Slot s = claim();
            s.ts = ts;
            s.text = symbol;
            s.a = bid;
            s.b = ask;
            publish(s, QUOTE);
        }

        @Override
        public void mark(final long ts, final String symbol, final long price)
        {
            final Slot s = claim();
            s.ts = ts;
            s.text = symbol;
            s.a = price;
            publish(s, MARK);
        }

        @Override
        public void timer(final long ts)
        {
            final Slot s = claim();
            s.ts = ts;
            publish(s, TIMER);
        }

        @Override
        public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
            final long takerFee)
        {
            other(sink -> sink.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee));
        }

        @Override
        public void profile(final ExitProfile profile)
        {
            other(sink -> sink.profile(profile));
        }

        @Override
        public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
            final long qty, final long price, final long fee, final String orderId, final String profile)
        {
            other(sink -> sink.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile));
        }

        @Override
        public void command(final long ts, final Command command)
        {
            other(sink -> sink.command(ts, command));
        }

        @Override
        public void orderAck(final long ts, final String clientOrderId)
        {
            other(sink -> sink.orderAck(ts, clientOrderId));
        }

        @Override
        public void orderReject(final long ts, final String clientOrderId, final String reason)
        {
            other(sink -> sink.orderReject(ts, clientOrderId, reason));
        }

        @Override
        public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
        {
            other(sink -> sink.orderFill(ts, clientOrderId, qty, price, fee));
        }

        @Override
        public void orderExpired(final long ts, final String clientOrderId)
        {
            other(sink -> sink.orderExpired(ts, clientOrderId));
        }

        @Override
        public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
        {
            // the feed may reuse its list once the call returns
            final List<SnapshotPosition> copy = List.copyOf(positions);
            other(sink -> sink.positionSnapshot(ts, account, copy));
        }

        @Override
        public void rejected(final String where, final String what)
        {
            other(sink -> sink.rejected(where, what));
        }
    }
}
