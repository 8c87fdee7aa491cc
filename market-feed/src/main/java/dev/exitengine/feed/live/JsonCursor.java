package dev.exitengine.feed.live;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Walks the bytes of one JSON message token by token, as strictly as Jackson's defaults (no comments,
 * no trailing commas, no leading zeros, no unescaped control characters, nesting at most
 * {@link #MAX_DEPTH}). The last token read is {@link #text()}: a view of the message, or of an unescaped
 * copy for strings with escapes. Anything else ends the walk with the shared, stackless {@link #SYNTAX}.
 */
final class JsonCursor
{
    /** Jackson's default nesting limit. */
    static final int MAX_DEPTH = 1000;

    /** Thrown for every syntax error; the caller words the refusal on its error path. */
    static final RuntimeException SYNTAX = new RuntimeException("bad JSON", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[256]);
    private DirectBuffer buffer;
    private int position;
    private int end;
    private DirectBuffer textBuffer;
    private int textOffset;
    private int textLength;
    private boolean escaped;
    private boolean fraction;

    void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    /** The next byte after white space, without taking it; -1 at the end. */
    int peek()
    {
        while (position < end)
        {
            final byte b = buffer.getByte(position);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
            {
                return b;
            }
            position++;
        }
        return -1;
    }

    /** Takes {@code c}, after white space, or fails. */
    void expect(final char c)
    {
        if (peek() != c)
        {
            throw SYNTAX;
        }
        position++;
    }

    /** Takes {@code c} when it comes next. */
    boolean take(final char c)
    {
        if (peek() == c)
        {
            position++;
            return true;
        }
        return false;
    }

    boolean atEnd()
    {
        return peek() == -1;
    }

    DirectBuffer textBuffer()
    {
        return textBuffer;
    }

    int textOffset()
    {
        return textOffset;
    }

    int textLength()
    {
        return textLength;
    }

    /** Whether the last string had escapes, so its text is in scratch space the next string reuses. */
    boolean escaped()
    {
        return escaped;
    }

    /** Whether the last number had a fraction or an exponent. */
    boolean fraction()
    {
        return fraction;
    }

    /** Reads a string, its opening quote next. */
    void string()
    {
        expect('"');
        final int start = position;
        while (true)
        {
            if (position >= end)
            {
                throw SYNTAX;
            }
            final byte b = buffer.getByte(position);
            if (b == '"')
            {
                setText(buffer, start, position - start);
                position++;
                escaped = false;
                return;
            }
            if (b == '\\')
            {
                unescape(start);
                return;
            }
            if (b >= 0 && b < 0x20)
            {
                throw SYNTAX;
            }
            position++;
        }
    }

    /** Reads a number, its first byte next: JSON's grammar, which Jackson enforces by default. */
    void number()
    {
        final int start = position;
        boolean hasFraction = false;
        if (position < end && buffer.getByte(position) == '-')
        {
            position++;
        }
        if (position < end && buffer.getByte(position) == '0')
        {
            position++;
        }
        else if (digits() == 0)
        {
            throw SYNTAX;
        }
        if (position < end && buffer.getByte(position) == '.')
        {
            position++;
            hasFraction = true;
            if (digits() == 0)
            {
                throw SYNTAX;
            }
        }
        if (position < end && (buffer.getByte(position) == 'e' || buffer.getByte(position) == 'E'))
        {
            position++;
            hasFraction = true;
            if (position < end && (buffer.getByte(position) == '+' || buffer.getByte(position) == '-'))
            {
                position++;
            }
            if (digits() == 0)
            {
                throw SYNTAX;
            }
        }
        setText(buffer, start, position - start);
        fraction = hasFraction;
        escaped = false;
    }

    /** Reads {@code true}, {@code false} or {@code null}, its first byte next; true unless it was null. */
    boolean literal()
    {
        final int b = peek();
        final String word = b == 't' ? "true" : b == 'f' ? "false" : b == 'n' ? "null" : null;
        if (word == null || end - position < word.length())
        {
            throw SYNTAX;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (buffer.getByte(position + i) != word.charAt(i))
            {
                throw SYNTAX;
            }
        }
        if (position + word.length() < end && Character.isLetterOrDigit(buffer.getByte(position + word.length())))
        {
            throw SYNTAX;
        }
        setText(buffer, position, word.length());
        position += word.length();
        escaped = false;
        fraction = false;
        return b != 'n';
    }

    /** Reads and drops one value of any kind, checking its syntax. */
    void skipValue(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw SYNTAX;
        }
        final int b = peek();
        if (b == '{')
        {
            position++;
            if (take('}'))
            {
                return;
            }
            do
            {
                string();
                expect(':');
                skipValue(depth + 1);
            }
            while (take(','));
            expect('}');
        }
        else if (b == '[')
        {
            position++;
            if (take(']'))
            {
                return;
            }
            do
            {
                skipValue(depth + 1);
            }
            while (take(','));
            expect(']');
        }
        else
        {
            scalar();
        }
    }

    /** Reads a string, number or literal, the next thing; false for null. */
    boolean scalar()
    {
        final int b = peek();
        if (b == '"')
        {
            string();
            return true;
        }
        if (b == '-' || (b >= '0' && b <= '9'))
        {
            number();
            return true;
        }
        return literal();
    }

    private int digits()
    {
        final int start = position;
        while (position < end && buffer.getByte(position) >= '0' && buffer.getByte(position) <= '9')
        {
            position++;
        }
        return position - start;
    }

    private void setText(final DirectBuffer source, final int offset, final int length)
    {
        textBuffer = source;
        textOffset = offset;
        textLength = length;
    }

    /** The rest of a string with escapes, from its first byte at {@code start}, decoded into scratch. */
    private void unescape(final int start)
    {
        int length = 0;
        position = start;
        while (true)
        {
            if (position >= end)
            {
                throw SYNTAX;
            }
            byte b = buffer.getByte(position++);
            if (b == '"')
            {
                break;
            }
            if (b >= 0 && b < 0x20)
            {
                throw SYNTAX;
            }
            if (b == '\\')
            {
                if (position >= end)
                {
                    throw SYNTAX;
                }
                b = buffer.getByte(position++);
                switch (b)
                {
                    case '"': case '\\': case '/': break;
                    case 'b': b = '\b'; break;
                    case 'f': b = '\f'; break;
                    case 'n': b = '\n'; break;
                    case 'r': b = '\r'; break;
                    case 't': b = '\t'; break;
                    case 'u':
                        length = putCodePoint(length, hex4());
                        continue;
                    default: throw SYNTAX;
                }
            }
            length = put(length, b);
        }
        setText(scratch, 0, length);
        escaped = true;
    }

    /** A {@code \}{@code uXXXX} escape's char, combined with a following low surrogate escape when there is one. */
    private int hex4()
    {
        final int c = hex();
        if (Character.isHighSurrogate((char)c) && end - position >= 6 &&
            buffer.getByte(position) == '\\' && buffer.getByte(position + 1) == 'u')
        {
            final int mark = position;
            position += 2;
            final int low = hex();
            if (Character.isLowSurrogate((char)low))
            {
                return Character.toCodePoint((char)c, (char)low);
            }
            position = mark;
        }
        return c;
    }

    private int hex()
    {
        if (end - position < 4)
        {
            throw SYNTAX;
        }
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            final int digit = Character.digit(buffer.getByte(position++), 16);
            if (digit < 0)
            {
                throw SYNTAX;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private int putCodePoint(final int at, final int cp)
    {
        if (cp < 0x80)
        {
            return put(at, (byte)cp);
        }
        if (cp < 0x800)
        {
            return put(put(at, (byte)(0xC0 | cp >> 6)), (byte)(0x80 | cp & 0x3F));
        }
        if (cp < 0x10000)
        {
            return put(put(put(at, (byte)(0xE0 | cp >> 12)), (byte)(0x80 | cp >> 6 & 0x3F)), (byte)(0x80 | cp & 0x3F));
        }
        return put(put(put(put(at, (byte)(0xF0 | cp >> 18)), (byte)(0x80 | cp >> 12 & 0x3F)), (byte)(0x80 | cp >> 6 & 0x3F)),
            (byte)(0x80 | cp & 0x3F));
    }

    private int put(final int at, final byte b)
    {
        if (at == scratch.capacity())
        {
            final byte[] bigger = new byte[at * 2];
            scratch.getBytes(0, bigger, 0, at);
            scratch.wrap(bigger);
        }
        scratch.putByte(at, b);
        return at + 1;
    }
}
