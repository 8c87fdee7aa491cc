package dev.exitengine.tools.live;

import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.gateway.binance.LocalTradingVenue;
import dev.exitengine.tools.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real closes ({@code "dryRun": false}) against a local Binance: market frames from a
 * {@link LocalBinanceVenue}, the account — REST, WebSocket API, user data stream — from a
 * {@link LocalTradingVenue} that verifies every signature and parameter. The whole life of a position:
 * an entry fill on the user stream opens it, a price crosses its take profit, one reduce-only close goes
 * out, its fill on the stream (with its real commission) completes the exit at the exact net PnL.
 */
class LiveRealOrdersTest
{
    static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    @TempDir
    Path dir;

    private LocalBinanceVenue market;
    private LocalTradingVenue venue;
    private LocalTradingVenue.Account account;
    private LiveProcess process;
    private Thread live;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private long ts;
    private long aggId = 1_000;
    private String extraVenue = "";

    @BeforeEach
    void venues()
    {
        market = LocalBinanceVenue.start();
        venue = LocalTradingVenue.start();
        account = venue.account("a1", API_KEY, SECRET);
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        if (process != null)
        {
            process.requestStop();
            live.join(15_000);
        }
        venue.close();
        market.close();
    }

    private void startLive() throws IOException
    {
        startLive("[{\"name\": \"a1\", \"apiKeyEnv\": \"A1_API_KEY\", \"secretEnv\": \"A1_API_SECRET\"}]",
            Map.of("A1_API_KEY", API_KEY, "A1_API_SECRET", SECRET));
    }

    private void startLive(final String accounts, final Map<String, String> env) throws IOException
    {
        final Path config = dir.resolve("live.json");
        Files.writeString(config, "{\"profiles\": [{\"name\": \"usd10\", \"takeProfit\": {\"netProfit\": \"10\"}, \"stopLoss\": {\"netLoss\": \"10\"}}],"
            + " \"defaultProfile\": \"usd10\","
            + " \"venue\": {\"wsUrl\": \"" + market.wsUrl() + "\", \"restUrl\": \"" + venue.restUrl() + "\", \"wsApiUrl\": \"" + venue.wsApiUrl()
            + "\", \"privateWsUrl\": \"" + venue.wsUrl() + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\"], \"timerMs\": 100,"
            + extraVenue + " \"dryRun\": false, \"accounts\": " + accounts + "},"
            + " \"admin\": {\"port\": 0}}");
        process = new LiveProcess(ConfigFile.load(config), dir.resolve("journal"), dir.resolve("out.jsonl"),
            new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8))
            .environment(env::get);
        live = new Thread(() ->
        {
            try
            {
                process.run();
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }, "live-under-test");
        live.start();
        awaitTrue(process::running, "the live process runs");
        awaitTrue(() -> market.openConnections() >= 1, "the market stream connects");
        final int accountCount = accounts.split("\"name\"").length - 1;
        assertTrue(venue.awaitUserStreams(accountCount, Duration.ofSeconds(10)), "the user data streams connect");
        awaitTrue(() -> venue.wsApiConnections() >= accountCount, "the WebSocket API connects");
        ts = venue.serverTime();
    }

    /** One aggTrade frame at the venue's time now. */
    private void trade(final String price)
    {
        ts = Math.max(ts + 1, venue.serverTime());
        aggId++;
        market.broadcast(aggTrade(ts, aggId, price));
    }

    /** A combined-stream aggTrade frame of BTCUSDT: trade {@code id} at {@code price}, time {@code ts}. */
    static String aggTrade(final long ts, final long id, final String price)
    {
        return "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + ts + ",\"s\":\"BTCUSDT\",\"a\":" + id
            + ",\"p\":\"" + price + "\",\"q\":\"0.001\",\"f\":" + id + ",\"l\":" + id + ",\"T\":" + ts + ",\"m\":false}}";
    }

