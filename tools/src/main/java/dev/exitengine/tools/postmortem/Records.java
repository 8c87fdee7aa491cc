package dev.exitengine.tools.postmortem;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.tools.OutputFormat;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes records (ordered key → value) in one {@link OutputFormat}: JSON Lines (a decimal as a string, as the
 * decisions' format has them; a key whose value is null left out), CSV with a header of the first record's
 * keys, or a table of aligned columns (gathered first, to size them: for the few hundred rows a report has).
 */
public final class Records
{
    private final OutputFormat format;
    private final Writer out;
    private List<String> header;
    private final List<List<String>> table = new ArrayList<>();

    Records(final OutputFormat format, final Writer out)
    {
        this.format = format;
        this.out = out;
    }

    /** A fixed-point number as the decisions write it; null for none. */
    static Decimal fixed(final long value)
    {
        return value == Fixed.NONE ? null : new Decimal(value);
    }

    /** A fixed-point decimal: a string in JSON, plain in a table or CSV. */
    record Decimal(long value)
    {
        @Override
        public String toString()
        {
            return Fixed.toString(value);
        }
    }

    void write(final Map<String, Object> record) throws IOException
    {
        switch (format)
        {
            case JSONL:
                out.write(json(record));
                out.write('\n');
                break;
            case CSV:
                if (header == null)
                {
                    header = new ArrayList<>(record.keySet());
                    out.write(String.join(",", header));
                    out.write('\n');
                }
                final List<String> cells = new ArrayList<>();
                for (final String k : header)
                {
                    cells.add(csv(record.get(k)));
                }
                out.write(String.join(",", cells));
                out.write('\n');
                break;
            default:
                if (header == null)
                {
                    header = new ArrayList<>(record.keySet());
                }
                final List<String> row = new ArrayList<>();
                for (final String k : header)
                {
                    final Object v = record.get(k);
                    row.add(v == null ? "" : v.toString());
                }
                table.add(row);
                break;
        }
    }

    /** Writes what is gathered (the table) and flushes. */
    void finish() throws IOException
    {
        if (format == OutputFormat.TABLE && header != null)
        {
            // a column empty in every row says nothing to a reader: left out of the table (JSON Lines and CSV keep their shape)
            final List<Integer> shown = new ArrayList<>();
            for (int i = 0; i < header.size(); i++)
            {
                final int c = i;
                if (table.stream().anyMatch(row -> !row.get(c).isEmpty()))
                {
                    shown.add(i);
                }
            }
            final int[] width = new int[shown.size()];
            for (int j = 0; j < width.length; j++)
            {
                final int i = shown.get(j);
                width[j] = header.get(i).length();
                for (final List<String> row : table)
                {
                    width[j] = Math.max(width[j], row.get(i).length());
                }
            }
            line(pick(header, shown), width);
            for (final List<String> row : table)
            {
                line(pick(row, shown), width);
            }
        }
        out.flush();
    }

    private static List<String> pick(final List<String> cells, final List<Integer> which)
    {
        final List<String> out = new ArrayList<>(which.size());
        for (final int i : which)
        {
            out.add(cells.get(i));
        }
        return out;
    }

    private void line(final List<String> cells, final int[] width) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++)
        {
            if (i > 0)
            {
                sb.append("  ");
            }
            final String c = cells.get(i);
            sb.append(c);
            if (i < cells.size() - 1)
            {
                sb.append(" ".repeat(width[i] - c.length()));
            }
        }
        out.write(sb.toString().stripTrailing());
        out.write('\n');
    }

    static String json(final Map<String, Object> record)
    {
        final StringBuilder sb = new StringBuilder("{");
        for (final Map.Entry<String, Object> e : record.entrySet())
        {
            final Object v = e.getValue();
            if (v == null)
            {
                continue;
            }
            if (sb.length() > 1)
            {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            if (v instanceof Number || v instanceof Boolean)
            {
                sb.append(v);
            }
            else
            {
                quote(sb, v.toString());
            }
        }
        return sb.append('}').toString();
    }

    /** A JSON string literal of {@code s}: quotes, backslashes and control characters escaped. */
    public static void quote(final StringBuilder sb, final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static String csv(final Object v)
    {
        if (v == null)
        {
            return "";
        }
        final String s = v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0)
        {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
