package dev.exitengine.feed;

import dev.exitengine.core.num.Fixed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of every parser, on inputs jqwik makes from valid ones by flipping, cutting, repeating and
 * splicing in hostile text (huge numbers, exponents, control characters, duplicate keys, nesting): each
 * input is taken or refused with a message, and nothing else happens — no exception of any other kind,
 * never a refusal that delivered something anyway. The tries here are for every build (a few seconds); a
 * longer run: {@code mvn -pl market-feed test -Dtest=ParserPropertiesTest -Djqwik.tries.default=200000}.
 */
class ParserPropertiesTest
{
    private static final List<String> JSON_LINES = List.of(
        "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}",
        "{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
        "{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"50000\","
            + "\"fee\":\"0.2\",\"orderId\":\"e1\",\"profile\":\"usd10\"}",
        "{\"type\":\"trade\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":\"50010.5\",\"qty\":\"0.002\"}",
        "{\"type\":\"quote\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"bid\":\"50010.4\",\"ask\":\"50010.5\"}",
        "{\"type\":\"mark\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":\"50010.12345678\"}",
        "{\"type\":\"command\",\"ts\":1003,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":true}",
        "{\"type\":\"timer\",\"ts\":1723161299000}",
        "{\"type\":\"orderFill\",\"ts\":5,\"clientOrderId\":\"xe-1-1\",\"qty\":\"0.01\",\"price\":\"51041\",\"fee\":\"0.2\"}",
        "{\"type\":\"snapshot\",\"ts\":2000,\"account\":\"a1\",\"positions\":[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\","
            + "\"qty\":\"0.01\",\"entryPrice\":\"50000\"}]}");

    private static final List<String> FRAMES = List.of(
        "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":123456789,\"s\":\"BTCUSDT\",\"a\":5933014,\"p\":\"0.001\","
            + "\"q\":\"100\",\"f\":100,\"l\":105,\"T\":123456785,\"m\":true}}",
        "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":400900217,\"E\":1568014460893,\"T\":1568014460891,"
            + "\"s\":\"BTCUSDT\",\"b\":\"25.35190000\",\"B\":\"31.21000000\",\"a\":\"25.36520000\",\"A\":\"40.66000000\"}}",
        "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1562305380000,\"s\":\"BTCUSDT\",\"p\":\"11794.15000000\","
            + "\"i\":\"11784.62659091\",\"P\":\"11784.25641265\",\"r\":\"0.00038167\",\"T\":1562306400000}}");

    private static final List<String> PROFILES = List.of(
        "{\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
        "{\"takeProfit\":{\"pct\":\"2.5\"},\"stopLoss\":{\"pct\":\"1.5\",\"trailing\":true},\"source\":\"MARK\",\"fallbackSource\":\"LAST\"}",
        "{\"stopLoss\":{\"atrMultiple\":\"2\",\"atrBars\":14,\"barSeconds\":60},\"timeoutSeconds\":3600,"
            + "\"scaleOut\":[{\"pct\":\"1\",\"fraction\":\"0.5\"}]}");

    private static final List<String> HOSTILE = List.of("99999999999999999999", "1e400", "-0", "\"\"", "null", "true", "{}", "[]",
        "\u0000", "\uffff", "\\u0000", "\"price\":\"1\"", ",", ":", "{", "}", "[", "]", "\\", "0.000000001", "NaN", "-Infinity",
        "18446744073709551616", "92233720368547.75807", "\"ts\":9223372036854775807", "\"ts\":-1");

    // ---------------------------------------------------------------- JSON Lines

    @Property(tries = 3000)
    void aJsonLineIsEitherDeliveredOrRefusedWithAMessageAndNothingElse(@ForAll("mutatedJsonLines") final String line)
    {
        final RecordingSink sink = new RecordingSink();
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("p.jsonl", ""), FeedOptions.continueOnError());
        final String problem = feed.parseLine(line, sink);
        if (problem == null)
        {
            assertFalse(sink.events.isEmpty(), "accepted but delivered nothing: " + line);
        }
        else
        {
            assertTrue(sink.events.isEmpty(), "refused (" + problem + ") but delivered " + sink.events);
            assertFalse(problem.isBlank(), "a refusal says why");
        }
    }

    /** The fast path for plain trades, quotes and marks delivers or refuses exactly what the full reading does. */
    @Property(tries = 8000)
    void theFastPathReadsEveryLineAsTheFullReadingDoes(@ForAll("marketLines") final String line)
    {
        final RecordingSink fast = new RecordingSink();
        final RecordingSink full = new RecordingSink();
        final String fastProblem = new JsonLinesFeed(FeedInput.text("p.jsonl", ""), FeedOptions.continueOnError()).parseLine(line, fast);
        final String fullProblem = new JsonLinesFeed(FeedInput.text("p.jsonl", ""), FeedOptions.continueOnError()).fullReadingOnly()
            .parseLine(line, full);
        assertEquals(fullProblem, fastProblem, line);
        assertEquals(full.events, fast.events, line);
    }

    @Provide
    Arbitrary<String> marketLines()
    {
        final Arbitrary<String> type = Arbitraries.of("\"trade\"", "\"quote\"", "\"mark\"", "\"Trade\"", "null", "1");
        final Arbitrary<String> number = Arbitraries.of("1", "0", "0.0", "50010.5", "\"50010.5\"", "\"0.00000001\"", "\"-1\"", "-1",
            "01", "1e3", "\"1e3\"", "1.", ".5", "\"\"", "null", "true", "99999999999999999999", "\"92233720368.54775808\"", "\"12\\u0033\"",
            "{}", "[1]", "\"1.123456789\"");
        final Arbitrary<String> ts = Arbitraries.of("1723161256400", "\"1723161256400\"", "0", "-5", "1.5", "\"x\"", "null",
            "9223372036854775807", "9223372036854775808");
        final Arbitrary<String> symbol = Arbitraries.of("\"BTCUSDT\"", "\"\"", "\"ETH\\\"USDT\"", "1", "null", "\"é\"");
        final Arbitrary<String> key = Arbitraries.of("type", "ts", "symbol", "price", "qty", "bid", "ask", "extra", "Price");
        final Arbitrary<String> field = Combinators.combine(key, Arbitraries.oneOf(type, number, ts, symbol))
            .as((k, v) -> "\"" + k + "\":" + v);
        final Arbitrary<String> space = Arbitraries.of("", " ", "\t", "  ");
        final Arbitrary<String> plain = Combinators.combine(type, ts, symbol, number, number, space).as((t, time, sym, a, b, sp) ->
            "{" + sp + "\"type\":" + t + "," + sp + "\"ts\":" + time + ",\"symbol\":" + sym + ",\"price\":" + a + ",\"qty\":" + b
                + ",\"bid\":" + a + ",\"ask\":" + b + sp + "}");
        final Arbitrary<String> shuffled = field.list().ofMinSize(0).ofMaxSize(7).map(fs -> "{" + String.join(",", fs) + "}");
        final Arbitrary<String> trade = Combinators.combine(ts, number, number, space).as((time, p, q, sp) ->
            sp + "{\"type\":\"trade\",\"ts\":" + time + "," + sp + "\"symbol\":\"BTCUSDT\",\"price\":" + p + ",\"qty\":" + q + "}" + sp);
        final Arbitrary<String> quote = Combinators.combine(ts, number, number).as((time, b, a) ->
            "{\"ts\":" + time + ",\"type\":\"quote\",\"symbol\":\"BTCUSDT\",\"bid\":" + b + ",\"ask\":" + a + "}");
        final Arbitrary<String> mark = Combinators.combine(ts, number).as((time, p) ->
            "{\"symbol\":\"ETHUSDT\",\"type\":\"mark\",\"ts\":" + time + ",\"price\":" + p + "}");
        // the appendix's exact form (the canonical reading's), with values good and bad, and cut or extended
        final Arbitrary<String> text = Arbitraries.of("1", "0", "0.0", "50010.5", "0.00000001", "-1", "1e3", "", "1.", ".5", "01",
            "99999999999", "9999999999.99999999", "92233720368.54775808", "1.123456789", "12\\u0033", " 1", "1 ", "1.2.3");
        final Arbitrary<String> canonical = Combinators.combine(Arbitraries.of("trade", "quote", "mark"), ts, symbol, text, text)
            .as((t, time, sym, a, b) -> "{\"type\":\"" + t + "\",\"ts\":" + time + ",\"symbol\":" + sym + (t.equals("trade")
                ? ",\"price\":\"" + a + "\",\"qty\":\"" + b + "\"}" : t.equals("quote") ? ",\"bid\":\"" + a + "\",\"ask\":\"" + b + "\"}"
                : ",\"price\":\"" + a + "\"}"));
        final Arbitrary<String> canonicalCut = Combinators.combine(canonical, Arbitraries.integers().between(1, 30))
            .as((l, cut) -> l.substring(0, Math.max(0, l.length() - cut)));
        return Arbitraries.oneOf(plain, shuffled, trade, quote, mark, trade.map(l -> l + "x"), trade.map(l -> l.replace("}", ",}")),
            mark.map(l -> l.replace("\"ts\"", "\"ts\":1,\"ts\"")), canonical, canonical, canonicalCut, canonical.map(l -> l + " "),
            canonical.map(l -> l.replace("\"}", "\",\"qty\":\"1\"}")));
    }

    @Property(tries = 1000)
    void aTradeLinesNumbersArriveExactly(@ForAll @BigRange(min = "0.00000001", max = "9999999999") @Scale(8) final BigDecimal price,
        @ForAll @BigRange(min = "0.00000001", max = "99999") @Scale(8) final BigDecimal qty)
    {
        final RecordingSink sink = new RecordingSink();
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("p.jsonl", ""), FeedOptions.continueOnError());
        final String line = "{\"type\":\"trade\",\"ts\":1000,\"symbol\":\"BTCUSDT\",\"price\":\"" + price.toPlainString() + "\",\"qty\":\""
            + qty.toPlainString() + "\"}";
        final String problem = feed.parseLine(line, sink);
        if (price.signum() <= 0 || qty.signum() <= 0)
        {
            assertTrue(problem != null, line);
            return;
        }
        assertEquals(null, problem, line);
        final RecordingSink expected = new RecordingSink();
        expected.trade(1000, "BTCUSDT", Fixed.parse(price.toPlainString()), Fixed.parse(qty.toPlainString()));
        assertEquals(expected.events, sink.events);
        assertEquals(0, Fixed.toBigDecimal(Fixed.parse(price.toPlainString())).compareTo(price), "exact: " + price);
    }

    @Property(tries = 3000)
    void aDecimalIsExactOrRefusedAsNotADecimal(@ForAll("decimalText") final String text)
    {
        final long value;
        try
        {
            value = Fixed.parse(text);
        }
        catch (final NumberFormatException ex)
        {
            assertFalse(ex.getMessage() == null || ex.getMessage().isBlank(), text);
            return;
        }
        // accepted: it is the decimal the text says, to the last of its 8 places
        assertEquals(0, new BigDecimal(text).compareTo(Fixed.toBigDecimal(value)), text);
    }

    // ---------------------------------------------------------------- WebSocket frames (captures and live)

    @Property(tries = 3000)
    void aMarketFrameIsEitherDecodedOrRefusedAndNothingElse(@ForAll("mutatedFrames") final String frame)
    {
        final RecordingSink sink = new RecordingSink();
        final WsCaptureFeed feed = new WsCaptureFeed(FeedInput.text("none", ""), FeedOptions.continueOnError());
        try
        {
            final int delivered = feed.parseMessage(frame, sink);
            assertEquals(delivered, sink.events.size(), frame);
        }
        catch (final MalformedEventException ex)
        {
            assertTrue(sink.events.isEmpty(), "refused but delivered " + sink.events);
            assertFalse(ex.getMessage() == null || ex.getMessage().isBlank());
        }
    }

    // ---------------------------------------------------------------- profiles

    @Property(tries = 2000)
    void aProfileIsEitherReadOrRefusedNamingWhy(@ForAll("mutatedProfiles") final String json)
    {
        try
        {
            ProfileJson.parse("p", json);
        }
        catch (final IllegalArgumentException ex)
        {
            assertFalse(ex.getMessage() == null || ex.getMessage().isBlank(), json);
        }
    }

    // ---------------------------------------------------------------- CSV

    @Property(tries = 1000)
    void aCsvRowIsEitherDeliveredOrRefusedByLineAndTheRunGoesOn(@ForAll("mutatedCsvRows") final String row) throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        final String text = "id,price,qty,quote_qty,time,is_buyer_maker\n" + row.replace('\n', ' ') + "\n"
            + "5266583936,61800.30,0.006,370.80180000,1723161256323,false\n";
        final BinanceTradesCsvFeed feed = new BinanceTradesCsvFeed(FeedInput.text("BTCUSDT-trades.csv", text), "BTCUSDT",
            BinanceTradesCsvFeed.Layout.TRADES, FeedOptions.continueOnError());
        feed.run(sink);
        // a blank row is no row; every other one is delivered or refused
        assertEquals(row.isBlank() ? 1 : 2, sink.events.size() + sink.rejects.size(), "one outcome per row: " + sink.events + " "
            + sink.rejects);
        assertTrue(sink.events.get(sink.events.size() - 1).contains("61800.3"), "the good row after it still arrives");
        for (final String reject : sink.rejects)
        {
            assertTrue(reject.startsWith("BTCUSDT-trades.csv:2"), reject);
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> mutatedJsonLines()
    {
        return mutated(JSON_LINES);
    }

    @Provide
    Arbitrary<String> mutatedFrames()
    {
        return mutated(FRAMES);
    }

    @Provide
    Arbitrary<String> mutatedProfiles()
    {
        return mutated(PROFILES);
    }

    @Provide
    Arbitrary<String> mutatedCsvRows()
    {
        return mutated(List.of("5266583935,61800.30,0.006,370.80180000,1723161256322,false"));
    }

    @Provide
    Arbitrary<String> decimalText()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(22);
        final Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        final Arbitrary<String> point = Arbitraries.of("", ".");
        return Combinators.combine(sign, digits, point, digits).as((s, a, p, b) -> s + a + p + b)
            .injectDuplicates(0.05)
            .edgeCases(c -> c.add("92233720368.54775807").add("92233720368.54775808").add("0.000000001").add("1.000000000"));
    }

    /** A valid input taken apart: characters replaced, ranges cut or repeated, hostile text spliced in. */
    private static Arbitrary<String> mutated(final List<String> valid)
    {
        final Arbitrary<String> base = Arbitraries.of(valid);
        final Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(6));
        return Combinators.combine(base, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 10_000), hostile).as(ParserPropertiesTest::mutate).injectDuplicates(0.01)
            .edgeCases(c -> valid.forEach(c::add));
    }

    private static String mutate(final String text, final int kind, final int a, final int b, final String splice)
    {
        final int n = text.length();
        final int from = a % (n + 1);
        final int to = Math.min(n, from + b % 24);
        switch (kind)
        {
            case 0: // replace a character
                return from < n ? text.substring(0, from) + (splice.isEmpty() ? "x" : splice.substring(0, 1)) + text.substring(from + 1) : text;
            case 1: // cut a range out
                return text.substring(0, from) + text.substring(to);
            case 2: // repeat a range (duplicate keys, doubled braces)
                return text.substring(0, to) + text.substring(from, to) + text.substring(to);
            case 3: // cut it short
                return text.substring(0, from);
            case 4: // splice hostile text in
                return text.substring(0, from) + splice + text.substring(from);
            default: // replace a range with hostile text
                return text.substring(0, from) + splice + text.substring(to);
        }
    }
}
