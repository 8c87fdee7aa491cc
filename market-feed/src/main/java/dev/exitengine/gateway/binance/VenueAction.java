package dev.exitengine.gateway.binance;

/** What the engine must do after Binance refused, or may not have taken, an order (BINANCE.md §5). */
public enum VenueAction
{
    /** The order may have executed: look it up by {@code origClientOrderId}; never resend it blindly. */
    UNKNOWN_OUTCOME,
    /** The timestamp was outside the window: measure the server-time offset again, then send again. */
    RESYNC_CLOCK_AND_RETRY,
    /** Too many requests or an IP ban: wait {@link VenueError#retryAfterSeconds()} when given. */
    BACK_OFF,
    /** A reduce-only conflict, also seen when the position is already flat: read position and open orders first. */
    REREAD_POSITION,
    /** A MARKET close on a thin book broke the price band: close with an IOC LIMIT at the band's edge. */
    IOC_LIMIT_AT_BAND,
    /** Refused for good: the code and message say why. */
    REJECTED
}
