package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors as one short line: the problem and its column, without Jackson's source dump. */
final class JsonErrorText
{
    private JsonErrorText()
    {
    }

    static String of(final JsonProcessingException ex)
    {
        String message = ex.getOriginalMessage();
        if (message == null)
        {
            message = ex.getClass().getSimpleName();
        }
        final int marker = message.indexOf(" (start marker at");
        if (marker >= 0)
        {
            message = message.substring(0, marker);
        }
        final int newline = message.indexOf('\n');
        if (newline >= 0)
        {
            message = message.substring(0, newline);
        }
        final JsonLocation location = ex.getLocation();
        return "bad JSON: " + message + (location != null && location.getColumnNr() > 0 ? " at column " + location.getColumnNr() : "");
    }
}
