package dev.exitengine.tools.live;

import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live process as an operator meets it: a stale symbol on /health, and SIGTERM while it is busy. */
class LiveProcessTest
{
    @TempDir
    Path dir;

    private Path config(final LocalBinanceVenue venue, final String extraVenue) throws IOException
    {
        venue.exchangeInfo(resource("/binance/exchange_info.json"));
        final Path config = dir.resolve("live.json");
        Files.writeString(config, "{\"profiles\": [{\"name\": \"tight\", \"takeProfit\": {\"pct\": \"0.05\"}, \"stopLoss\": {\"pct\": \"0.04\"}}],"
            + " \"defaultProfile\": \"tight\", \"venue\": {\"wsUrl\": \"" + venue.wsUrl() + "\", \"restUrl\": \"" + venue.restUrl()
            + "\", \"symbols\": [\"BTCUSDT\", \"ETHUSDT\"], \"streams\": [\"aggTrade\", \"bookTicker\"]" + extraVenue + "},"
            + " \"admin\": {\"port\": 0}}");
        return config;
    }

    @Test
    void aSymbolWithNoMarketEventForItsTtlIsStaleOnHealthAndCounted() throws Exception
    {
        final List<String> frames = LocalBinanceVenue.captureFrames(3_000);
        try (LocalBinanceVenue venue = LocalBinanceVenue.start())
        {
            final Path journal = dir.resolve("journal");
            final LiveProcess process = new LiveProcess(ConfigFile.load(config(venue, ", \"staleAfterMs\": 1500, \"timerMs\": 50")),
                journal, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
            final Thread live = new Thread(() ->
            {
                try
                {
                    process.run();
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            live.start();
            LiveDryRunTest.awaitTrue(process::running, "the live process runs");
            assertTrue(venue.awaitConnections(2, Duration.ofSeconds(10)));
            // BTCUSDT keeps trading, ETHUSDT says nothing
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
            // (each frame once: a repeated one is dropped as a duplicate, and BTCUSDT would go quiet too)
            for (int i = 0; i < frames.size() && System.nanoTime() < end; i++)
            {
                venue.broadcast(frames.get(i));
                Thread.sleep(1);
            }
            while (System.nanoTime() < end)
            {
                Thread.sleep(10);
            }
            final String health = get(process.adminPort(), "/health");
            assertTrue(health.contains("\"status\":\"degraded\""), health);
            assertTrue(health.contains("\"staleSymbols\":[\"ETHUSDT\"]"), health);
            final String metrics = get(process.adminPort(), "/metrics");
            assertTrue(Pattern.compile("(?m)^exit_engine_stale_symbols_total 1(\\.0)?$").matcher(metrics).find(), metrics);
            process.requestStop();
            live.join(30_000);
        }
    }

    @Test
    void sigtermWhileBusyDrainsFlushesClosesAndExitsZeroWithAJournalThatVerifies() throws Exception
    {
        final List<String> frames = LocalBinanceVenue.captureFrames(4_000);
        try (LocalBinanceVenue venue = LocalBinanceVenue.start())
        {
            final Path journal = dir.resolve("journal");
            final Path out = dir.resolve("live.jsonl");
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "live", "--config",
                config(venue, "").toString(), "--journal", journal.toString(), "--out", out.toString()));
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // its output is read all along: a child blocked on a full pipe would not stop on SIGTERM
            final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            final java.util.concurrent.CompletableFuture<Integer> adminPort = new java.util.concurrent.CompletableFuture<>();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while ((line = stdout.readLine()) != null)
                    {
                        lines.add(line);
                        final Matcher m = Pattern.compile("admin http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
                        if (m.find())
                        {
                            adminPort.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
                catch (final IOException ex)
                {
                    lines.add("(output unreadable: " + ex + ")");
                }
                adminPort.complete(-1);
            });
            reader.start();
            final int port = adminPort.get(60, TimeUnit.SECONDS);
            assertTrue(port > 0, String.join("\n", lines));
            assertTrue(venue.awaitConnections(2, Duration.ofSeconds(10)));
            final String token = AdminToken.read(journal).value();
            final HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/events")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"fill\",\"ts\":1723161256321,\"account\":\"a1\",\"symbol\":\"BTCUSDT\","
                    + "\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"61800.3\",\"orderId\":\"e1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertTrue(posted.body().contains("\"accepted\":true"), posted.body());

            // the venue keeps sending while the engine is told to stop
            final AtomicBoolean sending = new AtomicBoolean(true);
            final Thread sender = new Thread(() ->
            {
                for (int i = 0; sending.get() && i < frames.size(); i++)
                {
                    venue.broadcast(frames.get(i));
                    if (i % 50 == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            sender.start();
            Thread.sleep(300);
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
            sending.set(false);
            sender.join();
            reader.join(10_000);
            final String all = String.join("\n", lines);
            assertEquals(0, p.exitValue(), all);
            assertTrue(all.contains("inputs: "), "the summary is printed:\n" + all);
            assertTrue(all.contains("journal: "), all);
            for (final String decision : Files.readAllLines(out))
            {
                assertTrue(decision.startsWith("{") && decision.endsWith("}"), "whole lines only: " + decision);
            }
            // flushed and closed: the journal replays and verifies, final state hash included
            final ByteArrayOutputStream replay = new ByteArrayOutputStream();
            final PrintStream was = System.out;
            System.setOut(new PrintStream(replay, true, StandardCharsets.UTF_8));
            try
            {
                assertEquals(0, Main.execute("replay", "--journal", journal.toString(), "--verify"));
            }
            finally
            {
                System.setOut(was);
            }
            assertTrue(replay.toString(StandardCharsets.UTF_8).contains("final state hash") && replay.toString(StandardCharsets.UTF_8)
                .contains("equal to the journal's"), replay.toString(StandardCharsets.UTF_8));
        }
    }

    private static String get(final int port, final String path) throws Exception
    {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = LiveProcessTest.class.getResourceAsStream(name))
        {
            return in.readAllBytes();
        }
    }
}
