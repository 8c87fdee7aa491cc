package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code inspect} over a journal a run wrote, held against what the run was fed (the feed file) and what it
 * decided (its {@code --out} file): each filter and format shows exactly the rows those say it must.
 */
class InspectCommandTest
{
    static final Set<String> DECISION_TYPES = Set.of("levels", "close", "exit", "rejected", "quarantine", "reconcile", "closeFailed", "risk");
    static final Set<String> VENUE_ANSWERS = Set.of("ack", "reject", "orderFill", "expired");

    @TempDir
    static Path dir;
    static InspectScenario s;

    @BeforeAll
    static void runTheScenario() throws IOException
    {
        s = InspectScenario.run(dir, 3_000, 150);
    }

    static Console inspect(final String... args)
    {
        final String[] all = new String[args.length + 3];
        all[0] = "inspect";
        all[1] = "--journal";
        all[2] = s.journal.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        final Console c = Console.run(all);
        assertEquals(0, c.exitCode, c.toString());
        return c;
    }

    /** The JSON lines of {@code inspect ... --format jsonl}, parsed. */
    static List<Map<String, String>> jsonl(final String... args)
    {
        final String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--format";
        all[args.length + 1] = "jsonl";
        return inspect(all).out.lines().map(InspectScenario::parse).collect(Collectors.toList());
    }

    static boolean isDecision(final Map<String, String> line)
    {
        return DECISION_TYPES.contains(line.get("type"));
    }

    static boolean isAnswer(final Map<String, String> line)
    {
        return VENUE_ANSWERS.contains(line.get("type"));
    }

    /** Every field of the feed's line is in the journal's line with the same value (numbers as numbers). */
    static void assertSameInputs(final List<Map<String, String>> fed, final List<Map<String, String>> shown)
    {
        assertEquals(fed.size(), shown.size(), "inputs shown");
        for (int i = 0; i < fed.size(); i++)
        {
            for (final Map.Entry<String, String> f : fed.get(i).entrySet())
            {
                final String got = shown.get(i).get(f.getKey());
                final boolean same = f.getValue().equals(got) || (isNumber(f.getValue()) && InspectScenario.sameNumber(f.getValue(), got));
                assertTrue(same, "input " + (i + 1) + ", field '" + f.getKey() + "': fed " + fed.get(i) + ", shown " + shown.get(i));
            }
        }
    }

