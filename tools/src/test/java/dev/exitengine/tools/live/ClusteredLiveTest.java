package dev.exitengine.tools.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @TempDir
    Path dir;

    @Test
    void threeLiveMembersDecideAlikeAndOnlyTheLeaderForwardsAndSends() throws Exception
    {
        try (LiveMembers m = LiveMembers.onTheCapture(dir))
        {
            final int leader = m.awaitLeader(-1);
            final int follower = (leader + 1) % 3;
            m.postPositions(follower);
            m.play(0, m.frames.size());
            m.awaitAllClosed(leader);
            final long requests = m.awaitAllApplied(leader);
            m.stop();

            final String decisions = Files.readString(m.out(0));
            for (int i = 0; i < 3; i++)
            {
                assertEquals(decisions, Files.readString(m.out(i)), "member " + i + " decides as member 0");
                assertEquals(m.service(0).stateHash(), m.service(i).stateHash(), "member " + i + "'s state hash");
                assertEquals(requests, m.service(i).applied());
                final String said = m.stdout(i);
                final long forwarded = LiveMembers.count(said, "([\\d,]+) market events forwarded as leader");
                assertEquals(i == leader ? m.frames.size() : 0, forwarded, "only the leader forwards: " + said);
                // as a single live process does, each member writes its engine's latency log (here: its last interval, at the stop)
                assertTrue(m.tickToDecision(i).intervals.size() >= 1, "member " + i + "'s latency log");
            }
            assertClosedOnceEach(m.out(0), m.service(0).ordersSent() + m.service(1).ordersSent() + m.service(2).ordersSent());
            assertEquals(0, m.service(follower).ordersSent(), "a follower sends nothing");
        }
    }

    @Test
    void whenTheLeadersProcessStopsAnotherLeadsItsStreamsAndEveryCloseLeavesOnce() throws Exception
    {
        try (LiveMembers m = LiveMembers.onTheCapture(dir))
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
            assertTrue(LiveMembers.count(m.stdout(next), "([\\d,]+) market events forwarded as leader") > 0, "the new leader forwards");
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
}
