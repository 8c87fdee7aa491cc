package dev.exitengine.feed;

import dev.exitengine.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte decoder behind {@link WsCaptureFeed} and the live streams gives, message for message, what the
 * Jackson decoder it replaced ({@link BinanceStreamDecoder}, kept in test sources) gave: the same events
 * (type, symbol, time, prices, quantity) in the same order, the same skip counts, the same refusal texts.
 */
class MarketFrameDecoderEquivalenceTest
{
    /** What one decoder made of a run of messages: events, then one line per refusal, then the skip count. */
    private static List<String> outcome(final List<String> messages, final boolean reference)
    {
        final RecordingSink sink = new RecordingSink();
        final BinanceStreamDecoder old = new BinanceStreamDecoder();
        final WsCaptureFeed feed = new WsCaptureFeed(FeedInput.text("none", ""), FeedOptions.continueOnError());
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++)
        {
            final int before = sink.events.size();
            try
            {
                final int events = reference ? old.decode(messages.get(i), sink) : feed.parseMessage(messages.get(i), sink);
                sink.events.add("delivered " + events);
            }
            catch (final MalformedEventException ex)
            {
                // a refused frame delivers nothing, even events decoded before the fault (the old decoder had sent those
                // already; the byte decoder holds a frame's events until all of it has decoded)
                sink.events.subList(before, sink.events.size()).clear();
                sink.events.add("refused " + i + ": " + ex.getMessage());
            }
        }
        out.addAll(sink.events);
        out.add("skipped " + (reference ? old.skipped() : feed.skipped()));
        return out;
    }

    private static void assertSameOutcome(final List<String> messages)
    {
        final List<String> expected = outcome(messages, true);
        final List<String> actual = outcome(messages, false);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }

    /** The JSON of each line of a capture (its receive time dropped). */
    private static List<String> captureMessages(final FeedInput input) throws IOException
    {
        final List<String> messages = new ArrayList<>();
        try (LineReader lines = new LineReader(input.openStream()))
        {
            while (lines.next())
            {
                if (!lines.isBlank())
                {
                    final String line = new String(lines.chars(), 0, lines.charLength());
                    messages.add(line.charAt(0) == '{' ? line : line.substring(line.indexOf(' ') + 1));
                }
            }
        }
        return messages;
    }

    @Test
    void bundledCaptureDecodesToTheSameEventsAndSkips() throws IOException
    {
        final List<String> messages = captureMessages(FeedInput.classpath(WsCaptureFeed.BUNDLED_RESOURCE));
        final List<String> outcome = outcome(messages, false);
        assertEquals("skipped 1", outcome.get(outcome.size() - 1));
        assertSameOutcome(messages);
    }

    @Test
    void fullSharedCaptureDecodesToTheSameEventsAndSkips() throws IOException
    {
        final Path file = SharedData.binanceUm().resolve("BTCUSDT-2024-08-08-ws-capture.gz");
        if (!Files.exists(file))
        {
            return; // ../shared is not everywhere; the bundled capture above always runs
        }
        final List<String> messages = captureMessages(FeedInput.file(file));
        assertTrue(messages.size() > 90_000);
        assertSameOutcome(messages);
    }

    @Test
    void documentedFixturesDecodeTheSame() throws IOException
    {
        final List<String> messages = new ArrayList<>();
        for (final String name : List.of("agg_trade_stream.json", "book_ticker_stream.json", "mark_price_stream.json"))
        {
            messages.add(new String(MarketFrameDecoderEquivalenceTest.class.getResourceAsStream("/fixtures/" + name).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        }
        assertSameOutcome(messages);
    }

    @Test
    void badAndUnusualMessagesAreRefusedOrAcceptedAlike()
    {
        final String trade = "\"e\":\"trade\",\"T\":5,\"s\":\"BTCUSDT\",\"q\":\"2\"";
        assertSameOutcome(List.of(
            "{" + trade + ",\"p\":\"0\"}",
            "{" + trade + ",\"p\":\"-1.5\"}",
            "{" + trade + ",\"p\":\"NaN\"}",
            "{" + trade + ",\"p\":\"\"}",
            "{" + trade + ",\"p\":\".5\"}",
            "{" + trade + ",\"p\":\"5.\"}",
            "{" + trade + ",\"p\":\"+5\"}",
            "{" + trade + ",\"p\":\"-\"}",
            "{" + trade + ",\"p\":\"1.123456789\"}",
            "{" + trade + ",\"p\":\"1.12345678000\"}",
            "{" + trade + ",\"p\":\"1e-3\"}",
            "{" + trade + ",\"p\":\"1E3\"}",
            "{" + trade + ",\"p\":\"1e-9\"}",
            "{" + trade + ",\"p\":1.25}",
            "{" + trade + ",\"p\":125}",
            "{" + trade + ",\"p\":2.5e2}",
            "{" + trade + ",\"p\":true}",
            "{" + trade + ",\"p\":null}",
            "{" + trade + ",\"p\":\"92233720368.54775807\"}",
            "{" + trade + ",\"p\":\"92233720369\"}",
            "{" + trade + ",\"p\":\"9223372036854775807\"}",
            "{" + trade + ",\"p\":\"1\\u002e5\"}",
            "{" + trade + ",\"p\":\"1é5\"}",
            "{" + trade + ",\"p\":\"1\",\"q\":\"-0.1\"}",
            "{" + trade + ",\"p\":\"1\",\"q\":\"0\"}",
            "{" + trade + ",\"p\":\"1\",\"X\":\"ADL\"}",
            "{" + trade + ",\"p\":\"1\",\"X\":null}",
            "{" + trade + ",\"p\":\"1\",\"X\":\"MARKET\"}",
            "{\"e\":\"aggTrade\",\"E\":7,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":\"7\",\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":\"00000000000000000007\",\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":7.0,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":-7,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":null,\"E\":3,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":{},\"E\":3,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":99999999999999999999,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":1,\"s\":\"\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":1,\"s\":null,\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":1,\"s\":\"ETH\\u0055SDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":1,\"\\u0073\":\"SOLUSDT\",\"p\":\"1\",\"q\":\"2\"}",
            "{\"e\":\"aggTrade\",\"T\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"2\",\"p\":\"3\"}",
            "{\"e\":\"bookTicker\",\"E\":9,\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"0\"}",
            "{\"e\":\"bookTicker\",\"E\":9,\"s\":\"BTCUSDT\",\"a\":\"1\"}",
            "{\"e\":\"bookTicker\",\"s\":\"BTCUSDT\",\"b\":\"1\",\"a\":\"2\"}",
            "{\"e\":\"markPriceUpdate\",\"E\":\"x\",\"s\":\"BTCUSDT\",\"p\":\"1\"}",
            "{\"e\":\"markPriceUpdate\",\"E\":4,\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"1\"}",
            "{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"BTCUSDT\",\"p\":\"1\",\"data\":5}",
            "{\"stream\":\"x\",\"data\":[]}",
            "{\"stream\":\"x\",\"data\":[1,\"a\",[2],{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"},{\"e\":\"kline\"}]}",
            "[{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"},{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"0\"}]",
            "{\"data\":{\"data\":{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"}},\"e\":\"trade\"}",
            "{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"} {}",
            "{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"} x",
            "{\"data\":{\"e\":\"markPriceUpdate\",\"E\":4,\"s\":\"A\",\"p\":\"1\"},",
            "{\"e\":\"trade\",",
            "{\"e\":\"trade\" \"x\"}",
            "{\"e\":\"trade\",}",
            "{\"e\":01}",
            "{\"e\":1.}",
            "{\"e\":-}",
            "{\"e\":tru}",
            "{\"e\":\"a\tb\"}",
            "{\"e\":\"a\\qb\"}",
            "{\"e\":\"\\ud83d\\ude00\"}",
            "{e:1}",
            "{'e':1}",
            "[1,]",
            "[1 2]",
            "42",
            "\"text\"",
            "",
            "   ",
            "null",
            "garbage",
            "{\"result\":null,\"id\":1}",
            "{}",
            " { \"e\" : \"markPriceUpdate\" , \"E\" : 4 , \"s\" : \"A\" , \"p\" : \"1\" } "));
    }
}
