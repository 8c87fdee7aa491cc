package dev.exitengine.feed.live;

import java.time.Duration;

/**
 * How a {@link MarketStreamClient} keeps its connection: pings, idle timeout, reconnect backoff, the
 * planned rotation before the venue's 24-hour cut, the connect limiter and the venue's send limit.
 * Immutable; {@link #DEFAULTS} suits Binance, and each {@code with...} returns a changed copy.
 */
public final class StreamSettings
{
    /** Binance: a connection lives 24 h; the server pings every 3 min; at most 10 incoming messages a second. */
    public static final StreamSettings DEFAULTS = new StreamSettings(Duration.ofSeconds(30), Duration.ofSeconds(90),
        Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, Duration.ofHours(23).plusMinutes(30), Duration.ofSeconds(2), ConnectLimiter.PROCESS, 10, 1 << 20);

    final Duration pingInterval;
    final Duration idleTimeout;
    final Duration firstBackoff;
    final Duration maxBackoff;
    final double jitter;
    final Duration maxAge;
    final Duration overlap;
    final ConnectLimiter limiter;
    final int maxSendsPerSecond;
    final int maxMessageBytes;

    private StreamSettings(final Duration pingInterval, final Duration idleTimeout, final Duration firstBackoff, final Duration maxBackoff,
        final double jitter, final Duration maxAge, final Duration overlap, final ConnectLimiter limiter, final int maxSendsPerSecond, final int maxMessageBytes)
    {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
        this.maxAge = maxAge;
        this.overlap = overlap;
        this.limiter = limiter;
        this.maxSendsPerSecond = maxSendsPerSecond;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Our ping every {@code ping}; reconnect when nothing at all arrived for {@code idle}. */
    public StreamSettings withKeepAlive(final Duration ping, final Duration idle)
    {
        return new StreamSettings(ping, idle, firstBackoff, maxBackoff, jitter, maxAge, overlap, limiter, maxSendsPerSecond, maxMessageBytes);
    }

    /** Reconnect after {@code first}, doubling to {@code max}, each delay varied by ± {@code jitter} (0.2 = 20 %). */
    public StreamSettings withBackoff(final Duration first, final Duration max, final double jitter)
    {
        return new StreamSettings(pingInterval, idleTimeout, first, max, jitter, maxAge, overlap, limiter, maxSendsPerSecond, maxMessageBytes);
    }

    /**
     * Replace a connection once it is {@code age} old: the new one is opened first and the old one closed
     * {@code overlap} after the new one is up, so that what the old one already received is still read.
     */
    public StreamSettings withRotation(final Duration age, final Duration overlap)
    {
        return new StreamSettings(pingInterval, idleTimeout, firstBackoff, maxBackoff, jitter, age, overlap, limiter, maxSendsPerSecond,
            maxMessageBytes);
    }

    /** Space connects through {@code connects} instead of the process-wide limiter. */
    public StreamSettings withLimiter(final ConnectLimiter connects)
    {
        return new StreamSettings(pingInterval, idleTimeout, firstBackoff, maxBackoff, jitter, maxAge, overlap, connects, maxSendsPerSecond, maxMessageBytes);
    }

    /** Refuse a message longer than {@code bytes}: the connection is reset, as for any protocol error, and reopened. */
    public StreamSettings withMaxMessageBytes(final int bytes)
    {
        return new StreamSettings(pingInterval, idleTimeout, firstBackoff, maxBackoff, jitter, maxAge, overlap, limiter, maxSendsPerSecond, bytes);
    }

    /** How often a connection pings when it has sent nothing else. */
    public Duration pingInterval()
    {
        return pingInterval;
    }

    /** How long a connection may hear nothing at all before it is taken for dead. */
    public Duration idleTimeout()
    {
        return idleTimeout;
    }

    /** The limiter that spaces connects. */
    public ConnectLimiter limiter()
    {
        return limiter;
    }

    /** The longest message a connection takes. */
    /** How long a connection is kept before a new one replaces it (before the venue's own 24-hour cut). */
    public Duration maxAge()
    {
        return maxAge;
    }

    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /** {@link #backoffNanos(int, double)} for clients outside this package. */
    public long reconnectDelayNanos(final int failures, final double random)
    {
        return backoffNanos(failures, random);
    }

    /** The reconnect delay after {@code failures} consecutive failures (0 for the first), jittered by {@code random} in [0, 1). */
    long backoffNanos(final int failures, final double random)
    {
        final long first = firstBackoff.toNanos();
        final long max = maxBackoff.toNanos();
        final long base = failures >= 62 || first > max >> failures ? max : first << failures; // no overflow past max
        return (long)(base * (1 + jitter * (2 * random - 1)));
    }
}
