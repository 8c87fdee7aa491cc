package dev.exitengine.feed;

/**
 * A reusable view of chars, either over another array ({@link #wrap}) or over its own copy
 * ({@link #copy}), so that decimals and symbols are read from parser buffers without a string each.
 */
final class CharSlice implements CharSequence
{
    private char[] own = new char[32];
    private char[] chars = own;
    private int offset;
    private int length;
    private boolean present;

    /** Views {@code length} chars of {@code source} from {@code offset}; the source must not change meanwhile. */
    CharSlice wrap(final char[] source, final int offset, final int length)
    {
        chars = source;
        this.offset = offset;
        this.length = length;
        present = true;
        return this;
    }

    /** Copies the chars, so the slice outlives the source buffer. */
    CharSlice copy(final char[] source, final int offset, final int length)
    {
        if (own.length < length)
        {
            own = new char[Math.max(length, own.length * 2)];
        }
        System.arraycopy(source, offset, own, 0, length);
        chars = own;
        this.offset = 0;
        this.length = length;
        present = true;
        return this;
    }

    /** Marks the slice absent (a field the message did not carry). */
    void clear()
    {
        length = 0;
        present = false;
    }

    boolean isPresent()
    {
        return present;
    }

    char[] array()
    {
        return chars;
    }

    int offset()
    {
        return offset;
    }

    boolean contentEquals(final String text)
    {
        if (text.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (chars[offset + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString()
    {
        return new String(chars, offset, length);
    }
}
