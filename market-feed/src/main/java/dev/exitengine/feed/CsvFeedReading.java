package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;

/**
 * The loop shared by the Binance CSV feeds: reads lines, takes an optional header for the column
 * names, checks each row's column count and hands good rows to a {@link RowHandler}; bad rows are
 * rejected with file, line and column.
 */
final class CsvFeedReading
{
    /** Resolves the columns it needs once the names are known, then turns rows into events. */
    interface RowHandler
    {
        /** Called once with the column names (header, or the layout's); returns null or what is missing. */
        String columns(CsvRow row);

        /** Reads one row; throws {@link MalformedEventException} naming the column when it is bad. */
        void parse(CsvRow row);

        /** Delivers the row just read. */
        void deliver(InputSink sink);
    }

    private CsvFeedReading()
    {
    }

    static long run(final FeedInput input, final LineRejects rejects, final String[] layout, final RowHandler handler,
        final InputSink sink) throws IOException
    {
        long delivered = 0;
        rejects.reset();
        final CsvRow row = new CsvRow();
        boolean first = true;
        try (LineReader lines = new LineReader(input.openStream()))
        {
            while (lines.next())
            {
                if (lines.isBlank())
                {
                    continue;
                }
                row.split(lines.chars(), 0, lines.charLength());
                if (first)
                {
                    first = false;
                    final boolean header = row.isHeader();
                    row.names(header ? row.headerNames() : layout);
                    final String missing = handler.columns(row);
                    if (missing != null)
                    {
                        final String what = (header ? "header " : "layout ") + String.join(",", row.names()) + ": " + missing;
                        rejects.reject(sink, lines.lineNumber(), what);
                        throw new FeedException(input.name() + ":" + lines.lineNumber(), what);
                    }
                    if (header)
                    {
                        continue;
                    }
                }
                if (row.count() != row.names().length)
                {
                    rejects.reject(sink, lines.lineNumber(), "expected " + row.names().length + " columns (" +
                        String.join(",", row.names()) + "), found " + row.count());
                    continue;
                }
                try
                {
                    handler.parse(row);
                }
                catch (final MalformedEventException ex)
                {
                    rejects.reject(sink, lines.lineNumber(), ex.getMessage());
                    continue;
                }
                sink.position(input.name(), lines.lineNumber());
                handler.deliver(sink);
                delivered++;
            }
        }
        return delivered;
    }
}
