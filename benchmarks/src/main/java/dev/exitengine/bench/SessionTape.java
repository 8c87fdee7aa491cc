package dev.exitengine.bench;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;

import java.util.Arrays;

/**
 * The bundled real session (every trade, quote and mark of BTCUSDT, 2024-08-08) with an entry fill after
 * every {@code every}-th trade (alternating BUY and SELL, 0.1, one account each, the {@code usd10} profile),
 * read once into arrays so that playing it costs no parsing. Pass {@code p} continues where pass {@code p - 1}
 * ended, in time (shifted by the session's length) and in price (shifted by its last trade's price less its
 * first's), with accounts and order ids of its own: one engine takes pass after pass as one long session,
 * with no jump that would close the positions left open all at once.
 */
final class SessionTape
{
    static final byte TRADE = 1;
    static final byte QUOTE = 2;
    static final byte MARK = 3;
    static final byte FILL = 4;
    static final String SYMBOL = "BTCUSDT";
    static final String PROFILE = "usd10";
    private static final long ENTRY_QTY = Fixed.parse("0.1");

    byte[] kind = new byte[1 << 17];
    long[] ts = new long[1 << 17];
    long[] a = new long[1 << 17];
    long[] b = new long[1 << 17];
    int size;
    int entries;
    private long firstTrade = Long.MIN_VALUE;
    private long lastTrade;

    /** Reads the bundled session. */
    static SessionTape bundled(final int every) throws Exception
    {
        final SessionTape t = new SessionTape();
        FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(new NoOpSink()
        {
            private long trades;

            @Override
            public void trade(final long ts, final String symbol, final long price, final long qty)
            {
                t.add(TRADE, ts, price, qty);
                if (t.firstTrade == Long.MIN_VALUE)
                {
                    t.firstTrade = price;
                }
                t.lastTrade = price;
                if (++trades % every == 0)
                {
                    t.add(FILL, ts, price, t.entries++);
                }
            }

            @Override
            public void quote(final long ts, final String symbol, final long bid, final long ask)
            {
                t.add(QUOTE, ts, bid, ask);
            }

            @Override
            public void mark(final long ts, final String symbol, final long price)
            {
                t.add(MARK, ts, price, 0);
            }
        });
        return t;
    }

    private void add(final byte k, final long time, final long x, final long y)
    {
        if (size == kind.length)
        {
            kind = Arrays.copyOf(kind, size * 2);
            ts = Arrays.copyOf(ts, size * 2);
            a = Arrays.copyOf(a, size * 2);
            b = Arrays.copyOf(b, size * 2);
        }
        kind[size] = k;
        ts[size] = time;
        a[size] = x;
        b[size] = y;
        size++;
    }

    /** Pass {@code pass}'s accounts and order ids (made before the pass, not while it is timed). */
    String[][] names(final int pass)
    {
        final String[] accounts = new String[entries];
        final String[] orders = new String[entries];
        for (int n = 0; n < entries; n++)
        {
            accounts[n] = "p" + pass + "-trader-" + n;
            orders[n] = "p" + pass + "-e" + n;
        }
        return new String[][] {accounts, orders};
    }

    /** Inputs {@code from} (inclusive) to {@code to} (exclusive) of pass {@code pass} into the sink. */
    void play(final int pass, final String[][] names, final InputSink sink, final int from, final int to)
    {
        final long shift = pass * (ts[size - 1] - ts[0] + 1);
        final long move = pass * (lastTrade - firstTrade);
        for (int i = from; i < to; i++)
        {
            final long time = ts[i] + shift;
            switch (kind[i])
            {
                case TRADE:
                    sink.trade(time, SYMBOL, a[i] + move, b[i]);
                    break;
                case QUOTE:
                    sink.quote(time, SYMBOL, a[i] + move, b[i] + move);
                    break;
                case MARK:
                    sink.mark(time, SYMBOL, a[i] + move);
                    break;
                default:
                    final int n = (int)b[i];
                    sink.fill(time, names[0][n], SYMBOL, n % 2 == 0 ? Side.BUY : Side.SELL, PositionSide.BOTH, ENTRY_QTY, a[i] + move,
                        Fixed.NONE, names[1][n], PROFILE);
                    break;
            }
        }
    }
}
