package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.cluster.AccountShards;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.LocalCluster;
import dev.exitengine.journal.cluster.ShardRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharding by account ({@link AccountShards}, {@link ShardRouter}): the bundled real session with the demo's
 * 36 entries spread over five accounts (hedge mode, both sides each), then a fill of every close decided,
 * routed to two shards, decides per account exactly what one process running everything decides (up to the
 * engine-local numbers: input seq, position ids), each account's decisions in its own shard only; the same
 * through two one-member clusters; a router replaced mid-run routes on exactly as before.
 */
class AccountShardsTest
{
    private static final int POSITIONS = 36;
    private static final int INTERVAL = Math.max(1, 21_313 / (POSITIONS + 1));
    private static final int ACCOUNTS = 5;
    /** acct-4 is placed explicitly; the others go by the hash. */
    private static final Map<String, Integer> ASSIGNED = Map.of("acct-4", 1);
    private static final Pattern ACCOUNT = Pattern.compile("\"account\":\"([^\"]*)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":\\d+,");
    private static final Pattern POSITION = Pattern.compile("\"positionId\":(\\d+)");
    private static final Pattern COID = Pattern.compile("\"clientOrderId\":\"xe-(\\d+)-(\\d+)\"");
    private static final Pattern CLOSE = Pattern.compile("^\\{\"type\":\"close\".*\"account\":\"([^\"]*)\".*\"qty\":\"([^\"]*)\".*"
        + "\"price\":\"([^\"]*)\",\"clientOrderId\":\"(xe-\\d+-\\d+)\"");

    /** One process: the session's decisions, then those of the whole run with the closes filled. */
    private static List<String> singleSession;
    private static List<String> single;

    private static EngineConfig config()
    {
        final EngineConfig config = RealScenario.clusterConfig();
        return config;
    }

    private static AccountShards shards()
    {
        return new AccountShards(2, ASSIGNED, 1);
    }

    private static ExitEngine engine(final EngineConfig config, final DecisionListener listener)
    {
        return ExitEngine.builder(config).journal(JournalPort.NONE).gateway(OrderGateway.NONE).listener(listener).build().start();
    }

    @BeforeAll
    static void singleProcess() throws Exception
    {
        final Decisions d = new Decisions();
        try (ExitEngine engine = engine(config(), d))
        {
            final Spread spread = session(engine.inputs());
            singleSession = new ArrayList<>(d.lines);
            fillCloses(engine.inputs(), spread.lastTs, d.lines);
            engine.awaitQuiet();
        }
        single = d.lines;
        final long closes = singleSession.stream().filter(l -> l.startsWith("{\"type\":\"close\"")).count();
        assertTrue(closes >= 8, "the session decides closes: " + closes + " of " + singleSession.size() + " decisions");
        assertTrue(single.stream().filter(l -> l.startsWith("{\"type\":\"exit\"")).count() >= closes, "every close filled is an exit");
    }

    @Test
    void accountsMapStablyAndClientOrderIdsByRange()
    {
        // FNV-1a 32 test vectors: the function is fixed by AccountShards alone
        assertEquals(0x811C9DC5, AccountShards.hash(""));
        assertEquals(0xE40C292C, AccountShards.hash("a"));
        assertEquals(0xBF9CF968, AccountShards.hash("foobar"));
        assertEquals(AccountShards.hash("é"), fnv(new byte[] {(byte)0xC3, (byte)0xA9}));
        assertEquals(AccountShards.hash("€😀"), fnv("€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        final AccountShards a = shards();
        final AccountShards b = new AccountShards(2, AccountShards.parseAssignments("acct-4=1"), 1);
        for (int i = 0; i < 1000; i++)
        {
            final String account = "acct-" + i;
            assertEquals(a.shardOf(account), b.shardOf(account), account);
            assertEquals(i == 4 ? 1 : Math.floorMod(AccountShards.hash(account), 2), a.shardOf(account), account);
        }
        assertEquals(1, a.shardOf("acct-4"));
        assertEquals(1, a.firstPositionId(0));
        assertEquals(1 + AccountShards.POSITION_ID_SPAN, a.firstPositionId(1));
        assertEquals(0, a.shardOfClientOrderId("xe-1-1"));
        assertEquals(1, a.shardOfClientOrderId("xe-" + (1 + AccountShards.POSITION_ID_SPAN) + "-3"));
        assertEquals(AccountShards.NONE, a.shardOfClientOrderId("xe-" + (1 + 2 * AccountShards.POSITION_ID_SPAN) + "-1"));
        assertEquals(AccountShards.NONE, a.shardOfClientOrderId("not-ours"));
        assertThrows(IllegalArgumentException.class, () -> new AccountShards(2, Map.of("x", 2), 1));
        assertThrows(IllegalArgumentException.class, () -> new AccountShards(64, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new AccountShards(1 << 23, null, 1)); // would overflow a long
        assertEquals(63, new AccountShards(63, null, 1).count());
    }

    private static int fnv(final byte[] bytes)
    {
        int h = 0x811C9DC5;
        for (final byte b : bytes)
        {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twoEnginesDecidePerAccountAsOneProcess() throws Exception
    {
        final AccountShards shards = shards();
        final Decisions[] d = {new Decisions(), new Decisions()};
        try (ExitEngine e0 = engine(shards.configure(0, config()), d[0]); ExitEngine e1 = engine(shards.configure(1, config()), d[1]))
        {
            final ShardRouter router = new ShardRouter(shards, List.of(e0.inputs(), e1.inputs()));
            final Spread spread = session(router);
            final List<String> closes = new ArrayList<>(d[0].lines);
            closes.addAll(d[1].lines);
            fillCloses(router, spread.lastTs, closes);
            e0.awaitQuiet();
            e1.awaitQuiet();
            assertEquals(0, router.unrouted(), "every close's fill found the shard that sent it");
            assertTrue(router.routed(0) > 0 && router.routed(1) > 0, "both shards have accounts");
        }
        assertShardedAsSingle(shards, single, d);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoOneMemberClustersDecidePerAccountAsOneProcess() throws Exception
    {
        final AccountShards shards = shards();
        final Decisions[] d = {new Decisions(), new Decisions()};
        try (LocalCluster c0 = new LocalCluster(1, () -> shards.configure(0, config()), i -> d[0]).start())
        {
            try (LocalCluster c1 = new LocalCluster(1, () -> shards.configure(1, config()), i -> d[1]).start())
            {
                final LocalCluster[] clusters = {c0, c1};
                final List<ClusterInputEncoder> encoders = new ArrayList<>();
                final List<ClusterIngressClient> clients = new ArrayList<>();
                for (final LocalCluster c : clusters)
                {
                    c.awaitLeader(-1, 20_000);
                    final ClusterIngressClient client = c.client(1);
                    clients.add(client);
                    encoders.add(new ClusterInputEncoder(1, client));
                }
                session(new ShardRouter(shards, encoders));
                for (int k = 0; k < 2; k++)
                {
                    encoders.get(k).flush();
                    assertTrue(clients.get(k).awaitAcknowledged(20_000), "shard " + k + ": every request acknowledged");
                    final long requests = encoders.get(k).lastRequest();
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (clusters[k].member(0).service().applied() < requests)
                    {
                        assertTrue(System.nanoTime() < deadline, "shard " + k + " applies its requests");
                        Thread.sleep(1);
                    }
                    assertEquals(0, clusters[k].member(0).service().gaps() + clusters[k].member(0).service().unsupported());
                }
            }
        }
        assertShardedAsSingle(shards, singleSession, d);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRestartedRouterRoutesAsBefore() throws Exception
    {
        final List<List<String>> uninterrupted = shardedRun(Integer.MAX_VALUE);
        // the router (and its AccountShards) thrown away half-way through the session, a new one built from the configuration
        final List<List<String>> restarted = shardedRun(10_000);
        assertEquals(uninterrupted, restarted, "the same decisions in the same shards, number for number");
    }

    /** Two engines behind a router that is replaced by a new one after {@code restartAfterTrades} trades. */
    private static List<List<String>> shardedRun(final int restartAfterTrades) throws Exception
    {
        final Decisions[] d = {new Decisions(), new Decisions()};
        try (ExitEngine e0 = engine(shards().configure(0, config()), d[0]); ExitEngine e1 = engine(shards().configure(1, config()), d[1]))
        {
            final List<InputSink> sinks = List.of(e0.inputs(), e1.inputs());
            final int[] trades = {0};
            final ShardRouter[] router = {new ShardRouter(shards(), sinks)};
            final InputSink relay = new NoOpSinkRelay(() -> router[0])
            {
                @Override
                public void trade(final long ts, final String symbol, final long price, final long qty)
                {
                    if (++trades[0] == restartAfterTrades)
                    {
                        router[0] = new ShardRouter(new AccountShards(2, AccountShards.parseAssignments("acct-4=1"), 1), sinks);
                    }
                    super.trade(ts, symbol, price, qty);
                }
            };
            final Spread spread = session(relay);
            final List<String> closes = new ArrayList<>(d[0].lines);
            closes.addAll(d[1].lines);
            fillCloses(relay, spread.lastTs, closes);
            e0.awaitQuiet();
            e1.awaitQuiet();
        }
        return List.of(d[0].lines, d[1].lines);
    }

    /** Per account the same decisions as one process, each account's decisions in its shard only. */
    private static void assertShardedAsSingle(final AccountShards shards, final List<String> expected, final Decisions[] d)
    {
        final Map<String, List<String>> want = byAccount(expected);
        final Map<String, List<String>> got = new TreeMap<>();
        for (int k = 0; k < d.length; k++)
        {
            final Map<String, List<String>> own = byAccount(d[k].lines);
            for (final Map.Entry<String, List<String>> e : own.entrySet())
            {
                assertEquals(k, shards.shardOf(e.getKey()), "account '" + e.getKey() + "' decided in shard " + k + " only");
                assertTrue(got.put(e.getKey(), e.getValue()) == null, "account '" + e.getKey() + "' in one shard only");
            }
        }
        assertEquals(ACCOUNTS, want.size(), "decisions of every account, none without one: " + want.keySet());
        assertEquals(want.keySet(), got.keySet());
        for (final String account : want.keySet())
        {
            assertEquals(want.get(account), got.get(account), "account " + account);
        }
        assertTrue(d[0].lines.size() > 0 && d[1].lines.size() > 0, "both shards decide: " + d[0].lines.size() + ", " + d[1].lines.size());
    }

    /**
     * Decisions by account, in order, without the engine-local numbers: the input seq is dropped, a position
     * id (also inside a client order id) becomes its ordinal among the account's positions.
     */
    static Map<String, List<String>> byAccount(final List<String> lines)
    {
        final Map<String, List<String>> out = new TreeMap<>();
        final Map<String, Map<String, Integer>> ordinals = new HashMap<>();
        for (final String line : lines)
        {
            final Matcher a = ACCOUNT.matcher(line);
            final String account = a.find() ? a.group(1) : "";
            final Map<String, Integer> ids = ordinals.computeIfAbsent(account, x -> new HashMap<>());
            String s = SEQ.matcher(line).replaceFirst("");
            s = COID.matcher(s).replaceAll(m -> "\"clientOrderId\":\"xe-p" + ids.computeIfAbsent(m.group(1), x -> ids.size() + 1) + "-" + m.group(2) + "\"");
            s = POSITION.matcher(s).replaceAll(m -> "\"positionId\":\"p" + ids.computeIfAbsent(m.group(1), x -> ids.size() + 1) + "\"");
            out.computeIfAbsent(account, x -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** The bundled session with the demo's entries spread over the accounts into {@code sink}. */
    private static Spread session(final InputSink sink) throws Exception
    {
        final Spread spread = new Spread(sink);
        FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(new DemoEntries(spread, INTERVAL, POSITIONS, "usd10"));
        return spread;
    }

    /** A fill of every close decided (account by account, each in its order), as the venue would answer. */
    private static void fillCloses(final InputSink sink, final long lastTs, final List<String> decisions)
    {
        final Map<String, List<String[]>> closes = new TreeMap<>();
        for (final String line : decisions)
        {
            final Matcher m = CLOSE.matcher(line);
            if (m.find())
            {
                closes.computeIfAbsent(m.group(1), x -> new ArrayList<>()).add(new String[] {m.group(2), m.group(3), m.group(4)});
            }
        }
        for (final List<String[]> own : closes.values())
        {
            for (final String[] c : own)
            {
                sink.orderFill(lastTs + 1, c[2], Fixed.parse(c[0]), Fixed.parse(c[1]), Fixed.NONE);
            }
        }
    }

    /** The demo's entries (one account each) onto {@value #ACCOUNTS} accounts, both sides each in hedge mode. */
    private static final class Spread extends NoOpSinkRelay
    {
        long lastTs;

        Spread(final InputSink next)
        {
            super(() -> next);
        }

        @Override
        public void trade(final long ts, final String symbol, final long price, final long qty)
        {
            lastTs = Math.max(lastTs, ts);
            super.trade(ts, symbol, price, qty);
        }

        @Override
        public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
            final long qty, final long price, final long fee, final String orderId, final String profile)
        {
            final int n = Integer.parseInt(account.substring("trader-".length())) - 1;
            super.fill(ts, "acct-" + n % ACCOUNTS, symbol, side, side == Side.BUY ? PositionSide.LONG : PositionSide.SHORT, qty, price, fee,
                orderId, profile);
        }
    }

    /** Passes every input to the sink the supplier gives at that moment. */
    private static class NoOpSinkRelay implements InputSink
    {
        private final Supplier<InputSink> next;

        NoOpSinkRelay(final Supplier<InputSink> next)
        {
            this.next = next;
        }

        @Override
        public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
            final long takerFee)
        {
            next.get().instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
        }

        @Override
        public void profile(final ExitProfile profile)
        {
            next.get().profile(profile);
        }

        @Override
        public void trade(final long ts, final String symbol, final long price, final long qty)
        {
            next.get().trade(ts, symbol, price, qty);
        }

        @Override
        public void quote(final long ts, final String symbol, final long bid, final long ask)
        {
            next.get().quote(ts, symbol, bid, ask);
        }

        @Override
        public void mark(final long ts, final String symbol, final long price)
        {
            next.get().mark(ts, symbol, price);
        }

        @Override
        public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
            final long qty, final long price, final long fee, final String orderId, final String profile)
        {
            next.get().fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
        }

        @Override
        public void command(final long ts, final dev.exitengine.core.ingest.Command command)
        {
            next.get().command(ts, command);
        }

        @Override
        public void timer(final long ts)
        {
            next.get().timer(ts);
        }

        @Override
        public void orderAck(final long ts, final String clientOrderId)
        {
            next.get().orderAck(ts, clientOrderId);
        }

        @Override
        public void orderReject(final long ts, final String clientOrderId, final String reason)
        {
            next.get().orderReject(ts, clientOrderId, reason);
        }

        @Override
        public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
        {
            next.get().orderFill(ts, clientOrderId, qty, price, fee);
        }

        @Override
        public void orderExpired(final long ts, final String clientOrderId)
        {
            next.get().orderExpired(ts, clientOrderId);
        }

        @Override
        public void positionSnapshot(final long ts, final String account, final List<dev.exitengine.core.ingest.SnapshotPosition> positions)
        {
            next.get().positionSnapshot(ts, account, positions);
        }

        @Override
        public void position(final String source, final long line)
        {
            next.get().position(source, line);
        }

        @Override
        public void rejected(final String where, final String what)
        {
            next.get().rejected(where, what);
        }
    }

    /** Decisions as JSON lines, in order. */
    private static final class Decisions implements DecisionListener
    {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onDecision(final Decision decision, final Names names)
        {
            lines.add(DecisionJson.toJson(decision, names));
        }
    }
}
