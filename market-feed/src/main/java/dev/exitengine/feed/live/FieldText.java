package dev.exitengine.feed.live;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The text of one JSON field value of the message being decoded: a view of the frame's bytes, or of its
 * own copy when the text had escapes to undo. Reused for every message; allocates only to grow its copy.
 */
final class FieldText implements CharSequence
{
    private final UnsafeBuffer own = new UnsafeBuffer(new byte[64]);
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean present;
    /** A JSON string (not a number or literal): what {@code nonNegativeInteger} needs to know. */
    private boolean string;
    /** A number written with a fraction or an exponent. */
    private boolean fraction;

    void view(final DirectBuffer source, final int offset, final int length, final boolean string, final boolean fraction)
    {
        this.buffer = source;
        this.offset = offset;
        this.length = length;
        this.string = string;
        this.fraction = fraction;
        present = true;
    }

    /** Copies unescaped text, so it outlives the scratch buffer it was decoded into. */
    void copy(final DirectBuffer source, final int offset, final int length)
    {
        if (own.capacity() < length)
        {
            own.wrap(new byte[Math.max(length, own.capacity() * 2)]);
        }
        own.putBytes(0, source, offset, length);
        view(own, 0, length, true, false);
    }

    void clear()
    {
        present = false;
        length = 0;
    }

    boolean isPresent()
    {
        return present;
    }

    boolean isString()
    {
        return string;
    }

    boolean isFraction()
    {
        return fraction;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int offset()
    {
        return offset;
    }

    @Override
    public int length()
    {
        return length;
    }

    byte at(final int index)
    {
        return buffer.getByte(offset + index);
    }

    boolean contentEquals(final byte[] text)
    {
        if (!present || text.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != text[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The byte at {@code index} as a char (the numbers and names read through it are ASCII). */
    @Override
    public char charAt(final int index)
    {
        return (char)(at(index) & 0xFF);
    }

    /** For refusal messages only: a copy. */
    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    /** The text as a string: for refusal messages only. */
    @Override
    public String toString()
    {
        return present ? buffer.getStringWithoutLengthUtf8(offset, length) : "";
    }
}
