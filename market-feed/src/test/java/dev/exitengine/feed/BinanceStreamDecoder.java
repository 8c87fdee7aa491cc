package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;

/**
 * The reference the byte decoder of live frames and captures ({@code feed.live.MarketFrameDecoder}) is
 * proven against: the Jackson-based decoder {@link WsCaptureFeed} used before it, kept unchanged in test
 * sources so that {@code MarketFrameDecoderEquivalenceTest} can compare the two message by message.
 * <p>
 * Decodes Binance USDⓈ-M market-stream messages into market events: one message as the WebSocket
 * delivers it, either wrapped by a combined stream ({@code {"stream":"btcusdt@trade","data":{...}}},
 * {@code data} may also be an array of events) or bare. Used by {@link WsCaptureFeed} and meant for the
 * live WebSocket feed too.
 * <ul>
 * <li>{@code trade}: {@code trade(T, s, p, q)}; skipped when {@code X} is present and not {@code MARKET}
 *     (insurance-fund and ADL trades are not market prices).</li>
 * <li>{@code aggTrade}: {@code trade(T, s, p, q)}.</li>
 * <li>{@code bookTicker}: {@code quote(T, s, b, a)}, event time {@code E} when {@code T} is absent.</li>
 * <li>{@code markPriceUpdate}: {@code mark(E, s, p)}; its {@code T} is the next funding time, not the
 *     event's.</li>
 * <li>Anything else ({@code depthUpdate}, kline, subscription replies): skipped and counted.</li>
 * </ul>
 * Streams with Jackson's parser, builds no tree, and allocates no string per message for known symbols.
 * Not thread-safe: one decoder per reading thread.
 */
final class BinanceStreamDecoder
{
    private final NameCache symbols = new NameCache();
    private final JsonValues values = new JsonValues(this::problem, symbols);
    private final CharSlice event = new CharSlice();
    private final CharSlice symbol = new CharSlice();
    private final CharSlice price = new CharSlice();
    private final CharSlice qty = new CharSlice();
    private final CharSlice bid = new CharSlice();
    private final CharSlice ask = new CharSlice();
    private final CharSlice status = new CharSlice();
    private long tradeTime;
    private long eventTime;
    private long skipped;
    /** The kind of event being delivered, named in refusals. */
    private String kind;

    /**
     * Decodes one message and delivers what it holds to {@code sink}.
     *
     * @return the number of events delivered (0 when the message is of a kind that is skipped).
     * @throws MalformedEventException when the message is not valid JSON or a field the event needs is
     *                                 missing or bad; the message names the event and field.
     */
    int decode(final char[] buffer, final int offset, final int length, final InputSink sink)
    {
        try (JsonParser p = JsonStreams.parser(buffer, offset, length))
        {
            final JsonToken first = p.nextToken();
            final int delivered;
            if (first == JsonToken.START_OBJECT)
            {
                delivered = message(p, sink);
            }
            else if (first == JsonToken.START_ARRAY)
            {
                delivered = array(p, sink);
            }
            else
            {
                throw new MalformedEventException("message is not a JSON object");
            }
            if (p.nextToken() != null)
            {
                throw new MalformedEventException("unexpected content after the JSON message");
            }
            return delivered;
        }
        catch (final JsonProcessingException ex)
        {
            throw new MalformedEventException(JsonErrorText.of(ex));
        }
        catch (final IOException ex)
        {
            throw new MalformedEventException("unreadable message: " + ex.getMessage());
        }
    }

    /** Decodes one message given as a string (tests, fixtures). */
    int decode(final String message, final InputSink sink)
    {
        final char[] chars = message.toCharArray();
        return decode(chars, 0, chars.length, sink);
    }

    /** Messages skipped since this decoder was made or last {@link #resetSkipped() reset}. */
    long skipped()
    {
        return skipped;
    }

    void resetSkipped()
    {
        skipped = 0;
    }

