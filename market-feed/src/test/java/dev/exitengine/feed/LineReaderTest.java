package dev.exitengine.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineReaderTest
{
    /** Hands out at most one char a read, the worst case for a line that spans buffer fills. */
    private static Reader trickle(final String text)
    {
        final StringReader in = new StringReader(text);
        return new Reader()
        {
            @Override
            public int read(final char[] buffer, final int offset, final int length) throws IOException
            {
                return in.read(buffer, offset, Math.min(1, length));
            }

            @Override
            public void close()
            {
                in.close();
            }
        };
    }

    private static List<String> lines(final Reader reader) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (LineReader r = new LineReader(reader))
        {
            while (r.next())
            {
                lines.add(r.lineNumber() + ":" + new String(r.buffer(), r.start(), r.length()));
            }
        }
        return lines;
    }

    @Test
    void linesEndAtNewlineOrCrLfAndTheLastNeedsNoNewline() throws IOException
    {
        final String text = "\uFEFFa,b\r\n\nccc\rx\nlast";
        final List<String> expected = List.of("1:a,b", "2:", "3:ccc\rx", "4:last");
        assertEquals(expected, lines(new StringReader(text)));
        assertEquals(expected, lines(trickle(text)));
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException
    {
        final String longLine = "x".repeat(200_000);
        assertEquals(List.of("1:" + longLine, "2:y"), lines(new StringReader(longLine + "\ny\n")));
    }

    @Test
    void emptyInputHasNoLines() throws IOException
    {
        assertEquals(List.of(), lines(new StringReader("")));
    }
}
