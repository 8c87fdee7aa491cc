package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

/**
 * The common lines of a JSON Lines feed — {@code trade}, {@code quote}, {@code mark} — read straight from the
 * bytes of an ASCII line (its bytes are its chars), without a parser object or a String per line: a flat object
 * of known keys whose values are
 * plain strings (no escapes) or plain numbers. It delivers a line only when it is sure the full reading
 * ({@link JsonLinesFeed}'s, on Jackson) would deliver the same event; any doubt — another key, a key twice,
 * an escape, a null, a nested value, a value the checks would refuse — returns false having delivered
 * nothing, and the full reading takes the line (and words its refusal, naming the field, exactly as before).
 */
final class MarketLineFastPath
{
    private static final int TYPE = 0;
    private static final int TS = 1;
    private static final int SYMBOL = 2;
    private static final int PRICE = 3;
    private static final int QTY = 4;
    private static final int BID = 5;
    private static final int ASK = 6;
    private static final byte[][] KEYS = {ascii("type"), ascii("ts"), ascii("symbol"), ascii("price"), ascii("qty"), ascii("bid"),
        ascii("ask")};

    private final NameCache names;
    /** Per key: where its value's text starts and how long it is (-1: absent), and whether it was a JSON string. */
    private final int[] start = new int[KEYS.length];
    private final int[] length = new int[KEYS.length];
    private final boolean[] string = new boolean[KEYS.length];

    MarketLineFastPath(final NameCache names)
    {
        this.names = names;
    }

    /** Delivers the line when it is a plain trade, quote or mark; false (nothing delivered) otherwise. */
    boolean tryDeliver(final byte[] b, final int off, final int len, final InputSink sink)
    {
        return canonical(b, off, off + len, sink) || anyOrder(b, off, len, sink);
    }

    // ---------------------------------------------------------------- the canonical line

    private static final byte[] TRADE = ascii("{\"type\":\"trade\",\"ts\":");
    private static final byte[] QUOTE = ascii("{\"type\":\"quote\",\"ts\":");
    private static final byte[] MARK = ascii("{\"type\":\"mark\",\"ts\":");
    private static final byte[] THEN_SYMBOL = ascii(",\"symbol\":\"");
    private static final byte[] THEN_PRICE = ascii("\",\"price\":\"");
    private static final byte[] THEN_QTY = ascii("\",\"qty\":\"");
    private static final byte[] THEN_BID = ascii("\",\"bid\":\"");
    private static final byte[] THEN_ASK = ascii("\",\"ask\":\"");
    /** Where the last {@link #digitsAt} or {@link #decimalAt} stopped. */
    private int at;

    /**
     * The line exactly as the README's "Events in" writes it — {@code {"type":"trade","ts":1723161256400,
     * "symbol":"BTCUSDT","price":"50010.5","qty":"0.002"}} (quote: bid, ask; mark: price), no blanks — read in one
     * pass: the fixed parts compared whole, each value read as it is scanned. Anything else returns false at once
     * for {@link #anyOrder}; what it delivers is what that reading would.
     */
    private boolean canonical(final byte[] b, final int off, final int end, final InputSink sink)
    {
        if (end - off < 40)
        {
            return false;
        }
        final byte kind = b[off + 9];
        final byte[] head = kind == 't' ? TRADE : kind == 'q' ? QUOTE : kind == 'm' ? MARK : null;
        if (head == null || !fixed(b, off, end, head))
        {
            return false;
        }
        final long ts = digitsAt(b, off + head.length, end);
        int i = at;
        if (ts < 0 || !fixed(b, i, end, THEN_SYMBOL))
        {
            return false;
        }
        i += THEN_SYMBOL.length;
        final int symbolStart = i;
        while (i < end && b[i] != '"')
        {
            if (b[i] < 0x20 || b[i] == '\\')
            {
                return false;
            }
            i++;
        }
        final int symbolLength = i - symbolStart;
        if (symbolLength == 0)
        {
            return false;
        }
        final long first;
        final long second;
        if (head == MARK)
        {
            if (!fixed(b, i, end, THEN_PRICE))
            {
                return false;
            }
            first = decimalAt(b, i + THEN_PRICE.length, end);
            second = 0;
        }
        else
        {
            final byte[] one = head == TRADE ? THEN_PRICE : THEN_BID;
            final byte[] two = head == TRADE ? THEN_QTY : THEN_ASK;
            if (!fixed(b, i, end, one))
            {
                return false;
            }
            first = decimalAt(b, i + one.length, end);
            if (first <= 0 || !fixed(b, at, end, two))
            {
                return false;
            }
            second = decimalAt(b, at + two.length, end);
        }
        // the value's closing quote, the object's brace, and nothing after
        if (first <= 0 || second < 0 || (head == QUOTE && second == 0) || at + 2 != end || b[at] != '"' || b[at + 1] != '}')
        {
            return false;
        }
        final String symbol = symbol(b, symbolStart, symbolLength);
        if (head == TRADE)
        {
            sink.trade(ts, symbol, first, second);
        }
        else if (head == QUOTE)
        {
            sink.quote(ts, symbol, first, second);
        }
        else
        {
            sink.mark(ts, symbol, first);
        }
        return true;
    }

