package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

/** Reports a feed's bad lines as {@code "SOURCE:LINE"} and applies the error policy; counts them. */
final class LineRejects
{
    private final String source;
    private final FeedOptions.ErrorPolicy policy;
    private long count;

    LineRejects(final String source, final FeedOptions options)
    {
        this.source = source;
        this.policy = options.errorPolicy();
    }

    void reject(final InputSink sink, final long line, final String what) throws FeedException
    {
        final String where = source + ":" + line;
        count++;
        sink.rejected(where, what);
        if (policy == FeedOptions.ErrorPolicy.STOP)
        {
            throw new FeedException(where, what);
        }
    }

    long count()
    {
        return count;
    }

    void reset()
    {
        count = 0;
    }
}
