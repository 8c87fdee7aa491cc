package dev.exitengine.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedSpecTest
{
    private static final FeedOptions OPTIONS = FeedOptions.continueOnError();

    @TempDir
    Path dir;

    private static String errorOf(final String spec)
    {
        return assertThrows(IllegalArgumentException.class, () -> FeedSpec.open(spec, OPTIONS)).getMessage();
    }

    @Test
    void fileOfNamesTheFileASpecReadsWithoutItsSymbol()
    {
        assertEquals(Path.of("/d/events.jsonl"), FeedSpec.fileOf("jsonl:/d/events.jsonl"));
        assertEquals(Path.of("/d/BTCUSDT-trades.csv"), FeedSpec.fileOf("trades-csv:/d/BTCUSDT-trades.csv@BTCUSDT"));
        assertEquals(Path.of("/d@x/bt.csv"), FeedSpec.fileOf("bookticker-csv:/d@x/bt.csv"));
        assertEquals(Path.of("/d/capture.txt"), FeedSpec.fileOf("ws-capture:/d/capture.txt"));
        assertEquals(null, FeedSpec.fileOf("ws-capture:bundled"));
        assertEquals(null, FeedSpec.fileOf("synthetic:1:10:42"));
        assertEquals(null, FeedSpec.fileOf("nonsense"));
    }

    @Test
    void jsonlOpensAJsonLinesFeedOfTheFile() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("events.jsonl"), JsonLinesFeedTest.APPENDIX[8] + "\n");
        final Feed feed = FeedSpec.open("jsonl:" + file, OPTIONS);
        assertInstanceOf(JsonLinesFeed.class, feed);
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, feed.run(sink));
        assertEquals(List.of("timer 1723161257000"), sink.events);
    }

    @Test
    void csvSymbolComesFromTheFileNameUnlessGivenAfterAt() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("ETHUSDT-2024-08-08-trades.csv"), "1,2600.5,1.5,3900.75,1723161256322,true\n");
        final BinanceTradesCsvFeed named = (BinanceTradesCsvFeed)FeedSpec.open("trades-csv:" + file, OPTIONS);
        assertEquals("ETHUSDT", named.symbol());
        assertEquals(BinanceTradesCsvFeed.Layout.TRADES, named.layout());
        final BinanceTradesCsvFeed given = (BinanceTradesCsvFeed)FeedSpec.open("trades-csv:" + file + "@ETHUSDC", OPTIONS);
        assertEquals("ETHUSDC", given.symbol());
        final RecordingSink sink = new RecordingSink();
        given.run(sink);
        assertEquals(List.of("trade 1723161256322 ETHUSDC 2600.5 1.5"), sink.events);
        assertEquals(BinanceTradesCsvFeed.Layout.AGG_TRADES,
            ((BinanceTradesCsvFeed)FeedSpec.open("aggtrades-csv:" + file, OPTIONS)).layout());
        assertEquals("ETHUSDT", ((BinanceBookTickerCsvFeed)FeedSpec.open("bookticker-csv:" + file, OPTIONS)).symbol());
    }

    @Test
    void csvFileNameWithoutSymbolNeedsOneGiven() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("trades.csv"), "");
        assertEquals("feed 'trades-csv:" + file + "': cannot take a symbol from file name 'trades.csv' (expected SYMBOL-...); " +
            "give it after '@', as FILE@SYMBOL", errorOf("trades-csv:" + file));
        assertEquals("BTCUSDT", ((BinanceTradesCsvFeed)FeedSpec.open("trades-csv:" + file + "@BTCUSDT", OPTIONS)).symbol());
        assertEquals("feed 'trades-csv:" + file + "@BTC USDT': symbol 'BTC USDT' has a character other than letters, digits, " +
            "'_' and '.'", errorOf("trades-csv:" + file + "@BTC USDT"));
    }

    @Test
    void wsCaptureOpensAFileOrTheBundledCapture() throws IOException
    {
        assertInstanceOf(WsCaptureFeed.class, FeedSpec.open("ws-capture:bundled", OPTIONS));
        final Path file = Files.writeString(dir.resolve("capture.txt"),
            "1 {\"e\":\"markPriceUpdate\",\"E\":5,\"s\":\"BTCUSDT\",\"p\":\"61000\",\"T\":9}\n");
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, FeedSpec.open("ws-capture:" + file, OPTIONS).run(sink));
        assertEquals(List.of("mark 5 BTCUSDT 61000"), sink.events);
    }

    @Test
    void malformedSpecsAreRefusedNamingTheSpec()
    {
        final String forms = "jsonl:FILE, trades-csv:FILE[@SYMBOL], aggtrades-csv:FILE[@SYMBOL], bookticker-csv:FILE[@SYMBOL], " +
            "ws-capture:FILE | ws-capture:bundled, synthetic:SYMBOLS:EVENTS:SEED";
        assertEquals("feed 'events.jsonl': expected KIND:ARGS, one of " + forms, errorOf("events.jsonl"));
        assertEquals("feed 'csv:x': unknown feed kind 'csv'; expected one of " + forms, errorOf("csv:x"));
        assertEquals("feed 'jsonl:" + dir.resolve("none.jsonl") + "': no such file '" + dir.resolve("none.jsonl") + "'",
            errorOf("jsonl:" + dir.resolve("none.jsonl")));
        assertEquals("feed 'synthetic:10:1000': expected synthetic:SYMBOLS:EVENTS:SEED, e.g. synthetic:10:1000000:42",
            errorOf("synthetic:10:1000"));
        assertEquals("feed 'synthetic:0:1000:1': SYMBOLS must be at least 1, was 0", errorOf("synthetic:0:1000:1"));
        assertEquals("feed 'synthetic:2:many:1': EVENTS must be a whole number, was 'many'", errorOf("synthetic:2:many:1"));
    }
}
