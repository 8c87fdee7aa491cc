package dev.exitengine.gateway.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceRestTest
{
    static final String API_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    static final String SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private HttpServer server;
    private BinanceRest rest;
    private ServerClock clock;
    private volatile long serverOffsetMs;

    @BeforeEach
    void start() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/fapi/v2/balance", ex ->
        {
            record(ex);
            ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", "17");
            reply(ex, 200, "[]");
        });
        server.createContext("/fapi/v1/order", ex ->
        {
            record(ex);
            ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", "20");
            ex.getResponseHeaders().add("X-MBX-ORDER-COUNT-10S", "7");
            ex.getResponseHeaders().add("X-MBX-ORDER-COUNT-1M", "42");
            reply(ex, 200, "{\"orderId\":1}");
        });
        server.createContext("/fapi/v1/busy", ex ->
        {
            record(ex);
            ex.getResponseHeaders().add("Retry-After", "12");
            reply(ex, 429, "{\"code\":-1003,\"msg\":\"Too many requests\"}");
        });
        server.createContext("/fapi/v1/silent", ex ->
        {
            record(ex);
            try
            {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "{}");
        });
        server.createContext("/fapi/v1/time", ex ->
        {
            record(ex);
            reply(ex, 200, "{\"serverTime\":" + (System.currentTimeMillis() + serverOffsetMs) + "}");
        });
        server.start();
        clock = new ServerClock();
        rest = new BinanceRest("http://127.0.0.1:" + server.getAddress().getPort(),
            ApiCredentials.of("test", API_KEY, SECRET, "test"), clock, Duration.ofMillis(400), 5000);
    }

    @AfterEach
    void stop()
    {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void record(final HttpExchange ex)
    {
        final String query = ex.getRequestURI().getRawQuery();
        queries.put(ex.getRequestURI().getPath(), query == null ? "" : query);
        final String key = ex.getRequestHeaders().getFirst("X-MBX-APIKEY");
        apiKeys.put(ex.getRequestURI().getPath(), key == null ? "" : key);
    }

    private static void reply(final HttpExchange ex, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Test
    void signedGetCarriesTimestampRecvWindowAndSignatureLastWithTheKeyHeader()
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        final long before = clock.now();
        final RestAnswer answer = rest.get("/fapi/v2/balance", params, BinanceRest.Security.SIGNED);
        assertTrue(answer.ok(), answer.toString());
        assertEquals(17, answer.usedWeight1m());
        assertEquals(-1, answer.orderCount10s());

        final String query = queries.get("/fapi/v2/balance");
        assertTrue(query.startsWith("symbol=BTCUSDT&recvWindow=5000&timestamp="), query);
        final int sig = query.indexOf("&signature=");
        assertTrue(sig > 0 && query.indexOf('&', sig + 1) < 0, "signature last: " + query);
        final String signed = query.substring(0, sig);
        final long timestamp = Long.parseLong(signed.substring(signed.indexOf("timestamp=") + "timestamp=".length()));
        assertTrue(timestamp >= before && timestamp <= clock.now(), "timestamp from the clock");
        final RequestSigner signer = new RequestSigner(ApiCredentials.of("test", API_KEY, SECRET, "test"));
        assertEquals(signer.restSignature(signed, ""), query.substring(sig + "&signature=".length()));
        assertEquals(API_KEY, apiKeys.get("/fapi/v2/balance"));
    }

    @Test
    void apiKeyOnlyAndUnsignedCallsCarryNoSignature()
    {
        assertTrue(rest.post("/fapi/v2/balance", Map.of(), BinanceRest.Security.API_KEY).ok());
        assertEquals("", queries.get("/fapi/v2/balance"));
        assertEquals(API_KEY, apiKeys.get("/fapi/v2/balance"));
        assertTrue(rest.get("/fapi/v2/balance", Map.of("symbol", "ETHUSDT"), BinanceRest.Security.NONE).ok());
        assertEquals("symbol=ETHUSDT", queries.get("/fapi/v2/balance"));
        assertEquals("", apiKeys.get("/fapi/v2/balance"));
    }

    @Test
    void orderCountsAndWeightAreParsedAndTracked() throws Exception
    {
        assertEquals(300, rest.ordersLeft10s(300));
        final RestAnswer answer = rest.post("/fapi/v1/order", Map.of("symbol", "BTCUSDT"), BinanceRest.Security.SIGNED);
        assertEquals(20, answer.usedWeight1m());
        assertEquals(7, answer.orderCount10s());
        assertEquals(42, answer.orderCount1m());
        assertEquals(293, rest.ordersLeft10s(300));
        assertEquals(1158, rest.ordersLeft1m(1200));
        assertEquals(2380, rest.weightLeft1m(2400));
        assertNull(answer.error());

        final RestAnswer async = rest.callAsync("DELETE", "/fapi/v1/order", Map.of("symbol", "BTCUSDT"), BinanceRest.Security.SIGNED)
            .get(2, TimeUnit.SECONDS);
        assertTrue(async.ok());
        assertEquals("DELETE", async.method());
    }

    @Test
    void retryAfterIsParsedOn429()
    {
        final RestAnswer answer = rest.get("/fapi/v1/busy", Map.of(), BinanceRest.Security.NONE);
        assertEquals(429, answer.status());
        assertEquals(12, answer.retryAfterSeconds());
        final VenueError error = answer.error();
        assertEquals(VenueAction.BACK_OFF, error.action());
        assertEquals(-1003, error.code());
        assertEquals(12, error.retryAfterSeconds());
    }

    @Test
    void aServerThatNeverAnswersTimesOutNamingThePathButNotTheSignature()
    {
        final long t0 = System.nanoTime();
        final RestAnswer answer = rest.post("/fapi/v1/silent", Map.of("symbol", "BTCUSDT"), BinanceRest.Security.SIGNED);
        final long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(answer.noAnswer());
        assertTrue(answer.timedOut());
        assertTrue(tookMs < 3000, "took " + tookMs);
        assertEquals(0, answer.status());
        final String query = queries.get("/fapi/v1/silent");
        final String signature = query.substring(query.indexOf("&signature=") + "&signature=".length());
        assertTrue(answer.failure().contains("POST /fapi/v1/silent"), answer.failure());
        assertFalse(answer.failure().contains(signature));
        assertFalse(answer.failure().contains("timestamp"));
        assertFalse(answer.toString().contains(signature));
        final VenueError error = answer.error();
        assertEquals(VenueAction.UNKNOWN_OUTCOME, error.action());
        assertFalse(error.toString().contains(signature));
        assertFalse(error.toString().contains(SECRET));
    }

    @Test
    void aRefusedConnectionIsAFailureNotAnException() throws IOException
    {
        final HttpServer closed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final int port = closed.getAddress().getPort();
        closed.stop(0);
        final BinanceRest nowhere = new BinanceRest("http://127.0.0.1:" + port, null, clock, Duration.ofMillis(400), 5000);
        final RestAnswer answer = nowhere.get("/fapi/v1/ping", Map.of(), BinanceRest.Security.NONE);
        assertTrue(answer.noAnswer());
        assertTrue(answer.failure().startsWith("GET /fapi/v1/ping"), answer.failure());
        final RestAnswer unsigned = nowhere.get("/fapi/v1/ping", Map.of(), BinanceRest.Security.SIGNED);
        assertTrue(unsigned.failure().contains("not sent"), unsigned.failure());
    }

    @Test
    void syncClockSetsTheOffset()
    {
        serverOffsetMs = 5_000;
        assertEquals(0, clock.offsetMs());
        final RestAnswer answer = rest.syncClock();
        assertTrue(answer.ok(), answer.toString());
        assertTrue(Math.abs(clock.offsetMs() - 5_000) < 200, "offset " + clock.offsetMs());
        assertTrue(clock.roundTripMs() >= 0);
        final long now = System.currentTimeMillis();
        assertTrue(Math.abs(clock.now() - (now + 5_000)) < 200);
    }
}