    private List<String> decisions(final String type)
    {
        final Path out = dir.resolve("out.jsonl");
        try
        {
            return !Files.exists(out) ? List.of()
                : Files.readAllLines(out).stream().filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).toList();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The client order id of the first position's close attempt {@code attempt}: {@code xe-<positionId>-<attempt>}. */
    private String closeId(final int attempt)
    {
        final String positionId = field(decisions("levels").get(0), "positionId");
        // a real-order run numbers its positions from its start time (10,000 a second): never a repeat of another run's ids
        assertTrue(Long.parseLong(positionId) > 1_700_000_000L * 10_000, positionId);
        final String id = "xe-" + positionId + "-" + attempt;
        assertTrue(id.length() <= 32, id);
        return id;
    }

    private static String field(final String line, final String key)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":\"?([^\",}]*)\"?").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** Entry from the user stream, a take profit crossed, one close out, its fill: an exit at the exact net PnL. */
    private String fullLife() throws Exception
    {
        return fullLife(() ->
        {
        });
    }

    /** As above, with {@code beforeTrigger} run once the position is open, before the price crosses its target. */
    private String fullLife(final Runnable beforeTrigger) throws Exception
    {
        startLive();
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", account.hedgeMode() ? "LONG" : "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        // net +10 after a 0.3 entry commission and the taker rate on the way out: the target is 61,060.6
        venue.fillPrice("BTCUSDT", "61100.0");
        beforeTrigger.run();
        trade("61100.0");
        awaitTrue(() -> !decisions("exit").isEmpty(), "the exit", this::diagnosis);
        final String exit = decisions("exit").get(0);
        assertEquals("TAKE_PROFIT", field(exit, "reason"));
        assertEquals("61100", field(exit, "exitPrice"));
        // gross 0.01 × 1,100 = 11; fees 0.3 (entry, the venue's commission) + 0.3055 (exit, 0.05 % of 611) = 0.6055
        assertEquals("0.6055", field(exit, "fees"));
        assertEquals("10.3945", field(exit, "netPnl"));
        assertEquals(1, venue.ordersPlaced().size(), "one close for one exit: " + venue.ordersPlaced());
        return exit;
    }

    @Test
    void aOneWayPositionFromTheUserStreamIsClosedOnceWithReduceOnlyAtTheExactNetPnl() throws Exception
    {
        fullLife();
        final LocalTradingVenue.PlacedOrder close = venue.ordersPlaced().get(0);
        assertEquals(closeId(1), close.clientOrderId());
        assertEquals("MARKET", close.type());
        assertEquals("SELL", close.side());
        assertTrue(close.reduceOnly(), "one-way closes are reduce-only");
        assertTrue(venue.requests().stream().filter(r -> r.params().containsKey("signature"))
            .allMatch(LocalTradingVenue.Request::signatureVerified), "every signed request signed right");
        assertNoSecretAnywhere();
    }

    @Test
    void aHedgeModeCloseNamesItsPositionSideAndSendsNoReduceOnly() throws Exception
    {
        account.hedgeMode(true);
        fullLife();
        final LocalTradingVenue.PlacedOrder close = venue.ordersPlaced().get(0);
        assertEquals("LONG", close.positionSide());
        assertFalse(close.reduceOnly());
    }

    @Test
    void anUnknownOutcomeThatExecutedIsFollowedNeverSentAgain() throws Exception
    {
        venue.faults().nextOrder().executed().answer(-1006);
        fullLife();
        assertEquals(1, venue.orderRequests().size(), "the close went out once: " + venue.orderRequests());
    }

    @Test
    void anUnknownOutcomeThatNeverReachedTheBookIsLookedUpThenRetriedAsANewAttempt() throws Exception
    {
        venue.faults().nextOrder().status(503);
        fullLife();
        assertTrue(venue.requests().stream().anyMatch(r -> "GET".equals(r.method()) && r.path().endsWith("/fapi/v1/order")
            && closeId(1).equals(r.params().get("origClientOrderId"))), "the first attempt was looked up by its client id");
        assertEquals(closeId(2), venue.ordersPlaced().get(0).clientOrderId(), "only after the venue said it had no first attempt");
    }

    @Test
    void aTimestampRefusalResyncsTheClockAndSendsTheSameCloseAgain() throws Exception
    {
        venue.faults().nextOrder().answer(-1021);
        fullLife();
        assertEquals(2, venue.orderRequests().size());
        assertEquals(closeId(1), venue.ordersPlaced().get(0).clientOrderId(), "refused, never placed: the same id again");
    }

