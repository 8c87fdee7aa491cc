package dev.exitengine.tools.live;

import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.gateway.binance.LocalTradingVenue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real closes ({@code "dryRun": false}) from {@code live} as a cluster of three members, against a local
 * Binance that verifies every signature ({@link LocalTradingVenue}): every member opens the account (its
 * user data stream hears every order of it), only the leader forwards what the account's stream says and
 * only the leader sends; the one close's fill enters the log once and every member exits at the exact net
 * PnL. With the close lost on its way and the leader's process stopped before it learns that, the new
 * leader looks the close up by its client order id, and sends it once, under the same id. Safety stops on
 * the venue are placed by the leader alone and taken over by the next one.
 */
class ClusteredLiveRealOrdersTest
{
    /** The cluster's first position id: its client order ids are {@code xe-17650000000000-<attempt>}. */
    private static final long FIRST_POSITION_ID = 17_650_000_000_000L;

    @TempDir
    Path dir;

    private LocalBinanceVenue market;
    private LocalTradingVenue venue;
    private LocalTradingVenue.Account account;
    private LiveMembers members;
    private long ts;
    private long aggId = 1_000;
    /** More of the venue section (e.g. a safety stop). */
    private String extraVenue = "";

    @BeforeEach
    void venues()
    {
        market = LocalBinanceVenue.start();
        venue = LocalTradingVenue.start();
        account = venue.account("a1", LiveRealOrdersTest.API_KEY, LiveRealOrdersTest.SECRET);
    }

    @AfterEach
    void stop() throws Exception
    {
        if (members != null)
        {
            members.close();
        }
        else
        {
            market.close();
        }
        venue.close();
    }

    private void start() throws Exception
    {
        members = new LiveMembers(dir, market, List.of(), i -> "\"profiles\": [{\"name\": \"usd10\", \"takeProfit\": {\"netProfit\": "
            + "\"10\"}, \"stopLoss\": {\"netLoss\": \"10\"}}], \"defaultProfile\": \"usd10\", \"venue\": {\"wsUrl\": \"" + market.wsUrl()
            + "\", \"restUrl\": \"" + venue.restUrl() + "\", \"wsApiUrl\": \"" + venue.wsApiUrl() + "\", \"privateWsUrl\": \""
            + venue.wsUrl() + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\"], \"timerMs\": 3600000, \"dryRun\": false," + extraVenue
            + " \"accounts\": [{\"name\": \"a1\", \"apiKeyEnv\": \"A1_API_KEY\", \"secretEnv\": \"A1_API_SECRET\"}]}, \"admin\": {\"port\": 0}",
            ", \"firstPositionId\": " + FIRST_POSITION_ID,
            Map.of("A1_API_KEY", LiveRealOrdersTest.API_KEY, "A1_API_SECRET", LiveRealOrdersTest.SECRET)::get);
        assertTrue(venue.awaitUserStreams(LiveMembers.SIZE, Duration.ofSeconds(10)), "every member's user data stream connects");
        LiveMembers.awaitTrue(() -> venue.wsApiConnections() >= LiveMembers.SIZE, "every member's WebSocket API connects", 10);
        // each member reads the account's positions at its start, again when its user stream is up (as a resumed run), and the
        // leader once more when it starts leading: a fill pushed while one of those reads is under way is in the read's
        // snapshot and in the stream, and the engine would take it twice (levels of 0.02), so the first fill waits for them
        LiveMembers.awaitTrue(() -> positionReads() >= 2L * LiveMembers.SIZE + 1, "the members' position reads", 30);
        Thread.sleep(300);
        ts = venue.serverTime();
    }

    /** One aggTrade frame at the venue's time now, to every member's market stream. */
    private void trade(final String price)
    {
        ts = Math.max(ts + 1, venue.serverTime());
        aggId++;
        market.broadcast(LiveRealOrdersTest.aggTrade(ts, aggId, price));
    }

    /** The entry on the account's user stream (heard by every member, forwarded by the leader): every member has its levels. */
    private void openPosition() throws InterruptedException
    {
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        for (int i = 0; i < LiveMembers.SIZE; i++)
        {
            final int member = i;
            LiveMembers.awaitTrue(() -> members.decisions(member, "levels").size() == 1, "member " + i + "'s levels", 30);
        }
        // net +10 after a 0.3 entry commission and the taker rate on the way out: the target is 61,060.6
        venue.fillPrice("BTCUSDT", "61100.0");
    }

    private void assertExitedOnceAtTheExactNetPnl(final int member) throws InterruptedException
    {
        LiveMembers.awaitTrue(() -> !members.decisions(member, "exit").isEmpty(), "member " + member + "'s exit", 30);
        final List<String> exits = members.decisions(member, "exit");
        assertEquals(1, exits.size(), exits.toString());
        assertTrue(exits.get(0).contains("\"reason\":\"TAKE_PROFIT\""), exits.get(0));
        assertTrue(exits.get(0).contains("\"exitPrice\":\"61100\""), exits.get(0));
        // gross 0.01 × 1,100 = 11; fees 0.3 (entry) + 0.3055 (exit, 0.05 % of 611) = 0.6055
        assertTrue(exits.get(0).contains("\"fees\":\"0.6055\""), exits.get(0));
        assertTrue(exits.get(0).contains("\"netPnl\":\"10.3945\""), exits.get(0));
    }

