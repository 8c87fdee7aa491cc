package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.feed.live.StreamSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One account's user data stream (BINANCE.md §2): a listenKey from {@code POST /fapi/v1/listenKey}, kept alive
 * with {@code PUT} every keep-alive interval (30 min in practice), deleted on {@link #close()}, and a WebSocket
 * connection to {@code {wsUrl}/private/ws?listenKey=K} whose text messages go to the {@link Listener} as they
 * come. A rotation takes a key again (POST, which may return the same key: the connection is still replaced),
 * reconnects, and tells the owner {@code onConnected(true)} so it re-reads positions and open orders over
 * REST, as events may have been missed (NautilusTrader's recovery sequence). A rotation follows a refused
 * keep-alive ({@code -1125} or any other error answer), every drop of the connection, and
 * {@link #rotate(String)} (the owner decodes the frames and calls it on {@code listenKeyExpired}). Failed
 * attempts are retried with exponential backoff and jitter ({@link StreamSettings}). A keep-alive that got
 * no answer at all is only noted: the key lives 60 minutes, the next keep-alive tries again.
 * <p>
 * Threads: the REST calls and the lifecycle run on one scheduler thread (a single-threaded
 * {@link ScheduledExecutorService}, injectable for tests); the {@link Listener} is called on the connection's
 * Netty event-loop thread only. The listenKey is a secret: it is never in a log line, an exception,
 * a disconnect reason or {@link #toString()}.
 */
public final class UserDataStream implements AutoCloseable
{
    /** What the stream reports, always on its event-loop thread. */
    public interface Listener
    {
        /** One text message of the stream, as received. */
        void onFrame(String text);

        /** A connection is up; {@code afterRotation} for every connection after the first: re-read state over REST. */
        void onConnected(boolean afterRotation);

        /** The connection that was up is closed (dropped, rotated or closed), saying why. */
        void onDisconnected(String reason);
    }

    public static final String LISTEN_KEY_PATH = "/fapi/v1/listenKey";
    private static final JsonFactory JSON = new JsonFactory();
    private static final long CLOSE_WAIT_MS = 10_000;

    private final BinanceRest rest;
    private final String wsBase;
    private final StreamSettings settings;
    private final Duration keepAlive;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final Listener listener;
    private final EventLoop loop;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private final AtomicBoolean connectedOnce = new AtomicBoolean();
    private volatile int generation;
    private volatile boolean connected;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String lastError;
    // on the scheduler thread only
    private String listenKey;
    private Channel channel;
    private ScheduledFuture<?> keepAliveTask;

    /** A stream of {@code rest}'s account on {@code wsUrl} ({@code wss://fstream.binance.com}), on its own scheduler thread. */
    public UserDataStream(final BinanceRest rest, final String wsUrl, final EventLoopGroup group, final StreamSettings settings,
        final Duration keepAliveInterval, final Listener listener)
    {
        this(rest, wsUrl, group, settings, keepAliveInterval, Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "user-data-stream");
            t.setDaemon(true);
            return t;
        }), true, listener);
    }

    /** As above, on {@code scheduler}, which must run one task at a time and which the caller keeps and shuts down. */
    public UserDataStream(final BinanceRest rest, final String wsUrl, final EventLoopGroup group, final StreamSettings settings,
        final Duration keepAliveInterval, final ScheduledExecutorService scheduler, final Listener listener)
    {
        this(rest, wsUrl, group, settings, keepAliveInterval, scheduler, false, listener);
    }

    private UserDataStream(final BinanceRest rest, final String wsUrl, final EventLoopGroup group, final StreamSettings settings,
        final Duration keepAliveInterval, final ScheduledExecutorService scheduler, final boolean ownScheduler, final Listener listener)
    {
        if (!wsUrl.startsWith("ws://") && !wsUrl.startsWith("wss://"))
        {
            throw new IllegalArgumentException("not a ws:// or wss:// URL: " + wsUrl);
        }
        if (keepAliveInterval.isZero() || keepAliveInterval.isNegative())
        {
            throw new IllegalArgumentException("keep-alive interval must be positive, was " + keepAliveInterval);
        }
        this.rest = rest;
        this.wsBase = wsUrl.endsWith("/") ? wsUrl.substring(0, wsUrl.length() - 1) : wsUrl;
        this.settings = settings;
        this.keepAlive = keepAliveInterval;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        this.listener = listener;
        this.loop = group.next();
    }

    /** Takes a key and connects, asynchronously; then keeps the key alive. */
    public void start()
    {
        if (started)
        {
            return;
        }
        started = true;
        scheduler.execute(() ->
        {
            attempt(generation, "start");
            final long ms = keepAlive.toMillis();
            keepAliveTask = scheduler.scheduleWithFixedDelay(this::keepAlive, ms, ms, TimeUnit.MILLISECONDS);
        });
    }

    /** Replaces the key and the connection (e.g. on {@code listenKeyExpired}); {@code onConnected(true)} follows. */
    public void rotate(final String reason)
    {
        scheduler.execute(() -> attempt(generation, "rotate: " + reason));
    }

    /** Whether a connection is up now. */
    public boolean isConnected()
    {
        return connected;
    }

    /** Rotations started so far (after a drop, a refused keep-alive or {@link #rotate}). */
    public int rotations()
    {
        return rotations.get();
    }

    /** The last problem, for operators (never the key); null when there was none. */
    public String lastError()
    {
        return lastError;
    }

    /** Closes the connection and deletes the key ({@code DELETE /fapi/v1/listenKey}), waiting for it up to 10 s. */
    @Override
    public void close()
    {
        closed = true;
        final Future<?> done;
        try
        {
            done = scheduler.submit(this::shutDown);
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            return;
        }
        try
        {
            done.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            lastError = "close: " + ex.getClass().getSimpleName();
        }
        if (ownScheduler)
        {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString()
    {
        return "UserDataStream[" + (connected ? "connected" : "not connected") + ", rotations=" + rotations.get() + "]";
    }

    // ---------------------------------------------------------------- on the scheduler thread

    /** A key, then a connection, unless a later attempt or the close has overtaken this one ({@code gen} is stale). */
    private void attempt(final int gen, final String why)
    {
        if (closed || gen != generation)
        {
            return;
        }
        final int next = ++generation;
        if (channel != null)
        {
            connected = false;
            WebSocketLink.close(channel, why);
            channel = null;
        }
        if (listenKey != null || connectedOnce.get())
        {
            rotations.incrementAndGet();
        }
        final RestAnswer answer = rest.post(LISTEN_KEY_PATH, Map.of(), BinanceRest.Security.API_KEY);
        final String key = answer.ok() ? listenKey(answer.body()) : null;
        if (key == null)
        {
            lastError = "listenKey not created (" + why + "): " + (answer.ok() ? "no listenKey in the answer" : String.valueOf(answer.error()));
            retry(next, why);
            return;
        }
        listenKey = key;
        if (closed)
        {
            return;
        }
        final URI uri = URI.create(wsBase + "/private/ws?listenKey=" + key);
        channel = WebSocketLink.connect(loop, uri, settings, new Connection(next), key);
    }

    private void retry(final int gen, final String why)
    {
        final long delay = settings.reconnectDelayNanos(failures.getAndIncrement(), ThreadLocalRandom.current().nextDouble());
        scheduler.schedule(() -> attempt(gen, why), delay, TimeUnit.NANOSECONDS);
    }

    private void keepAlive()
    {
        if (closed || listenKey == null)
        {
            return;
        }
        final RestAnswer answer = rest.put(LISTEN_KEY_PATH, Map.of(), BinanceRest.Security.API_KEY);
        if (answer.ok())
        {
            final String key = listenKey(answer.body());
            if (key != null && !key.equals(listenKey))
            {
                attempt(generation, "keep-alive answered another key");
            }
            return;
        }
        if (answer.noAnswer())
        {
            lastError = "keep-alive: " + answer.failure();
            return;
        }
        attempt(generation, "keep-alive refused: " + answer.error());
    }

    private void shutDown()
    {
        generation++;
        if (keepAliveTask != null)
        {
            keepAliveTask.cancel(false);
        }
        connected = false;
        if (channel != null)
        {
            WebSocketLink.close(channel, "stream closed");
            channel = null;
        }
        if (listenKey != null)
        {
            final RestAnswer answer = rest.delete(LISTEN_KEY_PATH, Map.of(), BinanceRest.Security.API_KEY);
            if (!answer.ok())
            {
                lastError = "listenKey not deleted: " + answer.error();
            }
            listenKey = null;
        }
    }

    private static String listenKey(final String body)
    {
        try (JsonParser p = JSON.createParser(body))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken t = p.nextToken();
                if ("listenKey".equals(name) && t == JsonToken.VALUE_STRING)
                {
                    final String key = p.getText();
                    return key.isEmpty() ? null : key;
                }
                p.skipChildren();
            }
            return null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    // ---------------------------------------------------------------- on the event loop

    /** The reports of the connection of attempt {@code gen}. */
    private final class Connection implements WebSocketLink.Handler
    {
        private final int gen;

        Connection(final int gen)
        {
            this.gen = gen;
        }

        @Override
        public void opened(final Channel ch)
        {
            if (closed || gen != generation)
            {
                ch.close();
                return;
            }
            failures.set(0);
            connected = true;
            listener.onConnected(connectedOnce.getAndSet(true));
        }

        @Override
        public void text(final Channel ch, final String text)
        {
            if (gen == generation)
            {
                listener.onFrame(text);
            }
        }

        @Override
        public void closed(final Channel ch, final String reason, final boolean wasOpen)
        {
            final boolean current = gen == generation;
            if (current)
            {
                connected = false;
                lastError = reason;
            }
            if (wasOpen)
            {
                listener.onDisconnected(reason);
            }
            if (current && !closed)
            {
                try
                {
                    scheduler.execute(() -> retry(gen, "reconnect after: " + reason));
                }
                catch (final java.util.concurrent.RejectedExecutionException ex)
                {
                    lastError = "no reconnect: the scheduler is shut down";
                }
            }
        }
    }
}
