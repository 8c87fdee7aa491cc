package dev.exitengine.feed;

import java.util.Objects;

/** How a feed behaves on input it cannot accept. */
public final class FeedOptions
{
    /** What a feed does after reporting a bad line through {@code InputSink.rejected}. */
    public enum ErrorPolicy
    {
        /** Report the line and go on with the next one. */
        CONTINUE,
        /** Report the line, then stop the run with a {@link FeedException} naming file and line. */
        STOP
    }

    private static final FeedOptions CONTINUE = new FeedOptions(ErrorPolicy.CONTINUE);
    private static final FeedOptions STOP = new FeedOptions(ErrorPolicy.STOP);

    private final ErrorPolicy errorPolicy;

    private FeedOptions(final ErrorPolicy errorPolicy)
    {
        this.errorPolicy = errorPolicy;
    }

    public static FeedOptions of(final ErrorPolicy errorPolicy)
    {
        return Objects.requireNonNull(errorPolicy, "errorPolicy") == ErrorPolicy.STOP ? STOP : CONTINUE;
    }

    /** The default: report bad lines and go on. */
    public static FeedOptions continueOnError()
    {
        return CONTINUE;
    }

    public static FeedOptions stopOnError()
    {
        return STOP;
    }

    public ErrorPolicy errorPolicy()
    {
        return errorPolicy;
    }

    @Override
    public String toString()
    {
        return "FeedOptions{errorPolicy=" + errorPolicy + '}';
    }
}
