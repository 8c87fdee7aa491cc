package dev.exitengine.gateway.binance;

/**
 * One REST exchange with Binance as {@link BinanceRest} saw it: either an HTTP answer (status, body,
 * {@code Retry-After} and the {@code X-MBX-*} usage headers, each -1 when absent), or a failure to get one
 * (a timeout or an I/O error), which names the method and path but never the query, since a signed query
 * carries the signature. A failure after the request may have left is an unknown outcome for an order.
 */
public final class RestAnswer
{
    private final String method;
    private final String path;
    private final int status;
    private final String body;
    private final long retryAfterSeconds;
    private final long usedWeight1m;
    private final long orderCount10s;
    private final long orderCount1m;
    private final boolean timedOut;
    private final String failure;

    private RestAnswer(final String method, final String path, final int status, final String body, final long retryAfterSeconds,
        final long usedWeight1m, final long orderCount10s, final long orderCount1m, final boolean timedOut, final String failure)
    {
        this.method = method;
        this.path = path;
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
        this.usedWeight1m = usedWeight1m;
        this.orderCount10s = orderCount10s;
        this.orderCount1m = orderCount1m;
        this.timedOut = timedOut;
        this.failure = failure;
    }

    static RestAnswer answered(final String method, final String path, final int status, final String body, final long retryAfterSeconds,
        final long usedWeight1m, final long orderCount10s, final long orderCount1m)
    {
        return new RestAnswer(method, path, status, body, retryAfterSeconds, usedWeight1m, orderCount10s, orderCount1m, false, null);
    }

    static RestAnswer failed(final String method, final String path, final boolean timedOut, final String why)
    {
        return new RestAnswer(method, path, 0, "", -1, -1, -1, -1, timedOut, method + " " + path + ": " + why);
    }

    public String method()
    {
        return method;
    }

    public String path()
    {
        return path;
    }

    /** The HTTP status; 0 when no answer came. */
    public int status()
    {
        return status;
    }

    /** The body; empty when no answer came. */
    public String body()
    {
        return body;
    }

    /** Whether an answer with a 2xx status came. */
    public boolean ok()
    {
        return status >= 200 && status < 300;
    }

    /** Whether no answer came at all (timeout or I/O error). */
    public boolean noAnswer()
    {
        return failure != null;
    }

    /** Whether no answer came within the request timeout. */
    public boolean timedOut()
    {
        return timedOut;
    }

    /** Why no answer came, naming the method and path ({@code POST /fapi/v1/order: timed out after PT5S}); null when one came. */
    public String failure()
    {
        return failure;
    }

    /** Seconds from {@code Retry-After} (429 and 418); -1 when absent. */
    public long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /** {@code X-MBX-USED-WEIGHT-1M}, per IP; -1 when absent. */
    public long usedWeight1m()
    {
        return usedWeight1m;
    }

    /** {@code X-MBX-ORDER-COUNT-10S}, per account, on successful orders; -1 when absent. */
    public long orderCount10s()
    {
        return orderCount10s;
    }

    /** {@code X-MBX-ORDER-COUNT-1M}, per account, on successful orders; -1 when absent. */
    public long orderCount1m()
    {
        return orderCount1m;
    }

    /**
     * What went wrong, classified (BINANCE.md §5): an unknown outcome when no answer came, otherwise the
     * status, code and {@code Retry-After} of the answer; null for a 2xx answer.
     */
    public VenueError error()
    {
        if (failure != null)
        {
            return VenueErrors.timeout(failure);
        }
        if (ok())
        {
            return null;
        }
        return VenueErrors.ofRest(status, retryAfterSeconds >= 0 ? Long.toString(retryAfterSeconds) : null, body);
    }

    @Override
    public String toString()
    {
        return failure != null ? "RestAnswer[" + failure + "]" : "RestAnswer[" + method + " " + path + " HTTP " + status + "]";
    }
}
