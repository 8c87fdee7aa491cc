package dev.exitengine.bench;

import dev.exitengine.feed.live.BinanceMarketStreams;
import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.feed.live.MarketEventSink;
import dev.exitengine.feed.live.StreamSettings;
import dev.exitengine.feed.live.SymbolTable;
import io.netty.channel.Channel;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.exitengine.bench.LatencyHarness.TRIGGER_EVERY;
import static dev.exitengine.bench.LatencyHarness.TS_BASE;

/**
 * The wire from a venue on 127.0.0.1 to an ingress thread, shared by the {@code wire} section's two sides:
 * a {@link LocalBinanceVenue} writes {@code bookTicker} combined-stream frames, the real
 * {@link BinanceMarketStreams} client decodes them on its event-loop thread into its ring, and one ingress
 * thread drains the ring into whichever {@link Receiver} is measured now, as the live process's duty cycle
 * drains into the engine's ingress. One connection, one client, one ring for both sides: they differ only
 * in what receives a drained quote.
 * <p>
 * Frame {@code n} (a wire index, increasing across both sides, so that the client's duplicate check never
 * drops one) carries {@code n + 1} as its update id {@code u} and {@code TS_BASE + n} as its times {@code T}
 * and {@code E}: the engine's event time, which finds the frame's intended send time in the run's array.
 * Its price is neutral (bid 100.25) except once in {@link LatencyHarness#TRIGGER_EVERY} frames, which
 * crosses a long position's stop (bid 98.50) on one of the even symbols.
 */
final class WireIntake implements AutoCloseable
{
    /** What a side does with a quote the ingress thread drained; all on the ingress thread. */
    interface Receiver
    {
        void frame(long wire, int symbolId, long bid, long ask);

        /** Called when the ring was empty: other work of the ingress thread (venue answers). */
        int idleWork();
    }

    static final int SYMBOLS = 4;
    private static final int DRAIN_LIMIT = 256;
    private static final String[] NAMES = new String[SYMBOLS];

    static
    {
        for (int s = 0; s < SYMBOLS; s++)
        {
            NAMES[s] = EngineRig.SYMBOL_PREFIX + s;
        }
    }

    private final LocalBinanceVenue venue;
    private final AtomicReference<Channel> serverSide = new AtomicReference<>();
    private final BinanceMarketStreams streams;
    private final Thread ingress;
    private final long loopThreadId;
    private final StringBuilder text = new StringBuilder(256);
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private volatile Receiver receiver;
    private volatile Runnable task;
    private volatile RuntimeException taskError;
    private volatile boolean running = true;
    private volatile long lastReceived = -1;
    private long nextWire;

    /** Opens the venue and the client's one connection; {@code ids} are the engine's ids of the symbols S0..S3. */
    WireIntake(final int[] ids)
    {
        venue = LocalBinanceVenue.start((i, uri, ch) -> serverSide.set(ch));
        final SymbolTable table = new SymbolTable();
        for (int s = 0; s < SYMBOLS; s++)
        {
            table.register(NAMES[s], ids[s]);
        }
        // no pings and no idle reconnects while one side waits for its turn: nothing but frames on the loop
        final StreamSettings settings = StreamSettings.DEFAULTS.withKeepAlive(Duration.ofMinutes(30), Duration.ofMinutes(60));
        streams = new BinanceMarketStreams(venue.wsUrl(), List.of(NAMES), List.of("bookTicker"), table, settings,
            BinanceMarketStreams.DEFAULT_RING_BYTES);
        final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        streams.start();
        await(() -> streams.connected() && serverSide.get() != null, "the client's connection to the local venue");
        loopThreadId = loopThread(before);
        ingress = new Thread(this::dutyCycle, "wire-ingress");
        ingress.setDaemon(true);
        ingress.start();
    }