    /** At the {@code START_OBJECT} of a message, wrapped or bare. */
    private int message(final JsonParser p, final InputSink sink) throws IOException
    {
        clear();
        int delivered = 0;
        boolean wrapped = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = p.currentName();
            final JsonToken value = p.nextToken();
            if ("data".equals(field) && (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY))
            {
                wrapped = true;
                delivered += value == JsonToken.START_OBJECT ? message(p, sink) : array(p, sink);
                clear();
            }
            else
            {
                field(p, field, value);
            }
        }
        if (!wrapped)
        {
            delivered += dispatch(sink);
        }
        return delivered;
    }

    private int array(final JsonParser p, final InputSink sink) throws IOException
    {
        int delivered = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY)
        {
            if (token == JsonToken.START_OBJECT)
            {
                delivered += message(p, sink);
            }
            else
            {
                p.skipChildren();
                skipped++;
            }
        }
        return delivered;
    }

    private void clear()
    {
        event.clear();
        symbol.clear();
        price.clear();
        qty.clear();
        bid.clear();
        ask.clear();
        status.clear();
        tradeTime = -1;
        eventTime = -1;
    }

    private void field(final JsonParser p, final String field, final JsonToken value) throws IOException
    {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
        {
            p.skipChildren(); // depth levels and the like: not used
            return;
        }
        if (field.length() != 1)
        {
            return;
        }
        switch (field.charAt(0))
        {
            case 'e': copy(p, event); break;
            case 's': copy(p, symbol); break;
            case 'p': copy(p, price); break;
            case 'q': copy(p, qty); break;
            case 'b': copy(p, bid); break;
            case 'a': copy(p, ask); break;
            case 'X': copy(p, status); break;
            case 'T': tradeTime = time(p); break;
            case 'E': eventTime = time(p); break;
            default: break;
        }
    }

    private static void copy(final JsonParser p, final CharSlice slot) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            slot.clear();
            return;
        }
        slot.copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** A millisecond time; -2 marks one that is present but not a non-negative integer. */
    private long time(final JsonParser p) throws IOException
    {
        final long value = JsonValues.nonNegativeInteger(p.currentToken(), values.text(p));
        return value < 0 ? -2 : value;
    }

    private int dispatch(final InputSink sink)
    {
        if (!event.isPresent())
        {
            skipped++;
            return 0;
        }
        if (event.contentEquals("trade"))
        {
            if (status.isPresent() && !status.contentEquals("MARKET"))
            {
                skipped++;
                return 0;
            }
            return trade("trade", sink);
        }
        if (event.contentEquals("aggTrade"))
        {
            return trade("aggTrade", sink);
        }
        if (event.contentEquals("bookTicker"))
        {
            kind = "bookTicker";
            final long ts = tradeOrEventTime();
            final String s = symbol();
            final long b = positive(bid, "b");
            final long a = positive(ask, "a");
            sink.quote(ts, s, b, a);
            return 1;
        }
        if (event.contentEquals("markPriceUpdate"))
        {
            kind = "markPriceUpdate";
            final long ts = timestamp(eventTime, "E");
            final String s = symbol();
            final long p = positive(price, "p");
            sink.mark(ts, s, p);
            return 1;
        }
        skipped++;
        return 0;
    }

    private int trade(final String tradeKind, final InputSink sink)
    {
        kind = tradeKind;
        final long ts = tradeOrEventTime();
        final String s = symbol();
        final long p = positive(price, "p");
        final long q = values.nonNegative(decimal(qty, "q"), "q");
        sink.trade(ts, s, p, q);
        return 1;
    }

    /** The transaction time {@code T}, else the event time {@code E}. */
    private long tradeOrEventTime()
    {
        if (tradeTime == -1 && eventTime == -1)
        {
            throw values.refuse("T", "missing, and so is E");
        }
        return tradeTime != -1 ? timestamp(tradeTime, "T") : timestamp(eventTime, "E");
    }

    private long timestamp(final long value, final String field)
    {
        if (value == -1)
        {
            throw values.missing(field);
        }
        if (value == -2)
        {
            throw values.refuse(field, "must be a non-negative integer (epoch milliseconds)");
        }
        return value;
    }

    private String symbol()
    {
        if (!symbol.isPresent() || symbol.length() == 0)
        {
            throw values.missing("s");
        }
        return symbols.get(symbol);
    }

    private long positive(final CharSlice slot, final String field)
    {
        return values.positive(decimal(slot, field), field);
    }

    private long decimal(final CharSlice slot, final String field)
    {
        if (!slot.isPresent())
        {
            throw values.missing(field);
        }
        return values.decimalText(slot, field);
    }

    /** A message's refusal: {@code "trade field 'p': must be positive, was 0"}. */
    private MalformedEventException problem(final String field, final String what)
    {
        return new MalformedEventException(kind + " field '" + field + "': " + what);
    }
}
