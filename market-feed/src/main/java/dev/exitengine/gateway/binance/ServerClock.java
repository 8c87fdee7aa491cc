package dev.exitengine.gateway.binance;

import java.util.function.LongSupplier;

/**
 * The venue's clock as this process reads it: the local clock moved by the offset last measured from
 * {@code GET /fapi/v1/time}. A request's {@code timestamp} comes from here, so a local clock that runs
 * ahead of the exchange's does not earn {@code -1021} ("1000ms ahead of the server's time"), which no
 * {@code recvWindow} can cure. No network in this class: the caller measures and hands over the numbers.
 */
public final class ServerClock
{
    private final LongSupplier localMillis;
    private volatile long offsetMs;
    private volatile long roundTripMs = -1;

    /** On the system clock. */
    public ServerClock()
    {
        this(System::currentTimeMillis);
    }

    /** On {@code localMillis}, epoch milliseconds (tests give a settable clock). */
    public ServerClock(final LongSupplier localMillis)
    {
        this.localMillis = localMillis;
    }

    /**
     * The offset that one exchange of {@code GET /fapi/v1/time} measured: the server's time minus the local
     * time halfway between sending ({@code t0}) and receiving ({@code t1}), all in epoch milliseconds.
     */
    public static long offset(final long t0, final long serverTime, final long t1)
    {
        return serverTime - (t0 + (t1 - t0) / 2);
    }

    /** Takes the offset of one time request: sent at local {@code t0}, answered {@code serverTime}, received at local {@code t1}. */
    public void measured(final long t0, final long serverTime, final long t1)
    {
        if (t1 < t0)
        {
            throw new IllegalArgumentException("time request received at " + t1 + " before it was sent at " + t0);
        }
        offsetMs = offset(t0, serverTime, t1);
        roundTripMs = t1 - t0;
    }

    /** The venue's time now, epoch milliseconds. */
    public long now()
    {
        return localMillis.getAsLong() + offsetMs;
    }

    /** Server time minus local time, as last measured; 0 before any measurement. */
    public long offsetMs()
    {
        return offsetMs;
    }

    /** The last measurement's round trip, the bound on its error; -1 before any measurement. */
    public long roundTripMs()
    {
        return roundTripMs;
    }
}
