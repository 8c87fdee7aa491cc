package dev.exitengine.feed;

import dev.exitengine.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesFeedTest
{
    /** The event lines of the appendix of SPEC.md, verbatim. */
    static final String[] APPENDIX =
    {
        "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}",
        "{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
        "{\"type\":\"profile\",\"name\":\"trail\",\"stopLoss\":{\"pct\":\"5\"},\"trailing\":{\"activationPct\":\"0\",\"callbackPct\":\"10\"},\"source\":\"LAST\"}",
        "{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"50000\",\"fee\":\"0.2\",\"orderId\":\"e1\",\"profile\":\"usd10\"}",
        "{\"type\":\"trade\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":\"50010.5\",\"qty\":\"0.002\"}",
        "{\"type\":\"quote\",\"ts\":1723161256401,\"symbol\":\"BTCUSDT\",\"bid\":\"50010.4\",\"ask\":\"50010.5\"}",
        "{\"type\":\"mark\",\"ts\":1723161256402,\"symbol\":\"BTCUSDT\",\"price\":\"50009.9\"}",
        "{\"type\":\"command\",\"ts\":1723161256500,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":true}",
        "{\"type\":\"timer\",\"ts\":1723161257000}",
    };

    static final String[] APPENDIX_EVENTS =
    {
        "instrument BTCUSDT tick=0.1 step=0.001 minQty=0 maker=0.0002 taker=0.0004",
        "profile name=usd10;source=LAST;tp=NET:10;sl=NET:10",
        "profile name=trail;source=LAST;sl=PCT:5;trail=PCT:0:CALLBACK_PCT:10",
        "fill 1723161256322 a1 BTCUSDT BUY BOTH qty=0.01 price=50000 fee=0.2 order=e1 profile=usd10",
        "trade 1723161256400 BTCUSDT 50010.5 0.002",
        "quote 1723161256401 BTCUSDT 50010.4 50010.5",
        "mark 1723161256402 BTCUSDT 50009.9",
        "command 1723161256500 FORCED_UNWIND account=a1 symbol=null side=BOTH on=true state=null profile=null",
        "timer 1723161257000",
    };

    private static RecordingSink run(final String... lines) throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("events.jsonl", String.join("\n", lines)),
            FeedOptions.continueOnError());
        final long delivered = feed.run(sink);
        assertEquals(sink.events.size(), delivered, "delivered count");
        assertEquals(sink.rejects.size(), feed.rejected(), "rejected count");
        return sink;
    }

    private static String only(final RecordingSink sink)
    {
        assertEquals(List.of(), sink.rejects);
        assertEquals(1, sink.events.size(), sink.events.toString());
        return sink.events.get(0);
    }

    private static String rejectOf(final String line) throws IOException
    {
        final RecordingSink sink = run(line);
        assertEquals(List.of(), sink.events);
        assertEquals(1, sink.rejects.size());
        return sink.rejects.get(0);
    }

    @Test
    void everyAppendixLineBecomesItsExactSinkCall() throws IOException
    {
        final RecordingSink sink = run(APPENDIX);
        assertEquals(List.of(), sink.rejects);
        assertEquals(List.of(APPENDIX_EVENTS), sink.events);
    }

    @Test
    void appendixOfTheSpecIsTheOneTheseTestsPin() throws IOException
    {
        final List<String> lines = Files.readAllLines(SharedData.docs().resolve("SPEC.md"), StandardCharsets.UTF_8);
        final int appendix = lines.indexOf(lines.stream().filter(l -> l.startsWith("## Appendix")).findFirst().orElseThrow());
        final List<String> block = new ArrayList<>();
        int i = appendix;
        while (!lines.get(i).startsWith("```"))
        {
            i++;
        }
        for (i++; !lines.get(i).startsWith("```"); i++)
        {
            block.add(lines.get(i));
        }
        assertEquals(List.of(APPENDIX), block);
    }

    @Test
    void decimalsAsStringsAndAsNumbersAreEqual() throws IOException
    {
        final RecordingSink strings = run(
            "{\"type\":\"trade\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":\"50010.5\",\"qty\":\"0.002\"}",
            "{\"type\":\"fill\",\"ts\":1,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"qty\":\"0.01\"," +
                "\"price\":\"50000\",\"fee\":\"0.2\",\"orderId\":\"e1\"}");
        final RecordingSink numbers = run(
            "{\"type\":\"trade\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":50010.5,\"qty\":0.002}",
            "{\"type\":\"fill\",\"ts\":1,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"qty\":0.01," +
                "\"price\":50000,\"fee\":0.2,\"orderId\":\"e1\"}");
        assertEquals(List.of(), numbers.rejects);
        assertEquals(strings.events, numbers.events);
        assertEquals("trade 1723161256400 BTCUSDT 50010.5 0.002", numbers.events.get(0));
    }

    @Test
    void decimalsKeepAllEightPlacesExactly() throws IOException
    {
        assertEquals("trade 5 X 0.12345678 92233720368.54775807",
            only(run("{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":0.12345678,\"qty\":92233720368.54775807}")));
    }

    @Test
    void exponentNumbersAreConvertedExactly() throws IOException
    {
        assertEquals("trade 5 X 50010.5 0.005",
            only(run("{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":5.00105E4,\"qty\":5e-3}")));
        assertEquals("events.jsonl:1 | field 'qty': more than 8 decimals: '1e-9'",
            rejectOf("{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":1,\"qty\":1e-9}"));
        assertEquals("events.jsonl:1 | field 'price': decimal too large: '1e300'",
            rejectOf("{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":1e300}"));
    }

    @Test
    void numbersBeyondTheFixedPointRangeAreRefusedByFieldAndTheNextLineIsRead() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":\"12345678901234567890\"}",
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":1,\"qty\":1234567890123456789}",
            "{\"type\":\"fill\",\"ts\":5,\"account\":\"a1\",\"symbol\":\"X\",\"side\":\"BUY\",\"qty\":\"1\"," +
                "\"price\":\"1\",\"fee\":-12345678901234567890,\"orderId\":\"e1\"}",
            "{\"type\":\"trade\",\"ts\":12345678901234567890,\"symbol\":\"X\",\"price\":1}",
            "{\"type\":\"trade\",\"ts\":\"99999999999999999999\",\"symbol\":\"X\",\"price\":1}",
            "{\"type\":\"snapshot\",\"ts\":5,\"account\":\"a1\",\"positions\":[{\"symbol\":\"X\",\"qty\":\"1\"," +
                "\"entryPrice\":12345678901234567890}]}",
            "{\"type\":\"trade\",\"ts\":6,\"symbol\":\"X\",\"price\":\"50010.5\"}");
        assertEquals(List.of(
            "events.jsonl:1 | field 'price': decimal too large: '12345678901234567890'",
            "events.jsonl:2 | field 'qty': decimal too large: '1234567890123456789'",
            "events.jsonl:3 | field 'fee': decimal too large: '-12345678901234567890'",
            "events.jsonl:4 | field 'ts': must be a non-negative integer (epoch milliseconds), was 12345678901234567890",
            "events.jsonl:5 | field 'ts': must be a non-negative integer (epoch milliseconds), was '99999999999999999999'",
            "events.jsonl:6 | field 'positions[0].entryPrice': decimal too large: '12345678901234567890'"), sink.rejects);
        assertEquals(List.of("trade 6 X 50010.5 0"), sink.events);
    }

    @Test
    void aKeyGivenTwiceRefusesTheLineNamingTheKeyNeverTheLastWins() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":\"50011\",\"price\":\"1\"}",
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":\"50011\",\"type\":\"mark\"}",
            "{\"ts\":5,\"type\":\"trade\",\"symbol\":\"X\",\"price\":\"50011\",\"ts\":6}",
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"X\",\"price\":\"50011\",\"note\":1,\"note\":2}",
            "{\"type\":\"snapshot\",\"ts\":5,\"account\":\"a1\",\"positions\":[{\"symbol\":\"X\",\"qty\":\"1\"," +
                "\"qty\":\"-1\",\"entryPrice\":\"5\"}]}",
            "{\"type\":\"profile\",\"name\":\"p\",\"stopLoss\":{\"pct\":\"1\",\"pct\":\"50\"}}",
            "{\"type\":\"trade\",\"ts\":6,\"symbol\":\"X\",\"price\":\"50010.5\"}");
        assertEquals(List.of(
            "events.jsonl:1 | field 'price': given twice",
            "events.jsonl:2 | field 'type': given twice",
            "events.jsonl:3 | field 'ts': given twice",
            "events.jsonl:4 | field 'note': given twice",
            "events.jsonl:5 | field 'positions[0].qty': given twice",
            "events.jsonl:6 | field 'stopLoss.pct': given twice"), sink.rejects);
        assertEquals(List.of("trade 6 X 50010.5 0"), sink.events);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"fill\",\"ts\":7,\"account\":\"a1\",\"symbol\":\"ETHUSDT\",\"side\":\"SELL\",\"qty\":\"2\",\"price\":\"3000\",\"orderId\":\"e2\"}",
            "{\"type\":\"fill\",\"ts\":8,\"account\":\"a1\",\"symbol\":\"ETHUSDT\",\"side\":\"BUY\",\"positionSide\":\"SHORT\",\"qty\":\"2\"," +
                "\"price\":\"2990\",\"fee\":null,\"orderId\":\"e3\",\"profile\":null}",
            "{\"type\":\"trade\",\"ts\":9,\"symbol\":\"ETHUSDT\",\"price\":\"3001\"}",
            "{\"type\":\"instrument\",\"symbol\":\"ETHUSDT\",\"tickSize\":\"0.01\",\"stepSize\":\"0.001\",\"minQty\":\"0.001\"," +
                "\"makerFee\":\"0\",\"takerFee\":\"0.0005\"}");
        assertEquals(List.of(), sink.rejects);
        assertEquals(List.of(
            "fill 7 a1 ETHUSDT SELL BOTH qty=2 price=3000 fee=null order=e2 profile=null",
            "fill 8 a1 ETHUSDT BUY SHORT qty=2 price=2990 fee=null order=e3 profile=null",
            "trade 9 ETHUSDT 3001 0",
            "instrument ETHUSDT tick=0.01 step=0.001 minQty=0.001 maker=0 taker=0.0005"), sink.events);
    }

    @Test
    void gatewayResponsesAndSnapshotsAreDelivered() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"ack\",\"ts\":100,\"clientOrderId\":\"x-1\"}",
            "{\"type\":\"reject\",\"ts\":101,\"clientOrderId\":\"x-1\",\"reason\":\"ReduceOnly Order is rejected\"}",
            "{\"type\":\"orderFill\",\"ts\":102,\"clientOrderId\":\"x-1\",\"qty\":\"0.004\",\"price\":\"51041.0\",\"fee\":\"0.0816656\"}",
            "{\"type\":\"orderFill\",\"ts\":103,\"clientOrderId\":\"x-1\",\"qty\":0.006,\"price\":51041}",
            "{\"type\":\"expired\",\"ts\":104,\"clientOrderId\":\"x-2\"}",
            "{\"type\":\"snapshot\",\"ts\":105,\"account\":\"a1\",\"positions\":[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\"," +
                "\"qty\":\"-0.01\",\"entryPrice\":\"50000\"},{\"symbol\":\"ETHUSDT\",\"positionSide\":\"LONG\",\"qty\":\"1.5\"," +
                "\"entryPrice\":\"2999.5\",\"unrealizedProfit\":\"1.2\"},{\"symbol\":\"BNBUSDT\",\"qty\":\"0\",\"entryPrice\":\"0\"}]}",
            "{\"type\":\"snapshot\",\"ts\":106,\"account\":\"a2\",\"positions\":[]}");
        assertEquals(List.of(), sink.rejects);
        assertEquals(List.of(
            "ack 100 x-1",
            "reject 101 x-1 reason=ReduceOnly Order is rejected",
            "orderFill 102 x-1 qty=0.004 price=51041 fee=0.0816656",
            "orderFill 103 x-1 qty=0.006 price=51041 fee=null",
            "expired 104 x-2",
            "snapshot 105 a1 [BTCUSDT BOTH -0.01 @ 50000, ETHUSDT LONG 1.5 @ 2999.5]",
            "snapshot 106 a2 []"), sink.events);
    }

    @Test
    void everyCommandUsesItsFactory() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"command\",\"ts\":1,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":false}",
            "{\"type\":\"command\",\"ts\":2,\"command\":\"TRADING_STATE\",\"state\":\"HALTED\"}",
            "{\"type\":\"command\",\"ts\":3,\"command\":\"TRADING_STATE\",\"account\":\"a1\",\"state\":\"REDUCING\"}",
            "{\"type\":\"command\",\"ts\":4,\"command\":\"MANUAL_CLOSE\",\"account\":\"a1\",\"symbol\":\"BTCUSDT\"}",
            "{\"type\":\"command\",\"ts\":5,\"command\":\"MANUAL_CLOSE\",\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"SHORT\"}",
            "{\"type\":\"command\",\"ts\":6,\"command\":\"SET_PROFILE\",\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"LONG\"," +
                "\"profile\":\"trail\"}");
        assertEquals(List.of(), sink.rejects);
        assertEquals(List.of(
            "command 1 FORCED_UNWIND account=a1 symbol=null side=BOTH on=false state=null profile=null",
            "command 2 TRADING_STATE account=null symbol=null side=BOTH on=false state=HALTED profile=null",
            "command 3 TRADING_STATE account=a1 symbol=null side=BOTH on=false state=REDUCING profile=null",
            "command 4 MANUAL_CLOSE account=a1 symbol=BTCUSDT side=BOTH on=false state=null profile=null",
            "command 5 MANUAL_CLOSE account=a1 symbol=BTCUSDT side=SHORT on=false state=null profile=null",
            "command 6 SET_PROFILE account=a1 symbol=BTCUSDT side=LONG on=false state=null profile=trail"), sink.events);
    }

    @Test
    void unknownFieldsAreIgnoredWithWhateverTheyHold() throws IOException
    {
        assertEquals("trade 1723161256400 BTCUSDT 50010.5 0.002", only(run(
            "{\"type\":\"trade\",\"venue\":{\"name\":\"binance\",\"ids\":[1,2,{\"price\":\"-1\"}]},\"ts\":1723161256400," +
                "\"tags\":[[],{}],\"symbol\":\"BTCUSDT\",\"note\":null,\"price\":\"50010.5\",\"qty\":\"0.002\",\"x\":true}")));
    }

    @Test
    void typeNeedNotComeFirst() throws IOException
    {
        assertEquals("mark 1723161256402 BTCUSDT 50009.9",
            only(run("{\"ts\":1723161256402,\"symbol\":\"BTCUSDT\",\"extra\":{\"type\":\"trade\"},\"price\":\"50009.9\",\"type\":\"mark\"}")));
        assertEquals("profile name=usd10;source=LAST;tp=NET:10;sl=NET:10",
            only(run("{\"takeProfit\":{\"netProfit\":\"10\"},\"type\":\"profile\",\"stopLoss\":{\"netLoss\":10},\"name\":\"usd10\"}")));
    }

    @Test
    void blankLinesAreSkippedButCountedInLineNumbers() throws IOException
    {
        final RecordingSink sink = run("", "{\"type\":\"timer\",\"ts\":1}", "   ", "\t", "{\"type\":\"timer\",\"ts\":-1}", "");
        assertEquals(List.of("timer 1"), sink.events);
        assertEquals(List.of("events.jsonl:5 | field 'ts': must be a non-negative integer (epoch milliseconds), was -1"),
            sink.rejects);
    }

    @Test
    void malformedLinesAreRejectedWithFileLineAndFieldWhileTheirNeighboursAreDelivered() throws IOException
    {
        final RecordingSink sink = run(
            "{\"type\":\"trade\",\"ts\":1,\"symbol\":\"BTCUSDT\",\"price\":\"61800.3\",\"qty\":\"0.006\"}",
            "{\"type\":\"trade\",\"ts\":2,\"symbol\":\"BTCUSDT\",\"price\":\"-5\",\"qty\":\"0.006\"}",
            "{\"type\":\"trade\",\"ts\":3,\"symbol\":\"BTCUSDT\",\"price\":\"61800.4\"",
            "{\"type\":\"quote\",\"ts\":4,\"symbol\":\"BTCUSDT\",\"bid\":\"61800.2\"}",
            "{\"type\":\"trade\",\"ts\":5,\"symbol\":\"BTCUSDT\",\"price\":\"61800.5\",\"qty\":\"0.1\"}",
            "{\"type\":\"bogus\",\"ts\":6}",
            "{\"type\":\"fill\",\"ts\":7,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"1\",\"price\":\"1\",\"orderId\":\"o\"}",
            "{\"type\":\"mark\",\"ts\":8,\"symbol\":\"BTCUSDT\",\"price\":\"61800.6\"}");
        assertEquals(List.of(
            "trade 1 BTCUSDT 61800.3 0.006",
            "trade 5 BTCUSDT 61800.5 0.1",
            "mark 8 BTCUSDT 61800.6"), sink.events);
        assertEquals(List.of(
            "events.jsonl:2 | field 'price': must be positive, was -5",
            "events.jsonl:3 | bad JSON: Unexpected end-of-input: expected close marker for Object at column 60",
            "events.jsonl:4 | field 'ask': missing",
            "events.jsonl:6 | field 'type': unknown type 'bogus'; expected instrument, profile, fill, trade, quote, mark, " +
                "command, timer, ack, reject, orderFill, expired or snapshot",
            "events.jsonl:7 | field 'side': must be BUY or SELL, was 'buy'"), sink.rejects);
    }

    @Test
    void notANumberIsRejectedAsStringAndAsBareToken() throws IOException
    {
        assertEquals("events.jsonl:1 | field 'price': not a decimal: 'NaN'",
            rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"BTCUSDT\",\"price\":\"NaN\"}"));
        assertTrue(rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"BTCUSDT\",\"price\":NaN}")
            .startsWith("events.jsonl:1 | bad JSON: Non-standard token 'NaN'"));
        assertEquals("events.jsonl:1 | field 'price': not a decimal: 'Infinity'",
            rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"BTCUSDT\",\"price\":\"Infinity\"}"));
    }

    @Test
    void valuesOutOfRangeAreRejectedNamingTheField() throws IOException
    {
        assertEquals("events.jsonl:1 | field 'qty': must be positive, was 0",
            rejectOf("{\"type\":\"fill\",\"ts\":1,\"account\":\"a1\",\"symbol\":\"B\",\"side\":\"BUY\",\"qty\":\"0\",\"price\":\"1\",\"orderId\":\"o\"}"));
        assertEquals("events.jsonl:1 | field 'fee': must not be negative, was -0.1",
            rejectOf("{\"type\":\"fill\",\"ts\":1,\"account\":\"a1\",\"symbol\":\"B\",\"side\":\"BUY\",\"qty\":\"1\",\"price\":\"1\"," +
                "\"fee\":\"-0.1\",\"orderId\":\"o\"}"));
        assertEquals("events.jsonl:1 | field 'qty': must not be negative, was -0.002",
            rejectOf("{\"type\":\"trade\",\"ts\":1,\"symbol\":\"B\",\"price\":\"1\",\"qty\":\"-0.002\"}"));
        assertEquals("events.jsonl:1 | field 'tickSize': must be positive, was 0",
            rejectOf("{\"type\":\"instrument\",\"symbol\":\"B\",\"tickSize\":0,\"stepSize\":\"0.001\",\"makerFee\":\"0\",\"takerFee\":\"0\"}"));
        assertEquals("events.jsonl:1 | field 'takerFee': missing",
            rejectOf("{\"type\":\"instrument\",\"symbol\":\"B\",\"tickSize\":1,\"stepSize\":\"0.001\",\"makerFee\":\"0\"}"));
        assertEquals("events.jsonl:1 | field 'ts': must be a non-negative integer (epoch milliseconds), was 1.5",
            rejectOf("{\"type\":\"timer\",\"ts\":1.5}"));
        assertEquals("events.jsonl:1 | field 'ts': must be a non-negative integer (epoch milliseconds), was 99999999999999999999",
            rejectOf("{\"type\":\"timer\",\"ts\":99999999999999999999}"));
        assertEquals("events.jsonl:1 | field 'ts': missing", rejectOf("{\"type\":\"timer\"}"));
        assertEquals("events.jsonl:1 | field 'price': more than 8 decimals: '1.123456789'",
            rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"B\",\"price\":\"1.123456789\"}"));
        assertEquals("events.jsonl:1 | field 'price': expected a decimal, found true",
            rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"B\",\"price\":true}"));
        assertEquals("events.jsonl:1 | field 'symbol': must not be empty",
            rejectOf("{\"type\":\"mark\",\"ts\":1,\"symbol\":\"\",\"price\":1}"));
    }

    @Test
    void badCommandsAndSnapshotsNameTheField() throws IOException
    {
        assertEquals("events.jsonl:1 | field 'on': missing",
            rejectOf("{\"type\":\"command\",\"ts\":1,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\"}"));
        assertEquals("events.jsonl:1 | field 'state': must be ACTIVE, REDUCING or HALTED, was 'STOPPED'",
            rejectOf("{\"type\":\"command\",\"ts\":1,\"command\":\"TRADING_STATE\",\"state\":\"STOPPED\"}"));
        assertEquals("events.jsonl:1 | field 'profile': missing",
            rejectOf("{\"type\":\"command\",\"ts\":1,\"command\":\"SET_PROFILE\",\"account\":\"a1\",\"symbol\":\"B\"}"));
        assertEquals("events.jsonl:1 | field 'command': unknown command 'PANIC'; expected FORCED_UNWIND, TRADING_STATE, " +
            "MANUAL_CLOSE or SET_PROFILE", rejectOf("{\"type\":\"command\",\"ts\":1,\"command\":\"PANIC\"}"));
        assertEquals("events.jsonl:1 | field 'positions[1].entryPrice': missing",
            rejectOf("{\"type\":\"snapshot\",\"ts\":1,\"account\":\"a1\",\"positions\":[{\"symbol\":\"A\",\"qty\":1,\"entryPrice\":2}," +
                "{\"symbol\":\"B\",\"qty\":-1}]}"));
        assertEquals("events.jsonl:1 | field 'positions[0].qty': must be positive for positionSide SHORT (the side gives " +
            "the direction), was -1", rejectOf("{\"type\":\"snapshot\",\"ts\":1,\"account\":\"a1\",\"positions\":" +
            "[{\"symbol\":\"A\",\"positionSide\":\"SHORT\",\"qty\":-1,\"entryPrice\":2}]}"));
        assertEquals("events.jsonl:1 | field 'positions': missing",
            rejectOf("{\"type\":\"snapshot\",\"ts\":1,\"account\":\"a1\"}"));
    }

    @Test
    void linesThatAreNotOneObjectAreRejected() throws IOException
    {
        assertEquals("events.jsonl:1 | line is not a JSON object", rejectOf("[1,2]"));
        assertEquals("events.jsonl:1 | field 'type': missing", rejectOf("{\"ts\":1}"));
        assertEquals("events.jsonl:1 | field 'type': expected a string, found 3", rejectOf("{\"type\":3}"));
        assertEquals("events.jsonl:1 | unexpected content after the JSON object",
            rejectOf("{\"type\":\"timer\",\"ts\":1} {\"type\":\"timer\",\"ts\":2}"));
    }

    @Test
    void badProfileLineNamesProfileAndKey() throws IOException
    {
        assertEquals("events.jsonl:1 | profile 'usd10': takeProfit.pct: conflicts with takeProfit.netProfit; give exactly one " +
            "of price, pct, netProfit, riskReward",
            rejectOf("{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\",\"pct\":\"1\"}}"));
    }

    @Test
    void stopPolicyReportsTheLineThenThrowsNamingIt() throws IOException
    {
        final RecordingSink sink = new RecordingSink();
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("events.jsonl", String.join("\n",
            "{\"type\":\"timer\",\"ts\":1}",
            "{\"type\":\"mark\",\"ts\":2,\"symbol\":\"BTCUSDT\",\"price\":\"-5\"}",
            "{\"type\":\"timer\",\"ts\":3}")), FeedOptions.stopOnError());
        final FeedException ex = assertThrows(FeedException.class, () -> feed.run(sink));
        assertEquals("events.jsonl:2: field 'price': must be positive, was -5", ex.getMessage());
        assertEquals("events.jsonl:2", ex.where());
        assertEquals(List.of("timer 1"), sink.events);
        assertEquals(List.of("events.jsonl:2 | field 'price': must be positive, was -5"), sink.rejects);
    }

    @Test
    void gzipFilesAndCrlfLineEndsAreRead() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes))
        {
            gz.write(("\uFEFF" + APPENDIX[4] + "\r\n" + APPENDIX[8] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        final Path file = Files.createTempFile("events", ".jsonl");
        try
        {
            Files.write(file, bytes.toByteArray());
            final RecordingSink sink = new RecordingSink();
            assertEquals(2, JsonLinesFeed.of(file, FeedOptions.continueOnError()).run(sink));
            assertEquals(List.of(APPENDIX_EVENTS[4], APPENDIX_EVENTS[8]), sink.events);
            assertEquals(List.of(), sink.rejects);
        }
        finally
        {
            Files.delete(file);
        }
    }

    @Test
    void aSingleLineCanBeParsedOnItsOwn()
    {
        final JsonLinesFeed feed = new JsonLinesFeed(FeedInput.text("stdin", ""), FeedOptions.continueOnError());
        final RecordingSink sink = new RecordingSink();
        assertEquals(null, feed.parseLine(APPENDIX[5], sink));
        assertEquals("field 'bid': missing", feed.parseLine("{\"type\":\"quote\",\"ts\":1,\"symbol\":\"B\",\"ask\":1}", sink));
        assertEquals(List.of(APPENDIX_EVENTS[5]), sink.events);
    }
}
