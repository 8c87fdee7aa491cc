package dev.exitengine.feed;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line into one reusable buffer: a line is {@link #buffer()} from {@link #start()}
 * for {@link #length()} chars, valid until the next {@link #next()}. No string per line. Line ends are
 * {@code \n} or {@code \r\n}; a UTF-8 byte order mark before the first line is dropped.
 */
final class LineReader implements Closeable
{
    /** A line longer than this is not text a feed can use; refusing it bounds memory. */
    static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;

    private final Reader reader;
    private char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineLength;
    private long lineNumber;

    LineReader(final Reader reader)
    {
        this.reader = reader;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException
    {
        int scan = position;
        while (true)
        {
            for (int i = scan; i < limit; i++)
            {
                if (buffer[i] == '\n')
                {
                    setLine(position, i);
                    position = i + 1;
                    return true;
                }
            }
            if (eof)
            {
                if (position < limit)
                {
                    setLine(position, limit);
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

    private void setLine(final int from, final int newline)
    {
        int end = newline;
        if (end > from && buffer[end - 1] == '\r')
        {
            end--;
        }
        int begin = from;
        if (lineNumber == 0 && begin < end && buffer[begin] == '\uFEFF')
        {
            begin++;
        }
        lineStart = begin;
        lineLength = end - begin;
        lineNumber++;
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
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_LENGTH + " characters");
            }
            final char[] bigger = new char[Math.min(buffer.length * 2, MAX_LINE_LENGTH)];
            System.arraycopy(buffer, 0, bigger, 0, limit);
            buffer = bigger;
        }
        final int read = reader.read(buffer, limit, buffer.length - limit);
        if (read < 0)
        {
            eof = true;
        }
        else
        {
            limit += read;
        }
    }

    char[] buffer()
    {
        return buffer;
    }

    int start()
    {
        return lineStart;
    }

    int length()
    {
        return lineLength;
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
            final char c = buffer[i];
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
        reader.close();
    }
}
