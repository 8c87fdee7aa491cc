package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line: help everywhere, bad input lines refused one by one without losing the good ones,
 * {@code --on-error stop}, and errors an operator can read.
 */
class CliTest
{
    /** Real trades used by the malformed-input scenario, entries among them. */
    static final int TRADES = 4_000;
    static final int FIRST_ENTRY = 100;
    static final int EVERY = 200;
    static final int POSITIONS = 18;
    /** The trade after which the first bad line comes. */
    static final int FIRST_BAD_AFTER = 600;

    @TempDir
    static Path dir;

    static RealScenario malformed;
    /** The malformed file run with the default error policy (continue). */
    static Console continued;
    static List<Map<String, String>> continuedDecisions;

    @BeforeAll
    static void writeAndRunAMalformedFile() throws IOException
    {
        final Map<Integer, List<LongFunction<String>>> bad = new LinkedHashMap<>();
        bad.put(FIRST_BAD_AFTER, List.of(ts -> "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"61800.30\""));
        bad.put(900, List.of(
            ts -> "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"NaN\",\"qty\":\"0.1\"}",
            ts -> "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":NaN,\"qty\":\"0.1\"}"));
        bad.put(1_300, List.of(ts -> "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"-61800.3\",\"qty\":\"0.1\"}"));
        bad.put(1_700, List.of(ts -> "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"ETHUSDT\",\"price\":\"2600.5\",\"qty\":\"0.1\"}"));
        bad.put(2_100, List.of(ts -> "{\"type\":\"candle\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"open\":\"61800\"}"));
        bad.put(2_500, List.of(ts -> "{\"type\":\"trade\",\"ts\":" + (ts - 6_000) + ",\"symbol\":\"BTCUSDT\",\"price\":\"61700.1\",\"qty\":\"0.1\"}"));
        bad.put(2_700, List.of(ts -> "{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":\"bad-1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\","
            + "\"qty\":\"-0.1\",\"price\":\"61700\",\"orderId\":\"bad-entry\",\"profile\":\"usd10\"}"));
        malformed = RealScenario.write(dir.resolve("malformed.jsonl"), TRADES, FIRST_ENTRY, EVERY, POSITIONS, bad);
        final Path out = dir.resolve("continue.jsonl");
        continued = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--journal",
            dir.resolve("journal-continue").toString(), "--quiet");
        continuedDecisions = DecisionLines.read(out);
    }

    private static String where(final int badLine)
    {
        return malformed.file + ":" + malformed.extraLines.get(badLine);
    }

    // ---------------------------------------------------------------- help

    @Test
    void helpOnTheRootListsEveryCommand()
    {
        final Console c = Console.run("--help");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine"), c.out);
        for (final String command : List.of("run", "demo", "replay", "help"))
        {
            assertTrue(c.out.contains("\n  " + command + " "), command + " listed: " + c.out);
        }
    }

    @Test
    void noCommandPrintsTheUsageAndExitsZero()
    {
        final Console c = Console.run();
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine"), c.out);
    }

    @Test
    void helpOnRunNamesItsOptions()
    {
        final Console c = Console.run("run", "--help");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine run"), c.out);
        for (final String option : List.of("--feed", "--gateway", "--out", "--journal", "--on-error", "--layout", "--wait", "--quiet"))
        {
            assertTrue(c.out.contains(option), option + ": " + c.out);
        }
        assertTrue(c.out.contains("jsonl:FILE"), "feed specs are explained: " + c.out);
    }

    @Test
    void helpOnDemoNamesItsOptions()
    {
        final Console c = Console.run("demo", "--help");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine demo"), c.out);
        for (final String option : List.of("--journal", "--out", "--positions", "--layout"))
        {
            assertTrue(c.out.contains(option), option + ": " + c.out);
        }
    }

    @Test
    void helpOnReplayNamesItsOptions()
    {
        final Console c = Console.run("replay", "--help");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine replay"), c.out);
        for (final String option : List.of("--journal", "--verify", "--out"))
        {
            assertTrue(c.out.contains(option), option + ": " + c.out);
        }
    }

    @Test
    void theHelpCommandShowsACommandsUsage()
    {
        final Console c = Console.run("help", "replay");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.startsWith("Usage: exit-engine replay"), c.out);
    }

    // ---------------------------------------------------------------- bad input lines

    @Test
    void badLinesAreRefusedAndEveryDecisionOfTheGoodLinesIsWritten()
    {
        assertEquals(3, continued.exitCode, "ran, but inputs were refused: " + continued);
        final List<Map<String, String>> decisions = continuedDecisions;
        DecisionLines.assertMatch(malformed.model.lines(), decisions);
        assertEquals(POSITIONS, DecisionLines.count(decisions, "levels", null));
        assertEquals(11, DecisionLines.count(decisions, "exit", null), "exits, most after some bad line");
        assertFalse(decisions.stream().anyMatch(d -> "bad-1".equals(d.get("account"))), "the bad fill opened nothing");
    }

    @Test
    void everyBadLineIsReportedWithWhatWasWrong()
    {
        final Console c = continued;
        assertEquals(3, c.exitCode, "ran, but inputs were refused: " + c);
        final List<String> rejected = c.err.lines().filter(l -> l.startsWith("rejected ")).toList();
        assertEquals(8, rejected.size(), c.err);
        assertTrue(rejected.get(0).startsWith("rejected " + where(0) + ": bad JSON"), rejected.get(0));
        assertTrue(rejected.get(1).startsWith("rejected " + where(1) + ": field 'price'"), rejected.get(1));
        assertTrue(rejected.get(1).contains("'NaN'"), rejected.get(1));
        assertTrue(rejected.get(2).startsWith("rejected " + where(2) + ": bad JSON"), rejected.get(2));
        assertTrue(rejected.get(2).contains("NaN"), rejected.get(2));
        assertEquals("rejected " + where(3) + ": field 'price': must be positive, was -61800.3", rejected.get(3));
        assertTrue(rejected.get(4).contains("unknown symbol 'ETHUSDT'"), rejected.get(4));
        assertTrue(rejected.get(5).startsWith("rejected " + where(5) + ": field 'type': unknown type 'candle'"), rejected.get(5));
        assertTrue(rejected.get(6).contains("out of order: 6000 ms older than the newest input"), rejected.get(6));
        assertTrue(rejected.get(7).startsWith("rejected " + where(7) + ": field 'qty'"), rejected.get(7));
    }

    @Test
    void aLineWithAnUnknownSymbolOrTimeTooFarBackIsReportedByFileAndLine()
    {
        final Console c = continued;
        assertTrue(c.err.contains("rejected " + where(4) + ": "), "unknown symbol line: " + c.err);
        assertTrue(c.err.contains("rejected " + where(6) + ": "), "out of order line: " + c.err);
    }

    @Test
    void onErrorStopExitsNonZeroNamingFileAndLineAndKeepsWhatCameBefore() throws IOException
    {
        final Path out = dir.resolve("stop.jsonl");
        final Console c = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--journal",
            dir.resolve("journal-stop").toString(), "--on-error", "stop", "--quiet");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains(where(0) + ": bad JSON"), c.err);
        // the decisions of every line before the bad one are written: those of the same file cut there
        final RealScenario before = RealScenario.write(dir.resolve("before-first-bad.jsonl"), FIRST_BAD_AFTER, FIRST_ENTRY, EVERY,
            POSITIONS, Map.of());
        final List<Map<String, String>> decisions = DecisionLines.read(out);
        DecisionLines.assertMatch(before.model.lines(), decisions);
        assertEquals(3, DecisionLines.count(decisions, "levels", null), "entries after trades 100, 300 and 500");
    }

    @Test
    void onErrorStopPrintsTheBadLineWithoutAStackTrace()
    {
        final Console c = Console.run("run", "--feed", "jsonl:" + malformed.file, "--no-journal", "--on-error", "stop", "--quiet");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains(where(0)), c.err);
        assertFalse(c.err.contains("\tat "), "no stack trace: " + c.err);
    }

    @Test
    void onErrorStopStopsAtALineWithAnUnknownSymbol() throws IOException
    {
        final Path file = dir.resolve("unknown-symbol.jsonl");
        Files.write(file, List.of(RealScenario.INSTRUMENT,
            "{\"type\":\"trade\",\"ts\":1723161256322,\"symbol\":\"BTCUSDT\",\"price\":\"61800.30\",\"qty\":\"0.006\"}",
            "{\"type\":\"trade\",\"ts\":1723161256344,\"symbol\":\"ETHUSDT\",\"price\":\"2600.5\",\"qty\":\"0.1\"}",
            "{\"type\":\"trade\",\"ts\":1723161256350,\"symbol\":\"BTCUSDT\",\"price\":\"61800.40\",\"qty\":\"0.1\"}"));
        final Console c = Console.run("run", "--feed", "jsonl:" + file, "--no-journal", "--on-error", "stop", "--quiet");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains(file + ":3"), c.err);
    }

    @Test
    void onErrorIsCaseInsensitiveSoStopInCapitalsStops()
    {
        final Console c = Console.run("run", "--feed", "jsonl:" + malformed.file, "--no-journal", "--on-error", "STOP", "--quiet");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue(c.err.contains(where(0) + ": bad JSON"), c.err);
        assertFalse(c.err.contains(where(1)), "stopped at the first bad line: " + c.err);
    }

    @Test
    void anUnknownOnErrorValueIsRefusedWithExitCodeTwoNamingTheAllowedValues()
    {
        final Path out = dir.resolve("bogus-on-error.jsonl");
        final Console c = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--no-journal",
            "--on-error", "bogus");
        assertEquals(2, c.exitCode, c.toString());
        assertEquals("--on-error: unknown value 'bogus' (continue or stop)", c.err.strip());
        assertEquals("", c.out);
        assertFalse(Files.exists(out), "nothing was run, nothing written");
    }

    @Test
    void aRunThatRefusesEveryInputExitsThreeAndItsSummarySaysHowMany() throws IOException
    {
        final Path file = dir.resolve("all-refused.jsonl");
        Files.write(file, List.of(
            "{\"type\":\"trade\",\"ts\":1723161256322,\"symbol\":\"ETHUSDT\",\"price\":\"2600.5\",\"qty\":\"0.1\"}",
            "{\"type\":\"trade\",\"ts\":1723161256323,\"symbol\":\"BTCUSDT\",\"price\":\"50011\",\"price\":\"1\"}"));
        final Console c = Console.run("run", "--feed", "jsonl:" + file, "--no-journal");
        assertEquals(3, c.exitCode, c.toString());
        assertTrue(c.out.contains(", 2 refused;"), c.out);
    }

    @Test
    void aRunThatRefusesNothingExitsZero() throws IOException
    {
        final Path file = dir.resolve("all-good.jsonl");
        Files.write(file, List.of(RealScenario.INSTRUMENT,
            "{\"type\":\"trade\",\"ts\":1723161256322,\"symbol\":\"BTCUSDT\",\"price\":\"61800.30\",\"qty\":\"0.006\"}"));
        final Console c = Console.run("run", "--feed", "jsonl:" + file, "--no-journal");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.contains(", 0 refused;"), c.out);
    }

    @Test
    void aBadConfigurationOrFeedSpecIsBadUsageExitTwoInOneLine() throws IOException
    {
        final Path config = dir.resolve("bad-config.json");
        Files.writeString(config, "{\"ringSize\": 1000}");
        final Console badConfig = Console.run("run", "--feed", "jsonl:" + malformed.file, "--config", config.toString(), "--no-journal");
        assertEquals(2, badConfig.exitCode, badConfig.toString());
        assertEquals("run: " + config + ": ringSize: must be a power of two, was 1000", badConfig.err.strip());
        final Console noFile = Console.run("run", "--feed", "jsonl:" + dir.resolve("missing.jsonl"), "--no-journal");
        assertEquals(2, noFile.exitCode, noFile.toString());
        assertEquals("run: feed 'jsonl:" + dir.resolve("missing.jsonl") + "': no such file '" + dir.resolve("missing.jsonl") + "'",
            noFile.err.strip());
    }

    @Test
    void outNamingTheFeedsOwnFileIsRefusedAndTheFeedIsLeftWhole() throws IOException
    {
        final Path file = dir.resolve("own.jsonl");
        Files.write(file, List.of(RealScenario.INSTRUMENT,
            "{\"type\":\"trade\",\"ts\":1723161256322,\"symbol\":\"BTCUSDT\",\"price\":\"61800.30\",\"qty\":\"0.006\"}"));
        final byte[] before = Files.readAllBytes(file);
        final Path link = Files.createSymbolicLink(dir.resolve("own-link.jsonl"), file);
        for (final String sameFile : List.of(file.toString(), dir.resolve(".").resolve("own.jsonl").toString(), link.toString()))
        {
            final Console c = Console.run("run", "--feed", "jsonl:" + file, "--out", sameFile, "--no-journal");
            assertEquals(2, c.exitCode, c.toString());
            assertEquals("--out: '" + sameFile + "' is the feed's own file '" + file + "'; give another file", c.err.strip());
            assertEquals(List.of(new String(before)), List.of(Files.readString(file)), "the feed is untouched");
        }
    }

    @Test
    void aRerunThatFailsItsChecksLeavesThePreviousResultsAsTheyWere() throws IOException
    {
        final Path out = dir.resolve("rerun.jsonl");
        final Path journal = dir.resolve("journal-rerun");
        final Console first = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--journal",
            journal.toString(), "--quiet");
        assertEquals(3, first.exitCode, first.toString());
        final byte[] results = Files.readAllBytes(out);
        assertTrue(results.length > 0);
        // the same journal again: it already holds a run
        final Console again = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--journal",
            journal.toString(), "--quiet");
        assertEquals(1, again.exitCode, again.toString());
        assertTrue(again.err.contains("already holds a run"), again.err);
        assertEquals(List.of(new String(results)), List.of(Files.readString(out)), "the previous decisions are kept");
        final Path config = dir.resolve("rerun-config.json");
        Files.writeString(config, "{\"ringSize\": 3}");
        final Console badConfig = Console.run("run", "--feed", "jsonl:" + malformed.file, "--out", out.toString(), "--config",
            config.toString(), "--no-journal", "--quiet");
        assertEquals(2, badConfig.exitCode, badConfig.toString());
        assertEquals(List.of(new String(results)), List.of(Files.readString(out)), "the previous decisions are kept");
    }

    // ---------------------------------------------------------------- replay of something that is no journal

    @Test
    void replayVerifyOfAFolderThatIsNoJournalExitsNonZeroSayingSo() throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve("not-a-journal"));
        Files.writeString(folder.resolve("notes.txt"), "not a journal");
        final Console c = Console.run("replay", "--journal", folder.toString(), "--verify");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue((c.out + c.err).contains(folder + " is not a journal"), c.toString());
    }

    @Test
    void replayVerifyOfAFolderThatIsNoJournalPrintsNoStackTrace() throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve("not-a-journal-either"));
        final Console c = Console.run("replay", "--journal", folder.toString(), "--verify");
        assertNotEquals(0, c.exitCode, c.toString());
        assertTrue((c.out + c.err).contains(folder + " is not a journal"), c.toString());
        assertFalse(c.err.contains("\tat "), "no stack trace: " + c.err);
    }

    @Test
    void anUnknownFeedKindIsRefusedWithTheAcceptedForms()
    {
        final Console c = Console.run("run", "--feed", "csv:" + malformed.file, "--no-journal");
        assertEquals(2, c.exitCode, c.toString());
        assertTrue(c.err.contains("unknown feed kind 'csv'"), c.err);
        assertTrue(c.err.contains("jsonl:FILE"), c.err);
    }

    @Test
    void anUnknownGatewayIsRefusedWithExitCodeTwo()
    {
        final Console c = Console.run("run", "--feed", "jsonl:" + malformed.file, "--gateway", "binance-live", "--no-journal");
        assertEquals(2, c.exitCode, c.toString());
        assertTrue(c.err.contains("--gateway: unknown gateway 'binance-live' (paper or none)"), c.err);
    }
}
