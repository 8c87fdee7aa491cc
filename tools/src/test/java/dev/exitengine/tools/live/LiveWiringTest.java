package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.JsonLinesFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin pieces wired to a real engine the way the live process wires them: events posted over HTTP
 * reach the engine through one ingress thread, and /positions, /health and /metrics show what it did.
 */
@Timeout(60)
class LiveWiringTest
{
    @TempDir
    Path journal;

    @Test
    void aPostedEntryFillShowsInPositionsHealthAndMetrics() throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.wait = EngineConfig.Wait.BLOCKING;
        final PositionsView positions = new PositionsView();
        final ExecutorService ingressThread = Executors.newSingleThreadExecutor();
        try (ExitEngine engine = ExitEngine.builder(config).gateway(OrderGateway.NONE).listener(positions).build().start())
        {
            final JsonLinesFeed parser = new JsonLinesFeed(FeedInput.text("admin", ""), FeedOptions.continueOnError());
            // the engine has one writer: every line is parsed and published on the ingress thread
            final EventIntake intake = line ->
            {
                try
                {
                    return ingressThread.submit(() -> parser.parseLine(line, engine.inputs())).get();
                }
                catch (final InterruptedException | ExecutionException e)
                {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            };
            final EngineMetrics metrics = new EngineMetrics(engine.counters(), () -> 0, () -> 0,
                () -> HealthSnapshot.builder().build(), () -> null, () -> null);
            final AdminToken token = AdminToken.create(journal);
            try (AdminServer server = new AdminServer(AdminServer.loopback(0), () -> HealthSnapshot.builder().counters(engine.counters())
                .stream("market", true, 5).build(), metrics, positions, intake, token))
            {
                final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                final String base = "http://127.0.0.1:" + server.port();
                final String body = String.join("\n",
                    "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}",
                    "{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
                    "{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\","
                        + "\"price\":\"50000\",\"fee\":\"0.2\",\"orderId\":\"e1\",\"profile\":\"usd10\"}",
                    "{\"type\":\"fill\",\"ts\":1723161256323,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"-0.01\","
                        + "\"price\":\"50000\",\"orderId\":\"e2\",\"profile\":\"usd10\"}");
                final HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/events"))
                    .header("Authorization", "Bearer " + token.value()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, posted.statusCode());
                final String[] verdicts = posted.body().split("\n");
                assertEquals(4, verdicts.length, posted.body());
                assertEquals("{\"line\":3,\"accepted\":true}", verdicts[2]);
                assertTrue(verdicts[3].startsWith("{\"line\":4,\"accepted\":false,\"reason\":\""), verdicts[3]);
                assertTrue(verdicts[3].contains("qty"), verdicts[3]);
                ingressThread.submit(engine::awaitQuiet).get();

                final String open = get(http, base + "/positions");
                // usd10: ten dollars net after the 0.2 entry fee and the 0.04 % taker exit, rounded to the 0.1 tick
                assertEquals("[{\"positionId\":1,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"positionSide\":\"LONG\",\"qty\":\"0.01\","
                    + "\"entryPrice\":\"50000\",\"takeProfit\":\"51040.5\",\"stopLoss\":\"49039.7\"}]", open);
                assertTrue(get(http, base + "/health").startsWith("{\"status\":\"ok\",\"openPositions\":1,"));
                assertTrue(get(http, base + "/metrics").contains("\nexit_engine_fills_total 1.0\n"));
            }
        }
        finally
        {
            ingressThread.shutdownNow();
        }
    }

    private static String get(final HttpClient http, final String uri) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
