package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster local} over real BTCUSDT trades with 40 entries writes, byte for byte, the
 * decisions {@code run --gateway none} writes for the same feed; also when the leader is stopped mid-run.
 * So do commands, venue answers and position snapshots in the feed.
 */
class ClusterLocalCommandTest
{
    @TempDir
    static Path dir;

    private static Path feed;
    private static byte[] single;

    @BeforeAll
    static void singleProcess() throws Exception
    {
        feed = dir.resolve("real.jsonl");
        final RealScenario scenario = RealScenario.write(feed, 6_000, 5, 120, 40, Map.of());
        assertEquals(40, scenario.entries);
        final Path out = dir.resolve("single.jsonl");
        final Console c = Console.run("run", "--feed", "jsonl:" + feed, "--gateway", "none", "--no-journal", "--quiet", "--out",
            out.toString());
        assertEquals(0, c.exitCode, c.toString());
        single = Files.readAllBytes(out);
        final List<String> lines = Files.readAllLines(out);
        // no venue: a close is decided, never filled
        final long closes = lines.stream().filter(l -> l.startsWith("{\"type\":\"close\"")).count();
        assertTrue(closes >= 25, "most positions are closed: " + closes + " closes in " + lines.size() + " decisions");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void decidesAsTheSingleProcess() throws Exception
    {
        final Path out = dir.resolve("cluster.jsonl");
        final Console c = Console.run("cluster", "local", "--members", "3", "--feed", "jsonl:" + feed, "--out", out.toString());
        assertEquals(0, c.exitCode, c.toString());
        assertArrayEquals(single, Files.readAllBytes(out), c.toString());
        final String summary = summary(c);
        assertTrue(summary.contains("3 members") && summary.contains("all equal") && !summary.contains("killed"), summary);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void decidesAsTheSingleProcessWhenTheLeaderIsKilledMidRun() throws Exception
    {
        final Path out = dir.resolve("cluster-kill.jsonl");
        final Console c = Console.run("cluster", "local", "--feed", "jsonl:" + feed, "--out", out.toString(), "--kill-leader-after",
            "3000");
        assertEquals(0, c.exitCode, c.toString());
        assertArrayEquals(single, Files.readAllBytes(out), c.toString());
        final String summary = summary(c);
        assertTrue(summary.contains("killed after 3,000 inputs, new leader") && summary.contains("stopped")
            && summary.contains("all equal"), summary);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void commandsVenueAnswersAndPositionSnapshotsGoThroughTheClusterAsThroughOneProcess() throws Exception
    {
        // the feed with a forced unwind of one account and a manual close of another, venue answers to closes
        // (of positions the feed opened and not), and a position snapshot: every kind of line a feed has
        final List<String> lines = new ArrayList<>(Files.readAllLines(feed));
        final int at = lines.size() / 2;
        final java.util.regex.Matcher time = java.util.regex.Pattern.compile("\"ts\":(\\d+)").matcher(lines.get(at - 1));
        assertTrue(time.find(), lines.get(at - 1));
        final String ts = time.group(1);
        lines.add(at, "{\"type\":\"command\",\"ts\":" + ts + ",\"command\":\"FORCED_UNWIND\",\"account\":\"acct-03\",\"on\":true}");
        lines.add(at + 1, "{\"type\":\"ack\",\"ts\":" + ts + ",\"clientOrderId\":\"xe-1-1\"}");
        lines.add(at + 2, "{\"type\":\"orderFill\",\"ts\":" + ts + ",\"clientOrderId\":\"xe-2-1\",\"qty\":\"0.001\",\"price\":\"60000\","
            + "\"fee\":\"0.024\"}");
        lines.add(at + 3, "{\"type\":\"expired\",\"ts\":" + ts + ",\"clientOrderId\":\"xe-3-1\"}");
        lines.add(at + 4, "{\"type\":\"reject\",\"ts\":" + ts + ",\"clientOrderId\":\"xe-4-1\",\"reason\":\"test\"}");
        lines.add(at + 5, "{\"type\":\"snapshot\",\"ts\":" + ts + ",\"account\":\"acct-05\",\"positions\":[]}");
        lines.add(at + 6, "{\"type\":\"command\",\"ts\":" + ts + ",\"command\":\"MANUAL_CLOSE\",\"account\":\"acct-01\",\"symbol\":\"BTCUSDT\"}");
        final Path mixed = dir.resolve("mixed.jsonl");
        Files.write(mixed, lines);
        final Path single = dir.resolve("mixed-single.jsonl");
        final Console one = Console.run("run", "--feed", "jsonl:" + mixed, "--gateway", "none", "--no-journal", "--out", single.toString(),
            "--quiet");
        final Path clustered = dir.resolve("mixed-cluster.jsonl");
        final Console c = Console.run("cluster", "local", "--feed", "jsonl:" + mixed, "--out", clustered.toString());
        assertEquals(one.exitCode, c.exitCode, c + " / " + one);
        assertEquals(Files.readAllLines(single), Files.readAllLines(clustered));
        final String decided = Files.readString(single);
        assertTrue(decided.contains("acct-03") && decided.contains("FORCED_UNWIND"), "the forced unwind of the test is decided");
    }

    @Test
    void badOptionsAreOneLineAndExit2()
    {
        for (final String[] args : new String[][] {
            {"cluster", "local", "--members", "0", "--feed", "jsonl:" + feed, "--out", "x.jsonl"},
            {"cluster", "local", "--members", "2", "--kill-leader-after", "5", "--feed", "jsonl:" + feed, "--out", "x.jsonl"},
            {"cluster", "local", "--feed", "nosuch:x", "--out", "x.jsonl"},
            {"cluster", "local", "--feed", "jsonl:" + feed}})
        {
            final Console c = Console.run(args);
            assertEquals(2, c.exitCode, String.join(" ", args) + ": " + c);
            assertEquals(1, c.err.strip().lines().count(), c.toString());
        }
    }

    /** The run's two lines: where the members' directories are (gone once it ended), then the summary, which it returns. */
    private static String summary(final Console c)
    {
        final List<String> lines = c.err.strip().lines().toList();
        assertEquals(2, lines.size(), c.toString());
        final String prefix = "cluster local: 3 members in ";
        assertTrue(lines.get(0).startsWith(prefix), lines.get(0));
        final Path folder = Path.of(lines.get(0).substring(prefix.length(), lines.get(0).indexOf(' ', prefix.length())));
        assertTrue(!Files.exists(folder), folder + " removed at the end");
        return lines.get(1);
    }
}
