package dev.exitengine.tools.live;

import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyLog;
import dev.exitengine.tools.latency.LatencyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live process writes its latency histograms every interval while it runs and the last one when it stops. */
class LiveLatencyLogTest
{
    @TempDir
    Path dir;

    @Test
    void intervalsWhileRunningAndTheLastAtShutdownHoldEverySampleTheSummaryCounts() throws Exception
    {
        final List<String> frames = LocalBinanceVenue.captureFrames(3_000);
        try (LocalBinanceVenue venue = LocalBinanceVenue.start())
        {
            try (InputStream info = LiveLatencyLogTest.class.getResourceAsStream("/binance/exchange_info.json"))
            {
                venue.exchangeInfo(info.readAllBytes());
            }
            final Path config = dir.resolve("live.json");
            Files.writeString(config, "{\"venue\": {\"wsUrl\": \"" + venue.wsUrl() + "\", \"restUrl\": \"" + venue.restUrl()
                + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\", \"bookTicker\"]}, \"admin\": {\"port\": 0}}");
            final Path journal = dir.resolve("journal");
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final LiveProcess process = new LiveProcess(ConfigFile.load(config), journal, null,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err)
                .latencyLog(new LatencyLog.Settings(LatencyFiles.folderOf(journal), Duration.ofMillis(250)));
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
            assertTrue(venue.awaitConnections(1, Duration.ofSeconds(10)));
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_200);
            for (int i = 0; i < frames.size() && System.nanoTime() < end; i++)
            {
                venue.broadcast(frames.get(i));
                Thread.sleep(1);
            }
            while (System.nanoTime() < end)
            {
                Thread.sleep(10);
            }
            final int whileRunning = LatencyReport.read(LatencyFiles.folderOf(journal), LatencyFiles.TICK_TO_DECISION).intervals.size();
            process.requestStop();
            live.join(30_000);

            final LatencyReport.Metric m = LatencyReport.read(LatencyFiles.folderOf(journal), LatencyFiles.TICK_TO_DECISION);
            assertTrue(whileRunning >= 2, "intervals written while it ran: " + whileRunning);
            assertTrue(m.intervals.size() > whileRunning, "and the last at shutdown: " + m.intervals.size());
            final Matcher samples = Pattern.compile("tick -> decision latency \\(ns, ([0-9,]+) samples\\)")
                .matcher(stdout.toString(StandardCharsets.UTF_8));
            assertTrue(samples.find(), stdout.toString(StandardCharsets.UTF_8));
            final long counted = Long.parseLong(samples.group(1).replace(",", ""));
            assertTrue(counted > 100, "market events went through: " + counted);
            assertEquals(counted, m.overall.count, "every sample the engine recorded is in the intervals");
        }
    }
}
