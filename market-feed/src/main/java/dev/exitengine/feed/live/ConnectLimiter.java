package dev.exitengine.feed.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces connection attempts: at most one per interval across every client that shares the limiter
 * (Binance limits connects per IP; NautilusTrader keeps to one a second). {@link #PROCESS} is the one the
 * whole process shares; tests make their own with a short interval.
 */
public final class ConnectLimiter
{
    /** One connect a second for the whole process. */
    public static final ConnectLimiter PROCESS = new ConnectLimiter(TimeUnit.SECONDS.toNanos(1));

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);

    public ConnectLimiter(final long intervalNanos)
    {
        this.intervalNanos = intervalNanos;
    }

    /** Reserves the next free slot; returns how many nanoseconds from {@code nowNanos} to wait for it. */
    public long reserve(final long nowNanos)
    {
        while (true)
        {
            final long next = nextSlot.get();
            final long slot = next == Long.MIN_VALUE || next - nowNanos < 0 ? nowNanos : next;
            if (nextSlot.compareAndSet(next, slot + intervalNanos))
            {
                return slot - nowNanos;
            }
        }
    }
}
