package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.feed.live.StreamSettings;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A persistent connection to the Binance WebSocket API ({@code wss://ws-fapi.binance.com/ws-fapi/v1}) for
 * requests such as {@code order.place}: each request carries an {@code id}, and its response, which may come
 * out of order, is matched to it by that id. A request that gets no response within the request timeout, or
 * that is pending when the connection drops, is reported as an unknown outcome
 * ({@link VenueErrors#timeout}: look the order up, never resend it blindly). A request made while the
 * connection is down is refused at once ({@link #send} returns false) so the caller can use REST instead.
 * After a drop the session reconnects with exponential backoff and jitter ({@link StreamSettings}); it pings
 * when it has sent nothing for the ping interval, answers the server's pings, and takes a server that is
 * silent for the idle timeout for dead. Every callback runs on the session's event-loop thread: keep them short.
 */
public final class WsApiSession implements AutoCloseable
{
    /** The connection's up and down transitions, on the event-loop thread. */
    public interface StateListener
    {
        void onUp();

        void onDown(String reason);
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final URI uri;
    private final StreamSettings settings;
    private final long requestTimeoutNanos;
    private final StateListener listener;
    private final EventLoop loop;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile Channel channel;
    private volatile boolean up;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String lastError;
    private int failures;
    /** The connection that is to replace {@link #channel} before the venue's 24-hour cut, while it opens. */
    private Channel rotatingTo;
    private final AtomicLong rotations = new AtomicLong();

    /** A session with {@code uri}, run on one event loop of {@code group}; {@code listener} may be null. */
    public WsApiSession(final URI uri, final EventLoopGroup group, final StreamSettings settings, final Duration requestTimeout,
        final StateListener listener)
    {
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()))
        {
            throw new IllegalArgumentException("not a ws:// or wss:// URL: " + uri);
        }
        this.uri = uri;
        this.settings = settings;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.listener = listener;
        this.loop = group.next();
    }

    /** Opens the connection, asynchronously; {@link StateListener#onUp()} tells when it is up. */
    public void connect()
    {
        if (!started)
        {
            started = true;
            loop.execute(this::open);
        }
    }

    /** Whether requests can be sent now. */
    public boolean isUp()
    {
        return up;
    }

    /**
     * Sends {@code requestJson}, whose {@code id} field is {@code id}. Returns false, calling nothing, when the
     * connection is down (the request was not sent). Otherwise exactly one of the callbacks follows, on the
     * event-loop thread: {@code onResponse} with the response's JSON (status 200 or not: see
     * {@link VenueErrors#ofWebSocket}), or {@code onNoAnswer} with an unknown-outcome error when the request
     * timed out, the connection was lost while it was pending, or it could not be written.
     */
    public boolean send(final String id, final String requestJson, final Consumer<String> onResponse, final Consumer<VenueError> onNoAnswer)
    {
        final Channel ch = channel;
        if (closed || !up || ch == null || !ch.isActive())
        {
            return false;
        }
        final Pending request = new Pending(ch, onResponse, onNoAnswer);
        if (pending.putIfAbsent(id, request) != null)
        {
            throw new IllegalArgumentException("request id " + id + " is already pending");
        }
        request.timeout = loop.schedule(
            () -> fail(id, request, "request " + id + ": no response within " + requestTimeoutNanos / 1_000_000 + " ms, outcome unknown"),
            requestTimeoutNanos, TimeUnit.NANOSECONDS);
        ch.writeAndFlush(new TextWebSocketFrame(requestJson)).addListener(f ->
        {
            if (!f.isSuccess())
            {
                fail(id, request, "request " + id + ": write failed (" + f.cause().getClass().getSimpleName() + "), outcome unknown");
            }
        });
        return true;
    }

    /** Requests sent and not yet answered, timed out or failed. */
    public int pendingCount()
    {
        return pending.size();
    }

    /** Messages that matched no pending request (late answers after a timeout, or messages without an id). */
    public long unmatched()
    {
        return unmatched.get();
    }

    /** The last connection problem, for operators; null when there was none. */
    public String lastError()
    {
        return lastError;
    }

    public URI uri()
    {
        return uri;
    }

    /** Closes the connection; pending requests are reported as unknown outcomes; no reconnect follows. */
    @Override
    public void close()
    {
        closed = true;
        loop.execute(() ->
        {
            final Channel ch = channel;
            if (ch != null)
            {
                WebSocketLink.close(ch, "session closed");
            }
        });
    }

    // ---------------------------------------------------------------- on the event loop

    private void open()
    {
        if (closed)
        {
            return;
        }
        channel = connectLink();
    }

    /**
     * The venue cuts a WebSocket API connection after 24 hours: before that a new one is opened; once it is up,
     * requests go on it, and the old one closes when its pending requests are answered (or have timed out).
     */
    private void rotate(final Channel current)
    {
        if (closed || current != channel || rotatingTo != null)
        {
            return;
        }
        rotatingTo = connectLink();
    }

    /** Connections replaced by a rotation so far. */
    public long rotations()
    {
        return rotations.get();
    }

    /** Closes a replaced connection once no request on it is pending (at most one request timeout later). */
    private void retire(final Channel old, final long deadlineNanos)
    {
        final boolean busy = pending.values().stream().anyMatch(p -> p.channel == old);
        if (busy && System.nanoTime() < deadlineNanos)
        {
            loop.schedule(() -> retire(old, deadlineNanos), 100, TimeUnit.MILLISECONDS);
            return;
        }
        WebSocketLink.close(old, "rotated before the venue's 24-hour cut");
    }

    private Channel connectLink()
    {
        return WebSocketLink.connect(loop, uri, settings, new WebSocketLink.Handler()
        {
            @Override
            public void opened(final Channel ch)
            {
                WsApiSession.this.opened(ch);
            }

            @Override
            public void text(final Channel ch, final String text)
            {
                response(text);
            }

            @Override
            public void closed(final Channel ch, final String reason, final boolean wasOpen)
            {
                WsApiSession.this.closed(ch, reason, wasOpen);
            }
        }, null);
    }

    private void opened(final Channel ch)
    {
        if (ch == rotatingTo && !closed)
        {
            // the replacement is up: new requests go on it; the old one finishes what it has, then closes
            final Channel old = channel;
            rotatingTo = null;
            channel = ch;
            failures = 0;
            rotations.incrementAndGet();
            loop.schedule(() -> rotate(ch), settings.maxAge().toNanos(), TimeUnit.NANOSECONDS);
            if (old != null)
            {
                retire(old, System.nanoTime() + requestTimeoutNanos + TimeUnit.SECONDS.toNanos(1));
            }
            return;
        }
        if (ch != channel || closed)
        {
            ch.close();
            return;
        }
        failures = 0;
        up = true;
        loop.schedule(() -> rotate(ch), settings.maxAge().toNanos(), TimeUnit.NANOSECONDS);
        if (listener != null)
        {
            listener.onUp();
        }
    }

    private void closed(final Channel ch, final String reason, final boolean wasOpen)
    {
        if (ch == rotatingTo)
        {
            // the replacement failed to open: the current connection goes on, and a new try follows after a back-off
            rotatingTo = null;
            final Channel current = channel;
            loop.schedule(() -> rotate(current), settings.reconnectDelayNanos(failures++, ThreadLocalRandom.current().nextDouble()),
                TimeUnit.NANOSECONDS);
            return;
        }
        if (ch != channel && "rotated before the venue's 24-hour cut".equals(reason))
        {
            return;
        }
        lastError = reason;
        if (ch == channel)
        {
            up = false;
        }
        for (final Map.Entry<String, Pending> e : pending.entrySet())
        {
            if (e.getValue().channel == ch)
            {
                fail(e.getKey(), e.getValue(), "request " + e.getKey() + ": connection lost (" + reason + "), outcome unknown");
            }
        }
        if (ch != channel)
        {
            return;
        }
        if (wasOpen && listener != null)
        {
            listener.onDown(reason);
        }
        if (!closed)
        {
            final long delay = settings.reconnectDelayNanos(failures++, ThreadLocalRandom.current().nextDouble());
            loop.schedule(this::open, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void response(final String text)
    {
        final String id = responseId(text);
        final Pending request = id == null ? null : pending.get(id);
        if (request == null || !pending.remove(id, request))
        {
            unmatched.incrementAndGet();
            return;
        }
        if (request.timeout != null)
        {
            request.timeout.cancel(false);
        }
        request.onResponse.accept(text);
    }

    private void fail(final String id, final Pending request, final String why)
    {
        if (pending.remove(id, request))
        {
            if (request.timeout != null)
            {
                request.timeout.cancel(false);
            }
            request.onNoAnswer.accept(VenueErrors.timeout(why));
        }
    }

    /** The top-level {@code id} of a response, string or number, as text; null when it has none or is not a JSON object. */
    static String responseId(final String json)
    {
        try (JsonParser p = JSON.createParser(json))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken t = p.nextToken();
                if ("id".equals(name) && (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT))
                {
                    return p.getText();
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

    private static final class Pending
    {
        final Channel channel;
        final Consumer<String> onResponse;
        final Consumer<VenueError> onNoAnswer;
        volatile ScheduledFuture<?> timeout;

        Pending(final Channel channel, final Consumer<String> onResponse, final Consumer<VenueError> onNoAnswer)
        {
            this.channel = channel;
            this.onResponse = onResponse;
            this.onNoAnswer = onNoAnswer;
        }
    }
}
