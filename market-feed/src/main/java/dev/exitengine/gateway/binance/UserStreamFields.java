package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;

/**
 * The typed fields of one user-stream event, read from Jackson's tokens: integers (also given as strings),
 * decimals into fixed point without a String, strings, booleans, the presence bits of required fields; a
 * field that is not what it must be is refused by name, prefixed with the event type ({@link #eventType}).
 * Used by {@link UserStreamDecoder}, on its thread.
 */
final class UserStreamFields
{
    /** The event being read (null before its type is known): refusals name it. */
    String eventType;
    private final CharsView chars = new CharsView();

    long integer(final JsonParser p, final JsonToken t, final String field, final boolean emptyIsZero) throws IOException
    {
        if (t == JsonToken.VALUE_NUMBER_INT)
        {
            if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG)
            {
                throw malformed("bad integer in field " + field + ": " + p.getText());
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING)
        {
            final char[] buf = p.getTextCharacters();
            final int off = p.getTextOffset();
            final int len = p.getTextLength();
            if (len == 0 && emptyIsZero)
            {
                return 0;
            }
            final long value = parseLong(buf, off, len);
            if (value == Long.MIN_VALUE)
            {
                throw malformed("bad integer in field " + field + ": '" + p.getText() + "'");
            }
            return value;
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return 0;
        }
        throw malformed("field " + field + " is not an integer: " + p.getText());
    }

    /** Long.MIN_VALUE when not an integer or out of range. */
    static long parseLong(final char[] buf, final int off, final int len)
    {
        int i = off;
        final int end = off + len;
        boolean negative = false;
        if (i < end && buf[i] == '-')
        {
            negative = true;
            i++;
        }
        if (i == end || end - i > 18)
        {
            return Long.MIN_VALUE;
        }
        long v = 0;
        while (i < end)
        {
            final char c = buf[i++];
            if (c < '0' || c > '9')
            {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    /** A decimal given as a string or a plain number; {@link Fixed#NONE} for null (and for "" when {@code emptyIsAbsent}). */
    long decimal(final JsonParser p, final JsonToken t, final String field, final boolean emptyIsAbsent) throws IOException
    {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)
        {
            final int len = p.getTextLength();
            if (len == 0 && emptyIsAbsent)
            {
                return Fixed.NONE;
            }
            chars.wrap(p.getTextCharacters(), p.getTextOffset(), len);
            try
            {
                return Fixed.parse(chars);
            }
            catch (final NumberFormatException ex)
            {
                throw malformed("bad decimal in field " + field + ": '" + p.getText() + "' (" + ex.getMessage() + ')');
            }
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return Fixed.NONE;
        }
        throw malformed("field " + field + " is not a decimal: " + p.getText());
    }

    String string(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        if (t == JsonToken.VALUE_STRING)
        {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return null;
        }
        throw malformed("field " + field + " is not a string: " + p.getText());
    }

    boolean bool(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        if (t == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL)
        {
            return false;
        }
        throw malformed("field " + field + " is not a boolean: " + p.getText());
    }

    static String skip(final JsonParser p) throws IOException
    {
        p.skipChildren();
        return null;
    }

    void expectArrayEnd(final JsonParser p, final String field)
    {
        if (p.currentToken() != JsonToken.END_ARRAY)
        {
            throw malformed("field " + field + " holds something other than objects");
        }
    }

    static String emptyToNull(final String s)
    {
        return s == null || s.isEmpty() ? null : s;
    }

    static long orZero(final long fixed)
    {
        return fixed == Fixed.NONE ? 0 : fixed;
    }

    static int present(final JsonToken t, final int bit)
    {
        return t == JsonToken.VALUE_NULL ? 0 : 1 << bit;
    }

    static int present(final String value, final int bit)
    {
        return value == null ? 0 : 1 << bit;
    }

    static int present(final long fixed, final int bit)
    {
        return fixed == Fixed.NONE ? 0 : 1 << bit;
    }

    void require(final int seen, final String[] fields)
    {
        for (int bit = 0; bit < fields.length; bit++)
        {
            if ((seen & (1 << bit)) == 0)
            {
                throw malformed("missing field " + fields[bit]);
            }
        }
    }

    void requireEntry(final int seen, final String[] fields, final String array, final int index)
    {
        for (int bit = 0; bit < fields.length; bit++)
        {
            if ((seen & (1 << bit)) == 0)
            {
                throw malformed("missing field " + array + '[' + index + "]." + fields[bit]);
            }
        }
    }

    Malformed malformed(final String what)
    {
        return new Malformed(prefixed(what));
    }

    String prefixed(final String what)
    {
        return eventType == null ? what : eventType + ": " + what;
    }

    /** Thrown inside the decoder only, turned into {@link UserStreamListener#onMalformed}; no stack trace. */
    static final class Malformed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Malformed(final String message)
        {
            super(message, null, false, false);
        }
    }

    /** A window on the parser's characters, so that a decimal is parsed without a String. */
    private static final class CharsView implements CharSequence
    {
        private char[] buf;
        private int offset;
        private int length;

        void wrap(final char[] buf, final int offset, final int length)
        {
            this.buf = buf;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(final int index)
        {
            return buf[offset + index];
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            return new String(buf, offset + start, end - start);
        }

        @Override
        public String toString()
        {
            return new String(buf, offset, length);
        }
    }

    /** The part of an event below its envelope: reads it and returns the bits of the required fields it saw. */
    @FunctionalInterface
    interface Body
    {
        int read(JsonParser p) throws IOException;
    }

    /** Event time ("E") and transaction time ("T") of the envelope read last (0 when absent). */
    long eventTime;
    long transactionTime;

    /**
     * The envelope every user-stream event with a body has: "E" (required, bit 0), "T", and the object under
     * {@code key} (required, bit 1) read by {@code body}; other fields are passed over. Returns the bits seen.
     */
    int envelope(final JsonParser p, final String key, final Body body) throws IOException
    {
        eventTime = 0;
        transactionTime = 0;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            if ("E".equals(name))
            {
                eventTime = integer(p, t, "E", false);
                seen |= present(t, 0);
            }
            else if ("T".equals(name))
            {
                transactionTime = integer(p, t, "T", false);
            }
            else if (key.equals(name))
            {
                if (t == JsonToken.START_OBJECT)
                {
                    seen |= 1 << 1;
                    seen |= body.read(p);
                }
                else if (t != JsonToken.VALUE_NULL)
                {
                    throw malformed("field " + key + " is not an object");
                }
            }
            else
            {
                p.skipChildren();
            }
        }
        return seen;
    }
}
