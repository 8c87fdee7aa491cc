package dev.exitengine.feed;

import dev.exitengine.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinanceCsvFeedTest
{
    private static RecordingSink run(final Feed feed) throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        final long delivered = feed.run(sink);
        assertEquals(sink.events.size(), delivered);
        return sink;
    }

    private static BinanceTradesCsvFeed trades(final String... lines)
    {
        return new BinanceTradesCsvFeed(FeedInput.text("trades.csv", String.join("\n", lines)), "BTCUSDT",
            BinanceTradesCsvFeed.Layout.TRADES, FeedOptions.continueOnError());
    }

    @Test
    void realTradesFileGivesEveryTradeWithExactFirstAndLastValues() throws IOException
    {
        final Path file = SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-trades.csv");
        final Feed feed = FeedSpec.open("trades-csv:" + file, FeedOptions.stopOnError());
        final RecordingSink sink = run(feed);
        assertEquals(List.of(), sink.rejects);
        assertEquals(21_313, sink.events.size());
        assertEquals("trade 1723161256322 BTCUSDT 61800.3 0.006", sink.events.get(0));
        assertEquals("trade 1723161256344 BTCUSDT 61800.3 0.199", sink.events.get(1));
        assertEquals("trade 1723161599643 BTCUSDT 61659.8 0.076", sink.events.get(21_312));
    }

    @Test
    void realBookTickerFileGivesEveryQuoteWithExactFirstAndLastValues() throws IOException
    {
        final Path file = SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-bookTicker.csv");
        final RecordingSink sink = run(FeedSpec.open("bookticker-csv:" + file, FeedOptions.stopOnError()));
        assertEquals(List.of(), sink.rejects);
        assertEquals(66_089, sink.events.size());
        assertEquals("quote 1723161256313 BTCUSDT 61800.2 61800.3", sink.events.get(0));
        assertEquals("quote 1723161600709 BTCUSDT 61659.7 61659.8", sink.events.get(66_088));
    }

    @Test
    void headerIsOptionalAndColumnsAreFoundByNameWhenThereIsOne() throws IOException
    {
        final RecordingSink bare = run(trades("5266583935,61800.30,0.006,370.80180000,1723161256322,false"));
        final RecordingSink reordered = run(trades("time,qty,price", "1723161256322,0.006,61800.30"));
        assertEquals(List.of("trade 1723161256322 BTCUSDT 61800.3 0.006"), bare.events);
        assertEquals(bare.events, reordered.events);
        assertEquals(List.of(), reordered.rejects);
    }

    @Test
    void aggTradesLayoutReadsPriceQuantityAndTransactTime() throws IOException
    {
        final String row = "2253813436,61800.30,0.205,5266583935,5266583936,1723161256344,false";
        for (final String header : new String[] {null,
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker"})
        {
            final String text = header == null ? row : header + "\n" + row;
            final RecordingSink sink = run(new BinanceTradesCsvFeed(FeedInput.text("ETHUSDT-aggTrades.csv", text), "ETHUSDT",
                BinanceTradesCsvFeed.Layout.AGG_TRADES, FeedOptions.continueOnError()));
            assertEquals(List.of("trade 1723161256344 ETHUSDT 61800.3 0.205"), sink.events);
            assertEquals(List.of(), sink.rejects);
        }
    }

    @Test
    void badRowsAreRejectedWithFileLineAndColumnAndTheRestDelivered() throws IOException
    {
        final BinanceTradesCsvFeed feed = trades(
            "id,price,qty,quote_qty,time,is_buyer_maker",
            "1,61800.30,0.006,370.8018,1723161256322,false",
            "2,abc,0.006,0,1723161256323,false",
            "3,61800.30,-0.5,0,1723161256324,false",
            "4,61800.30,0.006,0,yesterday,false",
            "5,61800.30,0.006,0,1723161256326",
            "6,0,0.006,0,1723161256327,false",
            "7,61800.40,0.001,61.8004,1723161256328,true");
        final RecordingSink sink = run(feed);
        assertEquals(List.of(
            "trade 1723161256322 BTCUSDT 61800.3 0.006",
            "trade 1723161256328 BTCUSDT 61800.4 0.001"), sink.events);
        assertEquals(List.of(
            "trades.csv:3 | column 'price': not a decimal: 'abc'",
            "trades.csv:4 | column 'qty': must not be negative, was -0.5",
            "trades.csv:5 | column 'time': must be a non-negative integer (epoch milliseconds), was 'yesterday'",
            "trades.csv:6 | expected 6 columns (id,price,qty,quote_qty,time,is_buyer_maker), found 5",
            "trades.csv:7 | column 'price': must be positive, was 0"), sink.rejects);
        assertEquals(5, feed.rejected());
    }

    @Test
    void numbersBeyondTheFixedPointRangeAreRefusedByColumnAndTheNextRowIsRead() throws IOException
    {
        final BinanceTradesCsvFeed feed = trades(
            "id,price,qty,quote_qty,time,is_buyer_maker",
            "1,12345678901234567890,0.006,370.8018,1723161256322,false",
            "2,61800.30,1234567890123456789.5,0,1723161256323,false",
            "3,61800.30,0.006,0,12345678901234567890,false",
            "4,61800.40,0.001,61.8004,1723161256328,true");
        final RecordingSink sink = run(feed);
        assertEquals(List.of("trade 1723161256328 BTCUSDT 61800.4 0.001"), sink.events);
        assertEquals(List.of(
            "trades.csv:2 | column 'price': decimal too large: '12345678901234567890'",
            "trades.csv:3 | column 'qty': decimal too large: '1234567890123456789.5'",
            "trades.csv:4 | column 'time': must be a non-negative integer (epoch milliseconds), was '12345678901234567890'"),
            sink.rejects);
        final RecordingSink quotes = run(new BinanceBookTickerCsvFeed(FeedInput.text("bt.csv", String.join("\n",
            "5123107839020,61800.20,2.507,99999999999999999999,2.510,1723161256315,1723161256315",
            "5123107840008,61800.20,2.507,61800.30,2.504,1723161256322,1723161256322")), "BTCUSDT",
            FeedOptions.continueOnError()));
        assertEquals(List.of("quote 1723161256322 BTCUSDT 61800.2 61800.3"), quotes.events);
        assertEquals(List.of("bt.csv:1 | column 'best_ask_price': decimal too large: '99999999999999999999'"), quotes.rejects);
    }

    @Test
    void aFileOfAnotherLayoutIsRefusedAtItsHeader()
    {
        final RecordingSink sink = new RecordingSink();
        final FeedException ex = assertThrows(FeedException.class, () -> trades(
            "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time",
            "5123107839020,61800.20,2.507,61800.30,2.510,1723161256313,1723161256313").run(sink));
        assertEquals("trades.csv:1: header update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time," +
            "event_time: no column 'price'", ex.getMessage());
        assertEquals(List.of("trades.csv:1 | header update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty," +
            "transaction_time,event_time: no column 'price'"), sink.rejects);
    }

    @Test
    void bookTickerFallsBackToEventTimeWhenTransactionTimeIsEmpty() throws IOException
    {
        final RecordingSink sink = run(new BinanceBookTickerCsvFeed(FeedInput.text("bt.csv", String.join("\n",
            "5123107839020,61800.20,2.507,61800.30,2.510,,1723161256315",
            "5123107840008,61800.20,2.507,-61800.30,2.504,1723161256322,1723161256322")), "BTCUSDT",
            FeedOptions.continueOnError()));
        assertEquals(List.of("quote 1723161256315 BTCUSDT 61800.2 61800.3"), sink.events);
        assertEquals(List.of("bt.csv:2 | column 'best_ask_price': must be positive, was -61800.3"), sink.rejects);
    }

    @Test
    void stopPolicyStopsAtTheFirstBadRow()
    {
        final RecordingSink sink = new RecordingSink();
        final FeedException ex = assertThrows(FeedException.class, () -> new BinanceTradesCsvFeed(
            FeedInput.text("t.csv", "1,1,1,1,1,false\n2,x,1,1,2,false\n3,1,1,1,3,false"), "B",
            BinanceTradesCsvFeed.Layout.TRADES, FeedOptions.stopOnError()).run(sink));
        assertEquals("t.csv:2: column 'price': not a decimal: 'x'", ex.getMessage());
        assertEquals(List.of("trade 1 B 1 1"), sink.events);
    }
}
