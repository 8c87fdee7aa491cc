package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.tools.inspect.Row.Column;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code --format table}: fixed-width columns for a person (written as rows come, so nothing is held to measure
 * them; a longer value pushes its row's later columns right), then every other column the row has as
 * {@code key=value} details. Inputs are marked {@code in}, decisions {@code out} (the journal's outputs).
 */
final class TableRows implements RowSink
{
    /** The fixed columns: width, right-aligned (numbers) or not. */
    private static final Column[] FIXED = {Column.SEQ, Column.TIME, Column.TYPE, Column.ACCOUNT, Column.SYMBOL, Column.POSITION_ID,
        Column.SIDE, Column.QTY, Column.PRICE};
    private static final int[] WIDTH = {8, 24, 17, 10, 9, 6, 5, 10, 12};
    private static final boolean[] RIGHT = {true, false, false, false, false, true, false, true, true};
    private static final String[] TITLE = {"seq", "time (UTC)", "type", "account", "symbol", "pos", "side", "qty", "price"};

    private final Writer out;
    private final Row row = new Row();
    private final StringBuilder line = new StringBuilder(256);
    private boolean headerWritten;

    TableRows(final Writer out)
    {
        this.out = out;
    }

    @Override
    public void input(final EngineEvent e, final Names names, final CloseOwners owners) throws IOException
    {
        write("in ", row.ofInput(e, names, owners));
    }

    @Override
    public void decision(final Decision d, final Names names) throws IOException
    {
        write("out", row.ofDecision(d, names));
    }

    private void write(final String kind, final Row r) throws IOException
    {
        header();
        line.append(kind);
        // the side column shows the order side (BUY/SELL), else the position side (LONG/SHORT); the price column
        // the price, else an exit's exit price
        final boolean sideFromPosition = r.get(Column.SIDE) == null;
        final boolean priceFromExit = r.get(Column.PRICE) == null;
        for (int i = 0; i < FIXED.length; i++)
        {
            String v = r.get(FIXED[i]);
            if (FIXED[i] == Column.SIDE && sideFromPosition)
            {
                v = r.get(Column.POSITION_SIDE);
            }
            else if (FIXED[i] == Column.PRICE && priceFromExit)
            {
                v = r.get(Column.EXIT_PRICE);
            }
            cell(v == null ? "" : v, WIDTH[i], RIGHT[i]);
        }
        for (final Column c : Row.COLUMNS)
        {
            if (isShownInDetails(c, sideFromPosition, priceFromExit))
            {
                final String v = r.get(c);
                if (v != null)
                {
                    line.append("  ");
                    if (c != Column.DETAIL)
                    {
                        line.append(c.key).append('=');
                    }
                    line.append(v);
                }
            }
        }
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }

    private static boolean isShownInDetails(final Column c, final boolean sideFromPosition, final boolean priceFromExit)
    {
        switch (c)
        {
            case KIND:
            case TS:
                return false;
            case POSITION_SIDE:
                return !sideFromPosition;
            case EXIT_PRICE:
                return !priceFromExit;
            default:
                for (final Column fixed : FIXED)
                {
                    if (fixed == c)
                    {
                        return false;
                    }
                }
                return true;
        }
    }

    private void header() throws IOException
    {
        if (headerWritten)
        {
            return;
        }
        headerWritten = true;
        line.append("   ");
        for (int i = 0; i < FIXED.length; i++)
        {
            cell(TITLE[i], WIDTH[i], RIGHT[i]);
        }
        line.append("  details\n");
        out.append(line);
        line.setLength(0);
    }

    private void cell(final String v, final int width, final boolean right)
    {
        line.append(' ');
        if (right)
        {
            pad(width - v.length());
            line.append(v);
        }
        else
        {
            line.append(v);
            pad(width - v.length());
        }
    }

    private void pad(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            line.append(' ');
        }
    }

    @Override
    public void finish() throws IOException
    {
        header();
        out.flush();
    }
}