    @Test
    void onlyTheLeaderSendsTheOneCloseAndEveryMemberExitsAtTheExactNetPnl() throws Exception
    {
        start();
        final int leader = members.awaitLeader(-1);
        openPosition();
        trade("61100.0");
        for (int i = 0; i < LiveMembers.SIZE; i++)
        {
            assertExitedOnceAtTheExactNetPnl(i);
        }
        assertEquals(1, venue.ordersPlaced().size(), "one close for one exit: " + venue.ordersPlaced());
        final LocalTradingVenue.PlacedOrder close = venue.ordersPlaced().get(0);
        assertEquals("xe-" + FIRST_POSITION_ID + "-1", close.clientOrderId());
        assertTrue(close.reduceOnly(), "a one-way close is reduce-only");
        assertTrue(venue.requests().stream().filter(r -> r.params().containsKey("signature"))
            .allMatch(LocalTradingVenue.Request::signatureVerified), "every signed request signed right");
        members.awaitAllApplied(leader);
        for (int i = 0; i < LiveMembers.SIZE; i++)
        {
            assertEquals(members.service(leader).stateHash(), members.service(i).stateHash(), "member " + i + "'s state hash");
            assertEquals(i == leader ? 1 : 0, members.service(i).ordersSent(), "member " + i + " sent");
        }
    }

    @Test
    void aCloseLostWhenTheLeaderStopsIsLookedUpByTheNewLeaderAndSentOnceUnderItsId() throws Exception
    {
        // the leader's close goes out and is lost on the way (no answer, never executed); its process stops before it learns that
        venue.faults().nextOrder().swallow();
        start();
        final int leader = members.awaitLeader(-1);
        openPosition();
        trade("61100.0");
        LiveMembers.awaitTrue(() -> venue.orderRequests().size() == 1, "the close goes out", 30);
        members.stop(leader);
        final int next = members.awaitLeader(leader);

        final int other = 3 - leader - next;
        assertExitedOnceAtTheExactNetPnl(next);
        assertExitedOnceAtTheExactNetPnl(other);
        assertEquals(1, venue.ordersPlaced().size(), "sent once more, and only once: " + venue.ordersPlaced());
        assertEquals("xe-" + FIRST_POSITION_ID + "-1", venue.ordersPlaced().get(0).clientOrderId(), "under the same id");
        assertEquals(1, members.service(next).lookUps(), "the new leader looked up the close in flight");
        members.awaitAllApplied(next);
        assertEquals(members.service(next).stateHash(), members.service(other).stateHash());
        assertEquals(members.decisions(next, "exit"), members.decisions(other, "exit"));
    }

    @Test
    void onlyTheLeaderPlacesTheSafetyStopAndTheNextLeaderTakesItOverAndCancelsItAfterTheExit() throws Exception
    {
        extraVenue = " \"safetyStop\": {\"distancePct\": \"1\", \"minMoveMs\": 1000},";
        start();
        final int leader = members.awaitLeader(-1);
        openPosition();
        final String safetyId = "xs-" + FIRST_POSITION_ID + "-1";
        LiveMembers.awaitTrue(() -> algoRequests("POST").size() == 1, "the leader's safety stop", 30);
        final LocalTradingVenue.Request placed = algoRequests("POST").get(0);
        assertEquals(safetyId, placed.params().get("clientAlgoId"));
        assertEquals("STOP_MARKET", placed.params().get("type"));
        // 1 % below the engine's stop of 59,059.6, on the tick grid, rounded away from the market
        assertEquals("58469", placed.params().get("triggerPrice"));

        final long readsBefore = openAlgoReads();
        members.stop(leader);
        final int next = members.awaitLeader(leader);
        // the new leader reads what is open on the venue and takes it as its own: the same stop, nothing placed again
        LiveMembers.awaitTrue(() -> openAlgoReads() > readsBefore, "the new leader reads the open safety stops", 30);
        trade("61100.0");
        assertExitedOnceAtTheExactNetPnl(next);
        LiveMembers.awaitTrue(() -> !algoRequests("DELETE").isEmpty(), "the new leader cancels the safety stop after the exit", 30);
        assertEquals(safetyId, algoRequests("DELETE").get(0).params().get("clientAlgoId"));
        assertEquals(1, algoRequests("POST").size(), "one safety stop placed in all: " + algoRequests("POST"));
        assertEquals(1, algoRequests("DELETE").size(), "cancelled once: " + algoRequests("DELETE"));
        assertEquals(1, venue.ordersPlaced().size(), "one close: " + venue.ordersPlaced());
    }

    private List<LocalTradingVenue.Request> algoRequests(final String method)
    {
        return venue.requests().stream().filter(r -> method.equals(r.method()) && r.path().endsWith("/fapi/v1/algoOrder")).toList();
    }

    private long positionReads()
    {
        return venue.requests().stream().filter(r -> "GET".equals(r.method()) && r.path().endsWith("/fapi/v3/positionRisk")).count();
    }

    private long openAlgoReads()
    {
        return venue.requests().stream().filter(r -> "GET".equals(r.method()) && r.path().endsWith("/fapi/v1/openAlgoOrders")).count();
    }
}
