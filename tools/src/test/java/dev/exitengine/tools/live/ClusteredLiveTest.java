package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.tools.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code live} as a cluster of three members set by configuration (one process each, here three in one
 * JVM), every member on the local venue's streams: positions posted to a follower's admin endpoint reach
 * every member, only the leader's market data enters the log, every member decides the same, and each
 * close leaves once, from the leader, filled by its paper venue through the log. Stopping the leader's
 * process mid-stream: another is elected, its standby streams carry the market on, and the closes still
 * leave once each.
 */
class ClusteredLiveTest
{
    private static final int FRAMES = 3_000;

    @TempDir
    Path dir;

    @Test
    void threeLiveMembersDecideAlikeAndOnlyTheLeaderForwardsAndSends() throws Exception
    {
        try (Members m = new Members(dir))
        {
            final int leader = m.awaitLeader(-1);
            final int follower = (leader + 1) % 3;
            m.postPositions(follower);
            m.play(0, m.frames.size());
            m.awaitAllClosed(leader);
            final long requests = m.awaitAllApplied(leader);
            m.stop();

            final byte[] decisions = Files.readAllBytes(m.out(0));
            for (int i = 0; i < 3; i++)
            {
                assertEquals(new String(decisions, StandardCharsets.UTF_8), Files.readString(m.out(i)), "member " + i + " decides as member 0");
                assertEquals(m.service(0).stateHash(), m.service(i).stateHash(), "member " + i + "'s state hash");
                assertEquals(requests, m.service(i).applied());
                final String said = m.stdout(i);
                final long forwarded = m.count(said, "([\\d,]+) market events forwarded as leader");
                assertEquals(i == leader ? m.frames.size() : 0, forwarded, "only the leader forwards: " + said);
            }
            assertClosedOnceEach(m.out(0), m.service(0).ordersSent() + m.service(1).ordersSent() + m.service(2).ordersSent());
            assertEquals(0, m.service(follower).ordersSent(), "a follower sends nothing");
        }
    }

    @Test
    void whenTheLeadersProcessStopsAnotherLeadsItsStreamsAndEveryCloseLeavesOnce() throws Exception
    {
        try (Members m = new Members(dir))
        {
            final int leader = m.awaitLeader(-1);
            m.postPositions((leader + 1) % 3);
            final int half = m.frames.size() / 2;
            m.play(0, half);
            m.awaitAllApplied(leader);
            m.stop(leader);
            final int next = m.awaitLeader(leader);
            m.play(half, m.frames.size());
            m.awaitAllClosed(next);
            m.awaitAllApplied(next);
            m.stop();

            final int other = 3 - leader - next;
            assertEquals(Files.readString(m.out(next)), Files.readString(m.out(other)), "the survivors decide alike");
            assertEquals(m.service(next).stateHash(), m.service(other).stateHash());
            assertTrue(m.count(m.stdout(next), "([\\d,]+) market events forwarded as leader") > 0, "the new leader forwards");
            assertTrue(m.stdout(next).contains("leader (term"), m.stdout(next));
            final long sent = m.service(0).ordersSent() + m.service(1).ordersSent() + m.service(2).ordersSent();
            assertClosedOnceEach(m.out(next), sent);
        }
    }

    /** Every close has exactly one exit, no client order id twice; the members sent as many closes as were decided (or looked up). */
    private static void assertClosedOnceEach(final Path decisions, final long sent) throws IOException
    {
        final Pattern id = Pattern.compile("\"clientOrderId\":\"([^\"]+)\"");
        final Pattern position = Pattern.compile("\"positionId\":(\\d+)");
        final Set<String> closes = new HashSet<>();
        final Map<String, Integer> exits = new HashMap<>();
        for (final String line : Files.readAllLines(decisions))
        {
            final Matcher p = position.matcher(line);
            if (line.startsWith("{\"type\":\"close\""))
            {
                final Matcher c = id.matcher(line);
                assertTrue(c.find(), line);
                assertTrue(closes.add(c.group(1)), "client order id decided twice: " + line);
            }
            else if (line.startsWith("{\"type\":\"exit\"") && p.find())
            {
                exits.merge(p.group(1), 1, Integer::sum);
            }
        }
        assertTrue(exits.size() >= 2, "positions closed: " + exits);
        exits.forEach((pos, n) -> assertEquals(1, n, "exits of position " + pos));
        assertTrue(sent >= closes.size(), "every close was sent by a leader: " + sent + " sent, " + closes.size() + " decided");
    }

    /** Three clustered live processes on one local venue. */
    private static final class Members implements AutoCloseable
    {
        final List<String> frames;
        private final LocalBinanceVenue venue;
        private final ClusteredLiveProcess[] process = new ClusteredLiveProcess[3];
        private final Thread[] thread = new Thread[3];
        private final ByteArrayOutputStream[] stdout = new ByteArrayOutputStream[3];
        private final Path dir;
        private final long firstTs;

