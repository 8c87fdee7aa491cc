package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * A feed line of a kind the cluster does not carry yet is refused in one line, exit 2, nothing written.
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
        final String summary = c.err.strip();
        assertEquals(1, summary.lines().count(), c.toString());
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
        final String summary = c.err.strip();
        assertEquals(1, summary.lines().count(), c.toString());
        assertTrue(summary.contains("killed after 3,000 inputs, new leader") && summary.contains("stopped")
            && summary.contains("all equal"), summary);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusesALineKindItDoesNotCarry() throws Exception
    {
        final Path withAck = dir.resolve("with-ack.jsonl");
        Files.copy(feed, withAck);
        Files.writeString(withAck, "{\"type\":\"ack\",\"ts\":1723161600000,\"clientOrderId\":\"xe-1-1\"}\n", StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
        final long lines = Files.readAllLines(withAck).size();
        final Path out = dir.resolve("refused.jsonl");
        final Console c = Console.run("cluster", "local", "--feed", "jsonl:" + withAck, "--out", out.toString());
        assertEquals(2, c.exitCode, c.toString());
        assertEquals(1, c.err.strip().lines().count(), c.toString());
        assertTrue(c.err.contains("'ack'") && c.err.contains(":" + lines + " "), c.toString());
        assertFalse(Files.exists(out), "nothing written");
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
}