    private static boolean isNumber(final String text)
    {
        return text.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    private static List<Map<String, String>> fed(final Predicate<Map<String, String>> which)
    {
        return s.feedLines.stream().filter(which).collect(Collectors.toList());
    }

    private static List<String> decided(final Predicate<Map<String, String>> which)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < s.decisions.size(); i++)
        {
            if (which.test(s.decisions.get(i)))
            {
                out.add(s.decisionLines.get(i));
            }
        }
        return out;
    }

    /** The decision lines of {@code inspect --format jsonl} as written (not parsed), for an exact comparison. */
    private static List<String> decisionLinesOf(final Console c)
    {
        return c.out.lines().filter(l -> isDecision(InspectScenario.parse(l))).collect(Collectors.toList());
    }

    private static Set<String> clientOrderIds(final List<Map<String, String>> lines)
    {
        return lines.stream().map(l -> l.get("clientOrderId")).collect(Collectors.toCollection(TreeSet::new));
    }

    // ---------------------------------------------------------------- no filter

    @Test
    void jsonLinesWithoutAFilterAreTheFeedThenTheVenuesAnswersAndTheRunsDecisionsEachAfterItsInput()
    {
        final Console c = inspect("--format", "jsonl");
        final List<Map<String, String>> lines = c.out.lines().map(InspectScenario::parse).collect(Collectors.toList());

        assertEquals(s.decisionLines, decisionLinesOf(c), "the decisions exactly as the run's --out wrote them");
        assertSameInputs(s.feedLines, lines.stream().filter(l -> !isDecision(l) && !isAnswer(l)).collect(Collectors.toList()));
        // the paper venue filled each close once, in full: one orderFill per exit, with its client order id
        final List<Map<String, String>> answers = lines.stream().filter(InspectCommandTest::isAnswer).collect(Collectors.toList());
        assertTrue(answers.stream().allMatch(a -> a.get("type").equals("orderFill")), answers.toString());
        assertEquals(clientOrderIds(s.decisions.stream().filter(d -> d.get("type").equals("exit")).collect(Collectors.toList())),
            clientOrderIds(answers));

        // inputs numbered 1, 2, 3, ... and every decision right after the input that caused it
        long lastInput = 0;
        for (final Map<String, String> l : lines)
        {
            final long seq = Long.parseLong(l.get("seq"));
            if (isDecision(l))
            {
                assertEquals(lastInput, seq, "decision after its input: " + l);
            }
            else
            {
                assertEquals(lastInput + 1, seq, "inputs in order: " + l);
                lastInput = seq;
            }
        }
        assertEquals(s.feedLines.size() + answers.size(), lastInput);
        assertEquals(String.format("inspect: %,d rows of %,d inputs and %,d decisions in %s", lines.size(), lastInput,
            s.decisionLines.size(), s.journal), c.err.strip(), "one summary line on stderr, no progress bar off a terminal");
    }

    // ---------------------------------------------------------------- each filter

    @Test
    void csvOfTradesHasTheHeaderAndExactlyTheFeedsTrades()
    {
        final List<String> rows = inspect("--type", "TRADE", "--format", "csv").out.lines().collect(Collectors.toList());
        assertEquals("kind,seq,ts,time,type,account,symbol,positionId,positionSide,side,qty,price,bid,ask,fee,orderId,clientOrderId,"
            + "profile,reason,level,entryPrice,takeProfit,stopLoss,trailingStop,breakevenStop,profitFloor,scaleOutTarget,roiTarget,"
            + "triggerPrice,exitPrice,fees,netPnl,slippage,detail", rows.get(0));
        final List<Map<String, String>> trades = fed(l -> l.get("type").equals("trade"));
        assertEquals(6_000, trades.size());
        assertEquals(trades.size(), rows.size() - 1);
        for (int i = 0; i < trades.size(); i++)
        {
            final String[] f = rows.get(i + 1).split(",", -1);
            final Map<String, String> t = trades.get(i);
            assertEquals(34, f.length, rows.get(i + 1));
            assertEquals("input", f[0]);
            assertEquals(t.get("ts"), f[2]);
            assertEquals(Long.parseLong(t.get("ts")), Instant.parse(f[3]).toEpochMilli(), "time is ts in ISO-8601: " + f[3]);
            assertEquals("TRADE", f[4]);
            assertEquals(t.get("symbol"), f[6]);
            assertTrue(InspectScenario.sameNumber(t.get("qty"), f[10]) && InspectScenario.sameNumber(t.get("price"), f[11]), rows.get(i + 1));
        }
    }

    @Test
    void aTimeRangeFromAnIsoTimeToEpochMillisecondsKeepsExactlyTheEventsInsideBothEndsIncluded()
    {
        final List<Map<String, String>> trades = fed(l -> l.get("type").equals("trade"));
        final long from = Long.parseLong(trades.get(1_000).get("ts"));
        final long to = Long.parseLong(trades.get(4_000).get("ts"));
        final Console c = inspect("--from", Instant.ofEpochMilli(from).toString(), "--to", Long.toString(to), "--format", "jsonl");
        final List<Map<String, String>> lines = c.out.lines().map(InspectScenario::parse).collect(Collectors.toList());
        final Predicate<Map<String, String>> inside = l -> l.get("ts") != null && Long.parseLong(l.get("ts")) >= from
            && Long.parseLong(l.get("ts")) <= to;

        assertSameInputs(fed(inside), lines.stream().filter(l -> !isDecision(l) && !isAnswer(l)).collect(Collectors.toList()));
        assertEquals(decided(inside), decisionLinesOf(c));
        assertTrue(lines.stream().allMatch(inside), "nothing outside the range");
        assertTrue(fed(inside).stream().anyMatch(l -> Long.parseLong(l.get("ts")) == from)
            && lines.stream().anyMatch(l -> Long.parseLong(l.get("ts")) == to), "both ends included");
    }

    @Test
    void aSymbolShowsItsOwnInputsTheAnswersToItsClosesAndItsDecisions()
    {
        final Console c = inspect("--symbol", "ETHUSDT", "--format", "jsonl");
        final List<Map<String, String>> lines = c.out.lines().map(InspectScenario::parse).collect(Collectors.toList());
        final Predicate<Map<String, String>> eth = l -> "ETHUSDT".equals(l.get("symbol"));

        assertSameInputs(fed(eth), lines.stream().filter(l -> !isDecision(l) && !isAnswer(l)).collect(Collectors.toList()));
        assertEquals(decided(eth), decisionLinesOf(c));
        final List<Map<String, String>> ethCloses = s.decisions.stream().filter(eth.and(d -> d.get("type").equals("close")))
            .collect(Collectors.toList());
        assertEquals(3, ethCloses.size(), "a scenario with closes on ETHUSDT");
        assertEquals(clientOrderIds(ethCloses), clientOrderIds(lines.stream().filter(InspectCommandTest::isAnswer).collect(Collectors.toList())));
    }

    @Test
    void anAccountShowsItsFillsAndCommandsTheAnswersToItsClosesItsDecisionsAndTheTicksBehindThem()
    {
        final Console c = inspect("--account", "a1", "--format", "jsonl");
        final List<Map<String, String>> lines = c.out.lines().map(InspectScenario::parse).collect(Collectors.toList());
        final Predicate<Map<String, String>> a1 = l -> "a1".equals(l.get("account"));

        assertEquals(decided(a1), decisionLinesOf(c));
        final List<Map<String, String>> inputs = lines.stream().filter(l -> !isDecision(l)).collect(Collectors.toList());
        assertSameInputs(fed(a1), inputs.stream().filter(a1).collect(Collectors.toList()));
        final List<Map<String, String>> a1Closes = s.decisions.stream().filter(a1.and(d -> d.get("type").equals("close")))
            .collect(Collectors.toList());
        assertEquals(clientOrderIds(a1Closes), clientOrderIds(inputs.stream().filter(InspectCommandTest::isAnswer).collect(Collectors.toList())));
        // the other inputs are exactly those behind a1's decisions that name no account themselves: the ticks that
        // moved or triggered its levels
        final Set<String> decisionSeqs = s.decisions.stream().filter(a1).map(d -> d.get("seq")).collect(Collectors.toSet());
        final Set<String> shownSeqs = new HashSet<>();
        for (final Map<String, String> in : inputs)
        {
            shownSeqs.add(in.get("seq"));
            if (!a1.test(in) && !isAnswer(in))
            {
                assertEquals("trade", in.get("type"), in.toString());
                assertTrue(decisionSeqs.contains(in.get("seq")), "a tick behind one of a1's decisions: " + in);
            }
        }
        assertTrue(shownSeqs.containsAll(decisionSeqs), "the input behind each of a1's decisions is shown");
    }

    @Test
    void aPositionShowsItsDecisionsTheirCausesAndTheAnswersToItsCloses()
    {
        // position 5: a trailing stop that moved with the ticks, then triggered
        final Console c = inspect("--position", "5", "--format", "jsonl");
        final List<Map<String, String>> lines = c.out.lines().map(InspectScenario::parse).collect(Collectors.toList());
        final Predicate<Map<String, String>> five = l -> "5".equals(l.get("positionId"));
        final List<String> expected = decided(five);
        assertTrue(expected.size() > 50, "a position whose stop trailed: " + expected.size());
        assertEquals(expected, decisionLinesOf(c));
        final Set<String> decisionSeqs = s.decisions.stream().filter(five).map(d -> d.get("seq")).collect(Collectors.toCollection(TreeSet::new));
        final List<Map<String, String>> inputs = lines.stream().filter(l -> !isDecision(l)).collect(Collectors.toList());
        assertEquals(decisionSeqs, inputs.stream().map(l -> l.get("seq")).collect(Collectors.toCollection(TreeSet::new)),
            "the inputs are those behind its decisions, each once");
        assertEquals(List.of("fill"), inputs.stream().map(l -> l.get("type")).filter(t -> !t.equals("trade") && !t.equals("orderFill"))
            .collect(Collectors.toList()));
        assertEquals(Set.of("xe-5-1"), clientOrderIds(inputs.stream().filter(InspectCommandTest::isAnswer).collect(Collectors.toList())));
    }

    @Test
    void aPositionClosedByHandShowsTheCommandAndNotTheFillThatOpenedTheNextOne()
    {
        final List<Map<String, String>> lines = jsonl("--position", "1");
        assertEquals(List.of("fill e1", "levels", "command MANUAL_CLOSE", "close MANUAL", "orderFill xe-1-1", "exit MANUAL"),
            lines.stream().map(InspectCommandTest::describe).collect(Collectors.toList()));
        // position 2 was closed by a fill of the application's own (e8): that fill is its, the next one's is not
        assertEquals(List.of("fill e2", "levels", "fill e8", "levels"),
            jsonl("--position", "2").stream().map(InspectCommandTest::describe).collect(Collectors.toList()));
        assertEquals(0, inspect("--position", "999").out.lines().count() - 1, "a position the journal does not hold: the header only");
    }

    private static String describe(final Map<String, String> l)
    {
        switch (l.get("type"))
        {
            case "fill": return "fill " + l.get("orderId");
            case "command": return "command " + l.get("command");
            case "orderFill": return "orderFill " + l.get("clientOrderId");
            case "close":
            case "exit": return l.get("type") + " " + l.get("reason");
            default: return l.get("type");
        }
    }

    @Test
    void decisionTypesAndInputTypesCombineAndAgreeWithTheDecisionsFile()
    {
        final Console c = inspect("--type", "close,EXIT,fill", "--format", "jsonl");
        assertEquals(decided(d -> d.get("type").equals("close") || d.get("type").equals("exit")), decisionLinesOf(c));
        assertSameInputs(fed(l -> l.get("type").equals("fill")), c.out.lines().map(InspectScenario::parse)
            .filter(l -> !isDecision(l)).collect(Collectors.toList()));
    }

    // ---------------------------------------------------------------- the table

    @Test
    void theTableHasAHeaderAndOneAlignedRowPerEventAsTheCsvHas()
    {
        final List<String> table = inspect("--position", "1").out.lines().collect(Collectors.toList());
        final List<String> csv = inspect("--position", "1", "--format", "csv").out.lines().collect(Collectors.toList());
        assertEquals(csv.size(), table.size(), "a header and a row for each of the CSV's");
        final String header = table.get(0);
        final int timeColumn = header.indexOf("time (UTC)");
        final int typeColumn = header.indexOf("type");
        assertTrue(timeColumn > 0 && typeColumn > timeColumn, header);
        for (int i = 1; i < table.size(); i++)
        {
            final String row = table.get(i);
            final String[] c = csv.get(i).split(",", -1);
            assertTrue(row.startsWith(c[0].equals("input") ? "in " : "out"), row);
            assertEquals(c[3], row.substring(timeColumn, timeColumn + 24), "time column aligned: " + row);
            assertEquals(c[4], row.substring(typeColumn).split(" ")[0], "type column aligned: " + row);
            assertEquals(c[1], row.substring(3, timeColumn).strip(), "seq: " + row);
        }
        assertTrue(table.get(4).contains("reason=MANUAL") && table.get(4).contains("clientOrderId=xe-1-1"), table.get(4));
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void badOptionsAndValuesExitTwoWithOneLineNamingThem()
    {
        refused("'FOO'", "inspect", "--journal", s.journal.toString(), "--type", "TRADE,FOO");
        refused("'yesterday'", "inspect", "--journal", s.journal.toString(), "--from", "yesterday");
        refused("--from", "inspect", "--journal", s.journal.toString(), "--from", "yesterday");
        refused("'xml'", "inspect", "--journal", s.journal.toString(), "--format", "xml");
        refused("--bogus", "inspect", "--journal", s.journal.toString(), "--bogus");
        refused("--journal", "inspect");
        refused("--journal: " + dir.resolve("nowhere"), "inspect", "--journal", dir.resolve("nowhere").toString());
        refused("is after --to", "inspect", "--journal", s.journal.toString(), "--from", "2024-08-09", "--to", "2024-08-08T23:00:00Z");
        refused("--position", "inspect", "--journal", s.journal.toString(), "--position", "-3");
        refused("'x7'", "inspect", "--journal", s.journal.toString(), "--position", "x7");
    }

    private static void refused(final String named, final String... args)
    {
        final Console c = Console.run(args);
        assertEquals(2, c.exitCode, c.toString());
        assertEquals("", c.out, c.toString());
        assertEquals(1, c.err.strip().lines().count(), "one line: " + c.err);
        assertTrue(c.err.startsWith("inspect: ") && c.err.contains(named), "names " + named + ": " + c.err);
        if (c.err.contains("\tat ") || c.err.contains("Exception"))
        {
            fail("no stack trace: " + c.err);
        }
        assertFalse(c.err.contains("Usage:"), c.err);
    }
}
