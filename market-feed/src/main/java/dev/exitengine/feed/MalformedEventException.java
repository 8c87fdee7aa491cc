package dev.exitengine.feed;

/**
 * A line, row or message a feed cannot turn into an event; the message names the field or column and
 * the problem ({@code "trade field 'p': must be positive, was 0"}). Feeds report it through
 * {@code InputSink.rejected} with the source and line. Carries no stack trace: it describes input, not
 * a fault in the code.
 */
public final class MalformedEventException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    public MalformedEventException(final String message)
    {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace()
    {
        return this;
    }
}
