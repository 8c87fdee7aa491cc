package dev.exitengine.bench;

import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The real trades of the capture bundled with market-feed (Binance USDⓈ-M BTCUSDT, 2024-08-08
 * 23:54–24:00 UTC), in arrival order: times (epoch ms) and fixed-point prices and quantities.
 */
public final class TradeTape
{
    public final String symbol;
    public final long[] ts;
    public final long[] price;
    public final long[] qty;

    private TradeTape(final String symbol, final long[] ts, final long[] price, final long[] qty)
    {
        this.symbol = symbol;
        this.ts = ts;
        this.price = price;
        this.qty = qty;
    }

    public int size()
    {
        return ts.length;
    }

    /** Reads the bundled capture ({@code ws-capture:bundled}) and keeps its trades. */
    public static TradeTape bundled()
    {
        final Collector c = new Collector();
        try
        {
            FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(c);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (c.n == 0)
        {
            throw new IllegalStateException("the bundled capture has no trades");
        }
        return new TradeTape(c.symbol, Arrays.copyOf(c.ts, c.n), Arrays.copyOf(c.price, c.n), Arrays.copyOf(c.qty, c.n));
    }

    /** Keeps trades, ignores everything else. */
    private static final class Collector extends NoOpSink
    {
        String symbol;
        long[] ts = new long[1 << 15];
        long[] price = new long[1 << 15];
        long[] qty = new long[1 << 15];
        int n;

        @Override
        public void trade(final long t, final String s, final long p, final long q)
        {
            if (symbol == null)
            {
                symbol = s;
            }
            if (!symbol.equals(s))
            {
                return;
            }
            if (n == ts.length)
            {
                ts = Arrays.copyOf(ts, n * 2);
                price = Arrays.copyOf(price, n * 2);
                qty = Arrays.copyOf(qty, n * 2);
            }
            ts[n] = t;
            price[n] = p;
            qty[n] = q;
            n++;
        }
    }
}
