package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Words why a market-stream message is not a JSON object a stream decoder can read, in the market-feed's
 * one wording of JSON errors ({@link JsonErrorText}): Jackson reads the message again, on this error path
 * only, and names the first problem it meets. The byte decoder of live frames and captures uses it so
 * that its refusals read like every other feed's.
 */
public final class StreamMessageSyntax
{
    private StreamMessageSyntax()
    {
    }

    /**
     * The refusal of {@code message}, which a decoder found malformed; {@code otherwise} when Jackson
     * reads it without complaint.
     */
    public static String refusal(final String message, final String otherwise)
    {
        final char[] chars = message.toCharArray();
        try (JsonParser p = JsonStreams.parser(chars, 0, chars.length))
        {
            final JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY)
            {
                return "message is not a JSON object";
            }
            p.skipChildren();
            if (p.nextToken() != null)
            {
                return "unexpected content after the JSON message";
            }
            return otherwise;
        }
        catch (final JsonProcessingException ex)
        {
            return JsonErrorText.of(ex);
        }
        catch (final IOException ex)
        {
            return "unreadable message: " + ex.getMessage();
        }
    }
}
