package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.ExitReason;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoint over real HTTP on 127.0.0.1, fed fake suppliers, real counters and a real positions view. */
@Timeout(30)
class AdminServerTest
{
    @TempDir
    Path journal;

    private final EngineCounters counters = EngineCounters.inMemory();
    private final Names names = new Names();
    private final PositionsView positions = new PositionsView();
    private final AtomicReference<HealthSnapshot> health = new AtomicReference<>(HealthSnapshot.builder().build());
    private final List<String> submitted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> intakeThreads = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private AdminToken token;
    private AdminServer server;

    @BeforeEach
    void start() throws IOException
    {
        token = AdminToken.create(journal);
        final Histogram decision = new Histogram(3_600_000_000_000L, 3);
        for (int i = 1; i <= 1_000; i++)
        {
            decision.recordValue(i * 1_000L); // 1 µs .. 1 ms
        }
        final EngineMetrics metrics = new EngineMetrics(counters, () -> 1_000, () -> 3, health::get, decision::copy, () -> null);
        final EventIntake intake = line ->
        {
            submitted.add(line);
            intakeThreads.add(Thread.currentThread().getName());
            return line.contains("\"qty\":\"-") ? "field 'qty': must be positive, was -0.1" : null;
        };
        server = new AdminServer(AdminServer.loopback(0), health::get, metrics, positions, intake, token);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String path, final String authorization, final String body)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void bindsAnEphemeralLoopbackPort()
    {
        assertTrue(server.port() > 0);
        assertTrue(server.address().getAddress().isLoopbackAddress());
    }

