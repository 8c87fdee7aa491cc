package dev.exitengine.feed;

import java.io.IOException;

/**
 * A feed stopped at a line it could not accept (error policy {@link FeedOptions.ErrorPolicy#STOP}).
 * The message reads {@code "events.jsonl:17: field 'price': must be positive, was -5"}.
 */
public final class FeedException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String what;

    public FeedException(final String where, final String what)
    {
        super(where + ": " + what);
        this.where = where;
        this.what = what;
    }

    /** Source and line, {@code "events.jsonl:17"}. */
    public String where()
    {
        return where;
    }

    /** The field and the problem. */
    public String what()
    {
        return what;
    }
}
