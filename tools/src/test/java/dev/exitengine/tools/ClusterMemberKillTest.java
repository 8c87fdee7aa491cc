package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real multi-process cluster: three {@code cluster member} JVMs and one {@code cluster feed} JVM over the real
 * BTCUSDT trades of 2024-08-08 with 60 entries. The leader's JVM is killed with SIGKILL while the feed runs;
 * the feed goes on with the new leader, and the two surviving members write, byte for byte, the decisions
 * {@code run --gateway none} writes for the same feed, having applied every request once (no gap, nothing
 * twice) to the single process's state hash. The killed member, started again on its folders (waiting out
 * its dead process's live mark files), replays its log, catches up from the others and reaches the same
 * decisions and state hash. SIGTERM then stops all three cleanly (exit 0).
 */
class ClusterMemberKillTest
{
    private static final String CONFIG = "{\"maxTimeRegressionMs\": 5000, \"staleAfterMs\": 30000}";
    private static final Pattern QUIET = Pattern.compile(
        "cluster member (\\d): applied ([\\d,]+) requests \\((\\d+) gaps\\), ([\\d,]+) decisions, state hash ([0-9a-f]{16})");
    private static final long WAIT_MS = 40_000;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theLeadersJvmKilledMidFeedTheOthersDecideAsOneProcessAndTheRestartedMemberCatchesUp(@TempDir final Path dir) throws Exception
    {
        final long t0 = System.nanoTime();
        final Path feed = dir.resolve("real.jsonl");
        final RealScenario scenario = RealScenario.write(feed, 12_000, 5, 150, 60, Map.of());
        final Path config = dir.resolve("config.json");
        Files.writeString(config, CONFIG);
        final Path single = dir.resolve("single.jsonl");
        final Console run = Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--gateway", "none",
            "--no-journal", "--quiet", "--out", single.toString());
        assertEquals(0, run.exitCode, run.toString());
        final byte[] expected = Files.readAllBytes(single);
        final long expectedDecisions = Files.readAllLines(single).size();
        assertTrue(expectedDecisions >= 60, "the positions are closed: " + expectedDecisions + " decisions");
        final String expectedHash = String.format("%016x", singleProcessHash(feed, config));
        final long requests = scenario.lines;

