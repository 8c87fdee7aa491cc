package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * A JSON key given twice in one object is refused, never read as "the last one wins": a line with
 * {@code "price":"50011","price":"1"} is ambiguous, and guessing would act on a price nobody meant.
 * Jackson's strict duplicate detection finds the key; this names it by its path ({@code price},
 * {@code positions[0].qty}, {@code stopLoss.pct}) for the refusals of the files that use it.
 */
public final class DuplicateKeys
{
    private static final String JACKSON_TEXT = "Duplicate field '";

    private DuplicateKeys()
    {
    }

    /** {@code parser}, which from now on stops with an error at a key given twice in any of its objects. */
    public static JsonParser refused(final JsonParser parser)
    {
        return parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The path of the key given twice that {@code ex} reports; null when it reports something else. */
    public static String keyOf(final JsonProcessingException ex)
    {
        final String message = ex.getOriginalMessage();
        if (!(ex instanceof JsonParseException) || message == null || !message.startsWith(JACKSON_TEXT)
            || !(ex.getProcessor() instanceof JsonParser))
        {
            return null;
        }
        return path(((JsonParser)ex.getProcessor()).getParsingContext());
    }

    /** {@code a.b[2].c}: the names and indexes of the contexts from the root to {@code context}'s current key. */
    private static String path(final JsonStreamContext context)
    {
        if (context == null || context.inRoot())
        {
            return "";
        }
        final String parent = path(context.getParent());
        if (context.inArray())
        {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
    }
}
