package dev.exitengine.feed;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 text line by line into one reusable byte buffer: a line is {@link #bytes()} from {@link #start()}
 * for {@link #length()} bytes, valid until the next {@link #next()}; {@link #chars()} decodes it, on demand, into
 * one reusable char buffer. No string per line, and no decoding of a line a reader takes as bytes (the common
 * lines are plain ASCII, and {@link #isAscii()} says so at no cost: the newline search looks at every byte
 * anyway). Line ends are {@code \n} or {@code \r\n}; a UTF-8 byte order mark before the first line is dropped;
 * bytes that are not UTF-8 decode to U+FFFD, as an {@link java.io.InputStreamReader} would.
 */
final class LineReader implements Closeable
{
    /** A line longer than this is not text a feed can use; refusing it bounds memory. */
    static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineLength;
    private boolean ascii;
    private long lineNumber;
    private char[] chars = new char[1 << 10];
    private int charLength = -1;
    private CharsetDecoder decoder;

    LineReader(final InputStream in)
    {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException
    {
        int scan = position;
        long bits = 0;
        while (true)
        {
            final byte[] b = buffer;
            int i = scan;
            // eight bytes at a time: the first newline in a word is its lowest byte equal to '\n' (SWAR), and the
            // word's bytes before it are OR-ed into the line's high bits
            for (; i + Long.BYTES <= limit; i += Long.BYTES)
            {
                final long word = (long)LONGS.get(b, i);
                final long x = word ^ NEWLINES;
                final long found = (x - ONES) & ~x & HIGHS;
                if (found != 0)
                {
                    final int at = Long.numberOfTrailingZeros(found) >>> 3;
                    bits |= at == 0 ? 0 : word & (-1L >>> (Long.SIZE - Long.BYTES * at));
                    setLine(position, i + at, bits);
                    position = i + at + 1;
                    return true;
                }
                bits |= word;
            }
            for (; i < limit; i++)
            {
                final byte c = b[i];
                if (c == '\n')
                {
                    setLine(position, i, bits);
                    position = i + 1;
                    return true;
                }
                bits |= c;
            }
            if (eof)
            {
                if (position < limit)
                {
                    setLine(position, limit, bits);
                    position = limit;
                    return true;
                }
                return false;
            }
            scan = limit - position;
            fill();
            scan += position;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    private void setLine(final int from, final int newline, final long bits)
    {
        int end = newline;
        if (end > from && buffer[end - 1] == '\r')
        {
            end--;
        }
        int begin = from;
        if (lineNumber == 0 && end - begin >= 3 && buffer[begin] == (byte)0xEF && buffer[begin + 1] == (byte)0xBB
            && buffer[begin + 2] == (byte)0xBF)
        {
            begin += 3;
            ascii = isAscii(begin, end);
        }
        else
        {
            ascii = (bits & HIGHS) == 0;
        }
        lineStart = begin;
        lineLength = end - begin;
        lineNumber++;
        charLength = -1;
    }

    private boolean isAscii(final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            if (buffer[i] < 0)
            {
                return false;
            }
        }
        return true;
    }

    private void fill() throws IOException
    {
        final int pending = limit - position;
        if (position > 0)
        {
            System.arraycopy(buffer, position, buffer, 0, pending);
            position = 0;
            limit = pending;
        }
        if (limit == buffer.length)
        {
            if (buffer.length >= MAX_LINE_LENGTH)
            {
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_LENGTH + " bytes");
            }
            final byte[] bigger = new byte[Math.min(buffer.length * 2, MAX_LINE_LENGTH)];
            System.arraycopy(buffer, 0, bigger, 0, limit);
            buffer = bigger;
        }
        final int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0)
        {
            eof = true;
        }
        else
        {
            limit += read;
        }
    }

    /** The buffer holding the current line's bytes, from {@link #start()}. */
    byte[] bytes()
    {
        return buffer;
    }

    int start()
    {
        return lineStart;
    }

    /** The current line's length in bytes. */
    int length()
    {
        return lineLength;
    }

    /** Whether the current line is plain ASCII: its bytes are its chars. */
    boolean isAscii()
    {
        return ascii;
    }

    /** The current line as chars, from index 0 for {@link #charLength()} chars; valid until the next {@link #next()}. */
    char[] chars()
    {
        if (charLength < 0)
        {
            decode();
        }
        return chars;
    }

    /** The current line's length in chars. */
    int charLength()
    {
        if (charLength < 0)
        {
            decode();
        }
        return charLength;
    }

    private void decode()
    {
        if (chars.length < lineLength)
        {
            chars = new char[Math.max(lineLength, chars.length * 2)];
        }
        if (ascii)
        {
            for (int i = 0; i < lineLength; i++)
            {
                chars[i] = (char)buffer[lineStart + i];
            }
            charLength = lineLength;
            return;
        }
        if (decoder == null)
        {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        // a newline never falls inside a UTF-8 sequence: decoding a line alone is decoding it in the stream
        final CharBuffer out = CharBuffer.wrap(chars);
        decoder.reset();
        final ByteBuffer bytesIn = ByteBuffer.wrap(buffer, lineStart, lineLength);
        decoder.decode(bytesIn, out, true);
        decoder.flush(out);
        charLength = out.position();
    }

    /** One-based number of the current line, blank lines included. */
    long lineNumber()
    {
        return lineNumber;
    }

    /** True when the current line holds nothing but blanks. */
    boolean isBlank()
    {
        final int end = lineStart + lineLength;
        for (int i = lineStart; i < end; i++)
        {
            final byte c = buffer[i];
            if (c != ' ' && c != '\t' && c != '\r')
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException
    {
        in.close();
    }
}
