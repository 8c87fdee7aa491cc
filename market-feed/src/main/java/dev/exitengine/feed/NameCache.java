package dev.exitengine.feed;

/**
 * Turns chars into strings, returning the same {@link String} for the same chars, so that a feed
 * reading millions of ticks of a few symbols allocates a symbol once. Bounded: past its capacity it
 * simply makes new strings.
 */
final class NameCache
{
    private static final int CAPACITY = 4096;
    private static final int SLOTS = CAPACITY * 2;
    private static final int MAX_SYMBOL_LENGTH = 64;

    private final String[] strings = new String[SLOTS];
    private int size;

    String get(final char[] chars, final int offset, final int length)
    {
        if (length > MAX_SYMBOL_LENGTH)
        {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = 0; i < length; i++)
        {
            hash = 31 * hash + chars[offset + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        while (true)
        {
            final String candidate = strings[slot];
            if (candidate == null)
            {
                final String made = new String(chars, offset, length);
                if (size < CAPACITY)
                {
                    strings[slot] = made;
                    size++;
                }
                return made;
            }
            if (matches(candidate, chars, offset, length))
            {
                return candidate;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    /** As {@link #get(char[], int, int)}, for ASCII bytes (each byte is its char). */
    String get(final byte[] ascii, final int offset, final int length)
    {
        if (length > MAX_SYMBOL_LENGTH)
        {
            return new String(ascii, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        for (int i = 0; i < length; i++)
        {
            widened[i] = (char)ascii[offset + i];
        }
        return get(widened, 0, length);
    }

    private final char[] widened = new char[MAX_SYMBOL_LENGTH];

    String get(final CharSlice slice)
    {
        return get(slice.array(), slice.offset(), slice.length());
    }

    private static boolean matches(final String candidate, final char[] chars, final int offset, final int length)
    {
        if (candidate.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (candidate.charAt(i) != chars[offset + i])
            {
                return false;
            }
        }
        return true;
    }
}
