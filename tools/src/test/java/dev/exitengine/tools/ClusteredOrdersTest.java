package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.ClusterVenue;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.journal.cluster.LocalCluster;
import io.aeron.cluster.client.AeronCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders from a three-member {@link LocalCluster} to a fake venue outside it (one for all members, as an
 * exchange is; each member start gets its own gateway to it, whose answers go back through the log by the
 * member's {@link ClusterVenue}): only the leader sends, each close exactly once; the answers enter the
 * log, so every member ends in the same state; a new leader looks up the closes the old one left in flight;
 * cluster timers drive a time-out with no market data.
 */
class ClusteredOrdersTest
{
    private static final long FEED_CLIENT = 7;
    private static final long ENTRY = Fixed.parse("50000");
    private static final long EXIT = Fixed.parse("50300");
    private static final long QTY = Fixed.parse("0.1");

    private static EngineConfig config()
    {
        final EngineConfig config = RealScenario.clusterConfig();
        config.profiles.add(ExitProfile.builder("hold1m").maxHoldMinutes(1).build());
        return config;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void onlyTheLeaderSendsEachCloseOnceAndFillsComeBackThroughTheLog() throws Exception
    {
        final FakeVenue venue = new FakeVenue(EXIT);
        final Members m = new Members(venue, 0);
        try (LocalCluster cluster = m.start())
        {
            final int leader = cluster.awaitLeader(-1, 20_000);
            final int positions = 6;
            final ClusterIngressClient client = cluster.client(FEED_CLIENT);
            final ClusterInputEncoder feed = new ClusterInputEncoder(FEED_CLIENT, client);
            final long t0 = System.currentTimeMillis();
            for (int n = 0; n < positions; n++)
            {
                feed.fill(t0 + n, "trader-" + n, "BTCUSDT", n % 2 == 0 ? Side.BUY : Side.SELL, PositionSide.BOTH, QTY, ENTRY, Fixed.NONE,
                    "entry-" + n, "usd10");
            }
            // an operator closes one by hand (a command record); on the trade the other longs reach their
            // take-profit, the shorts their stop-loss
            feed.command(t0 + 500, Command.manualClose("trader-0", "BTCUSDT", PositionSide.BOTH));
            feed.trade(t0 + 1_000, "BTCUSDT", EXIT, QTY);
            feed.flush();
            assertTrue(client.awaitAcknowledged(20_000), "every input acknowledged");
            for (int i = 0; i < 3; i++)
            {
                awaitCounter(cluster, i, Counter.EXITS, positions);
                awaitCounter(cluster, i, Counter.EXITS_MANUAL, 1);
            }
            // the exchange's account view (a position snapshot record): flat, as the engine is
            feed.positionSnapshot(t0 + 2_000, "trader-0", List.of());
            feed.flush();
            assertTrue(client.awaitAcknowledged(20_000));
            // inputs of every member's engine: the feed's nine and the venue's two answers per close, all from the log
            final long inputs = feed.lastRequest() + 2L * positions;
            for (int i = 0; i < 3; i++)
            {
                final ClusteredExitEngine s = cluster.member(i).service();
                await(() -> s.engine().ingress().lastSeq() >= inputs, 20_000, () -> "inputs " + s.engine().ingress().lastSeq());
                assertEquals(inputs, s.engine().ingress().lastSeq(), "member " + i + ": inputs");
                assertEquals(0, s.engine().counters().get(Counter.INPUTS_REJECTED), "member " + i + ": " + s.lastError());
            }
            assertEquals(positions, venue.accepted().size(), "the venue took every close: " + venue.events());
            assertEquals(0, venue.duplicates(), "no close reached the venue twice: " + venue.events());
            for (final Accepted a : venue.accepted().values())
            {
                assertEquals(leader, a.member, "sent by the leader " + leader + ": " + venue.events());
                assertEquals("send", a.how);
            }
            final long hash = cluster.member(leader).service().stateHash();
            for (int i = 0; i < 3; i++)
            {
                final ClusteredExitEngine s = cluster.member(i).service();
                assertEquals(i == leader ? positions : 0, s.ordersSent(), "member " + i + ": closes handed to its venue");
                assertEquals(i == leader ? 0 : positions, s.ordersNotSent(), "member " + i + ": closes left to the leader");
                // the followers' venues never answered anything: their fills came through the log
                assertEquals(i == leader ? 2L * positions : 0, s.venue().answersSent(), "member " + i + ": answers (ack + fill each)");
                assertNull(s.venue().failure());
                assertEquals(0, s.unsupported() + s.malformed() + s.gaps(), "member " + i);
                assertEquals(hash, s.stateHash(), "member " + i + ": state hash");
                assertEquals(positions, m.decisions[i].count(DecisionType.CLOSE), "member " + i + ": " + m.decisions[i].lines);
                assertEquals(positions, m.decisions[i].count(DecisionType.EXIT), "member " + i + ": " + m.decisions[i].lines);
            }
            assertEquals(m.decisions[leader].lines, m.decisions[(leader + 1) % 3].lines, "the same decisions on every member");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNewLeaderLooksUpTheClosesTheOldOneLeftInFlight() throws Exception
    {
        final FakeVenue venue = new FakeVenue(EXIT);
        venue.holdSends = true;          // the venue takes a close and says nothing yet
        venue.dropFirstSendOf = "trader-1"; // this account's close is lost on its way: the venue never sees it
        final Members m = new Members(venue, 0);
        try (LocalCluster cluster = m.start())
        {
            final int first = cluster.awaitLeader(-1, 20_000);
            final ClusterIngressClient client = cluster.client(FEED_CLIENT);
            final ClusterInputEncoder feed = new ClusterInputEncoder(FEED_CLIENT, client);
            final long t0 = System.currentTimeMillis();
            feed.fill(t0, "trader-0", "BTCUSDT", Side.BUY, PositionSide.BOTH, QTY, ENTRY, Fixed.NONE, "entry-0", "usd10");
            feed.fill(t0 + 1, "trader-1", "BTCUSDT", Side.SELL, PositionSide.BOTH, QTY, ENTRY, Fixed.NONE, "entry-1", "usd10");
            feed.trade(t0 + 1_000, "BTCUSDT", EXIT, QTY);
            feed.flush();
            assertTrue(client.awaitAcknowledged(20_000), "every input acknowledged");
            await(() -> venue.events().size() >= 2, 20_000, () -> "the leader's two closes: " + venue.events());
            assertEquals(1, venue.accepted().size(), venue.events().toString());
            final Accepted held = venue.accepted().values().iterator().next();
            assertEquals(first, held.member, "the first leader sent it");
            final long dropped = venue.dropped();
            assertTrue(dropped > 0, venue.events().toString());
            for (int i = 0; i < 3; i++)
            {
                assertEquals(0, cluster.member(i).service().engine().counters().get(Counter.EXITS), "no fill in the log yet");
            }

            // the leader dies with both closes in flight: one the venue holds, one it never got
            cluster.stop(first);
            final int second = cluster.awaitLeader(first, 20_000);
            assertNotEquals(first, second);
            final int other = 3 - first - second;
            for (final int i : new int[] {second, other})
            {
                awaitCounter(cluster, i, Counter.EXITS, 2);
            }
            final ClusteredExitEngine lead = cluster.member(second).service();
            final ClusteredExitEngine follower = cluster.member(other).service();
            assertEquals(2, lead.lookUps(), "the new leader looked up both closes in flight");
            assertEquals(0, follower.lookUps());
            assertEquals(0, lead.ordersSent() + follower.ordersSent(), "nothing sent anew: both went by look-up");
            assertEquals(2, venue.accepted().size(), venue.events().toString());
            assertEquals(0, venue.duplicates(), "no close reached the venue twice: " + venue.events());
            final Accepted resent = venue.accepted().get(dropped);
            assertEquals(second, resent.member, "the lost close was sent by the new leader, " + venue.events());
            assertEquals("recover", resent.how, "under its own id, at the look-up");
            assertEquals(Set.of(held.clientOrderId, dropped), venue.lookedUp(second), "looked up by client order id: " + venue.events());
            assertEquals(lead.stateHash(), follower.stateHash(), "state hash of the running members");
            assertEquals(0, lead.unsupported() + lead.malformed() + lead.gaps());
            // the same decisions on both, each close decided once and completed once
            assertEquals(m.decisions[second].lines, m.decisions[other].lines);
            assertEquals(2, m.decisions[second].count(DecisionType.CLOSE), m.decisions[second].lines.toString());
            assertEquals(2, m.decisions[second].count(DecisionType.EXIT), m.decisions[second].lines.toString());
            assertEquals(0, m.decisions[second].count(DecisionType.REJECTED), m.decisions[second].lines.toString());
            System.out.printf("cluster orders failover: leader %d stopped with 2 closes in flight, new leader %d; venue: %s%n", first, second,
                venue.events());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void clusterTimersFireATimeOutWithoutMarketData() throws Exception
    {
        final FakeVenue venue = new FakeVenue(ENTRY);
        final Members m = new Members(venue, 100);
        try (LocalCluster cluster = m.start())
        {
            final int leader = cluster.awaitLeader(-1, 20_000);
            final ClusterIngressClient client = cluster.client(FEED_CLIENT);
            final ClusterInputEncoder feed = new ClusterInputEncoder(FEED_CLIENT, client);
            // held for one minute less a little: the cluster's clock reaches the time-out a moment from now
            final long opened = System.currentTimeMillis() - 59_000;
            feed.fill(opened, "trader-0", "BTCUSDT", Side.BUY, PositionSide.BOTH, QTY, ENTRY, Fixed.NONE, "entry-0", "hold1m");
            feed.flush();
            assertTrue(client.awaitAcknowledged(20_000));
            assertEquals(1, feed.lastRequest(), "one input from outside: the entry, no market data");
            for (int i = 0; i < 3; i++)
            {
                awaitCounter(cluster, i, Counter.EXITS_TIMEOUT, 1);
            }
            await(() -> hashesEqual(cluster), 10_000, () -> "equal state hashes");
            assertEquals(1, venue.accepted().size(), venue.events().toString());
            assertEquals(leader, venue.accepted().values().iterator().next().member);
            for (int i = 0; i < 3; i++)
            {
                final ClusteredExitEngine s = cluster.member(i).service();
                assertTrue(s.timerInputs() > 0, "member " + i + " took timer inputs");
                final List<String> closes = m.decisions[i].of(DecisionType.CLOSE);
                assertEquals(1, closes.size(), closes.toString());
                final String[] close = closes.get(0).split(" ");
                assertEquals(ExitReason.TIMEOUT.name(), close[2]);
                final long decidedAt = Long.parseLong(close[3]);
                assertTrue(decidedAt >= opened + 60_000 && decidedAt < opened + 70_000,
                    "decided at the first timer past the time-out: " + (decidedAt - opened) + " ms after the entry");
                assertEquals(1, m.decisions[i].count(DecisionType.EXIT), m.decisions[i].lines.toString());
                assertEquals(1, s.engine().counters().get(Counter.EXITS), "member " + i);
            }
            assertEquals(m.decisions[0].lines, m.decisions[1].lines);
            assertEquals(m.decisions[0].lines, m.decisions[2].lines);
        }
    }

    private static boolean hashesEqual(final LocalCluster cluster)
    {
        final long h = cluster.member(0).service().stateHash();
        return h == cluster.member(1).service().stateHash() && h == cluster.member(2).service().stateHash();
    }

    private static void awaitCounter(final LocalCluster cluster, final int i, final Counter c, final long value)
    {
        final ClusteredExitEngine s = cluster.member(i).service();
        await(() -> s.engine().counters().get(c) >= value, 20_000,
            () -> "member " + i + ": " + c + " " + s.engine().counters().get(c) + " of " + value + " (last error " + s.lastError() + ")");
        assertEquals(value, s.engine().counters().get(c), "member " + i + ": " + c);
    }

    private static void await(final BooleanSupplier condition, final long timeoutMs, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, what);
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** The three members, each start with a new gateway to the venue and an adapter of its own client id. */
    private static final class Members
    {
        final FakeVenue venue;
        final long timerIntervalMs;
        final Decisions[] decisions = {new Decisions(), new Decisions(), new Decisions()};
        final AtomicLong adapterIds = new AtomicLong(1_000);
        LocalCluster cluster;

        Members(final FakeVenue venue, final long timerIntervalMs)
        {
            this.venue = venue;
            this.timerIntervalMs = timerIntervalMs;
        }

        LocalCluster start()
        {
            final Supplier<AeronCluster.Context> contexts = () -> cluster.clientContexts().get();
            cluster = new LocalCluster(3, 0, i -> new ClusteredExitEngine(ClusteredOrdersTest::config, decisions[i],
                new ClusterVenue(venue.gateway(i), adapterIds.incrementAndGet(), contexts), timerIntervalMs));
            return cluster.start();
        }
    }

    /** Where a close was taken: by which member's gateway, and how (a send, or a look-up that found nothing). */
    private static final class Accepted
    {
        final long clientOrderId;
        final int member;
        final String how;

        Accepted(final long clientOrderId, final int member, final String how)
        {
            this.clientOrderId = clientOrderId;
            this.member = member;
            this.how = how;
        }
    }

    /**
     * The venue: takes closes by client order id (a second one under a taken id is a duplicate), fills each
     * in full at one price, answers ack then fill, or holds its answer until the order is looked up. It can
     * lose one account's first close on the way (as if the network ate it). A look-up of a taken close
     * answers its fill; of one it never got, takes it then (sent once, under the same id) and fills it.
     */
    private static final class FakeVenue
    {
        final long price;
        volatile boolean holdSends;
        volatile String dropFirstSendOf;
        private final Map<Long, Accepted> accepted = new LinkedHashMap<>();
        private final Map<Integer, Set<Long>> lookedUp = new LinkedHashMap<>();
        private final List<String> events = new ArrayList<>();
        private long dropped = -1;
        private int duplicates;

        FakeVenue(final long price)
        {
            this.price = price;
        }

        OrderGateway gateway(final int member)
        {
            return new OrderGateway()
            {
                private GatewayResponses answers;

                @Override
                public void bind(final GatewayResponses responses)
                {
                    answers = responses;
                }

                @Override
                public void send(final CloseOrder order)
                {
                    onSend(member, order, answers);
                }

                @Override
                public void recover(final CloseOrder order)
                {
                    onLookUp(member, order, answers);
                }
            };
        }

        synchronized void onSend(final int member, final CloseOrder order, final GatewayResponses answers)
        {
            events.add("send m" + member + " " + order.clientOrderIdText() + " " + order.account);
            if (order.account.equals(dropFirstSendOf))
            {
                dropFirstSendOf = null;
                dropped = order.clientOrderId;
                return;
            }
            if (take(member, order, "send") && !holdSends)
            {
                answer(order, order.qty, answers);
            }
        }

        synchronized void onLookUp(final int member, final CloseOrder order, final GatewayResponses answers)
        {
            events.add("look-up m" + member + " " + order.clientOrderIdText() + " filled " + order.filledQty);
            lookedUp.computeIfAbsent(member, k -> new HashSet<>()).add(order.clientOrderId);
            if (!accepted.containsKey(order.clientOrderId))
            {
                take(member, order, "recover");
            }
            answer(order, order.qty - order.filledQty, answers);
        }

        private boolean take(final int member, final CloseOrder order, final String how)
        {
            if (accepted.containsKey(order.clientOrderId))
            {
                duplicates++;
                return false;
            }
            accepted.put(order.clientOrderId, new Accepted(order.clientOrderId, member, how));
            return true;
        }

        private void answer(final CloseOrder order, final long qty, final GatewayResponses answers)
        {
            assertTrue(answers.ack(order.ts, order.clientOrderId));
            assertTrue(answers.fill(order.ts, order.clientOrderId, qty, price, Fixed.NONE));
        }

        synchronized Map<Long, Accepted> accepted()
        {
            return new LinkedHashMap<>(accepted);
        }

        synchronized Set<Long> lookedUp(final int member)
        {
            return new HashSet<>(lookedUp.getOrDefault(member, Set.of()));
        }

        synchronized List<String> events()
        {
            return new ArrayList<>(events);
        }

        synchronized long dropped()
        {
            return dropped;
        }

        synchronized int duplicates()
        {
            return duplicates;
        }
    }

    /** A member's decisions as "TYPE coid reason ts" lines, in order (written on its service thread). */
    private static final class Decisions implements DecisionListener
    {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onDecision(final Decision d, final Names names)
        {
            lines.add(d.type + " " + d.clientOrderId + " " + d.reason + " " + d.ts + " " + d.positionId);
        }

        List<String> of(final DecisionType type)
        {
            synchronized (lines)
            {
                final List<String> out = new ArrayList<>();
                for (final String l : lines)
                {
                    if (l.startsWith(type.name() + " "))
                    {
                        out.add(l);
                    }
                }
                return out;
            }
        }

        int count(final DecisionType type)
        {
            return of(type).size();
        }
    }
}
