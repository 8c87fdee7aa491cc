package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.feed.live.MarketEventSink;
import dev.exitengine.feed.live.MarketFrameDecoder;
import dev.exitengine.feed.live.SymbolTable;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live process in dry run against a local venue that plays the real capture of 2024-08-08 frame by
 * frame: positions handed in through POST /events, closes filled by the paper venue. Its close and exit
 * decisions equal those of {@code run} over the same events as a file.
 */
class LiveDryRunTest
{
    static final int FRAMES = 6_000;
    static final String PROFILE = "{\"type\":\"profile\",\"name\":\"tight\",\"takeProfit\":{\"pct\":\"0.05\"},\"stopLoss\":{\"pct\":\"0.04\"}}";

    @TempDir
    Path dir;

    @Test
    void aDryRunDecidesWhatARunOfTheSameEventsAsAFileDecides() throws Exception
    {
        final List<String> frames = LocalBinanceVenue.captureFrames(FRAMES);
        final long firstTs = firstEventTime(frames);
        final List<String> entries = entries(firstTs);
        final Path journal = dir.resolve("journal");
        final Path liveOut = dir.resolve("live.jsonl");
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (LocalBinanceVenue venue = LocalBinanceVenue.start())
        {
            venue.exchangeInfo(resource("/binance/exchange_info.json"));
            final Path config = dir.resolve("live.json");
            Files.writeString(config, "{\"venue\": {\"wsUrl\": \"" + venue.wsUrl() + "\", \"restUrl\": \"" + venue.restUrl()
                + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\", \"bookTicker\"], \"timerMs\": 3600000},"
                + " \"admin\": {\"port\": 0}}");
            final LiveProcess process = new LiveProcess(ConfigFile.load(config), journal, liveOut,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
            final int[] exit = {-1};
            final Thread live = new Thread(() ->
            {
                try
                {
                    exit[0] = process.run();
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, "live-under-test");
            live.start();
            awaitTrue(process::running, "the live process runs");
            assertTrue(venue.awaitConnections(2, Duration.ofSeconds(10)), "one connection on /public, one on /market");

            // the strategy hands its positions in, with the token written beside the journal
            final List<String> verdicts = post(process.adminPort(), AdminToken.read(journal).value(),
                PROFILE + "\n" + String.join("\n", entries));
            assertEquals(1 + entries.size(), verdicts.size());
            verdicts.forEach(v -> assertTrue(v.contains("\"accepted\":true"), v));

            // frame by frame, each evaluated before the next is sent: the two connections' order is then the capture's,
            // which a file run has too (the ingress order across connections is otherwise the order of record)
            try (TickCounter ticks = new TickCounter(journal.resolve(LiveFiles.COUNTERS_FILE)))
            {
                for (int i = 0; i < frames.size(); i++)
                {
                    venue.broadcast(frames.get(i));
                    final long want = i + 1;
                    awaitTrue(() -> ticks.get() >= want, "frame " + want + " evaluated");
                }
            }
            process.requestStop();
            live.join(30_000);
            assertEquals(0, exit[0], "SIGTERM's path: drained, flushed, closed, exit 0");
        }
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("exits"), stdout.toString(StandardCharsets.UTF_8));

        // the same events as a file
        final Path events = dir.resolve("events.jsonl");
        final List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"minQty\":\"0.001\","
            + "\"makerFee\":\"0.0002\",\"takerFee\":\"0.0005\"}");
        lines.add(PROFILE);
        lines.addAll(entries);
        lines.addAll(asEventLines(frames));
        Files.write(events, lines);
        final Path fileOut = dir.resolve("file.jsonl");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + events, "--gateway", "paper", "--out", fileOut.toString(),
            "--no-journal", "--quiet"));