        final int portBase = ClusterNodeConfig.freePortBase(3);
        final String members = "0=localhost:" + portBase + ",1=localhost:" + (portBase + 100) + ",2=localhost:" + (portBase + 200);
        final Process[] member = new Process[3];
        Process feeder = null;
        try
        {
            for (int i = 0; i < 3; i++)
            {
                member[i] = member(dir, members, config, i, "");
            }
            final int leader = awaitLeader(dir, -1, "");
            feeder = java(dir.resolve("feed.log"), "cluster", "feed", "--members", members, "--feed", "jsonl:" + feed, "--rate", "4000",
                "--timeout", "60s");

            // SIGKILL the leader's JVM once a quarter of the decisions are made, the feed still running
            final Path leaderOut = dir.resolve("decisions-" + leader + ".jsonl");
            awaitTrue(() -> lines(leaderOut) >= expectedDecisions / 4, "member " + leader + " makes a quarter of the decisions", dir);
            assertTrue(feeder.isAlive(), "the feed still runs when the leader dies");
            member[leader].destroyForcibly();
            assertTrue(member[leader].waitFor(10, TimeUnit.SECONDS));
            final long killedAtNs = System.nanoTime();
            final int newLeader = awaitLeader(dir, leader, "");

            assertTrue(feeder.waitFor(60, TimeUnit.SECONDS), "the feed ends");
            final String feedLog = Files.readString(dir.resolve("feed.log"));
            assertEquals(0, feeder.exitValue(), feedLog);
            assertTrue(feedLog.contains(String.format("%,d inputs", requests)) && feedLog.contains("every request acknowledged"), feedLog);
            final Matcher changes = Pattern.compile("(\\d+) leader changes").matcher(feedLog);
            assertTrue(changes.find() && Integer.parseInt(changes.group(1)) >= 1, "the client went on with the new leader: " + feedLog);

            for (int i = 0; i < 3; i++)
            {
                if (i != leader)
                {
                    assertAsSingleProcess(dir, i, "", requests, expectedDecisions, expectedHash, expected);
                }
            }

            // the killed member comes back on its folders: its own log replayed, the rest caught up from the leader
            member[leader] = member(dir, members, config, leader, "-restart");
            assertAsSingleProcess(dir, leader, "-restart", requests, expectedDecisions, expectedHash, expected);
            final long backAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
            assertEquals(newLeader, awaitLeader(dir, -1, "-restart"), "the restarted member follows the new leader");

            for (final Process p : member)
            {
                p.destroy(); // SIGTERM: a clean stop
            }
            for (int i = 0; i < 3; i++)
            {
                assertTrue(member[i].waitFor(20, TimeUnit.SECONDS), "member " + i + " stops on SIGTERM");
                assertEquals(0, member[i].exitValue(), log(dir, i, i == leader ? "-restart" : ""));
                assertTrue(log(dir, i, i == leader ? "-restart" : "").contains("cluster member " + i + ": stopped;"));
            }
            System.out.printf("cluster member kill -9: leader %d killed mid-feed, new leader %d, %,d requests and %,d decisions on "
                + "every member, state hash %s; the killed member was back and caught up %.1f s after the kill%s; %.1f s in all%n",
                leader, newLeader, requests, expectedDecisions, expectedHash, backAfterMs / 1e3,
                log(dir, leader, "-restart").contains("active mark file") ? " (it waited out its live mark files)" : "",
                (System.nanoTime() - t0) / 1e9);
        }
        finally
        {
            for (final Process p : member)
            {
                destroy(p);
            }
            destroy(feeder);
        }
    }

    /**
     * With the paper venue, only the leader sends closes and the fills come back through the log: the leader's JVM
     * killed with closes in flight, the new leader sends again what has no answer, and on the survivors every close
     * has exactly one exit, under its own client order id, with equal decisions and state hashes.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withThePaperVenueEveryCloseFillsOnceThroughTheLogAcrossTheLeadersKill(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("real.jsonl");
        RealScenario.write(feed, 12_000, 5, 150, 60, Map.of());
        final Path config = dir.resolve("config.json");
        Files.writeString(config, CONFIG);
        final int portBase = ClusterNodeConfig.freePortBase(3);
        final String members = "0=localhost:" + portBase + ",1=localhost:" + (portBase + 100) + ",2=localhost:" + (portBase + 200);
        final Process[] member = new Process[3];
        Process feeder = null;
        try
        {
            for (int i = 0; i < 3; i++)
            {
                member[i] = member(dir, members, config, i, "", "--venue", "paper");
            }
            final int leader = awaitLeader(dir, -1, "");
            feeder = java(dir.resolve("feed.log"), "cluster", "feed", "--members", members, "--feed", "jsonl:" + feed, "--rate", "4000",
                "--timeout", "60s");
            // killed once it has sent closes, the feed still running
            final Path leaderOut = dir.resolve("decisions-" + leader + ".jsonl");
            awaitTrue(() -> Files.exists(leaderOut) && Files.readString(leaderOut).split("\"type\":\"close\"", -1).length > 10,
                "member " + leader + " sends closes", dir);
            assertTrue(feeder.isAlive(), "the feed still runs when the leader dies");
            member[leader].destroyForcibly();
            assertTrue(member[leader].waitFor(10, TimeUnit.SECONDS));
            awaitLeader(dir, leader, "");
            assertTrue(feeder.waitFor(60, TimeUnit.SECONDS), "the feed ends");
            assertEquals(0, feeder.exitValue(), Files.readString(dir.resolve("feed.log")));

            final int a = leader == 0 ? 1 : 0;
            final int b = leader == 2 ? 1 : 2;
            final Path outA = dir.resolve("decisions-" + a + ".jsonl");
            final Path outB = dir.resolve("decisions-" + b + ".jsonl");
            // every close answered: as many exits as closes on both survivors, then the same decisions
            awaitTrue(() -> closesAndExits(outA)[0] > 0 && closesAndExits(outA)[0] == closesAndExits(outA)[1]
                && Files.mismatch(outA, outB) == -1, "every close has its exit on both survivors", dir);
            final List<String> closes = new ArrayList<>();
            final List<String> exits = new ArrayList<>();
            final Pattern coid = Pattern.compile("\"clientOrderId\":\"([^\"]+)\"");
            for (final String line : Files.readAllLines(outA))
            {
                final Matcher m = coid.matcher(line);
                if (m.find())
                {
                    (line.startsWith("{\"type\":\"close\"") ? closes : exits).add(m.group(1));
                }
            }
            assertEquals(closes.size(), new java.util.HashSet<>(closes).size(), "no close sent twice under one id: " + closes);
            assertEquals(new java.util.TreeSet<>(closes), new java.util.TreeSet<>(exits), "each close exits once");
            for (final int i : new int[] {a, b})
            {
                member[i].destroy();
                assertTrue(member[i].waitFor(20, TimeUnit.SECONDS));
            }
            final Matcher hashA = Pattern.compile("stopped; .*state hash (\\w+)").matcher(log(dir, a, ""));
            final Matcher hashB = Pattern.compile("stopped; .*state hash (\\w+)").matcher(log(dir, b, ""));
            assertTrue(hashA.find() && hashB.find(), log(dir, a, ""));
            assertEquals(hashA.group(1), hashB.group(1));
        }
        finally
        {
            for (final Process p : member)
            {
                destroy(p);
            }
            destroy(feeder);
        }
    }

    /** The close and exit decisions of a member's decisions file. */
    private static long[] closesAndExits(final Path out) throws IOException
    {
        final long[] n = new long[2];
        if (Files.exists(out))
        {
            for (final String line : Files.readAllLines(out))
            {
                n[0] += line.startsWith("{\"type\":\"close\"") ? 1 : 0;
                n[1] += line.startsWith("{\"type\":\"exit\"") ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * {@code cluster local} stopped with SIGTERM (what Ctrl-C amounts to) mid-feed leaves nothing in its folder on /dev/shm: the
     * members' log terms and archives take hundreds of MB there.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void clusterLocalStoppedWithSigtermRemovesItsFolder(@TempDir final Path dir) throws Exception
    {
        final Path log = dir.resolve("local.log");
        final Process p = java(log, "cluster", "local", "--feed", "synthetic:2:200000000:3", "--out", dir.resolve("d.jsonl").toString());
        final Pattern folder = Pattern.compile("cluster local: 3 members in (\\S+) ");
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Matcher m = folder.matcher("");
        while (!m.find())
        {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "no folder named: " + Files.readString(log));
            Thread.sleep(20);
            m = folder.matcher(Files.readString(log));
        }
        final Path members = Path.of(m.group(1));
        // running: every member's directory is there, then the feed is let run a while
        while (!Files.isDirectory(members.resolve("member-2")))
        {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "the members did not start: " + Files.readString(log));
            Thread.sleep(20);
        }
        Thread.sleep(500);
        assertTrue(p.isAlive(), "still feeding: " + Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "ended after SIGTERM");
        assertTrue(!Files.exists(members), members + " is left behind: " + Files.readString(log));
    }

    /** A configuration a member or a feed cannot run with is refused in one line naming the option or key, exit 2. */
    @Test
    void badConfigurationsAreOneLineNamingTheFieldAndExit2(@TempDir final Path dir) throws Exception
    {
        final String m3 = "0=localhost:20000,1=localhost:20100,2=localhost:20200";
        final Path badConfig = dir.resolve("bad.json");
        Files.writeString(badConfig, "{\"risk\": {\"maxPositionz\": 3}}");
        final Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "x");
        final Path withAck = dir.resolve("with-ack.jsonl");
        Files.writeString(withAck, RealScenario.INSTRUMENT + "\n{\"type\":\"ack\",\"ts\":1723161600000,\"clientOrderId\":\"xe-1-1\"}\n");
        final String out = dir.resolve("d.jsonl").toString();
        final String home = dir.resolve("m").toString();
        final Object[][] cases = {
            {"--id: 3 is not one of the members (0, 1, 2)", "cluster", "member", "--id", "3", "--members", m3, "--dir", home, "--out", out},
            {"--members: member 0 is given twice", "cluster", "member", "--id", "0", "--members", "0=localhost:20000,0=localhost:20100",
                "--dir", home, "--out", out},
            {"--members: 'localhost:20000' is not ID=HOST:PORTBASE", "cluster", "member", "--id", "0", "--members", "localhost:20000",
                "--dir", home, "--out", out},
            {"--members: member 1: port base 70000 out of range", "cluster", "member", "--id", "0", "--members",
                "0=localhost:20000,1=localhost:70000", "--dir", home, "--out", out},
            {"--members: members 0 and 1 share ports", "cluster", "member", "--id", "0", "--members", "0=localhost:20000,1=localhost:20003",
                "--dir", home, "--out", out},
            {"risk.maxPositionz", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out, "--config",
                badConfig.toString()},
            {"--config: no such file", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out, "--config",
                dir.resolve("none.json").toString()},
            {"--dir: '" + aFile + "' is a file", "cluster", "member", "--id", "0", "--members", m3, "--dir", aFile.toString(), "--out", out},
            {"--heartbeat-timeout: 200ms to 60s", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out,
                "--heartbeat-timeout", "50ms"},
            {"--mtu: a multiple of 32 from 64 to 65504", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out,
                "--mtu", "1500"},
            {"--mtu: a multiple of 32", "cluster", "feed", "--members", m3, "--feed", "jsonl:" + withAck, "--mtu", "100000"},
            {"--members: no members given", "cluster", "feed", "--members", " ", "--feed", "jsonl:" + withAck},
            {"--client-id: 1 or more", "cluster", "feed", "--members", m3, "--feed", "jsonl:" + withAck, "--client-id", "0"},
            {"--venue: none or paper, was 'binance'", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out,
                "--venue", "binance"},
            {"'-1s' is not a duration", "cluster", "member", "--id", "0", "--members", m3, "--dir", home, "--out", out,
                "--timer-interval", "-1s"},
        };
        for (final Object[] c : cases)
        {
            final String[] args = new String[c.length - 1];
            for (int k = 1; k < c.length; k++)
            {
                args[k - 1] = (String)c[k];
            }
            final Console r = Console.run(args);
            assertEquals(2, r.exitCode, String.join(" ", args) + ": " + r);
            assertEquals(1, r.err.strip().lines().count(), String.join(" ", args) + ": " + r);
            assertTrue(r.err.contains((String)c[0]), "'" + c[0] + "' in: " + r.err);
        }
        assertTrue(!Files.exists(dir.resolve("m")) && !Files.exists(dir.resolve("d.jsonl")), "nothing made");
    }

    /** The state hash of one engine in this JVM, given the same configuration and feed. */
    private static long singleProcessHash(final Path feed, final Path config) throws Exception
    {
        final EngineConfig c = ConfigFile.load(config).engine;
        c.layout = EngineConfig.Layout.CALLER_THREAD;
        try (ExitEngine engine = ExitEngine.builder(c).journal(JournalPort.NONE).gateway(OrderGateway.NONE).listener((d, n) -> { })
            .build().start())
        {
            FeedSpec.open("jsonl:" + feed, FeedOptions.continueOnError()).run(engine.inputs());
            engine.awaitQuiet();
            return engine.evaluator().stateHash();
        }
    }

    /** Member {@code i}'s quiet line shows every request applied once, the single process's hash; its file, the decisions. */
    private static void assertAsSingleProcess(final Path dir, final int i, final String run, final long requests, final long decisions,
        final String hash, final byte[] expected) throws Exception
    {
        final String[] quiet = new String[1];
        awaitTrue(() ->
        {
            for (final String line : log(dir, i, run).split("\n"))
            {
                final Matcher m = QUIET.matcher(line);
                if (m.find() && Long.parseLong(m.group(2).replace(",", "")) == requests)
                {
                    quiet[0] = line;
                    return true;
                }
            }
            return false;
        }, "member " + i + run + " applies " + requests + " requests", dir);
        final Matcher m = QUIET.matcher(quiet[0]);
        assertTrue(m.find());
        assertEquals("0", m.group(3), "member " + i + run + ": no request skipped: " + quiet[0]);
        assertEquals(decisions, Long.parseLong(m.group(4).replace(",", "")), "member " + i + run + ": " + quiet[0]);
        assertEquals(hash, m.group(5), "member " + i + run + ": the single process's state hash");
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("decisions-" + i + ".jsonl")), "member " + i + run + "'s decisions");
    }

    /** The member (not {@code excluding}) whose newest status says it leads, once the others say they follow it. */
    private static int awaitLeader(final Path dir, final int excluding, final String restartOf) throws Exception
    {
        final int[] leader = {-1};
        awaitTrue(() ->
        {
            final String[] role = new String[3];
            for (int i = 0; i < 3; i++)
            {
                final String run = restartOf.isEmpty() || !Files.exists(dir.resolve("member-" + i + restartOf + ".log")) ? "" : restartOf;
                for (final String line : log(dir, i, run).split("\n"))
                {
                    final String prefix = "cluster member " + i + ": ";
                    if (line.startsWith(prefix + "leader") || line.startsWith(prefix + "follower") || line.startsWith(prefix + "election"))
                    {
                        role[i] = line.substring(prefix.length());
                    }
                }
            }
            for (int i = 0; i < 3; i++)
            {
                if (i != excluding && role[i] != null && role[i].startsWith("leader"))
                {
                    int followers = 0;
                    for (int j = 0; j < 3; j++)
                    {
                        followers += j != i && j != excluding && role[j] != null && role[j].startsWith("follower, leader " + i + " ") ? 1 : 0;
                    }
                    if (followers == (excluding < 0 ? 2 : 1))
                    {
                        leader[0] = i;
                        return true;
                    }
                }
            }
            return false;
        }, "a leader the others follow" + (excluding < 0 ? "" : " (not member " + excluding + ")"), dir);
        return leader[0];
    }

    private interface Check
    {
        boolean ok() throws IOException;
    }

    private static void awaitTrue(final Check check, final String what, final Path dir) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!check.ok())
        {
            if (System.nanoTime() > deadline)
            {
                final StringBuilder logs = new StringBuilder();
                try (var files = Files.list(dir))
                {
                    for (final Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList())
                    {
                        logs.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
                    }
                }
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what + logs);
            }
            Thread.sleep(5);
        }
    }

    private static Process member(final Path dir, final String members, final Path config, final int i, final String run,
        final String... more) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("cluster", "member", "--id", "" + i, "--members", members, "--dir",
            dir.resolve("member-" + i).toString(), "--config", config.toString(), "--out", dir.resolve("decisions-" + i + ".jsonl").toString()));
        args.addAll(List.of(more));
        return java(dir.resolve("member-" + i + run + ".log"), args.toArray(new String[0]));
    }

    /** The CLI in a JVM of its own (this JVM's java, class path and module flags), its output to {@code log}. */
    private static Process java(final Path log, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.util.zip=ALL-UNNAMED"));
        final Predicate<String> flag = a -> (a.startsWith("--add-") && a.contains("=")) || a.startsWith("-D");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(flag).toList());
        command.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(final Path dir, final int i, final String run) throws IOException
    {
        final Path f = dir.resolve("member-" + i + run + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    private static long lines(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return 0;
        }
        long n = 0;
        for (final byte b : Files.readAllBytes(file))
        {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    private static void destroy(final Process p) throws InterruptedException
    {
        if (p != null && p.isAlive())
        {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
