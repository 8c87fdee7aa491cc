package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code --format csv}: a header naming every {@link Row.Column}, then one line a row (RFC 4180: a value with a
 * comma, a quote or a line break is quoted, its quotes doubled). Inputs and decisions share the columns;
 * {@code kind} says which a line is.
 */
final class CsvRows implements RowSink
{
    private final Writer out;
    private final Row row = new Row();
    private final StringBuilder line = new StringBuilder(256);
    private boolean headerWritten;

    CsvRows(final Writer out)
    {
        this.out = out;
    }

    private void header() throws IOException
    {
        if (!headerWritten)
        {
            headerWritten = true;
            final StringBuilder h = new StringBuilder(512);
            for (int i = 0; i < Row.COLUMNS.length; i++)
            {
                h.append(i == 0 ? "" : ",").append(Row.COLUMNS[i].key);
            }
            out.append(h).append('\n');
        }
    }

    @Override
    public void input(final EngineEvent e, final Names names, final CloseOwners owners) throws IOException
    {
        write(row.ofInput(e, names, owners));
    }

    @Override
    public void decision(final Decision d, final Names names) throws IOException
    {
        write(row.ofDecision(d, names));
    }

    private void write(final Row r) throws IOException
    {
        header();
        for (int i = 0; i < Row.COLUMNS.length; i++)
        {
            if (i > 0)
            {
                line.append(',');
            }
            final String v = r.get(Row.COLUMNS[i]);
            if (v != null)
            {
                value(v);
            }
        }
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }

    private void value(final String v)
    {
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++)
        {
            final char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote)
        {
            line.append(v);
            return;
        }
        line.append('"');
        for (int i = 0; i < v.length(); i++)
        {
            final char c = v.charAt(i);
            line.append(c);
            if (c == '"')
            {
                line.append('"');
            }
        }
        line.append('"');
    }

    @Override
    public void finish() throws IOException
    {
        // the header even when nothing matched: a script reading the file still finds its columns
        header();
        out.flush();
    }
}
