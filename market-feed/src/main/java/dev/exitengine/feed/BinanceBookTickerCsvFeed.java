package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Replays a Binance bookTicker CSV file (data.binance.vision UM layout
 * {@code update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time},
 * header optional) as {@code quote(transaction_time, symbol, bid, ask)} events; an empty
 * {@code transaction_time} falls back to {@code event_time}. The symbol is given, usually from the file
 * name. Plain or gzip.
 */
public final class BinanceBookTickerCsvFeed implements Feed
{
    /** The column names, in order, when the file has no header. */
    public static final String[] COLUMNS =
    {
        "update_id", "best_bid_price", "best_bid_qty", "best_ask_price", "best_ask_qty", "transaction_time", "event_time"
    };

    private final FeedInput input;
    private final String symbol;
    private final LineRejects rejects;

    public BinanceBookTickerCsvFeed(final FeedInput input, final String symbol, final FeedOptions options)
    {
        this.input = Objects.requireNonNull(input, "input");
        this.symbol = FeedSpec.requireSymbol(symbol);
        this.rejects = new LineRejects(input.name(), options);
    }

    /** A bookTicker file whose name starts with its symbol ({@code BTCUSDT-2024-08-08-bookTicker.csv}). */
    public static BinanceBookTickerCsvFeed of(final Path file, final FeedOptions options)
    {
        final FeedInput input = FeedInput.file(file);
        return new BinanceBookTickerCsvFeed(input, FeedSpec.symbolOfFileName(input.fileName()), options);
    }

    public String symbol()
    {
        return symbol;
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        return CsvFeedReading.run(input, rejects, COLUMNS, new Rows(), sink);
    }

    /** Rows rejected by the last run. */
    public long rejected()
    {
        return rejects.count();
    }

    private final class Rows implements CsvFeedReading.RowHandler
    {
        private int bidColumn;
        private int askColumn;
        private int transactionTimeColumn;
        private int eventTimeColumn;
        private long time;
        private long bid;
        private long ask;

        @Override
        public String columns(final CsvRow row)
        {
            bidColumn = row.indexOf("best_bid_price");
            askColumn = row.indexOf("best_ask_price");
            transactionTimeColumn = row.indexOf("transaction_time");
            eventTimeColumn = row.indexOf("event_time");
            if (bidColumn < 0)
            {
                return "no column 'best_bid_price'";
            }
            if (askColumn < 0)
            {
                return "no column 'best_ask_price'";
            }
            return transactionTimeColumn < 0 && eventTimeColumn < 0 ? "no column 'transaction_time' or 'event_time'" : null;
        }

        @Override
        public void parse(final CsvRow row)
        {
            if (transactionTimeColumn >= 0 && !row.isEmpty(transactionTimeColumn) || eventTimeColumn < 0)
            {
                time = row.millis(transactionTimeColumn);
            }
            else
            {
                time = row.millis(eventTimeColumn);
            }
            bid = row.positive(bidColumn);
            ask = row.positive(askColumn);
        }

        @Override
        public void deliver(final InputSink sink)
        {
            sink.quote(time, symbol, bid, ask);
        }
    }
}
