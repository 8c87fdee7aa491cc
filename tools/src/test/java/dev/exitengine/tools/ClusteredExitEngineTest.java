package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;

import dev.exitengine.core.order.OrderGateway;

import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.journal.cluster.LocalCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@link ClusteredExitEngine} members in this JVM ({@link LocalCluster}) fed the bundled real session
 * with the demo's entries through a cluster client decide what a single process decides, member for
 * member, with equal state hashes; also when the leader dies mid-run (the client resends what was not
 * acknowledged, the members skip what they applied) and when that member comes back from its snapshot.
 */
class ClusteredExitEngineTest
{
    private static final int POSITIONS = 36;
    private static final int INTERVAL = Math.max(1, 21_313 / (POSITIONS + 1));
    private static final long CLIENT_ID = 7;

    private static List<String> expectedDecisions;
    private static long expectedHash;
    private static long expectedInputs;

    private static EngineConfig config()
    {
        final EngineConfig config = RealScenario.clusterConfig();
        return config;
    }

    /** The same inputs through one process. */
    @BeforeAll
    static void singleProcess() throws Exception
    {
        final Decisions decisions = new Decisions();
        try (ExitEngine engine = ExitEngine.builder(config()).journal(JournalPort.NONE).gateway(OrderGateway.NONE).listener(decisions)
            .build().start())
        {
            FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(new DemoEntries(engine.inputs(), INTERVAL, POSITIONS, "usd10"));
            engine.awaitQuiet();
            expectedHash = engine.evaluator().stateHash();
            expectedInputs = engine.ingress().lastSeq();
        }
        expectedDecisions = decisions.lines;
        assertTrue(expectedDecisions.size() >= POSITIONS, "the session decides a close for most positions: " + expectedDecisions.size());
    }

