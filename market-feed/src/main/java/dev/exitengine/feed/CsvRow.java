package dev.exitengine.feed;

import dev.exitengine.core.num.Fixed;

import java.util.Arrays;

/**
 * One line of a comma-separated file split into columns in place, with the names of the columns,
 * so that a bad value is reported by its column name. Values are read from the line's buffer
 * without a string per column.
 */
final class CsvRow
{
    private final CharSlice slice = new CharSlice();
    private String[] names;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private char[] buffer;

    /** Splits a line; returns the number of columns. Blanks around values are dropped. */
    int split(final char[] buffer, final int start, final int length)
    {
        this.buffer = buffer;
        count = 0;
        final int end = start + length;
        int from = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || buffer[i] == ',')
            {
                if (count == starts.length)
                {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                int s = from;
                int e = i;
                while (s < e && buffer[s] == ' ')
                {
                    s++;
                }
                while (e > s && buffer[e - 1] == ' ')
                {
                    e--;
                }
                if (e - s >= 2 && buffer[s] == '"' && buffer[e - 1] == '"')
                {
                    s++;
                    e--;
                }
                starts[count] = s;
                ends[count] = e;
                count++;
                from = i + 1;
            }
        }
        return count;
    }

    int count()
    {
        return count;
    }

    String text(final int column)
    {
        return new String(buffer, starts[column], ends[column] - starts[column]);
    }

    /** True when the split line is a header: its first column does not start with a digit. */
    boolean isHeader()
    {
        if (count == 0 || ends[0] == starts[0])
        {
            return true;
        }
        final char c = buffer[starts[0]];
        return (c < '0' || c > '9') && c != '-' && c != '+' && c != '.';
    }

    /** Sets the column names: the file's header, or the layout's when the file has none. */
    void names(final String[] names)
    {
        this.names = names;
    }

    String[] names()
    {
        return names;
    }

    String[] headerNames()
    {
        final String[] header = new String[count];
        for (int i = 0; i < count; i++)
        {
            header[i] = text(i).trim();
        }
        return header;
    }

    /** Index of the first of {@code aliases} among the column names, or -1. */
    int indexOf(final String... aliases)
    {
        for (final String alias : aliases)
        {
            for (int i = 0; i < names.length; i++)
            {
                if (alias.equalsIgnoreCase(names[i]))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    boolean isEmpty(final int column)
    {
        return ends[column] == starts[column];
    }

    long decimal(final int column)
    {
        slice.wrap(buffer, starts[column], ends[column] - starts[column]);
        try
        {
            return DecimalText.parse(slice);
        }
        catch (final NumberFormatException ex)
        {
            throw new MalformedEventException(columnName(column) + ": " + ex.getMessage());
        }
    }

    long positive(final int column)
    {
        final long value = decimal(column);
        if (value <= 0)
        {
            throw new MalformedEventException(columnName(column) + ": must be positive, was " + Fixed.toString(value));
        }
        return value;
    }

    long nonNegative(final int column)
    {
        final long value = decimal(column);
        if (value < 0)
        {
            throw new MalformedEventException(columnName(column) + ": must not be negative, was " + Fixed.toString(value));
        }
        return value;
    }

    long millis(final int column)
    {
        slice.wrap(buffer, starts[column], ends[column] - starts[column]);
        final long value = DecimalText.parseNonNegativeLong(slice);
        if (value < 0)
        {
            throw new MalformedEventException(columnName(column) +
                ": must be a non-negative integer (epoch milliseconds), was '" + slice + "'");
        }
        return value;
    }

    String columnName(final int column)
    {
        return "column '" + names[column] + "'";
    }
}