        final List<String> liveExits = closesAndExits(liveOut);
        final List<String> fileExits = closesAndExits(fileOut);
        assertTrue(liveExits.stream().filter(l -> l.startsWith("{\"type\":\"exit\"")).count() >= 2, liveExits.toString());
        assertEquals(fileExits, liveExits);
    }

    /** Four positions on the first quote's prices, opened a millisecond before the first market event. */
    static List<String> entries(final long firstTs)
    {
        final List<String> out = new ArrayList<>();
        final String[][] fills = {{"a1", "BUY", "0.01", "61800.3"}, {"a2", "SELL", "0.01", "61800.2"}, {"a3", "BUY", "0.02", "61790"},
            {"a4", "SELL", "0.005", "61810"}};
        for (int i = 0; i < fills.length; i++)
        {
            out.add("{\"type\":\"fill\",\"ts\":" + (firstTs - 1) + ",\"account\":\"" + fills[i][0] + "\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"" + fills[i][1] + "\",\"qty\":\"" + fills[i][2] + "\",\"price\":\"" + fills[i][3] + "\",\"orderId\":\"e"
                + i + "\",\"profile\":\"tight\"}");
        }
        return out;
    }

    static long firstEventTime(final List<String> frames)
    {
        final long[] ts = {-1};
        decode(frames, new MarketEventSink()
        {
            @Override
            public void quote(final int symbolId, final long t, final long bid, final long ask)
            {
                first(t);
            }

            @Override
            public void trade(final int symbolId, final long t, final long price, final long qty)
            {
                first(t);
            }

            @Override
            public void mark(final int symbolId, final long t, final long price)
            {
                first(t);
            }

            private void first(final long t)
            {
                if (ts[0] < 0)
                {
                    ts[0] = t;
                }
            }
        });
        return ts[0];
    }

    /** The frames as the JSON Lines events a file run reads, through the same decoder the live streams use. */
    private static List<String> asEventLines(final List<String> frames)
    {
        final List<String> out = new ArrayList<>();
        decode(frames, new MarketEventSink()
        {
            @Override
            public void quote(final int symbolId, final long ts, final long bid, final long ask)
            {
                out.add("{\"type\":\"quote\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"bid\":\"" + Fixed.toString(bid) + "\",\"ask\":\""
                    + Fixed.toString(ask) + "\"}");
            }

            @Override
            public void trade(final int symbolId, final long ts, final long price, final long qty)
            {
                out.add("{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"" + Fixed.toString(price) + "\",\"qty\":\""
                    + Fixed.toString(qty) + "\"}");
            }

            @Override
            public void mark(final int symbolId, final long ts, final long price)
            {
                out.add("{\"type\":\"mark\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"" + Fixed.toString(price) + "\"}");
            }
        });
        return out;
    }

    private static void decode(final List<String> frames, final MarketEventSink sink)
    {
        final SymbolTable table = new SymbolTable();
        table.register("BTCUSDT", 0);
        final MarketFrameDecoder decoder = new MarketFrameDecoder(table, false, sink);
        for (final String f : frames)
        {
            final byte[] b = f.getBytes(StandardCharsets.UTF_8);
            decoder.decode(b, 0, b.length);
        }
    }

    /** Close and exit lines without the input's sequence number (timers and admin lines number differently). */
    private static List<String> closesAndExits(final Path decisions) throws IOException
    {
        return Files.readAllLines(decisions).stream()
            .filter(l -> l.startsWith("{\"type\":\"close\"") || l.startsWith("{\"type\":\"exit\""))
            .map(l -> l.replaceFirst("\"seq\":\\d+,", ""))
            .collect(Collectors.toList());
    }

    static List<String> post(final int port, final String token, final String body) throws Exception
    {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/events")).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().lines().collect(Collectors.toList());
    }

    /** The running engine's tick counter, read from its mapped counters file as {@code stat} reads it. */
    private static final class TickCounter implements AutoCloseable
    {
        private final java.nio.channels.FileChannel channel;
        private final org.agrona.concurrent.UnsafeBuffer buffer;

        TickCounter(final Path file) throws IOException
        {
            channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
            buffer = new org.agrona.concurrent.UnsafeBuffer(channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0,
                EngineCounters.length()));
        }

        long get()
        {
            return buffer.getLongVolatile(EngineCounters.HEADER + Counter.TICKS.ordinal() * EngineCounters.SLOT);
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = LiveDryRunTest.class.getResourceAsStream(name))
        {
            return in.readAllBytes();
        }
    }

    static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        int spins = 0;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting until " + what);
            }
            if (++spins > 100)
            {
                Thread.sleep(0, 100_000);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }
}
