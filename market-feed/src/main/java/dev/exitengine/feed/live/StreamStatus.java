package dev.exitengine.feed.live;

/**
 * What one stream client has done, readable from any thread (an admin endpoint, a metrics scrape). Written
 * only by the client's event-loop thread, so a volatile per field is enough: single writer, many readers.
 */
public final class StreamStatus
{
    volatile boolean connected;
    volatile long lastMessageMillis;
    volatile long frames;
    volatile long malformed;
    volatile long reconnects;
    volatile long rotations;
    volatile long idleTimeouts;
    volatile long sendsRefused;

    /** Whether a connection is open and its handshake done. */
    public boolean connected()
    {
        return connected;
    }

    /** Wall-clock epoch milliseconds of the last frame received; 0 before the first. */
    public long lastMessageMillis()
    {
        return lastMessageMillis;
    }

    /** Text frames received (each one message). */
    public long frames()
    {
        return frames;
    }

    /** Messages refused as malformed (also counted in {@link #frames()}). */
    public long malformed()
    {
        return malformed;
    }

    /** Connections lost (dropped, idle, refused) and so reopened. */
    public long reconnects()
    {
        return reconnects;
    }

    /** Planned replacements before the venue's 24-hour cut. */
    public long rotations()
    {
        return rotations;
    }

    /** Connections closed because nothing arrived for the idle timeout. */
    public long idleTimeouts()
    {
        return idleTimeouts;
    }

    /** Pings or pongs not sent because they would have exceeded the venue's message rate. */
    public long sendsRefused()
    {
        return sendsRefused;
    }
}