    /** Whether {@code text} (eight bytes or more) stands at {@code i}: compared as eight-byte words, the last overlapping. */
    private static boolean fixed(final byte[] b, final int i, final int end, final byte[] text)
    {
        final int n = text.length;
        if (i + n > end)
        {
            return false;
        }
        for (int k = 0; k < n - Long.BYTES; k += Long.BYTES)
        {
            if ((long)LONGS.get(b, i + k) != (long)LONGS.get(text, k))
            {
                return false;
            }
        }
        return (long)LONGS.get(b, i + n - Long.BYTES) == (long)LONGS.get(text, n - Long.BYTES);
    }

    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The symbol of the line before, as bytes and as the String delivered: a feed's next line is most often of the same. */
    private final byte[] lastSymbol = new byte[64];
    private int lastSymbolLength = -1;
    private String lastSymbolName;

    private String symbol(final byte[] b, final int from, final int length)
    {
        if (length == lastSymbolLength && java.util.Arrays.equals(b, from, from + length, lastSymbol, 0, length))
        {
            return lastSymbolName;
        }
        final String name = names.get(b, from, length);
        if (length <= lastSymbol.length)
        {
            System.arraycopy(b, from, lastSymbol, 0, length);
            lastSymbolLength = length;
            lastSymbolName = name;
        }
        return name;
    }

    /** A plain JSON whole number at {@code i} (no sign, no leading zero, at most 18 digits), -1 otherwise; {@link #at} after it. */
    private long digitsAt(final byte[] b, final int from, final int end)
    {
        int i = from;
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9')
        {
            value = value * 10 + (b[i++] - '0');
        }
        at = i;
        final int digits = i - from;
        return digits == 0 || digits > 18 || (b[from] == '0' && digits > 1) ? -1 : value;
    }

    /** The decimal of a JSON string's text at {@code i}, as {@link #decimal} reads it, up to its closing quote ({@link #at}); -1 otherwise. */
    private long decimalAt(final byte[] b, final int from, final int end)
    {
        int i = from;
        long intPart = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9')
        {
            intPart = intPart * 10 + (b[i++] - '0');
        }
        final int intDigits = i - from;
        long frac = 0;
        int fracDigits = 0;
        if (i < end && b[i] == '.')
        {
            final int f = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9')
            {
                frac = frac * 10 + (b[i++] - '0');
            }
            fracDigits = i - f;
        }
        at = i;
        if (i >= end || b[i] != '"' || intDigits > 10 || fracDigits > 8 || intDigits + fracDigits == 0)
        {
            return -1;
        }
        return intPart * dev.exitengine.core.num.Fixed.ONE + frac * SCALE[fracDigits];
    }

