package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Classifies Binance's refusals of an order (BINANCE.md §5). The precedence: HTTP 429 and 418 back off;
 * then the error code decides where it is one the engine acts on ({@code -1006}/{@code -1007} unknown outcome,
 * {@code -1021}/{@code -5028} resync the clock, {@code -1003}/{@code -1008} back off, {@code -2022} re-read
 * the position, {@code -4131} IOC limit at the band); then any other HTTP 5xx is an unknown outcome (503
 * "Unknown error" may have executed, and a proxy's 502 or 504 says no more); everything else is rejected.
 * Error bodies are read with Jackson's streaming parser: REST's {@code {"code":…,"msg":…}} and the
 * WebSocket API's {@code {"id":…,"status":…,"error":{"code":…,"msg":…}}}.
 */
public final class VenueErrors
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_UNREADABLE_BODY_CHARS = 200;

    private VenueErrors()
    {
    }

    /** A request that got no answer in time (or whose connection broke after sending): it may have executed. */
    public static VenueError timeout(final String what)
    {
        return new VenueError(VenueAction.UNKNOWN_OUTCOME, 0, 0, what, -1);
    }

    /**
     * A REST answer other than 2xx: its status, its {@code Retry-After} header (null when absent) and its body.
     */
    public static VenueError ofRest(final int httpStatus, final String retryAfter, final String body)
    {
        final ErrorBody e = ErrorBody.read(body, false);
        return classify(httpStatus, e.code, e.message, retryAfterSeconds(retryAfter));
    }

    /** A WebSocket API answer whose {@code status} is not 200, e.g. {@code {"id":"x","status":400,"error":{"code":-2022,"msg":"…"}}}. */
    public static VenueError ofWebSocket(final String response)
    {
        final ErrorBody e = ErrorBody.read(response, true);
        return classify(e.status, e.code, e.message, -1);
    }

    /** The action for an HTTP status (0 for none), Binance error code (0 for none), and the seconds Retry-After gave (-1 for none). */
    public static VenueError classify(final int httpStatus, final int code, final String message, final long retryAfterSeconds)
    {
        return new VenueError(action(httpStatus, code), httpStatus, code, message, retryAfterSeconds);
    }

    private static VenueAction action(final int httpStatus, final int code)
    {
        if (httpStatus == 429 || httpStatus == 418)
        {
            return VenueAction.BACK_OFF;
        }
        switch (code)
        {
            case -1006:
            case -1007:
                return VenueAction.UNKNOWN_OUTCOME;
            case -1021:
            case -5028:
                return VenueAction.RESYNC_CLOCK_AND_RETRY;
            case -1003:
            case -1008:
                return VenueAction.BACK_OFF;
            case -2022:
                return VenueAction.REREAD_POSITION;
            case -4131:
                return VenueAction.IOC_LIMIT_AT_BAND;
            default:
                return httpStatus >= 500 ? VenueAction.UNKNOWN_OUTCOME : VenueAction.REJECTED;
        }
    }

    /** An error answer's status, code and msg; the message says so when the body could not be read. */
    private static final class ErrorBody
    {
        int status;
        int code;
        String message;

        /** Code and msg at the top level (REST) or inside {@code error} with a top-level status (WebSocket API). */
        static ErrorBody read(final String body, final boolean webSocket)
        {
            final ErrorBody e = new ErrorBody();
            if (!e.parse(body, webSocket) || (e.code == 0 && e.message == null))
            {
                e.code = 0;
                e.message = unreadable(body);
            }
            else if (e.message == null)
            {
                e.message = "";
            }
            return e;
        }

        private boolean parse(final String body, final boolean webSocket)
        {
            if (body == null || body.isBlank())
            {
                return false;
            }
            try (JsonParser p = JSON.createParser(body))
            {
                if (p.nextToken() != JsonToken.START_OBJECT)
                {
                    return false;
                }
                int depth = 1;
                JsonToken t;
                while (depth > 0 && (t = p.nextToken()) != null)
                {
                    if (t == JsonToken.END_OBJECT)
                    {
                        depth--;
                        continue;
                    }
                    final String name = p.currentName();
                    t = p.nextToken();
                    if ("code".equals(name) && t == JsonToken.VALUE_NUMBER_INT)
                    {
                        code = p.getIntValue();
                    }
                    else if ("msg".equals(name) && t == JsonToken.VALUE_STRING)
                    {
                        message = p.getText();
                    }
                    else if ("status".equals(name) && depth == 1 && webSocket && t == JsonToken.VALUE_NUMBER_INT)
                    {
                        status = p.getIntValue();
                    }
                    else if ("error".equals(name) && depth == 1 && webSocket && t == JsonToken.START_OBJECT)
                    {
                        depth++; // its code and msg are read as the loop goes on inside it
                    }
                    else
                    {
                        p.skipChildren();
                    }
                }
                return true;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
    }

    private static String unreadable(final String body)
    {
        if (body == null || body.isBlank())
        {
            return "no body";
        }
        final String b = body.strip();
        return "unreadable body: " + (b.length() > MAX_UNREADABLE_BODY_CHARS ? b.substring(0, MAX_UNREADABLE_BODY_CHARS) + "…" : b);
    }

    private static long retryAfterSeconds(final String header)
    {
        if (header == null)
        {
            return -1;
        }
        try
        {
            final long seconds = Long.parseLong(header.strip());
            return seconds >= 0 ? seconds : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