        Members(final Path dir) throws Exception
        {
            this.dir = dir;
            // the capture's trades (the aggTrade stream's connection serves them), its quotes left out
            final List<String> trades = new ArrayList<>();
            for (final String f : LocalBinanceVenue.captureFrames(LiveDryRunTest.FRAMES * 2))
            {
                if (f.contains("@trade\"") && trades.size() < FRAMES)
                {
                    trades.add(f);
                }
            }
            frames = List.copyOf(trades);
            firstTs = LiveDryRunTest.firstEventTime(frames);
            venue = LocalBinanceVenue.start();
            venue.exchangeInfo(LiveDryRunTest.resource("/binance/exchange_info.json"));
            final int portBase = ClusterNodeConfig.freePortBase(3);
            final String members = "0=localhost:" + portBase + ",1=localhost:" + (portBase + 100) + ",2=localhost:" + (portBase + 200);
            for (int i = 0; i < 3; i++)
            {
                final Path config = dir.resolve("live-" + i + ".json");
                // one stream, so one connection a member: the frames' order is the capture's on each
                Files.writeString(config, "{\"venue\": {\"wsUrl\": \"" + venue.wsUrl() + "\", \"restUrl\": \"" + venue.restUrl()
                    + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\"], \"timerMs\": 3600000}, \"admin\": {\"port\": 0},"
                    + " \"cluster\": {\"members\": \"" + members + "\", \"dir\": \"" + dir.resolve("member-" + i) + "\"}}");
                stdout[i] = new ByteArrayOutputStream();
                process[i] = new ClusteredLiveProcess(ConfigFile.load(config), i, out(i), new PrintStream(stdout[i], true,
                    StandardCharsets.UTF_8), System.err);
                final ClusteredLiveProcess p = process[i];
                thread[i] = new Thread(() ->
                {
                    try
                    {
                        assertEquals(0, p.run());
                    }
                    catch (final IOException ex)
                    {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }, "clustered-live-" + i);
                thread[i].start();
            }
            for (int i = 0; i < 3; i++)
            {
                final ClusteredLiveProcess p = process[i];
                awaitTrue(p::running, "member " + i + " runs", 60);
            }
            assertTrue(venue.awaitOpen(3, Duration.ofSeconds(10)), "every member watches the stream");
        }

        Path out(final int i)
        {
            return dir.resolve("decisions-" + i + ".jsonl");
        }

        ClusteredExitEngine service(final int i)
        {
            return process[i].service();
        }

        String stdout(final int i)
        {
            return stdout[i].toString(StandardCharsets.UTF_8);
        }

        long count(final String text, final String regex)
        {
            final Matcher m = Pattern.compile(regex).matcher(text);
            assertTrue(m.find(), regex + " in: " + text);
            return Long.parseLong(m.group(1).replace(",", ""));
        }

        /** The member that leads (sends), other than {@code not}. */
        int awaitLeader(final int not) throws InterruptedException
        {
            final int[] found = {-1};
            awaitTrue(() ->
            {
                for (int i = 0; i < 3; i++)
                {
                    if (i != not && process[i].running() && service(i).leading())
                    {
                        found[0] = i;
                        return true;
                    }
                }
                return false;
            }, "a member leads", 30);
            return found[0];
        }

        void postPositions(final int member) throws Exception
        {
            final List<String> verdicts = LiveDryRunTest.post(process[member].adminPort(), AdminToken.read(dir.resolve("member-" + member))
                .value(), LiveDryRunTest.PROFILE + "\n" + String.join("\n", LiveDryRunTest.entries(firstTs)));
            assertEquals(5, verdicts.size());
            verdicts.forEach(v -> assertTrue(v.contains("\"accepted\":true"), v));
            for (int i = 0; i < 3; i++)
            {
                final ClusteredExitEngine s = service(i);
                awaitTrue(() -> s.applied() >= 5, "member " + i + " has the positions", 30);
            }
        }

        void play(final int from, final int to)
        {
            venue.broadcastAll(frames.subList(from, to));
        }

        /** Waits until the member holds no open position (the paper venue's fills came back through the log). */
        void awaitAllClosed(final int member) throws InterruptedException
        {
            final ClusteredExitEngine s = service(member);
            awaitTrue(() -> s.engine().counters().get(Counter.POSITIONS_TRACKED) == 0, "every position is closed", 30);
        }

        /** Waits until the running members applied the same requests, the leader's count still for half a second; returns it. */
        long awaitAllApplied(final int leader) throws InterruptedException
        {
            final long[] last = {-1, System.nanoTime()};
            awaitTrue(() ->
            {
                final long now = service(leader).applied();
                if (now != last[0])
                {
                    last[0] = now;
                    last[1] = System.nanoTime();
                    return false;
                }
                if (System.nanoTime() - last[1] < 500_000_000L)
                {
                    return false;
                }
                for (int i = 0; i < 3; i++)
                {
                    if (process[i].running() && service(i).applied() != now)
                    {
                        return false;
                    }
                }
                return true;
            }, "every member applied what the leader did", 60);
            return last[0];
        }

        void stop(final int i) throws InterruptedException
        {
            process[i].requestStop();
            thread[i].join(30_000);
            assertFalse(thread[i].isAlive(), "member " + i + " stopped");
        }

        void stop() throws InterruptedException
        {
            for (int i = 0; i < 3; i++)
            {
                process[i].requestStop();
            }
            for (int i = 0; i < 3; i++)
            {
                thread[i].join(30_000);
                assertFalse(thread[i].isAlive(), "member " + i + " stopped");
            }
        }

        @Override
        public void close() throws Exception
        {
            for (final ClusteredLiveProcess p : process)
            {
                if (p != null)
                {
                    p.requestStop();
                }
            }
            for (final Thread t : thread)
            {
                if (t != null)
                {
                    t.join(30_000);
                }
            }
            venue.close();
        }

        private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what, final int seconds)
            throws InterruptedException
        {
            final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("timed out waiting until " + what);
                }
                Thread.sleep(10);
            }
        }
    }
}
