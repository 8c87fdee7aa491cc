package dev.exitengine.gateway.binance;

/**
 * One account's order-count budget (BINANCE.md §5: 300 orders per 10 s and 1,200 per minute, shared by
 * UM and CM): the counts the venue reports after each order — the {@code X-MBX-ORDER-COUNT-10S} and
 * {@code -1M} headers of REST answers, the {@code ORDERS} entries of a WebSocket API answer's
 * {@code rateLimits}, which also carry the limits — and how long the next order must wait so as not to
 * cross a limit the venue would refuse it at ({@code -1015}, or a 429). A count is trusted for its own
 * window from when it was read: once the window has passed since, it can only have rolled over. Thread-safe.
 */
public final class OrderBudget
{
    public static final long DEFAULT_LIMIT_10S = 300;
    public static final long DEFAULT_LIMIT_1M = 1_200;
    private static final long TEN_SECONDS = 10_000;
    private static final long ONE_MINUTE = 60_000;

    private long used10s = -1;
    private long limit10s = DEFAULT_LIMIT_10S;
    private long readAt10s;
    private long used1m = -1;
    private long limit1m = DEFAULT_LIMIT_1M;
    private long readAt1m;

    /** Counts from a REST answer's headers (-1: not given), read at {@code nowMs}. */
    public synchronized void fromHeaders(final long count10s, final long count1m, final long nowMs)
    {
        if (count10s >= 0)
        {
            used10s = count10s;
            readAt10s = nowMs;
        }
        if (count1m >= 0)
        {
            used1m = count1m;
            readAt1m = nowMs;
        }
    }

    /** Counts and limits from a WebSocket API answer's {@code rateLimits}, read at {@code nowMs}. */
    public synchronized void fromRateLimits(final Iterable<WsApiResponse.RateLimit> limits, final long nowMs)
    {
        for (final WsApiResponse.RateLimit r : limits)
        {
            if (!"ORDERS".equals(r.type()))
            {
                continue;
            }
            if ("SECOND".equals(r.interval()) && r.intervalNum() == 10)
            {
                used10s = r.count();
                limit10s = r.limit();
                readAt10s = nowMs;
            }
            else if ("MINUTE".equals(r.interval()) && r.intervalNum() == 1)
            {
                used1m = r.count();
                limit1m = r.limit();
                readAt1m = nowMs;
            }
        }
    }

    /** How many milliseconds from {@code nowMs} the next order should wait; 0: it may go now. */
    public synchronized long waitMs(final long nowMs)
    {
        long wait = 0;
        if (used10s >= limit10s && nowMs - readAt10s < TEN_SECONDS)
        {
            wait = readAt10s + TEN_SECONDS - nowMs;
        }
        if (used1m >= limit1m && nowMs - readAt1m < ONE_MINUTE)
        {
            wait = Math.max(wait, readAt1m + ONE_MINUTE - nowMs);
        }
        return wait;
    }

    /** An order is about to go: counted now, so two closes in a row cannot both take the last place. */
    public synchronized void spend()
    {
        if (used10s >= 0)
        {
            used10s++;
        }
        if (used1m >= 0)
        {
            used1m++;
        }
    }
}