    @Test
    void aRateLimitIsWaitedOutThenTheCloseGoesOut() throws Exception
    {
        venue.faults().nextOrder().retryAfter(429, 1);
        final long t0 = System.nanoTime();
        fullLife();
        assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "not before Retry-After");
        assertEquals(closeId(1), venue.ordersPlaced().get(0).clientOrderId());
    }

    @Test
    void aMarketCloseOnAThinBookGoesAgainAsAnIocLimitAtTheBandEdge() throws Exception
    {
        venue.faults().nextMarketOrder().answer(-4131);
        fullLife();
        final LocalTradingVenue.PlacedOrder close = venue.ordersPlaced().get(0);
        assertEquals("LIMIT", close.type());
        assertEquals("IOC", close.timeInForce());
        assertEquals("58045.0", close.price().toPlainString(), "95 % of the last price, the band's lower edge, on the tick grid");
    }

    @Test
    void aReduceOnlyRefusalForAPositionGoneAtTheVenueDropsIt() throws Exception
    {
        startLive();
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        // closed by hand on the venue's web page, the fill of which the engine never heard
        account.position("BTCUSDT", "BOTH", "0", "0");
        venue.fillPrice("BTCUSDT", "61100.0");
        trade("61100.0");
        awaitTrue(() -> !decisions("reconcile").isEmpty(), "the position dropped", this::diagnosis);
        assertTrue(decisions("exit").isEmpty());
        assertTrue(venue.ordersPlaced().isEmpty());
    }

    @Test
    void aUserStreamLostBetweenTheOrderAndItsFillIsRotatedAndTheFillRecovered() throws Exception
    {
        // the stream drops as the close goes out: its fill is pushed to no one, or to the new connection;
        // either way the rotation's re-read (the order looked up, then the positions) completes the exit once
        fullLife(() -> venue.faults().dropUserStreams(account));
        awaitTrue(() -> listenKeysTaken() >= 2, "a new key after the drop");
        awaitTrue(() -> venue.requests().stream().filter(r -> r.path().endsWith("/fapi/v3/positionRisk")).count() >= 2,
            "positions read again after the rotation");
    }

    @Test
    void twoAccountsEachCloseTheirOwnPositionWithTheirOwnKey() throws Exception
    {
        final String key2 = "Q2nV8xW4kL7mP0rT3yU6iO9aS1dF5gH8jK2lZ4xC7vB0nM3qW6eR9tY2uI5oP8a";
        final LocalTradingVenue.Account second = venue.account("a2", key2, "s2" + SECRET.substring(2));
        startLive("[{\"name\": \"a1\", \"apiKeyEnv\": \"A1_API_KEY\", \"secretEnv\": \"A1_API_SECRET\"},"
            + " {\"name\": \"a2\", \"apiKeyEnv\": \"A2_API_KEY\", \"secretEnv\": \"A2_API_SECRET\"}]",
            Map.of("A1_API_KEY", API_KEY, "A1_API_SECRET", SECRET, "A2_API_KEY", key2, "A2_API_SECRET", "s2" + SECRET.substring(2)));
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        venue.pushEntryFill(second, "BTCUSDT", "SELL", "BOTH", "0.020", "60000.0");
        awaitTrue(() -> decisions("levels").size() >= 2, "both entries' levels");
        // the short's target (net +10 on 0.02) is 59,440.2; the long's stop (net -10 on 0.01) 59,059.6
        venue.fillPrice("BTCUSDT", "59400.0");
        trade("59400.0");
        awaitTrue(() -> decisions("exit").size() >= 1, "the short's exit", this::diagnosis);
        final String exit = decisions("exit").get(0);
        assertEquals("a2", field(exit, "account"));
        assertEquals("TAKE_PROFIT", field(exit, "reason"));
        venue.fillPrice("BTCUSDT", "59000.0");
        trade("59000.0");
        awaitTrue(() -> decisions("exit").size() >= 2, "the long's exit", this::diagnosis);
        assertEquals("a1", field(decisions("exit").get(1), "account"));
        assertEquals("STOP_LOSS", field(decisions("exit").get(1), "reason"));
        assertEquals(2, venue.ordersPlaced().size());
        assertEquals("a2", venue.ordersPlaced().get(0).account());
        assertEquals("BUY", venue.ordersPlaced().get(0).side());
        assertEquals("a1", venue.ordersPlaced().get(1).account());
        assertEquals("SELL", venue.ordersPlaced().get(1).side());
    }

    @Test
    void aSafetyStopSitsBeyondTheEnginesStopOnTheVenueAndGoesWithThePosition() throws Exception
    {
        extraVenue = " \"safetyStop\": {\"distancePct\": \"1\", \"minMoveMs\": 1000},";
        fullLife();
        awaitTrue(() -> venue.requests().stream().anyMatch(r -> "DELETE".equals(r.method()) && r.path().endsWith("/fapi/v1/algoOrder")),
            "the safety stop cancelled after the exit", this::diagnosis);
        final LocalTradingVenue.Request placed = venue.requests().stream()
            .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/fapi/v1/algoOrder")).findFirst().orElseThrow();
        assertEquals("STOP_MARKET", placed.params().get("type"));
        assertEquals("true", placed.params().get("closePosition"));
        assertEquals("SELL", placed.params().get("side"));
        // 1 % below the engine's stop of 59,059.6, on the tick grid, rounded away from the market
        assertEquals("58469", placed.params().get("triggerPrice"));
        assertEquals(closeId(1).replace("xe-", "xs-"), placed.params().get("clientAlgoId"));
        final LocalTradingVenue.Request cancelled = venue.requests().stream()
            .filter(r -> "DELETE".equals(r.method()) && r.path().endsWith("/fapi/v1/algoOrder")).findFirst().orElseThrow();
        assertEquals(closeId(1).replace("xe-", "xs-"), cancelled.params().get("clientAlgoId"));
    }

    private long listenKeysTaken()
    {
        return venue.requests().stream().filter(r -> "POST".equals(r.method()) && r.path().endsWith("/listenKey")).count();
    }

    @Test
    void anExpiredListenKeyIsReplacedAndLaterFillsArriveOnTheNewStream() throws Exception
    {
        fullLife(() ->
        {
            venue.faults().expireListenKey(account);
            awaitTrue(() -> listenKeysTaken() >= 2 && account.listenKey() != null && venue.userStreamConnections() >= 1,
                "a new key and connection");
        });
    }

    @Test
    void aRestartWhileACloseIsOutLooksItUpFirstAndSendsItOnceWhenTheVenueNeverGotIt() throws Exception
    {
        // the close goes out and is lost on the way (no answer, never executed); the process stops before it learns that
        venue.faults().nextOrder().swallow();
        startLive();
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        venue.fillPrice("BTCUSDT", "61100.0");
        trade("61100.0");
        awaitTrue(() -> venue.orderRequests().size() == 1, "the close goes out");
        process.requestStop();
        live.join(15_000);
        assertTrue(decisions("exit").isEmpty());

        // the restarted process resumes on the journal: the position and its close in flight are known again; the close is
        // looked up by its client id, and only when the venue says it never had it, sent, under the same id, once
        final int requestsBefore = venue.requests().size();
        startLive();
        awaitTrue(() -> !decisions("exit").isEmpty(), "the exit after the restart", this::diagnosis);
        final String exit = decisions("exit").get(0);
        assertEquals("10.3945", field(exit, "netPnl"), exit);
        assertEquals(1, decisions("exit").size());
        assertEquals(1, venue.ordersPlaced().size(), venue.ordersPlaced().toString());
        assertEquals(closeId(1), venue.ordersPlaced().get(0).clientOrderId());
        final List<LocalTradingVenue.Request> after = venue.requests().subList(requestsBefore, venue.requests().size());
        int lookup = -1;
        int resend = -1;
        for (int i = 0; i < after.size(); i++)
        {
            final LocalTradingVenue.Request r = after.get(i);
            if (lookup < 0 && "GET".equals(r.method()) && r.path().endsWith("/fapi/v1/order"))
            {
                lookup = i;
            }
            if (resend < 0 && r.placesOrder())
            {
                resend = i;
            }
        }
        assertTrue(lookup >= 0 && resend > lookup, "looked up (" + lookup + ") before it was sent again (" + resend + "): " + after);
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("1 close(s) in flight looked up at the venue"), stdout::toString);
        assertNoSecretAnywhere();
    }

    @Test
    void aCloseThatFilledWhileTheEngineWasDownIsFoundOnRestartAndExitsOnceNeverSentAgain() throws Exception
    {
        // the venue executes the close but neither its answer nor its fill reaches the engine, which then stops
        venue.faults().nextOrder().executed().swallow();
        startLive();
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        venue.fillPrice("BTCUSDT", "61100.0");
        venue.faults().dropUserStreams(account);
        trade("61100.0");
        awaitTrue(() -> venue.orderRequests().size() == 1, "the close goes out");
        process.requestStop();
        live.join(15_000);

        startLive();
        awaitTrue(() -> !decisions("exit").isEmpty(), "the exit after the restart", this::diagnosis);
        final String exit = decisions("exit").get(0);
        assertEquals("61100", field(exit, "exitPrice"), exit);
        assertEquals("10.3945", field(exit, "netPnl"), exit);
        assertEquals(1, decisions("exit").size());
        assertEquals(1, venue.orderRequests().size(), "never sent again: " + venue.orderRequests());
        assertNoSecretAnywhere();
    }

    @Test
    void aPositionTheVenueChangesWithoutAnOrderIsReadAgainAndReconciled() throws Exception
    {
        startLive();
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        final long readsBefore = venue.requests().stream().filter(r -> r.path().endsWith("/fapi/v3/positionRisk")).count();
        // an auto-deleverage takes 0.006 of it: no order of the account's, only an ACCOUNT_UPDATE with reason ADL
        venue.pushPositionChange(account, "ADL", "BTCUSDT", "BOTH", "0.004", "60000");
        awaitTrue(() -> !decisions("reconcile").isEmpty(), "the reconciliation", this::diagnosis);
        final String reconcile = decisions("reconcile").get(0);
        assertEquals("0.004", field(reconcile, "qty"), reconcile);
        assertTrue(venue.requests().stream().filter(r -> r.path().endsWith("/fapi/v3/positionRisk")).count() > readsBefore,
            "the positions were read again");
    }

    @Test
    void anEd25519AccountSignsEveryRequestAndClosesAtTheExactNetPnl() throws Exception
    {
        final byte[] der = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        final String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        final String key = "Ed25519" + API_KEY.substring(7);
        account = venue.account("e1", key, pem);
        startLive("[{\"name\": \"e1\", \"apiKeyEnv\": \"E1_API_KEY\", \"secretEnv\": \"E1_API_SECRET\"}]",
            Map.of("E1_API_KEY", key, "E1_API_SECRET", pem));
        trade("60000.0");
        venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.010", "60000.0");
        awaitTrue(() -> !decisions("levels").isEmpty(), "the entry's levels");
        venue.fillPrice("BTCUSDT", "61100.0");
        trade("61100.0");
        awaitTrue(() -> !decisions("exit").isEmpty(), "the exit", this::diagnosis);
        assertEquals("10.3945", field(decisions("exit").get(0), "netPnl"));
        final List<LocalTradingVenue.Request> signed = venue.requests().stream().filter(r -> r.params().containsKey("signature")).toList();
        assertTrue(signed.stream().anyMatch(LocalTradingVenue.Request::placesOrder), "the close was signed: " + signed);
        assertTrue(signed.stream().allMatch(LocalTradingVenue.Request::signatureVerified), "every signed request verified: " + signed);
        assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("PRIVATE KEY") || stderr.toString(StandardCharsets.UTF_8).contains(
            "PRIVATE KEY"), "the key appears nowhere");
    }

    @Test
    void aFillBeforeTheOrdersAnswerCountsOnce() throws Exception
    {
        venue.faults().nextOrder().fillBeforeAnswer();
        fullLife();
    }

    @Test
    void aFillDeliveredTwiceCountsOnce() throws Exception
    {
        venue.faults().nextOrder().duplicateFill();
        fullLife();
    }

    private void assertNoSecretAnywhere() throws IOException
    {
        final StringBuilder all = new StringBuilder(stdout.toString(StandardCharsets.UTF_8)).append(stderr.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path f : files.filter(Files::isRegularFile).toList())
            {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(all.indexOf(SECRET) >= 0, "the secret appears in an output");
    }

    private String diagnosis()
    {
        try
        {
            return "\ndecisions:\n" + (Files.exists(dir.resolve("out.jsonl")) ? Files.readString(dir.resolve("out.jsonl")) : "(none)")
                + "\nstderr:\n" + stderr.toString(StandardCharsets.UTF_8) + "\nstdout:\n" + stdout.toString(StandardCharsets.UTF_8)
                + "\nrequests:\n" + venue.requests() + "\nuser events:\n" + venue.userEvents();
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        awaitTrue(condition, what, () -> "");
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what, final java.util.function.Supplier<String> diagnosis)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what + diagnosis.get());
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
        }
    }
}
