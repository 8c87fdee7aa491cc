package dev.exitengine.gateway.binance;

/**
 * One classified answer from Binance: what to do, the HTTP status (0 when none, as for a timeout or a
 * WebSocket answer without one), Binance's error code (0 when the answer had none) and message, and the
 * seconds to wait from {@code Retry-After} (-1 when not given).
 */
public final class VenueError
{
    private final VenueAction action;
    private final int httpStatus;
    private final int code;
    private final String message;
    private final long retryAfterSeconds;

    public VenueError(final VenueAction action, final int httpStatus, final int code, final String message, final long retryAfterSeconds)
    {
        this.action = action;
        this.httpStatus = httpStatus;
        this.code = code;
        this.message = message;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public VenueAction action()
    {
        return action;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    public int code()
    {
        return code;
    }

    public String message()
    {
        return message;
    }

    public long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    /** {@code REJECTED -2019 Margin is insufficient. (HTTP 400)}: fit for a reject reason and an operator's log. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(96).append(action);
        if (code != 0)
        {
            sb.append(' ').append(code);
        }
        if (!message.isEmpty())
        {
            sb.append(' ').append(message);
        }
        if (httpStatus != 0)
        {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (retryAfterSeconds >= 0)
        {
            sb.append(" retry after ").append(retryAfterSeconds).append(" s");
        }
        return sb.toString();
    }
}
