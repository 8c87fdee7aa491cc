package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One response frame of the Binance USDⓈ-M WebSocket API ({@code wss://ws-fapi.binance.com/ws-fapi/v1}):
 * {@code {"id":…,"status":200,"result":{…},"rateLimits":[…]}} or
 * {@code {"id":…,"status":400,"error":{"code":-2022,"msg":"…"},"rateLimits":[…]}}.
 *
 * @param id           the request's id as text (ids may be strings or numbers); null when absent or null
 * @param status       the HTTP-like status
 * @param resultJson   the raw text of {@code result} (an object or an array), for {@link AccountReads#order}; null when none
 * @param errorCode    {@code error.code}; 0 when none
 * @param errorMessage {@code error.msg}; null when none
 * @param rateLimits   the counters after this request, in order; empty when none
 */
public record WsApiResponse(String id, int status, String resultJson, int errorCode, String errorMessage, List<RateLimit> rateLimits)
{
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String WHAT = "WS API response";

    /** One entry of {@code rateLimits}: e.g. ORDERS / SECOND / 10 / 300 / 1 (count used of limit per 10 s). */
    public record RateLimit(String type, String interval, int intervalNum, long limit, long count)
    {
    }

    /** Whether the request succeeded: status 200 and no error. */
    public boolean ok()
    {
        return status == 200 && errorCode == 0;
    }

    /**
     * Reads one response frame.
     *
     * @throws IllegalArgumentException naming the field when the frame is not valid JSON, lacks {@code status}, or a value does not read
     */
    public static WsApiResponse parse(final String frame)
    {
        final String text = frame == null ? "" : frame;
        try (JsonParser p = FACTORY.createParser(text))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IllegalArgumentException(WHAT + ": not a JSON object");
            }
            String id = null;
            int status = 0;
            boolean hasStatus = false;
            String result = null;
            int code = 0;
            String msg = null;
            final List<RateLimit> limits = new ArrayList<>(3);
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken t = p.nextToken();
                switch (name)
                {
                    case "id":
                        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT)
                        {
                            id = p.getText();
                        }
                        else if (t != JsonToken.VALUE_NULL)
                        {
                            throw new IllegalArgumentException(WHAT + ": field id is neither a string nor an integer: " + p.getText());
                        }
                        break;
                    case "status":
                        status = intValue(p, t, "status");
                        hasStatus = true;
                        break;
                    case "result":
                        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)
                        {
                            final int start = (int)p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            final int end = (int)p.currentTokenLocation().getCharOffset() + 1;
                            result = text.substring(start, end);
                        }
                        else if (t != JsonToken.VALUE_NULL)
                        {
                            throw new IllegalArgumentException(WHAT + ": field result is neither an object nor an array: " + p.getText());
                        }
                        break;
                    case "error":
                        if (t == JsonToken.START_OBJECT)
                        {
                            while (p.nextToken() == JsonToken.FIELD_NAME)
                            {
                                final String inner = p.currentName();
                                final JsonToken it = p.nextToken();
                                if ("code".equals(inner))
                                {
                                    code = intValue(p, it, "error.code");
                                }
                                else if ("msg".equals(inner) && it == JsonToken.VALUE_STRING)
                                {
                                    msg = p.getText();
                                }
                                else
                                {
                                    p.skipChildren();
                                }
                            }
                        }
                        else if (t != JsonToken.VALUE_NULL)
                        {
                            throw new IllegalArgumentException(WHAT + ": field error is not an object: " + p.getText());
                        }
                        break;
                    case "rateLimits":
                        if (t == JsonToken.START_ARRAY)
                        {
                            JsonToken et;
                            while ((et = p.nextToken()) == JsonToken.START_OBJECT)
                            {
                                limits.add(rateLimit(p, limits.size()));
                            }
                            if (et != JsonToken.END_ARRAY)
                            {
                                throw new IllegalArgumentException(WHAT + ": field rateLimits[" + limits.size() + "] is not an object");
                            }
                        }
                        else if (t != JsonToken.VALUE_NULL)
                        {
                            throw new IllegalArgumentException(WHAT + ": field rateLimits is not an array");
                        }
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (p.nextToken() != null)
            {
                throw new IllegalArgumentException(WHAT + ": content after the JSON object");
            }
            if (!hasStatus)
            {
                throw new IllegalArgumentException(WHAT + ": missing field status");
            }
            return new WsApiResponse(id, status, result, code, msg, List.copyOf(limits));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(WHAT + ": not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(WHAT + ": unreadable: " + ex.getMessage(), ex);
        }
    }

    private static RateLimit rateLimit(final JsonParser p, final int index) throws IOException
    {
        String type = null;
        String interval = null;
        long intervalNum = -1;
        long limit = -1;
        long count = -1;
        final String where = "rateLimits[" + index + "].";
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "rateLimitType" -> type = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "interval" -> interval = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "intervalNum" -> intervalNum = longValue(p, t, where + name);
                case "limit" -> limit = longValue(p, t, where + name);
                case "count" -> count = longValue(p, t, where + name);
                default -> p.skipChildren();
            }
        }
        if (type == null)
        {
            throw new IllegalArgumentException(WHAT + ": missing field " + where + "rateLimitType");
        }
        if (interval == null)
        {
            throw new IllegalArgumentException(WHAT + ": missing field " + where + "interval");
        }
        if (intervalNum < 0)
        {
            throw new IllegalArgumentException(WHAT + ": missing field " + where + "intervalNum");
        }
        if (limit < 0)
        {
            throw new IllegalArgumentException(WHAT + ": missing field " + where + "limit");
        }
        if (count < 0)
        {
            throw new IllegalArgumentException(WHAT + ": missing field " + where + "count");
        }
        return new RateLimit(type, interval, (int)Math.min(intervalNum, Integer.MAX_VALUE), limit, count);
    }

    private static int intValue(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        final long v = longValue(p, t, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(WHAT + ": bad integer in field " + field + ": " + v);
        }
        return (int)v;
    }

    private static long longValue(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER)
        {
            return p.getLongValue();
        }
        throw new IllegalArgumentException(WHAT + ": bad integer in field " + field + ": " + p.getText());
    }
}
