package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Replays a Binance trades or aggregate-trades CSV file (the layouts of data.binance.vision, header
 * line optional) as {@code trade(time, symbol, price, qty)} events. The files carry no symbol: it is
 * given, usually from the file name ({@link FeedSpec#symbolOfFileName}). With a header, columns are
 * found by name; without one, by the layout's positions. Plain or gzip.
 */
public final class BinanceTradesCsvFeed implements Feed
{
    /** The two layouts, as data.binance.vision writes them. */
    public enum Layout
    {
        /** {@code id,price,qty,quote_qty,time,is_buyer_maker}. */
        TRADES("id", "price", "qty", "quote_qty", "time", "is_buyer_maker"),
        /** {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker}. */
        AGG_TRADES("agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker");

        private final String[] columns;

        Layout(final String... columns)
        {
            this.columns = columns;
        }

        /** The column names, in order. */
        public String[] columns()
        {
            return columns.clone();
        }
    }

    private final FeedInput input;
    private final String symbol;
    private final Layout layout;
    private final LineRejects rejects;

    public BinanceTradesCsvFeed(final FeedInput input, final String symbol, final Layout layout, final FeedOptions options)
    {
        this.input = Objects.requireNonNull(input, "input");
        this.symbol = FeedSpec.requireSymbol(symbol);
        this.layout = Objects.requireNonNull(layout, "layout");
        this.rejects = new LineRejects(input.name(), options);
    }

    /** A trades file whose name starts with its symbol ({@code BTCUSDT-2024-08-08-trades.csv}). */
    public static BinanceTradesCsvFeed of(final Path file, final FeedOptions options)
    {
        final FeedInput input = FeedInput.file(file);
        return new BinanceTradesCsvFeed(input, FeedSpec.symbolOfFileName(input.fileName()), Layout.TRADES, options);
    }

    public String symbol()
    {
        return symbol;
    }

    public Layout layout()
    {
        return layout;
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        return CsvFeedReading.run(input, rejects, layout.columns, new Rows(), sink);
    }

    /** Rows rejected by the last run. */
    public long rejected()
    {
        return rejects.count();
    }

    private final class Rows implements CsvFeedReading.RowHandler
    {
        private int priceColumn;
        private int qtyColumn;
        private int timeColumn;
        private long time;
        private long price;
        private long qty;

        @Override
        public String columns(final CsvRow row)
        {
            priceColumn = row.indexOf("price");
            qtyColumn = row.indexOf("qty", "quantity");
            timeColumn = row.indexOf("time", "transact_time");
            if (priceColumn < 0)
            {
                return "no column 'price'";
            }
            if (qtyColumn < 0)
            {
                return "no column 'qty' or 'quantity'";
            }
            return timeColumn < 0 ? "no column 'time' or 'transact_time'" : null;
        }

        @Override
        public void parse(final CsvRow row)
        {
            time = row.millis(timeColumn);
            price = row.positive(priceColumn);
            qty = row.nonNegative(qtyColumn);
        }

        @Override
        public void deliver(final InputSink sink)
        {
            sink.trade(time, symbol, price, qty);
        }
    }
}