    /** The client's event-loop thread: the one thread its start added (the venue's ran before). */
    private static long loopThread(final Set<Thread> before)
    {
        final List<Thread> added = new ArrayList<>();
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (!before.contains(t) && t.getName().toLowerCase(java.util.Locale.ROOT).contains("eventloop"))
            {
                added.add(t);
            }
        }
        if (added.size() != 1)
        {
            throw new IllegalStateException("expected one new event-loop thread for the client, found " + added);
        }
        return added.get(0).getId();
    }

    /** The ingress thread: drain, else the receiver's other work, else yield; and a task when one is asked for. */
    private void dutyCycle()
    {
        final IdleStrategy idle = new YieldingIdleStrategy();
        final MarketEventSink dispatch = new MarketEventSink()
        {
            @Override
            public void quote(final int symbolId, final long ts, final long bid, final long ask)
            {
                final long wire = ts - TS_BASE;
                receiver.frame(wire, symbolId, bid, ask);
                lastReceived = wire;
            }

            @Override
            public void trade(final int symbolId, final long ts, final long price, final long qty)
            {
                throw new IllegalStateException("the wire section sends book tickers only");
            }

            @Override
            public void mark(final int symbolId, final long ts, final long price)
            {
                throw new IllegalStateException("the wire section sends book tickers only");
            }
        };
        while (running)
        {
            final Runnable t = task;
            if (t != null)
            {
                try
                {
                    t.run();
                }
                catch (final RuntimeException ex)
                {
                    taskError = ex;
                }
                task = null;
            }
            int work = streams.drain(dispatch, DRAIN_LIMIT);
            if (work == 0 && receiver != null)
            {
                work = receiver.idleWork();
            }
            idle.idle(work);
        }
    }

    /** From now on drained quotes go to {@code r}. */
    void receiveWith(final Receiver r)
    {
        receiver = r;
    }

    /** The wire index the next run starts at: the next one at the start of a trigger cycle, so no cycle is split between sides. */
    long nextRun()
    {
        nextWire = (nextWire + TRIGGER_EVERY - 1) / TRIGGER_EVERY * TRIGGER_EVERY;
        return nextWire;
    }

    /** Writes frame {@code wire} now (at once on the venue's event loop, else through it); wire indexes only increase. */
    void send(final long wire)
    {
        final long phase = wire % TRIGGER_EVERY;
        final boolean trigger = phase == 0;
        final String symbol = trigger ? longSymbol(wire) : NAMES[(int)(wire % SYMBOLS)];
        text.setLength(0);
        text.append("{\"stream\":\"").append(symbol.toLowerCase(java.util.Locale.ROOT)).append("@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":")
            .append(wire + 1).append(",\"s\":\"").append(symbol).append("\",\"b\":\"").append(trigger ? "98.50000000" : "100.25000000")
            .append("\",\"B\":\"1.000\",\"a\":\"").append(trigger ? "98.51000000" : "100.26000000").append("\",\"A\":\"1.000\",\"T\":")
            .append(TS_BASE + wire).append(",\"E\":").append(TS_BASE + wire).append("}}");
        LocalBinanceVenue.send(serverSide.get(), text.toString());
        nextWire = wire + 1;
    }

    /** What the section measures with the harness on the venue's event-loop thread, so that each frame is written there at once. */
    interface OnVenue<T>
    {
        T call() throws Exception;
    }

    /**
     * Runs {@code measurement} on the venue's event-loop thread and returns its result: a frame sent from
     * there is written to the socket at once, where one sent from any other thread waits for that loop to
     * wake and pick it up (a hand-off of its own in every frame's latency, on both sides).
     */
    <T> T onVenueLoop(final OnVenue<T> measurement) throws InterruptedException
    {
        try
        {
            return serverSide.get().eventLoop().submit(measurement::call).get();
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException)cause : new IllegalStateException(cause);
        }
    }

    /** The even symbol (a long position's) whose stop the trigger of {@code wire}'s cycle crosses. */
    static String longSymbol(final long wire)
    {
        return NAMES[(int)(2 * ((wire / TRIGGER_EVERY) % ((SYMBOLS + 1) / 2)))];
    }

    /** Runs {@code work} on the ingress thread and waits for it. */
    void onIngress(final Runnable work)
    {
        await(() -> task == null, "the ingress thread's previous task");
        task = work;
        await(() -> task == null, "the ingress thread's task");
        final RuntimeException ex = taskError;
        if (ex != null)
        {
            taskError = null;
            throw ex;
        }
    }

    /** Waits until frame {@code wire} has been drained, then runs {@code then} on the ingress thread and waits for it. */
    void awaitReceived(final long wire, final Runnable then)
    {
        await(() -> lastReceived >= wire, "frame " + wire + " drained (last: " + lastReceived + ")");
        task = then;
        await(() -> task == null, "the ingress thread's task");
    }

    /** Bytes the client's event-loop thread has allocated so far. */
    long loopAllocatedBytes()
    {
        return threads.getThreadAllocatedBytes(loopThreadId);
    }

    /** Frames the client has received so far. */
    long framesReceived()
    {
        return streams.clients().get(0).status().frames();
    }

    /** Frames refused as malformed, reconnects and duplicates dropped: all must stay 0. */
    String faults()
    {
        final var status = streams.clients().get(0).status();
        return status.malformed() + status.reconnects() + streams.duplicatesDropped() + streams.unknownSymbols() == 0 ? null
            : "malformed " + status.malformed() + ", reconnects " + status.reconnects() + ", duplicates " + streams.duplicatesDropped()
                + ", unknown symbols " + streams.unknownSymbols();
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            ingress.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        streams.close();
        venue.close();
    }
}
