package dev.exitengine.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.exitengine.tools.ReferenceExits.Kind.NET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code what-if}: the journal's own settings change nothing (on the bundled session, and on a run whose paper venue
 * rejects and fills in parts); a changed profile changes exactly the exits that a computation of the test's own
 * expects (the reference model on the bundled session; by hand on a small feed where the two runs' positions part);
 * the chart; the refusals.
 */
class WhatIfCommandTest
{
    @TempDir
    static Path dir;
    static Path demo;

    @BeforeAll
    static void runTheDemo()
    {
        demo = dir.resolve("demo");
        final Console c = Console.run("demo", "--journal", demo.toString(), "--latency-every", "0");
        assertEquals(0, c.exitCode, c.toString());
    }

    @Test
    void theJournalsOwnSettingsChangeNothingOnTheBundledSession() throws IOException
    {
        final Path summary = dir.resolve("same.json");
        final Console c = Console.run("what-if", "--journal", demo.toString(), "--format", "jsonl", "--summary", summary.toString());
        assertEquals(0, c.exitCode, c.toString());
        assertEquals("", c.out, "no position changed, so no line");
        assertTrue(c.err.startsWith("what-if: 36 positions compared, 0 changed (0 only in the original, 0 only in the what-if); "
            + "net PnL of exits -160.1149808 (22 exits) -> -160.1149808 (22 exits), change 0; 22 closes answered as journaled, "
            + "0 by the paper venue, 0 journaled venue answers left out; 87,460 journaled inputs replayed in "), c.err);
        final Map<String, String> s = topLevel(summary);
        assertEquals("0", s.get("changed"));
        assertEquals("0", s.get("netPnlChange"));
        assertEquals("-160.1149808", s.get("whatIfNetPnl"));

        // a configuration file that gives nothing leaves every setting the journal's
        final Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{}");
        final Console table = Console.run("what-if", "--journal", demo.toString(), "--config", empty.toString());
        assertEquals(0, table.exitCode, table.toString());
        assertTrue(table.out.startsWith("no position's outcome changed\nwhat-if: 36 positions compared, 0 changed"), table.out);
        assertTrue(table.out.contains("\nsettings: the journal's own\n"), table.out);
    }

    @Test
    void theJournalsOwnSettingsChangeNothingWhenThePaperVenueRejectsAndFillsInParts() throws IOException
    {
        final Path feed = dir.resolve("rough.jsonl");
        RealScenario.write(feed, 6_000, 5, 100, 40, Map.of());
        final Path config = dir.resolve("rough.json");
        Files.writeString(config, "{\"paper\":{\"rejectRate\":0.1,\"partialRate\":0.3,\"seed\":11,\"acks\":true}}");
        final Path journal = dir.resolve("rough");
        final Path out = dir.resolve("rough-decisions.jsonl");
        final Console run = Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(),
            "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode, run.toString());
        final List<String> decisions = Files.readAllLines(out);
        final long exits = decisions.stream().filter(l -> l.startsWith("{\"type\":\"exit\"")).count();
        final long failed = decisions.stream().filter(l -> l.startsWith("{\"type\":\"closeFailed\"")).count();
        assertTrue(exits >= 10 && failed >= 1, exits + " exits, " + failed + " rejected closes: the venue must misbehave for this test");

        final Console c = Console.run("what-if", "--journal", journal.toString(), "--format", "jsonl");
        assertEquals(0, c.exitCode, c.toString());
        assertEquals("", c.out);
        assertTrue(c.err.contains(" 0 changed ") && c.err.contains(" by the paper venue") && c.err.contains("(" + exits + " exits) -> ")
            && c.err.contains(", 0 by the paper venue, 0 journaled venue answers left out"), c.err);
    }

    @Test
    void aChangedProfileChangesExactlyTheExitsTheReferenceModelExpectsOnTheBundledSession() throws IOException
    {
        final ReferenceExits.Profile usd5 = new ReferenceExits.Profile("usd10", NET, "5", NET, "10");
        final Outcomes original = Outcomes.of(DemoCommandTest.demoModel(36));
        final Outcomes whatIf = Outcomes.of(DemoCommandTest.demoModel(36, usd5));
        final List<String> expected = new ArrayList<>();
        for (final Map.Entry<String, ModelPosition> e : original.byAccount.entrySet())
        {
            final ModelPosition o = e.getValue();
            final ModelPosition w = whatIf.byAccount.get(e.getKey());
            if (!o.outcome().equals(w.outcome()))
            {
                expected.add(line(o.positionId(), w.positionId(), e.getKey(), o.side(), o.openSeq(), o.openTs(), "CHANGED", o.outcome(),
                    w.outcome()));
            }
        }
        assertTrue(expected.size() >= 5, "the model expects changes: " + expected);

        final Path config = dir.resolve("usd5.json");
        Files.writeString(config, "{\"profiles\": [{\"name\": \"usd10\", \"takeProfit\": {\"netProfit\": \"5\"}, "
            + "\"stopLoss\": {\"netLoss\": \"10\"}}]}");
        final Path summary = dir.resolve("usd5-summary.json");
        final Console c = Console.run("what-if", "--journal", demo.toString(), "--config", config.toString(), "--format", "jsonl",
            "--summary", summary.toString());
        assertEquals(0, c.exitCode, c.toString());
        assertEquals(expected, c.out.lines().toList());
        assertTrue(c.err.contains("36 positions compared, " + expected.size() + " changed (0 only in the original, 0 only in the what-if); "
            + "net PnL of exits " + plain(original.net) + " (" + original.exits + " exits) -> " + plain(whatIf.net) + " (" + whatIf.exits
            + " exits)"), c.err);
        final Map<String, String> s = topLevel(summary);
        assertEquals(String.valueOf(expected.size()), s.get("changed"));
        assertEquals(plain(whatIf.net.subtract(original.net)), s.get("netPnlChange"));
        assertEquals("profile usd10: {\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}} -> "
            + "{\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"5\"},\"stopLoss\":{\"netLoss\":\"10\"}}", s.get("settingsChanged"));

    }

    @Test
    void aPositionClosedEarlierLetsALaterFillOpenANewOneAndTheVenueAnswersFollowTheCloses() throws IOException
    {
        // long a1, short a2, long a4 at 50,000; a4 buys again after the what-if's take profit and before the run's;
        // a3 opens later. The run's profile takes 1 %, the what-if's 0.5 %; both stop at 1 %. Paper venue with acks.
        final long t = 1_723_161_600_000L;
        final Feed f = new Feed();
        f.line("{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\","
            + "\"takerFee\":\"0.0004\"}");
        f.line("{\"type\":\"profile\",\"name\":\"tp\",\"takeProfit\":{\"pct\":\"1\"},\"stopLoss\":{\"pct\":\"1\"}}");
        f.trade(t, "50000");
        final Entry a1 = f.fill(t + 1, "a1", true, "0.01", "50000", "0.2");
        final Entry a2 = f.fill(t + 1, "a2", false, "0.02", "50000", "0.4");
        final Entry a4 = f.fill(t + 1, "a4", true, "0.01", "50000", "0.2");
        for (final String[] tp : new String[][] {{"10", "50100"}, {"20", "50200"}, {"30", "50240"}, {"40", "50300"}, {"50", "50310"}})
        {
            f.trade(t + Long.parseLong(tp[0]), tp[1]);
        }
        final Entry a4again = f.fill(t + 60, "a4", true, "0.01", "50310", "0.2");
        for (final String[] tp : new String[][] {{"70", "50400"}, {"80", "50500"}, {"90", "50490"}})
        {
            f.trade(t + Long.parseLong(tp[0]), tp[1]);
        }
        final Entry a3 = f.fill(t + 100, "a3", true, "0.01", "50400", "0.2");
        for (final String[] tp : new String[][] {{"110", "50500"}, {"120", "50600"}, {"130", "50660"}, {"140", "50670"}, {"150", "50650"}})
        {
            f.trade(t + Long.parseLong(tp[0]), tp[1]);
        }
        final Path feed = dir.resolve("parting.jsonl");
        Files.write(feed, f.lines);

        // the run: 1 % targets; a4's second fill adds to its position (the first target was not reached before it)
        final BigDecimal one = BigDecimal.ONE;
        final Exit r1 = f.exit(a1, a1.line, one);
        final Exit r2 = f.exit(a2, a2.line, one);
        assertEquals(null, f.exit(a4, a4.line, one, a4again.line), "a4's first 1 % target stands until its second fill");
        final Entry a4whole = a4.plus(a4again);
        final Exit r4 = f.exit(a4whole, a4again.line, one);
        assertEquals(null, f.exit(a3, a3.line, one), "a3's 1 % target is never reached");
        // the what-if: 0.5 % targets; a4 closes before its second fill, which opens a new position
        final BigDecimal half = new BigDecimal("0.5");
        final Exit w1 = f.exit(a1, a1.line, half);
        assertEquals(r2, f.exit(a2, a2.line, half), "a2 stops out in both, at the same trade");
        final Exit w4 = f.exit(a4, a4.line, half);
        assertTrue(w4.fillLine < a4again.line, "a4 closed before its second fill in the what-if");
        final Exit w4again = f.exit(a4again, a4again.line, half);
        final Exit w3 = f.exit(a3, a3.line, half);

        // the journal's input numbers: every line, and the run's venue answers (an ack right after the trade that
        // triggered a close, a fill right after the trade that filled it)
        final List<Exit> runCloses = List.of(r1, r2, r4);
        final List<String> expected = List.of(
            line(1L, 1L, "a1", "LONG", f.seq(a1.line, runCloses), a1.ts, "CHANGED", f.outcome(r1, a1), f.outcome(w1, a1)),
            line(3L, 3L, "a4", "LONG", f.seq(a4.line, runCloses), a4.ts, "CHANGED", f.outcome(r4, a4whole), f.outcome(w4, a4)),
            line(null, 4L, "a4", "LONG", f.seq(a4again.line, runCloses), a4again.ts, "ONLY_WHAT_IF", null, f.outcome(w4again, a4again)),
            line(4L, 5L, "a3", "LONG", f.seq(a3.line, runCloses), a3.ts, "CHANGED", Outcome.OPEN, f.outcome(w3, a3)));

        final Path config = dir.resolve("acks.json");
        Files.writeString(config, "{\"paper\":{\"acks\":true}}");
        final Path journal = dir.resolve("parting");
        final Console run = Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(),
            "--quiet");
        assertEquals(0, run.exitCode, run.toString());
        final Console c = Console.run("what-if", "--journal", journal.toString(), "--profile",
            "tp={\"takeProfit\":{\"pct\":\"0.5\"},\"stopLoss\":{\"pct\":\"1\"}}", "--format", "jsonl");
        assertEquals(0, c.exitCode, c.toString());
        assertEquals(expected, c.out.lines().toList());
        final BigDecimal runNet = f.net(r1, a1).add(f.net(r2, a2)).add(f.net(r4, a4whole));
        final BigDecimal whatIfNet = f.net(w1, a1).add(f.net(r2, a2)).add(f.net(w4, a4)).add(f.net(w4again, a4again)).add(f.net(w3, a3));
        assertTrue(c.err.startsWith("what-if: 5 positions compared, 4 changed (0 only in the original, 1 only in the what-if); net PnL of "
            + "exits " + plain(runNet) + " (3 exits) -> " + plain(whatIfNet) + " (5 exits), change " + signed(whatIfNet.subtract(runNet))
            + "; 1 closes answered as journaled, 4 by the paper venue, 4 journaled venue answers left out; "), c.err);

        // the same as CSV, and as a table of every position (a2's unchanged) with the summary under it
        final String[] args = {"what-if", "--journal", journal.toString(), "--profile",
            "tp={\"takeProfit\":{\"pct\":\"0.5\"},\"stopLoss\":{\"pct\":\"1\"}}"};
        final Console csv = Console.run(concat(args, "--format", "csv"));
        assertEquals(0, csv.exitCode, csv.toString());
        final List<String> rows = csv.out.lines().toList();
        assertEquals(List.of("positionId,whatIfPositionId,account,symbol,positionSide,openSeq,openTs,change,originalOutcome,originalExits,"
                + "originalExitTs,originalExitPrice,originalExitQty,originalNetPnl,whatIfOutcome,whatIfExits,whatIfExitTs,whatIfExitPrice,"
                + "whatIfExitQty,whatIfNetPnl,netPnlChange",
            "1,1,a1,BTCUSDT,LONG," + f.seq(a1.line, runCloses) + "," + a1.ts + ",CHANGED,TAKE_PROFIT,1," + r1.fillTs() + ","
                + plain(r1.price()) + ",0.01," + plain(f.net(r1, a1)) + ",TAKE_PROFIT,1," + w1.fillTs() + "," + plain(w1.price()) + ",0.01,"
                + plain(f.net(w1, a1)) + "," + plain(f.net(w1, a1).subtract(f.net(r1, a1)))), rows.subList(0, 2));
        assertEquals(5, rows.size(), csv.out);
        assertTrue(rows.get(3).startsWith(",4,a4,BTCUSDT,LONG,"), "no original position: " + rows.get(3));
        final Console table = Console.run(concat(args, "--all"));
        assertEquals(0, table.exitCode, table.toString());
        final List<String> shown = table.out.lines().toList();
        assertEquals(1 + 5 + 3, shown.size(), "a header, every position, the summary: " + table.out);
        assertTrue(shown.get(0).startsWith("position  whatIfPosition  account  symbol   side   opened                    change        original"),
            shown.get(0));
        assertTrue(shown.get(2).startsWith("2         2               a2       BTCUSDT  SHORT  ") && shown.get(2).contains(" NONE "), shown.get(2));
        assertTrue(shown.get(4).startsWith("-         4               a4 "), shown.get(4));
        assertTrue(shown.get(6).startsWith("what-if: 5 positions compared, 4 changed") && shown.get(7).startsWith("settings changed: profile tp: "
            + "{\"name\":\"tp\",\"takeProfit\":{\"pct\":\"0.5\"},\"stopLoss\":{\"pct\":\"1\"}} (in place of the journal's profile inputs "
            + "of that name)") && shown.get(8).startsWith("venue for closes only the what-if makes: paper latencyMs 0, slippageBps 0, acks true"),
            table.out);
    }

    private static String[] concat(final String[] a, final String... b)
    {
        final String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theChartIsAPngOfBothEquityCurves() throws IOException
    {
        final Path png = dir.resolve("what-if.png");
        final Console c = Console.run("what-if", "--journal", demo.toString(), "--profile",
            "usd10={\"takeProfit\":{\"netProfit\":\"5\"},\"stopLoss\":{\"netLoss\":\"10\"}}", "--chart", png.toString(), "--format", "jsonl");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains("; chart " + png), c.err);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1400, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(Files.size(png) > 20_000, "a drawn chart: " + Files.size(png) + " bytes");
    }

    @Test
    void badUsageExitsTwoInOneLine() throws IOException
    {
        final String j = demo.toString();
        refused("--profile usd10: profile 'usd10': ", "stopLos", "what-if", "--journal", j, "--profile",
            "usd10={\"takeProfit\":{\"pct\":\"1\"},\"stopLos\":{\"pct\":\"1\"}}");
        refused("--profile: 'usd10' is not NAME=JSON", "", "what-if", "--journal", j, "--profile", "usd10");
        refused("--config: no such file '" + dir.resolve("none.json") + "'", "", "what-if", "--journal", j, "--config",
            dir.resolve("none.json").toString());
        final Path instrument = dir.resolve("instrument.json");
        Files.writeString(instrument, "{\"instruments\":[{\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\","
            + "\"minQty\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0005\"}]}");
        refused("--config: " + instrument + ": instruments: a what-if keeps the journal's instruments", "takerFee 0.0005", "what-if",
            "--journal", j, "--config", instrument.toString());
        final Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"risk\":{\"maxPositionsPerAcount\":3}}");
        refused("--config: " + typo + ": ", "unknown key risk.maxPositionsPerAcount", "what-if", "--journal", j, "--config", typo.toString());
        final Path defaultProfile = dir.resolve("default.json");
        Files.writeString(defaultProfile, "{\"defaultProfile\":\"nope\"}");
        refused("what-if settings: defaultProfile: 'nope' is not among the profiles", "", "what-if", "--journal", j, "--config",
            defaultProfile.toString());
        refused("--journal: " + dir.resolve("nothing"), "", "what-if", "--journal", dir.resolve("nothing").toString());
        refused("--chart: '" + dir.resolve("c.jpg") + "' must name a .png file", "", "what-if", "--journal", j, "--chart",
            dir.resolve("c.jpg").toString());
    }

    @Test
    void aProfileNewToAJournalWhoseInputsDefineProfilesIsRefused() throws IOException
    {
        final Path feed = dir.resolve("small.jsonl");
        RealScenario.write(feed, 1_000, 5, 100, 5, Map.of());
        final Path journal = dir.resolve("small");
        assertEquals(0, Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--quiet").exitCode);
        refused("profile fresh: the journal has no profile of that name and its inputs define profiles of their own (usd10, "
            + "tp01sl005, net15loss5): a what-if may change those, not add one", "", "what-if", "--journal", journal.toString(),
            "--profile", "fresh={\"takeProfit\":{\"pct\":\"1\"}}");
    }

    /**
     * The summary document, parsed whole (so it must be valid JSON): its top-level values as text; an array of
     * strings as its strings a line each, an array of objects as how many it holds.
     */
    private static Map<String, String> topLevel(final Path file) throws IOException
    {
        final Map<String, String> m = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(Files.readString(file)))
        {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY)
                {
                    final List<String> strings = new ArrayList<>();
                    int objects = 0;
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY)
                    {
                        if (t == JsonToken.START_OBJECT)
                        {
                            objects++;
                            p.skipChildren();
                        }
                        else
                        {
                            strings.add(p.getText());
                        }
                    }
                    m.put(key, objects > 0 ? String.valueOf(objects) : String.join("\n", strings));
                }
                else
                {
                    m.put(key, p.getText());
                }
            }
            assertEquals(null, p.nextToken(), "one document");
        }
        return m;
    }

    private static void refused(final String start, final String contains, final String... args)
    {
        final Console c = Console.run(args);
        assertEquals(2, c.exitCode, c.toString());
        assertTrue(c.err.startsWith(start) && c.err.contains(contains), c.err);
        assertEquals(1, c.err.strip().lines().count(), c.err);
        assertEquals("", c.out);
    }

    // ------------------------------------------------------------------ the expected lines, computed here

    /** A position's outcome as the test computes it: how it ended, its exit (none when open) and its net PnL. */
    record Outcome(String outcome, Long exitTs, BigDecimal exitPrice, BigDecimal qty, BigDecimal net)
    {
        static final Outcome OPEN = new Outcome("OPEN", null, null, null, BigDecimal.ZERO);

        Outcome
        {
            exitPrice = exitPrice == null ? null : exitPrice.stripTrailingZeros();
            qty = qty == null ? null : qty.stripTrailingZeros();
            net = net.stripTrailingZeros();
        }
    }

    /** What-if --format jsonl's line, from the test's numbers. */
    private static String line(final Long positionId, final Long whatIfPositionId, final String account, final String side,
        final long openSeq, final long openTs, final String change, final Outcome o, final Outcome w)
    {
        final StringBuilder sb = new StringBuilder("{");
        if (positionId != null)
        {
            sb.append("\"positionId\":").append(positionId).append(',');
        }
        sb.append("\"whatIfPositionId\":").append(whatIfPositionId).append(",\"account\":\"").append(account)
            .append("\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"").append(side).append("\",\"openSeq\":").append(openSeq)
            .append(",\"openTs\":").append(openTs).append(",\"change\":\"").append(change).append('"');
        side(sb, "original", o);
        side(sb, "whatIf", w);
        final BigDecimal change0 = (w == null ? BigDecimal.ZERO : w.net).subtract(o == null ? BigDecimal.ZERO : o.net);
        return sb.append(",\"netPnlChange\":\"").append(plain(change0)).append("\"}").toString();
    }

    private static void side(final StringBuilder sb, final String prefix, final Outcome o)
    {
        if (o == null)
        {
            return;
        }
        sb.append(",\"").append(prefix).append("Outcome\":\"").append(o.outcome).append("\",\"").append(prefix).append("Exits\":")
            .append(o.exitTs == null ? 0 : 1);
        if (o.exitTs != null)
        {
            sb.append(",\"").append(prefix).append("ExitTs\":").append(o.exitTs).append(",\"").append(prefix).append("ExitPrice\":\"")
                .append(plain(o.exitPrice)).append("\",\"").append(prefix).append("ExitQty\":\"").append(plain(o.qty)).append('"');
        }
        sb.append(",\"").append(prefix).append("NetPnl\":\"").append(plain(o.net)).append('"');
    }

    private static String plain(final BigDecimal d)
    {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String signed(final BigDecimal d)
    {
        return (d.signum() > 0 ? "+" : "") + plain(d);
    }

    /** A reference model's position: its id, the input that opened it and its outcome. */
    record ModelPosition(long positionId, String side, long openSeq, long openTs, Outcome outcome)
    {
    }

    /** The reference model's decisions, per account (one position each): how each opened and ended. */
    private static final class Outcomes
    {
        final Map<String, ModelPosition> byAccount = new LinkedHashMap<>();
        BigDecimal net = BigDecimal.ZERO;
        int exits;

        static Outcomes of(final ReferenceExits model)
        {
            final Outcomes o = new Outcomes();
            final Map<String, ReferenceExits.Line> levels = new LinkedHashMap<>();
            final Map<String, ReferenceExits.Line> closes = new HashMap<>();
            final Map<String, ReferenceExits.Line> exits = new HashMap<>();
            for (final ReferenceExits.Line l : model.lines())
            {
                final String account = l.get("account");
                switch (l.get("type"))
                {
                    case "levels":
                        levels.putIfAbsent(account, l);
                        break;
                    case "close":
                        closes.put(account, l);
                        break;
                    case "exit":
                        exits.put(account, l);
                        o.net = o.net.add(l.decimal("netPnl"));
                        o.exits++;
                        break;
                    default:
                        break;
                }
            }
            long id = 1;
            for (final Map.Entry<String, ReferenceExits.Line> e : levels.entrySet())
            {
                final ReferenceExits.Line x = exits.get(e.getKey());
                final Outcome outcome = x != null
                    ? new Outcome(x.get("reason"), Long.parseLong(x.get("ts")), x.decimal("exitPrice"), x.decimal("qty"), x.decimal("netPnl"))
                    : closes.containsKey(e.getKey()) ? new Outcome("CLOSING", null, null, null, BigDecimal.ZERO) : Outcome.OPEN;
                final ReferenceExits.Line l = e.getValue();
                o.byAccount.put(e.getKey(), new ModelPosition(id++, l.get("positionSide"), Long.parseLong(l.get("seq")),
                    Long.parseLong(l.get("ts")), outcome));
            }
            return o;
        }
    }

    /** An entry (or two entries of one position, {@link #plus}): where it is in the feed and what it cost. */
    record Entry(int line, long ts, String account, boolean isLong, BigDecimal qty, BigDecimal notional, BigDecimal fee)
    {
        Entry plus(final Entry more)
        {
            return new Entry(line, ts, account, isLong, qty.add(more.qty), notional.add(more.notional), fee.add(more.fee));
        }

        /** The average entry price as the engine keeps it (half up to eight decimals). */
        BigDecimal average()
        {
            return notional.divide(qty, 8, RoundingMode.HALF_UP);
        }
    }

    /** A close: the trade that triggered it and the next trade, which the paper venue fills it at. */
    record Exit(int triggerLine, int fillLine, String reason, long fillTs, BigDecimal price)
    {
    }

    /**
     * A small JSON Lines feed and the test's own computation on it: percent levels (1 % stop) rounded to the tick in
     * the position's favour, inclusive triggers on trades, the fill at the next trade, the exit fee at the taker rate.
     */
    private static final class Feed
    {
        static final BigDecimal TICK = new BigDecimal("0.1");
        static final BigDecimal TAKER = new BigDecimal("0.0004");
        static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
        final List<String> lines = new ArrayList<>();
        /** Trades by line (1-based): ts and price. */
        final Map<Integer, long[]> tradeTs = new LinkedHashMap<>();
        final Map<Integer, BigDecimal> tradePrice = new LinkedHashMap<>();

        int line(final String text)
        {
            lines.add(text);
            return lines.size();
        }

        void trade(final long ts, final String price)
        {
            final int n = line("{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"" + price
                + "\",\"qty\":\"0.01\"}");
            tradeTs.put(n, new long[] {ts});
            tradePrice.put(n, new BigDecimal(price));
        }

        Entry fill(final long ts, final String account, final boolean buy, final String qty, final String price, final String fee)
        {
            final int n = line("{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":\"" + account + "\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"" + (buy ? "BUY" : "SELL") + "\",\"qty\":\"" + qty + "\",\"price\":\"" + price + "\",\"fee\":\"" + fee
                + "\",\"orderId\":\"e" + lines.size() + "\",\"profile\":\"tp\"}");
            return new Entry(n, ts, account, buy, new BigDecimal(qty), new BigDecimal(qty).multiply(new BigDecimal(price)),
                new BigDecimal(fee));
        }

        Exit exit(final Entry e, final int fromLine, final BigDecimal takeProfitPct)
        {
            return exit(e, fromLine, takeProfitPct, Integer.MAX_VALUE);
        }

        /** The position's exit by the trades after {@code fromLine} and before {@code untilLine}; null for none. */
        Exit exit(final Entry e, final int fromLine, final BigDecimal takeProfitPct, final int untilLine)
        {
            final BigDecimal avg = e.average();
            final RoundingMode favour = e.isLong ? RoundingMode.CEILING : RoundingMode.FLOOR;
            final BigDecimal up = HUNDRED.add(e.isLong ? takeProfitPct : BigDecimal.ONE);
            final BigDecimal down = HUNDRED.subtract(e.isLong ? BigDecimal.ONE : takeProfitPct);
            final BigDecimal target = tick(avg.multiply(e.isLong ? up : down).divide(HUNDRED), favour);
            final BigDecimal stop = tick(avg.multiply(e.isLong ? down : up).divide(HUNDRED), favour);
            int trigger = -1;
            String reason = null;
            for (final Map.Entry<Integer, BigDecimal> t : tradePrice.entrySet())
            {
                final int n = t.getKey();
                final BigDecimal p = t.getValue();
                if (trigger < 0 && n > fromLine && n < untilLine)
                {
                    final boolean stopped = e.isLong ? p.compareTo(stop) <= 0 : p.compareTo(stop) >= 0;
                    final boolean taken = e.isLong ? p.compareTo(target) >= 0 : p.compareTo(target) <= 0;
                    if (stopped || taken)
                    {
                        trigger = n;
                        reason = stopped ? "STOP_LOSS" : "TAKE_PROFIT";
                    }
                }
                else if (trigger >= 0)
                {
                    return new Exit(trigger, n, reason, tradeTs.get(n)[0], p);
                }
            }
            return null;
        }

        private static BigDecimal tick(final BigDecimal price, final RoundingMode mode)
        {
            return price.divide(TICK, 0, mode).multiply(TICK);
        }

        BigDecimal net(final Exit x, final Entry e)
        {
            final BigDecimal exitNotional = x.price.multiply(e.qty);
            final BigDecimal gross = e.isLong ? exitNotional.subtract(e.notional) : e.notional.subtract(exitNotional);
            return gross.subtract(e.fee).subtract(TAKER.multiply(exitNotional).setScale(8, RoundingMode.HALF_UP));
        }

        Outcome outcome(final Exit x, final Entry e)
        {
            return new Outcome(x.reason, x.fillTs, x.price, e.qty, net(x, e));
        }

        /** The journal's number of a line's input: the lines before it and the run's venue answers before it. */
        long seq(final int line, final List<Exit> runCloses)
        {
            long answers = 0;
            for (final Exit x : runCloses)
            {
                answers += (x.triggerLine < line ? 1 : 0) + (x.fillLine < line ? 1 : 0);
            }
            return line + answers;
        }
    }
}
