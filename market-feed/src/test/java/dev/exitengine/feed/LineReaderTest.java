package dev.exitengine.feed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineReaderTest
{
    /** Hands out at most one byte a read, the worst case for a line (and a UTF-8 sequence) that spans buffer fills. */
    private static InputStream trickle(final byte[] bytes)
    {
        final ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new InputStream()
        {
            @Override
            public int read()
            {
                return in.read();
            }

            @Override
            public int read(final byte[] buffer, final int offset, final int length)
            {
                return in.read(buffer, offset, Math.min(1, length));
            }
        };
    }

    private static List<String> lines(final InputStream in) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (LineReader r = new LineReader(in))
        {
            while (r.next())
            {
                final String asBytes = new String(r.bytes(), r.start(), r.length(), StandardCharsets.UTF_8);
                final String asChars = new String(r.chars(), 0, r.charLength());
                assertEquals(asBytes, asChars, "the line's chars are its bytes decoded");
                assertEquals(asChars.chars().allMatch(c -> c < 0x80), r.isAscii(), asChars);
                lines.add(r.lineNumber() + ":" + asChars);
            }
        }
        return lines;
    }

    private static List<String> lines(final byte[] bytes) throws IOException
    {
        final List<String> whole = lines(new ByteArrayInputStream(bytes));
        assertEquals(whole, lines(trickle(bytes)));
        return whole;
    }

    /** The lines a reader of text (an {@link InputStreamReader}, replacing what is not UTF-8) gives. */
    private static List<String> readerLines(final byte[] bytes) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        final StringBuilder all = new StringBuilder();
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))
        {
            int c;
            while ((c = r.read()) >= 0)
            {
                all.append((char)c);
            }
        }
        String text = all.toString();
        if (text.startsWith("\uFEFF"))
        {
            text = text.substring(1);
        }
        final String[] parts = text.split("\n", -1);
        final int n = text.endsWith("\n") ? parts.length - 1 : parts.length;
        for (int i = 0; i < n; i++)
        {
            final String p = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
            lines.add((i + 1) + ":" + p);
        }
        return lines;
    }

    @Test
    void linesEndAtNewlineOrCrLfAndTheLastNeedsNoNewline() throws IOException
    {
        final byte[] text = "\uFEFFa,b\r\n\nccc\rx\nlast".getBytes(StandardCharsets.UTF_8);
        final List<String> expected = List.of("1:a,b", "2:", "3:ccc\rx", "4:last");
        assertEquals(expected, lines(text));
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException
    {
        final String longLine = "x".repeat(200_000) + "é";
        assertEquals(List.of("1:" + longLine, "2:y"), lines((longLine + "\ny\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textThatIsNotAsciiOrNotUtf8ReadsAsAReaderOfTextReadsIt() throws IOException
    {
        final byte[] utf8 = "{\"symbol\":\"BTC€USDT\",\"x\":\"\uD83D\uDE00\"}\nplain\n\uFEFFnot a BOM here\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(readerLines(utf8), lines(utf8));
        // a truncated sequence, a stray continuation byte, an overlong form and bytes never in UTF-8
        final byte[] bad = {'a', (byte)0xE2, (byte)0x82, '\n', (byte)0x80, 'b', '\n', (byte)0xC0, (byte)0xAF, '\n', (byte)0xFF, (byte)0xFE, 'c'};
        assertEquals(readerLines(bad), lines(bad));
    }

    @Test
    void linesOfEveryLengthWithANonAsciiByteAnywhereSplitAndClassifyAsAReaderDoes() throws IOException
    {
        // the newline and the one non-ASCII byte at every position of an eight-byte word, and beyond
        final java.util.Random random = new java.util.Random(7);
        final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        for (int length = 0; length < 40; length++)
        {
            for (int odd = -1; odd < length; odd++)
            {
                for (int i = 0; i < length; i++)
                {
                    text.write(i == odd ? 0xC3 : 'a' + random.nextInt(26));
                    if (i == odd)
                    {
                        text.write(0xA9); // é
                    }
                }
                text.write('\n');
            }
        }
        final byte[] bytes = text.toByteArray();
        assertEquals(readerLines(bytes), lines(bytes));
    }

    @Test
    void emptyInputHasNoLines() throws IOException
    {
        assertEquals(List.of(), lines(new byte[0]));
    }
}
