package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local venue driven by the JDK's HTTP and WebSocket clients and {@link RequestSigner}, as a live gateway would drive Binance. */
class LocalTradingVenueTest
{
    private static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final Duration WAIT = Duration.ofSeconds(2);

    private LocalTradingVenue venue;
    private LocalTradingVenue.Account account;
    private RequestSigner signer;
    private HttpClient http;

    @BeforeEach
    void start()
    {
        venue = LocalTradingVenue.start();
        account = venue.account("a1", KEY, SECRET).commission("BTCUSDT", "0.0002", "0.0004");
        signer = new RequestSigner(account.credentials());
        venue.fillPrice("BTCUSDT", "50000.00");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterEach
    void stop()
    {
        venue.close();
    }

    @Test
    void aOneWayReduceOnlyMarketCloseFillsAndTheStreamShowsNewTradeThenAccountUpdate() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "0.010", "48000");
        final Stream stream = userStream();

        final HttpResponse<String> r = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true&newClientOrderId=xe-1-1&newOrderRespType=RESULT&recvWindow=5000");

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"status\":\"FILLED\""), r.body());
        assertTrue(r.body().contains("\"executedQty\":\"0.010\""), r.body());
        assertTrue(r.body().contains("\"avgPrice\":\"50000.00\""), r.body());
        assertEquals("1", r.headers().firstValue("X-MBX-ORDER-COUNT-10S").orElseThrow());
        assertEquals("1", r.headers().firstValue("X-MBX-ORDER-COUNT-1M").orElseThrow());
        assertTrue(r.headers().firstValue("X-MBX-USED-WEIGHT-1M").isPresent());

        final String created = stream.next();
        final String trade = stream.next();
        final String update = stream.next();
        assertEquals("ORDER_TRADE_UPDATE", field(created, "e"));
        assertEquals("NEW", field(created, "x"));
        assertEquals("NEW", field(created, "X"));
        assertEquals("xe-1-1", field(created, "c"));
        assertEquals("TRADE", field(trade, "x"));
        assertEquals("FILLED", field(trade, "X"));
        assertEquals("0.010", field(trade, "l"));
        assertEquals("50000.00", field(trade, "L"));
        assertEquals("0.010", field(trade, "z"));
        assertEquals("0.20000000", field(trade, "n"), "0.010 x 50000 x 0.0004 taker");
        assertEquals("USDT", field(trade, "N"));
        assertEquals("20.00000000", field(trade, "rp"), "(50000 - 48000) x 0.010");
        assertEquals("BOTH", field(trade, "ps"));
        assertTrue(trade.contains("\"R\":true"), trade);
        assertTrue(Long.parseLong(number(trade, "t")) > 0);
        assertEquals("ACCOUNT_UPDATE", field(update, "e"));
        assertEquals("ORDER", field(update, "m"));
        assertEquals("0", field(update, "pa"));
        assertEquals(0, account.positionAmount("BTCUSDT", "BOTH").signum());
        assertEquals(new BigDecimal("10019.80000000"), account.walletBalance().setScale(8));

        assertEquals(1, venue.ordersPlaced().size());
        assertEquals(1, venue.orderRequests().size());
        assertTrue(venue.orderRequests().get(0).signatureVerified());
        assertEquals(KEY, venue.orderRequests().get(0).apiKey());
        stream.close();
    }

    @Test
    void aHedgeModeCloseWithReduceOnlyIsRefusedAndOneWithPositionSideFills() throws Exception
    {
        account.hedgeMode(true).position("BTCUSDT", "LONG", "0.010", "48000");
        assertTrue(signed("GET", "/fapi/v1/positionSide/dual", "").body().contains("\"dualSidePosition\":true"));

        final HttpResponse<String> refused = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.010&reduceOnly=true&newClientOrderId=xe-2-1");
        assertEquals(400, refused.statusCode());
        assertEquals("{\"code\":-1106,\"msg\":\"Parameter 'reduceOnly' sent when not required.\"}", refused.body());

        final HttpResponse<String> filled = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.010&newClientOrderId=xe-2-2&newOrderRespType=RESULT");
        assertEquals(200, filled.statusCode(), filled.body());
        assertEquals(1, venue.ordersPlaced().size());
        assertEquals(0, account.positionAmount("BTCUSDT", "LONG").signum());

        final HttpResponse<String> flat = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.010&newClientOrderId=xe-2-3");
        assertEquals(-2022, code(flat), "nothing left to close");
    }

    @Test
    void aBadSignatureIsRefusedWith1022AndRecordedAsUnverified() throws Exception
    {
        final String query = signer.signedQuery("symbol=BTCUSDT&timestamp=" + venue.serverTime());
        final String tampered = query.substring(0, query.length() - 1) + (query.endsWith("0") ? "1" : "0");
        final HttpResponse<String> r = send("GET", "/fapi/v1/commissionRate?" + tampered);
        assertEquals(400, r.statusCode());
        assertEquals(-1022, code(r));
        assertFalse(venue.requests().get(0).signatureVerified());

        final HttpResponse<String> good = signed("GET", "/fapi/v1/commissionRate", "symbol=BTCUSDT");
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(good.body().contains("\"takerCommissionRate\":\"0.0004\""), good.body());
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedWith1021() throws Exception
    {
        final String stale = signer.signedQuery("symbol=BTCUSDT&recvWindow=5000&timestamp=" + (venue.serverTime() - 6_000));
        assertEquals(-1021, code(send("GET", "/fapi/v1/commissionRate?" + stale)));
        final String ahead = signer.signedQuery("symbol=BTCUSDT&timestamp=" + (venue.serverTime() + 1_500));
        assertEquals(-1021, code(send("GET", "/fapi/v1/commissionRate?" + ahead)));

        venue.serverTimeOffset(-10_000);
        assertEquals(-1021, code(signedAt("GET", "/fapi/v1/positionSide/dual", "", System.currentTimeMillis())),
            "the local clock is 10 s ahead of the venue's");
    }

    @Test
    void a1006WithExecutionIsFoundFilledByOrigClientOrderId() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "-0.020", "51000");
        venue.faults().nextOrder().executed().answer(-1006);

        final HttpResponse<String> r = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.020&reduceOnly=true&newClientOrderId=xe-3-1");
        assertEquals(-1006, code(r));

        final HttpResponse<String> status = signed("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=xe-3-1");
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"status\":\"FILLED\""), status.body());
        assertTrue(status.body().contains("\"executedQty\":\"0.020\""), status.body());
        assertEquals(-2013, code(signed("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=xe-3-2")));
        assertEquals(1, venue.orderRequests().size());
        assertEquals(1, venue.ordersPlaced().size());
        assertEquals(0, account.positionAmount("BTCUSDT", "BOTH").signum());
    }

    @Test
    void a429WithRetryAfterRefusesOrdersUntilItPasses() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "0.030", "48000");
        venue.faults().nextOrder().retryAfter(429, 1);
        final String order = "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true&newClientOrderId=xe-4-";

        final long start = System.nanoTime();
        final HttpResponse<String> first = signed("POST", "/fapi/v1/order", order + 1);
        assertEquals(429, first.statusCode());
        assertEquals("1", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(-1003, code(first));
        assertEquals(429, signed("POST", "/fapi/v1/order", order + 2).statusCode(), "still refused within the second");
        assertEquals(0, venue.ordersPlaced().size());

        TimeUnit.NANOSECONDS.sleep(Math.max(0, TimeUnit.MILLISECONDS.toNanos(1_050) - (System.nanoTime() - start)));
        assertEquals(200, signed("POST", "/fapi/v1/order", order + 3).statusCode());
        assertEquals(1, venue.ordersPlaced().size());
    }

    @Test
    void aListenKeyPutAfterExpiryIsRefusedWith1125() throws Exception
    {
        final Stream stream = userStream();
        final String key = account.listenKey();
        assertEquals(200, apiKeyOnly("PUT", "/fapi/v1/listenKey").statusCode());

        venue.faults().expireListenKey(account);
        final String expired = stream.next();
        assertEquals("listenKeyExpired", field(expired, "e"));
        assertEquals(key, field(expired, "listenKey"));
        assertNull(account.listenKey());

        final HttpResponse<String> put = apiKeyOnly("PUT", "/fapi/v1/listenKey");
        assertEquals(400, put.statusCode());
        assertEquals(-1125, code(put));
        final HttpResponse<String> renewed = apiKeyOnly("POST", "/fapi/v1/listenKey");
        assertFalse(renewed.body().contains(key), "a new key");
        stream.close();
    }

    @Test
    void theWebSocketApiPlacesASignedOrderAndRefusesABadSignature() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "0.010", "48000");
        final Stream api = connect(venue.wsApiUrl());
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("apiKey", KEY);
        params.put("newClientOrderId", "xe-5-1");
        params.put("newOrderRespType", "RESULT");
        params.put("quantity", "0.010");
        params.put("reduceOnly", "true");
        params.put("side", "SELL");
        params.put("symbol", "BTCUSDT");
        params.put("timestamp", Long.toString(venue.serverTime()));
        params.put("type", "MARKET");
        final String signature = signer.webSocketSignature(params);

        api.send(wsRequest("o1", params, "0" + signature.substring(1).replace('0', '1')));
        final String refused = api.next();
        assertTrue(refused.contains("\"status\":400") && refused.contains("\"code\":-1022"), refused);

        api.send(wsRequest("o2", params, signature));
        final String placed = api.next();
        assertTrue(placed.startsWith("{\"id\":\"o2\",\"status\":200,\"result\":{"), placed);
        assertTrue(placed.contains("\"status\":\"FILLED\"") && placed.contains("\"rateLimits\":["), placed);
        assertEquals("WS", venue.ordersPlaced().get(0).transport());
        api.close();
    }

    @Test
    void theOtherOrderFaultsAndAnOutsideFill() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "0.050", "48000");
        final Stream stream = userStream();
        final String close = "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true&newClientOrderId=xe-6-";

        venue.faults().nextMarketOrder().answer(-4131);
        assertEquals(-4131, code(signed("POST", "/fapi/v1/order", close + 1)));
        final HttpResponse<String> ioc = signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&price=49000.00&quantity=0.010&reduceOnly=true&newClientOrderId=xe-6-2"
                + "&newOrderRespType=RESULT");
        assertTrue(ioc.body().contains("\"status\":\"FILLED\""), ioc.body());
        assertEquals("NEW", field(stream.next(), "x"));
        assertEquals("TRADE", field(stream.next(), "x"));
        stream.next();

        venue.faults().nextOrder().duplicateFill();
        assertEquals(200, signed("POST", "/fapi/v1/order", close + 3).statusCode());
        stream.next();
        final String trade = stream.next();
        assertEquals(trade, stream.next(), "the same TRADE event twice");
        assertEquals("ACCOUNT_UPDATE", field(stream.next(), "e"));

        venue.faults().nextOrder().fillBeforeAnswer();
        final long sent = System.nanoTime();
        signed("POST", "/fapi/v1/order", close + 4);
        assertTrue(System.nanoTime() - sent >= TimeUnit.MILLISECONDS.toNanos(TradingVenueFaults.FILL_BEFORE_ANSWER_DELAY_MS));
        assertEquals(3, Stream.drain(stream, 3));

        venue.faults().nextOrder().executed().swallow();
        final HttpRequest swallowed = HttpRequest.newBuilder(URI.create(venue.restUrl() + "/fapi/v1/order?"
                + signer.signedQuery(close + "5&timestamp=" + venue.serverTime())))
            .timeout(Duration.ofMillis(300)).header("X-MBX-APIKEY", KEY).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(swallowed, HttpResponse.BodyHandlers.ofString()));
        assertEquals(3, Stream.drain(stream, 3), "executed all the same");
        assertEquals(new BigDecimal("0.010"), account.positionAmount("BTCUSDT", "BOTH"));

        final String web = venue.pushEntryFill(account, "BTCUSDT", "BUY", "BOTH", "0.020", "50100.00");
        assertTrue(web.startsWith("web_"));
        assertEquals(web, field(stream.next(), "c"));
        assertEquals(new BigDecimal("0.030"), account.positionAmount("BTCUSDT", "BOTH"));
        assertEquals(4, venue.ordersPlaced().size(), "the -4131 was not placed; the outside fill is not the engine's");

        venue.faults().orderLimits(1, 1200);
        final HttpResponse<String> limited = signed("POST", "/fapi/v1/order", close + 7);
        assertEquals(429, limited.statusCode());
        assertEquals(-1015, code(limited));
        venue.faults().clear();
        stream.close();
    }

    @Test
    void conditionalClosesAreCappedAt200AndCancelledByClientAlgoId() throws Exception
    {
        account.position("BTCUSDT", "BOTH", "0.010", "48000");
        final String stop = "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&closePosition=true&triggerPrice=45000.00&clientAlgoId=sl-";
        for (int i = 0; i < LocalTradingVenue.MAX_OPEN_ALGO_ORDERS; i++)
        {
            assertEquals(200, signed("POST", "/fapi/v1/algoOrder", stop + i).statusCode());
        }
        assertEquals(-4045, code(signed("POST", "/fapi/v1/algoOrder", stop + "x")));
        assertEquals(200, signed("DELETE", "/fapi/v1/algoOrder", "clientAlgoId=sl-7").statusCode());
        final HttpResponse<String> again = signed("POST", "/fapi/v1/algoOrder", stop + "x");
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(Long.parseLong(number(again.body(), "algoId")) > 0);
        assertEquals(-4120, code(signed("POST", "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&reduceOnly=true")));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String wsRequest(final String id, final Map<String, String> params, final String signature)
    {
        final StringBuilder sb = new StringBuilder("{\"id\":\"" + id + "\",\"method\":\"order.place\",\"params\":{");
        params.forEach((k, v) -> sb.append('"').append(k).append("\":\"").append(v).append("\","));
        return sb.append("\"signature\":\"").append(signature).append("\"}}").toString();
    }

    private HttpResponse<String> signed(final String method, final String path, final String query) throws Exception
    {
        return signedAt(method, path, query, venue.serverTime());
    }

    private HttpResponse<String> signedAt(final String method, final String path, final String query, final long timestamp) throws Exception
    {
        final String q = (query.isEmpty() ? "" : query + "&") + "timestamp=" + timestamp;
        return send(method, path + "?" + signer.signedQuery(q));
    }

    private HttpResponse<String> send(final String method, final String pathAndQuery) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(venue.restUrl() + pathAndQuery)).timeout(WAIT)
            .header("X-MBX-APIKEY", KEY).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> apiKeyOnly(final String method, final String path) throws Exception
    {
        return send(method, path);
    }

    private static int code(final HttpResponse<String> r)
    {
        return Integer.parseInt(number(r.body(), "code"));
    }

    private static String field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String number(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** A listenKey by POST and a user data stream connection on it. */
    private Stream userStream() throws Exception
    {
        final HttpResponse<String> r = apiKeyOnly("POST", "/fapi/v1/listenKey");
        assertEquals(200, r.statusCode(), r.body());
        final String key = field(r.body(), "listenKey");
        final Stream stream = connect(venue.userStreamUrl(key));
        assertTrue(venue.awaitUserStreams(1, WAIT));
        return stream;
    }

    private Stream connect(final String url) throws Exception
    {
        final Stream stream = new Stream();
        stream.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(url), stream).get(2, TimeUnit.SECONDS);
        return stream;
    }

    /** A WebSocket whose text messages queue up for the test. */
    private static final class Stream implements WebSocket.Listener
    {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String next() throws InterruptedException
        {
            final String m = messages.poll(2, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 2 s");
            return m;
        }

        void send(final String text)
        {
            socket.sendText(text, true).join();
        }

        void close()
        {
            socket.abort();
        }

        /** Takes {@code n} messages (failing if they do not come); returns how many it took. */
        static int drain(final Stream stream, final int n) throws InterruptedException
        {
            for (int i = 0; i < n; i++)
            {
                stream.next();
            }
            return n;
        }
    }
}