    private static final long[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    // ---------------------------------------------------------------- any order, blanks

    /** The general reading: the known keys in any order, with blanks, strings or plain numbers. */
    private boolean anyOrder(final byte[] b, final int off, final int len, final InputSink sink)
    {
        java.util.Arrays.fill(length, -1);
        final int end = off + len;
        int i = skip(b, off, end);
        if (i >= end || b[i] != '{')
        {
            return false;
        }
        i = skip(b, i + 1, end);
        while (true)
        {
            if (i >= end || b[i] != '"')
            {
                return false;
            }
            final int keyStart = i + 1;
            int j = keyStart;
            while (j < end && b[j] != '"' && b[j] != '\\')
            {
                j++;
            }
            if (j >= end || b[j] != '"')
            {
                return false;
            }
            final int key = keyOf(b, keyStart, j - keyStart);
            if (key < 0 || length[key] >= 0)
            {
                // another key (its value could be anything), or a key twice: the full reading decides
                return false;
            }
            i = skip(b, j + 1, end);
            if (i >= end || b[i] != ':')
            {
                return false;
            }
            i = skip(b, i + 1, end);
            if (i >= end)
            {
                return false;
            }
            if (b[i] == '"')
            {
                int k = i + 1;
                while (k < end && b[k] != '"' && b[k] != '\\' && b[k] >= 0x20)
                {
                    k++;
                }
                if (k >= end || b[k] != '"')
                {
                    return false;
                }
                start[key] = i + 1;
                length[key] = k - i - 1;
                string[key] = true;
                i = k + 1;
            }
            else
            {
                final int k = plainNumber(b, i, end);
                if (k < 0)
                {
                    return false;
                }
                start[key] = i;
                length[key] = k - i;
                string[key] = false;
                i = k;
            }
            i = skip(b, i, end);
            if (i >= end)
            {
                return false;
            }
            if (b[i] == ',')
            {
                i = skip(b, i + 1, end);
                continue;
            }
            if (b[i] != '}')
            {
                return false;
            }
            if (skip(b, i + 1, end) != end)
            {
                return false;
            }
            break;
        }
        if (length[TYPE] < 0 || !string[TYPE] || length[SYMBOL] <= 0 || !string[SYMBOL] || length[TS] < 0)
        {
            return false;
        }
        final long ts = wholeNumber(b, start[TS], length[TS]);
        if (ts < 0)
        {
            return false;
        }
        if (is(b, TYPE, "trade"))
        {
            if (length[BID] >= 0 || length[ASK] >= 0)
            {
                return false;
            }
            final long price = positive(b, PRICE);
            final long qty = length[QTY] < 0 ? 0 : decimal(b, QTY);
            if (price <= 0 || qty < 0)
            {
                return false;
            }
            sink.trade(ts, names.get(b, start[SYMBOL], length[SYMBOL]), price, qty);
            return true;
        }
        if (is(b, TYPE, "quote"))
        {
            if (length[PRICE] >= 0 || length[QTY] >= 0)
            {
                return false;
            }
            final long bid = positive(b, BID);
            final long ask = positive(b, ASK);
            if (bid <= 0 || ask <= 0)
            {
                return false;
            }
            sink.quote(ts, names.get(b, start[SYMBOL], length[SYMBOL]), bid, ask);
            return true;
        }
        if (is(b, TYPE, "mark"))
        {
            if (length[QTY] >= 0 || length[BID] >= 0 || length[ASK] >= 0)
            {
                return false;
            }
            final long price = positive(b, PRICE);
            if (price <= 0)
            {
                return false;
            }
            sink.mark(ts, names.get(b, start[SYMBOL], length[SYMBOL]), price);
            return true;
        }
        return false;
    }

    /** The decimal of a present key, or 0 (which no caller takes) when absent or unreadable. */
    private long positive(final byte[] b, final int key)
    {
        return length[key] < 0 ? 0 : decimal(b, key);
    }

    /**
     * The exact decimal of a key's text, read from the bytes: up to ten integer digits, an optional point and up
     * to eight decimals (what {@code Fixed.parse} gives for such text); -1 for anything else (a sign, an
     * exponent, more digits), which the full reading then takes.
     */
    private long decimal(final byte[] b, final int key)
    {
        int i = start[key];
        final int end = i + length[key];
        long intPart = 0;
        int intDigits = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9')
        {
            intPart = intPart * 10 + (b[i++] - '0');
            intDigits++;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < end && b[i] == '.')
        {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9')
            {
                frac = frac * 10 + (b[i++] - '0');
                fracDigits++;
            }
        }
        if (i != end || intDigits > 10 || fracDigits > 8 || intDigits + fracDigits == 0)
        {
            return -1;
        }
        for (int d = fracDigits; d < 8; d++)
        {
            frac *= 10;
        }
        return intPart * dev.exitengine.core.num.Fixed.ONE + frac;
    }

    /** Digits only, at most 18 of them (what {@code DecimalText.parseNonNegativeLong} reads the same way); -1 otherwise. */
    private static long wholeNumber(final byte[] b, final int from, final int len)
    {
        if (len == 0 || len > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < from + len; i++)
        {
            final byte c = b[i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private boolean is(final byte[] b, final int key, final String text)
    {
        if (length[key] != text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (b[start[key] + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static int keyOf(final byte[] b, final int from, final int len)
    {
        final int k;
        switch (len)
        {
            case 2: k = TS; break;
            case 3: k = b[from] == 'q' ? QTY : b[from] == 'b' ? BID : ASK; break;
            case 4: k = TYPE; break;
            case 5: k = PRICE; break;
            case 6: k = SYMBOL; break;
            default: return -1;
        }
        final byte[] key = KEYS[k];
        for (int i = 0; i < len; i++)
        {
            if (key[i] != b[from + i])
            {
                return -1;
            }
        }
        return k;
    }

    /** The end of a plain JSON number at {@code i} (digits, one '.' with digits after, no leading zero, no sign, no exponent), or -1. */
    private static int plainNumber(final byte[] b, final int i, final int end)
    {
        int k = i;
        while (k < end && b[k] >= '0' && b[k] <= '9')
        {
            k++;
        }
        if (k == i || (b[i] == '0' && k - i > 1))
        {
            return -1;
        }
        if (k < end && b[k] == '.')
        {
            final int f = ++k;
            while (k < end && b[k] >= '0' && b[k] <= '9')
            {
                k++;
            }
            if (k == f)
            {
                return -1;
            }
        }
        if (k < end && (b[k] == 'e' || b[k] == 'E' || b[k] == '-' || b[k] == '+'))
        {
            return -1;
        }
        return k;
    }

    private static byte[] ascii(final String key)
    {
        return key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int skip(final byte[] b, final int from, final int end)
    {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        {
            i++;
        }
        return i;
    }
}