    @Test
    void refusesANonLoopbackAddressByName() throws IOException
    {
        for (final String host : List.of("0.0.0.0", "192.0.2.1"))
        {
            final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), 0);
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdminServer(address, health::get, null, positions, line -> null, token));
            assertTrue(e.getMessage().contains(host), e.getMessage());
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        }
    }

    @Test
    void healthReportsTheSnapshotAndItsStatus() throws Exception
    {
        counters.set(Counter.POSITIONS_TRACKED, 3);
        counters.set(Counter.LAST_EVENT_TS, 1_723_161_256_322L);
        counters.incrementExit(ExitReason.TAKE_PROFIT);
        counters.incrementExit(ExitReason.TAKE_PROFIT);
        counters.incrementExit(ExitReason.STOP_LOSS);
        health.set(HealthSnapshot.builder().counters(counters).stream("market", true, 12).stream("userData", true, 850).build());
        final HttpResponse<String> ok = get("/health");
        assertEquals(200, ok.statusCode());
        assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(""));
        assertTrue(ok.body().startsWith("{\"status\":\"ok\",\"openPositions\":3,\"exitsByReason\":{\"BREAKEVEN\":0,"), ok.body());
        assertTrue(ok.body().contains("\"STOP_LOSS\":1,\"TAKE_PROFIT\":2,"), ok.body());
        assertTrue(ok.body().endsWith("\"lastEventTime\":1723161256322,\"streams\":[{\"name\":\"market\",\"connected\":true,"
            + "\"lastMessageAgeMs\":12},{\"name\":\"userData\",\"connected\":true,\"lastMessageAgeMs\":850}],\"staleSymbols\":[]}"), ok.body());

        health.set(HealthSnapshot.builder().stream("market", false, 30_000).staleSymbol("BTCUSDT").build());
        assertTrue(get("/health").body().startsWith("{\"status\":\"degraded\","));
        assertTrue(get("/health").body().endsWith("\"staleSymbols\":[\"BTCUSDT\"]}"));

        health.set(HealthSnapshot.builder().fault("journal handler stopped: disk full").build());
        assertTrue(get("/health").body().startsWith("{\"status\":\"failing\",\"fault\":\"journal handler stopped: disk full\","));
    }

    @Test
    void positionsListsTheOpenPositionsWithTheirLevels() throws Exception
    {
        final Decisions decisions = new Decisions(names);
        positions.onDecision(decisions.levels(7, "a1", "BTCUSDT", "0.01", "50000", "51041.2", "48959"), names);
        positions.onDecision(decisions.levels(8, "a2", "ETHUSDT", "1.5", "2600.25", "2700", "2500"), names);
        positions.onDecision(decisions.of(dev.exitengine.core.event.DecisionType.EXIT, 8, "1.5"), names);
        final HttpResponse<String> r = get("/positions");
        assertEquals(200, r.statusCode());
        assertEquals("[{\"positionId\":7,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"LONG\",\"qty\":\"0.01\","
            + "\"entryPrice\":\"50000\",\"takeProfit\":\"51041.2\",\"stopLoss\":\"48959\"}]", r.body());
    }

    @Test
    void metricsAreThePrometheusTextOfEveryCounterAndTheLatencies() throws Exception
    {
        counters.add(Counter.TICKS, 12_345);
        counters.increment(Counter.EXITS);
        counters.set(Counter.POSITIONS_TRACKED, 4);
        health.set(HealthSnapshot.builder().stream("market", true, 12).stream("userData", false, 60_000).build());
        final HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        final PrometheusText text = PrometheusText.parse(r.body());
        for (final Counter c : Counter.values())
        {
            final String name = "exit_engine_" + c.name().toLowerCase();
            final boolean gauge = EngineMetrics.GAUGES.contains(c);
            final String sample = gauge ? name : name + "_total";
            assertEquals(gauge ? "gauge" : "counter", text.type(sample), sample);
            assertEquals((double)counters.get(c), text.value(sample), sample);
        }
        assertEquals(12_345.0, text.value("exit_engine_ticks_total"));
        assertEquals(4.0, text.value("exit_engine_positions_tracked"));
        assertEquals(1_000.0, text.value("exit_engine_ring_capacity_left"));
        assertEquals(3.0, text.value("exit_engine_journal_lag"));
        assertEquals(1.0, text.value("exit_engine_stream_connected{stream=\"market\"}"));
        assertEquals(0.0, text.value("exit_engine_stream_connected{stream=\"userData\"}"));
        assertEquals(60_000.0, text.value("exit_engine_stream_last_message_age_ms{stream=\"userData\"}"));
        assertEquals("summary", text.type("exit_engine_tick_to_decision_seconds"));
        assertEquals(1_000.0, text.value("exit_engine_tick_to_decision_seconds_count"));
        assertEquals(0.5005, text.value("exit_engine_tick_to_decision_seconds_sum"), 0.001);
        assertEquals(500e-6, text.value("exit_engine_tick_to_decision_seconds{quantile=\"0.5\"}"), 1e-6);
        assertEquals(990e-6, text.value("exit_engine_tick_to_decision_seconds{quantile=\"0.99\"}"), 1e-6);
        assertEquals(1e-3, text.value("exit_engine_tick_to_decision_seconds{quantile=\"1.0\"}"), 1e-6);
        assertFalse(text.has("exit_engine_tick_to_order_seconds_count"), "no histogram yet, no data point");
    }

    @Test
    void eventsWithoutTheTokenOrWithAWrongOneAre401AndReachNothing() throws Exception
    {
        final String line = "{\"type\":\"command\",\"ts\":1723161256500,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":true}";
        final String wrong = token.value().substring(0, 63) + (token.value().endsWith("0") ? "1" : "0");
        for (final String authorization : new String[] {null, "Bearer " + wrong, "Bearer ", "Basic " + token.value(), token.value()})
        {
            final HttpResponse<String> r = post("/events", authorization, line);
            assertEquals(401, r.statusCode(), String.valueOf(authorization));
            assertTrue(r.body().startsWith("{\"error\":\"missing or wrong bearer token"), r.body());
            assertFalse(r.body().contains(token.value()));
        }
        assertTrue(submitted.isEmpty());
    }

    @Test
    void eventsAnswerEachLineWithItsVerdict() throws Exception
    {
        final String fill = "{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\","
            + "\"qty\":\"0.01\",\"price\":\"50000\",\"orderId\":\"e1\",\"profile\":\"usd10\"}";
        final String bad = fill.replace("\"qty\":\"0.01\"", "\"qty\":\"-0.1\"");
        final String profile = "{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}";
        final HttpResponse<String> r = post("/events", "Bearer " + token.value(), profile + "\r\n" + fill + "\n\n" + bad + "\n");
        assertEquals(200, r.statusCode());
        assertEquals("{\"line\":1,\"accepted\":true}\n{\"line\":2,\"accepted\":true}\n"
            + "{\"line\":4,\"accepted\":false,\"reason\":\"field 'qty': must be positive, was -0.1\"}\n", r.body());
        assertEquals(List.of(profile, fill, bad), submitted);
        assertTrue(intakeThreads.stream().allMatch(t -> t.startsWith("admin-http-")), "on the server's own threads: " + intakeThreads);
    }

    @Test
    void anOversizedBodyIs413AndAnEmptyOne400() throws Exception
    {
        final String auth = "Bearer " + token.value();
        final String line = "{\"type\":\"timer\",\"ts\":1723161257000}\n";
        final String big = line.repeat(EventsEndpoint.BODY_LIMIT / line.length() + 1);
        assertEquals(413, post("/events", auth, big).statusCode());
        assertEquals(400, post("/events", auth, "").statusCode());
        assertEquals(400, post("/events", auth, "\n  \n").statusCode());
        assertTrue(submitted.isEmpty());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception
    {
        assertEquals(404, get("/nothing").statusCode());
        assertEquals(404, get("/healthz").statusCode());
        final HttpResponse<String> getEvents = get("/events");
        assertEquals(405, getEvents.statusCode());
        assertEquals("POST", getEvents.headers().firstValue("Allow").orElse(""));
        assertEquals(405, post("/health", "Bearer " + token.value(), "x").statusCode());
    }
}