    /** With a driver per member, as on machines of their own, and on one media driver shared by the members and the client. */
    @ParameterizedTest(name = "shared driver: {0}")
    @ValueSource(booleans = {true, false})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threeMembersDecideAsOneProcess(final boolean sharedDriver) throws Exception
    {
        final Decisions[] decisions = {new Decisions(), new Decisions(), new Decisions()};
        try (LocalCluster cluster = new LocalCluster(3, ClusteredExitEngineTest::config, i -> decisions[i]).sharedDriver(sharedDriver).start())
        {
            cluster.awaitLeader(-1, 20_000);
            for (int i = 0; i < 3; i++)
            {
                assertEquals(sharedDriver, cluster.member(i).node().config().sharedDriver());
            }
            final ClusterIngressClient client = cluster.client(CLIENT_ID);
            final ClusterInputEncoder encoder = new ClusterInputEncoder(CLIENT_ID, client);
            FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(new DemoEntries(encoder, INTERVAL, POSITIONS, "usd10"));
            encoder.flush();
            assertTrue(client.awaitAcknowledged(20_000), "every request acknowledged");
            assertEquals(encoder.lastRequest(), client.acknowledged());
            for (int i = 0; i < 3; i++)
            {
                assertMemberAsSingleProcess(cluster, i, encoder.lastRequest(), decisions[i].lines);
            }
            if (sharedDriver)
            {
                // a member restarted in place on the driver it shared would meet its predecessor's counters and endpoints
                final int follower = (cluster.awaitLeader(-1, 20_000) + 1) % 3;
                cluster.stop(follower);
                final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cluster.restart(follower));
                assertTrue(refused.getMessage().contains("restarts need sharedDriver(false)"), refused.getMessage());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void leaderDiesMidRunThenComesBackFromItsSnapshot() throws Exception
    {
        final Decisions[] decisions = {new Decisions(), new Decisions(), new Decisions()};
        try (LocalCluster cluster = new LocalCluster(3, ClusteredExitEngineTest::config, i -> decisions[i]).start())
        {
            final int firstLeader = cluster.awaitLeader(-1, 20_000);
            final ClusterIngressClient client = cluster.client(CLIENT_ID);
            final int[] messages = {0};
            final int[] killed = {-1};
            final ClusterInputEncoder encoder = new ClusterInputEncoder(CLIENT_ID, (buffer, offset, length, lastRequest) ->
            {
                client.send(buffer, offset, length, lastRequest);
                messages[0]++;
                if (messages[0] == 20)
                {
                    // a snapshot on every member, a third of the way in
                    cluster.snapshot(20_000);
                }
                if (messages[0] == 40)
                {
                    // the leader dies with requests in flight: the client goes on with the new one
                    killed[0] = cluster.awaitLeader(-1, 20_000);
                    cluster.stop(killed[0]);
                }
            });
            FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(new DemoEntries(encoder, INTERVAL, POSITIONS, "usd10"));
            encoder.flush();
            assertTrue(killed[0] >= 0, "the leader was stopped mid-run (messages sent: " + messages[0] + ")");
            assertTrue(client.awaitAcknowledged(30_000), "every request acknowledged");
            assertEquals(encoder.lastRequest(), client.acknowledged());
            final int newLeader = cluster.awaitLeader(killed[0], 20_000);
            assertTrue(newLeader != killed[0]);
            assertTrue(client.leaderChanges() >= 1, "the client saw the new leader");
            for (int i = 0; i < 3; i++)
            {
                if (i != killed[0])
                {
                    assertMemberAsSingleProcess(cluster, i, encoder.lastRequest(), decisions[i].lines);
                }
            }
            // the old leader comes back: its snapshot, then the log after it, from the others
            decisions[killed[0]].lines.clear();
            cluster.restart(killed[0]);
            awaitApplied(cluster, killed[0], encoder.lastRequest());
            final ClusteredExitEngine back = cluster.member(killed[0]).service();
            assertEquals(expectedHash, back.stateHash(), "member " + killed[0] + " restarted from its snapshot catches up");
            assertEquals(0, back.gaps());
            // on the way back it first told its listeners the levels of every position its snapshot holds, then decided the
            // tail of the run's decisions (those after its snapshot)
            final List<String> all = decisions[killed[0]].lines;
            final long snapshotSeq = field(all.get(0), "seq");
            int announced = 0;
            while (announced < all.size() && all.get(announced).startsWith("{\"type\":\"levels\"") && field(all.get(announced), "seq") == snapshotSeq)
            {
                announced++;
            }
            assertTrue(announced > 0, "positions were open at the snapshot");
            assertEquals(openAt(expectedDecisions, snapshotSeq, field(all.get(0), "ts")), all.subList(0, announced),
                "the snapshot's open positions, re-announced");
            final List<String> tail = all.subList(announced, all.size());
            assertTrue(tail.size() < expectedDecisions.size(), "it started from its snapshot, not from the log's beginning");
            assertEquals(expectedDecisions.subList(expectedDecisions.size() - tail.size(), expectedDecisions.size()), tail);
            System.out.printf("cluster failover: first leader %d stopped after 40 of %d messages (%d requests), new leader %d; client resends %d,"
                + " reconnects %d; restarted member re-decided %d of %d decisions%n", firstLeader, messages[0], encoder.lastRequest(), newLeader, client.resends(),
                client.reconnects(), tail.size(), expectedDecisions.size());
        }
    }

    /** Each position open after input {@code seq}: its latest levels line up to there, stamped {@code seq} and {@code ts}, by position id. */
    private static List<String> openAt(final List<String> decisions, final long seq, final long ts)
    {
        final java.util.TreeMap<Long, String> open = new java.util.TreeMap<>();
        for (final String d : decisions)
        {
            if (field(d, "seq") > seq || !d.contains("\"positionId\""))
            {
                continue;
            }
            final long id = field(d, "positionId");
            if (d.startsWith("{\"type\":\"levels\"") && !d.contains("\"qty\":\"0\""))
            {
                open.put(id, d.replaceFirst("\"seq\":\\d+", "\"seq\":" + seq).replaceFirst("\"ts\":\\d+", "\"ts\":" + ts));
            }
            else if (d.startsWith("{\"type\":\"exit\"") || d.startsWith("{\"type\":\"quarantine\"") || d.startsWith("{\"type\":\"levels\""))
            {
                open.remove(id);
            }
        }
        return new java.util.ArrayList<>(open.values());
    }

    private static long field(final String line, final String name)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void assertMemberAsSingleProcess(final LocalCluster cluster, final int i, final long requests, final List<String> decisions)
    {
        awaitApplied(cluster, i, requests);
        final ClusteredExitEngine service = cluster.member(i).service();
        assertEquals(requests, service.applied(), "member " + i + ": every request applied once");
        assertEquals(0, service.gaps(), "member " + i + ": no request skipped");
        assertEquals(0, service.unsupported() + service.malformed(), "member " + i);
        assertEquals(expectedInputs, service.engine().ingress().lastSeq(), "member " + i + ": the engine's inputs");
        assertEquals(expectedHash, service.stateHash(), "member " + i + ": state hash");
        assertEquals(expectedDecisions, decisions, "member " + i + ": decisions");
    }

    private static void awaitApplied(final LocalCluster cluster, final int i, final long requests)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cluster.member(i).service().applied() < requests)
        {
            assertTrue(System.nanoTime() < deadline, "member " + i + " applied " + cluster.member(i).service().applied() + " of " + requests);
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** A member's decisions as JSON lines, in order (written on the service thread, read once the log is quiet). */
    private static final class Decisions implements DecisionListener
    {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onDecision(final dev.exitengine.core.event.Decision decision, final dev.exitengine.core.api.Names names)
        {
            lines.add(DecisionJson.toJson(decision, names));
        }
    }
}
