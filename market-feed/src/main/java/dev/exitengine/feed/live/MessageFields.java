package dev.exitengine.feed.live;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.MalformedEventException;

/**
 * The one reused record of the fields a market-stream message may carry ({@code e s p q b a u t X T E}),
 * filled as the message is read and checked when its event is delivered. The checks and their refusal
 * texts are those of every market-feed parser: {@code "bookTicker field 'T': missing, and so is E"}.
 */
final class MessageFields
{
    /** Key codes other than a field's one-letter name. */
    static final int DATA = -2;
    static final int OTHER = -1;
    /** What {@link #sequence} returns for a message without the field. */
    static final long NO_SEQUENCE = -1;

    /** A time that is absent; {@link #BAD_TIME} one that is present but not epoch milliseconds. */
    private static final long NO_TIME = -1;
    private static final long BAD_TIME = -2;

    final FieldText event = new FieldText();
    final FieldText symbol = new FieldText();
    final FieldText price = new FieldText();
    final FieldText qty = new FieldText();
    final FieldText bid = new FieldText();
    /** {@code a}: the best ask of a book ticker, the aggregate trade id of an aggregate trade. */
    final FieldText ask = new FieldText();
    /** {@code u}: the order book update id of a book ticker. */
    final FieldText update = new FieldText();
    /** {@code t}: the trade id of a (legacy) trade. */
    final FieldText tradeId = new FieldText();
    final FieldText status = new FieldText();
    private final FieldText time = new FieldText();
    private long tradeTime;
    private long eventTime;

    void clear()
    {
        event.clear();
        symbol.clear();
        price.clear();
        qty.clear();
        bid.clear();
        ask.clear();
        update.clear();
        tradeId.clear();
        status.clear();
        tradeTime = NO_TIME;
        eventTime = NO_TIME;
    }

    /** The code of the key just read: its letter when it is one ASCII letter, else {@link #DATA} or {@link #OTHER}. */
    int keyOf(final JsonCursor json)
    {
        final int length = json.textLength();
        if (length == 1)
        {
            return json.textBuffer().getByte(json.textOffset()) & 0xFF;
        }
        if (length == 4 && json.textBuffer().getByte(json.textOffset()) == 'd' && json.textBuffer().getByte(json.textOffset() + 1) == 'a' &&
            json.textBuffer().getByte(json.textOffset() + 2) == 't' && json.textBuffer().getByte(json.textOffset() + 3) == 'a')
        {
            return DATA;
        }
        return OTHER;
    }

    /** Reads the scalar value of the field {@code key}, keeping it when the field is one of ours. */
    void read(final int key, final JsonCursor json)
    {
        final boolean string = json.peek() == '"';
        final boolean present = json.scalar();
        switch (key)
        {
            case 'e': keep(event, json, present, string); break;
            case 's': keep(symbol, json, present, string); break;
            case 'p': keep(price, json, present, string); break;
            case 'q': keep(qty, json, present, string); break;
            case 'b': keep(bid, json, present, string); break;
            case 'a': keep(ask, json, present, string); break;
            case 'u': keep(update, json, present, string); break;
            case 't': keep(tradeId, json, present, string); break;
            case 'X': keep(status, json, present, string); break;
            case 'T': tradeTime = time(json, present, string); break;
            case 'E': eventTime = time(json, present, string); break;
            default: break;
        }
    }

    private static void keep(final FieldText slot, final JsonCursor json, final boolean present, final boolean string)
    {
        if (!present)
        {
            slot.clear();
        }
        else if (json.escaped())
        {
            slot.copy(json.textBuffer(), json.textOffset(), json.textLength());
        }
        else
        {
            slot.view(json.textBuffer(), json.textOffset(), json.textLength(), string, json.fraction());
        }
    }

    private long time(final JsonCursor json, final boolean present, final boolean string)
    {
        if (!present)
        {
            return BAD_TIME;
        }
        time.view(json.textBuffer(), json.textOffset(), json.textLength(), string, json.fraction());
        final long value = FieldNumbers.nonNegativeInteger(time);
        return value < 0 ? BAD_TIME : value;
    }

    /** The transaction time {@code T}, else the event time {@code E}. */
    long tradeOrEventTime(final String kind)
    {
        if (tradeTime == NO_TIME && eventTime == NO_TIME)
        {
            throw refuse(kind, "T", "missing, and so is E");
        }
        return tradeTime != NO_TIME ? timestamp(tradeTime, kind, "T") : timestamp(eventTime, kind, "E");
    }

    /** The event time {@code E}. */
    long eventTime(final String kind)
    {
        return timestamp(eventTime, kind, "E");
    }

    /** The sequence number in {@code slot}, a non-negative integer; {@link #NO_SEQUENCE} when the message has none. */
    long sequence(final FieldText slot, final String kind, final String field)
    {
        if (!slot.isPresent())
        {
            return NO_SEQUENCE;
        }
        final long value = FieldNumbers.nonNegativeInteger(slot);
        if (value < 0)
        {
            throw refuse(kind, field, "must be a non-negative integer, was " + slot);
        }
        return value;
    }

    long positive(final FieldText slot, final String kind, final String field)
    {
        final long value = decimal(slot, kind, field);
        if (value <= 0)
        {
            throw refuse(kind, field, "must be positive, was " + Fixed.toString(value));
        }
        return value;
    }

    long nonNegative(final FieldText slot, final String kind, final String field)
    {
        final long value = decimal(slot, kind, field);
        if (value < 0)
        {
            throw refuse(kind, field, "must not be negative, was " + Fixed.toString(value));
        }
        return value;
    }

    private static long decimal(final FieldText slot, final String kind, final String field)
    {
        if (!slot.isPresent())
        {
            throw refuse(kind, field, "missing");
        }
        try
        {
            return FieldNumbers.decimal(slot);
        }
        catch (final NumberFormatException ex)
        {
            throw refuse(kind, field, ex.getMessage());
        }
    }

    private static long timestamp(final long value, final String kind, final String field)
    {
        if (value == NO_TIME)
        {
            throw refuse(kind, field, "missing");
        }
        if (value == BAD_TIME)
        {
            throw refuse(kind, field, "must be a non-negative integer (epoch milliseconds)");
        }
        return value;
    }

    static MalformedEventException refuse(final String kind, final String field, final String what)
    {
        return new MalformedEventException(kind + " field '" + field + "': " + what);
    }
}
