package dev.exitengine.feed.live;

/**
 * Keeps what one connection sends under the venue's limit of incoming messages (Binance: 10 a second,
 * pings and pongs included; more disconnects, repeats ban the IP): at most {@code max} sends in any
 * sliding second. Allocation-free; used from the connection's event-loop thread only.
 */
final class SendBudget
{
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final long[] sentAt;
    private int oldest;

    SendBudget(final int max)
    {
        sentAt = new long[max];
        java.util.Arrays.fill(sentAt, Long.MIN_VALUE);
    }

    /** True, and the send counted, when one more send at {@code nowNanos} stays within the limit. */
    boolean trySend(final long nowNanos)
    {
        final long then = sentAt[oldest];
        if (then != Long.MIN_VALUE && nowNanos - then < SECOND_NANOS)
        {
            return false;
        }
        sentAt[oldest] = nowNanos;
        oldest = (oldest + 1) % sentAt.length;
        return true;
    }
}
