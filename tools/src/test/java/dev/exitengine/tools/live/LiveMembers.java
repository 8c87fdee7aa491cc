package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.feed.live.LocalBinanceVenue;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyLog;
import dev.exitengine.tools.latency.LatencyReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@code live} processes as the members of one cluster, in this JVM, on one local market venue:
 * each from its own configuration file (the venue and admin sections a test gives, the cluster section
 * added here), each on a thread of its own, its status lines kept.
 */
final class LiveMembers implements AutoCloseable
{
    static final int SIZE = 3;
    private static final int CAPTURE_TRADES = 3_000;

    /** The market frames a test plays (empty when it makes its own). */
    final List<String> frames;
    final LocalBinanceVenue market;
    private final ClusteredLiveProcess[] process = new ClusteredLiveProcess[SIZE];
    private final Thread[] thread = new Thread[SIZE];
    private final ByteArrayOutputStream[] stdout = new ByteArrayOutputStream[SIZE];
    private final Path dir;

    /**
     * Members on the bundled capture's first trades (the aggTrade stream's connection serves them; quotes left out,
     * so each member has one connection and sees the frames in the capture's order) in dry run.
     */
    static LiveMembers onTheCapture(final Path dir) throws Exception
    {
        final List<String> trades = new ArrayList<>();
        for (final String f : LocalBinanceVenue.captureFrames(LiveDryRunTest.FRAMES * 2))
        {
            if (f.contains("@trade\"") && trades.size() < CAPTURE_TRADES)
            {
                trades.add(f);
            }
        }
        final LocalBinanceVenue market = LocalBinanceVenue.start();
        market.exchangeInfo(LiveDryRunTest.resource("/binance/exchange_info.json"));
        return new LiveMembers(dir, market, trades, i -> "\"venue\": {\"wsUrl\": \"" + market.wsUrl() + "\", \"restUrl\": \""
            + market.restUrl() + "\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\"], \"timerMs\": 3600000}, \"admin\": {\"port\": 0}",
            "", name -> null);
    }

    /**
     * @param sections the configuration's sections of member i but the cluster's (JSON members, no braces)
     * @param clusterExtra more keys of the cluster section (with a leading comma), or ""
     */
    LiveMembers(final Path dir, final LocalBinanceVenue market, final List<String> frames, final IntFunction<String> sections,
        final String clusterExtra, final Function<String, String> env) throws Exception
    {
        this.dir = dir;
        this.market = market;
        this.frames = List.copyOf(frames);
        final int portBase = ClusterNodeConfig.freePortBase(SIZE);
        final String members = "0=localhost:" + portBase + ",1=localhost:" + (portBase + 100) + ",2=localhost:" + (portBase + 200);
        for (int i = 0; i < SIZE; i++)
        {
            final Path config = dir.resolve("live-" + i + ".json");
            Files.writeString(config, "{" + sections.apply(i) + ", \"cluster\": {\"members\": \"" + members + "\", \"dir\": \""
                + dir.resolve("member-" + i) + "\"" + clusterExtra + "}}");
            stdout[i] = new ByteArrayOutputStream();
            process[i] = new ClusteredLiveProcess(ConfigFile.load(config), i, out(i), new PrintStream(stdout[i], true,
                StandardCharsets.UTF_8), System.err).environment(env)
                .latencyLog(new LatencyLog.Settings(LatencyFiles.folderOf(dir.resolve("member-" + i)), Duration.ofHours(1)));
            final ClusteredLiveProcess p = process[i];
            thread[i] = new Thread(() ->
            {
                try
                {
                    assertEquals(0, p.run());
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, "clustered-live-" + i);
            thread[i].start();
        }
        for (int i = 0; i < SIZE; i++)
        {
            final ClusteredLiveProcess p = process[i];
            awaitTrue(p::running, "member " + i + " runs", 60);
        }
        assertTrue(market.awaitOpen(SIZE, Duration.ofSeconds(10)), "every member watches the stream");
    }

    /** Member i's latency log ({@code latency} beside its cluster folder's contents), written at its stop if not before. */
    LatencyReport.Metric tickToDecision(final int i) throws IOException
    {
        return LatencyReport.read(LatencyFiles.folderOf(dir.resolve("member-" + i)), LatencyFiles.TICK_TO_DECISION);
    }

    Path out(final int i)
    {
        return dir.resolve("decisions-" + i + ".jsonl");
    }

    ClusteredExitEngine service(final int i)
    {
        return process[i].service();
    }

    boolean running(final int i)
    {
        return process[i].running();
    }

    String stdout(final int i)
    {
        return stdout[i].toString(StandardCharsets.UTF_8);
    }

    /** The decision lines of member i of {@code type} ("levels", "close", "exit"). */
    List<String> decisions(final int i, final String type)
    {
        try
        {
            return !Files.exists(out(i)) ? List.of()
                : Files.readAllLines(out(i)).stream().filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).toList();
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    static long count(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in: " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** The member that leads (sends), other than {@code not}. */
    int awaitLeader(final int not) throws InterruptedException
    {
        final int[] found = {-1};
        awaitTrue(() ->
        {
            for (int i = 0; i < SIZE; i++)
            {
                if (i != not && process[i].running() && service(i).leading())
                {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        }, "a member leads", 30);
        return found[0];
    }

    /** The dry-run positions of {@link LiveDryRunTest} posted to member {@code member}'s admin endpoint; every member has them. */
    void postPositions(final int member) throws Exception
    {
        final long firstTs = LiveDryRunTest.firstEventTime(frames);
        final List<String> verdicts = LiveDryRunTest.post(process[member].adminPort(), AdminToken.read(dir.resolve("member-" + member))
            .value(), LiveDryRunTest.PROFILE + "\n" + String.join("\n", LiveDryRunTest.entries(firstTs)));
        assertEquals(5, verdicts.size());
        verdicts.forEach(v -> assertTrue(v.contains("\"accepted\":true"), v));
        for (int i = 0; i < SIZE; i++)
        {
            final ClusteredExitEngine s = service(i);
            awaitTrue(() -> s.applied() >= 5, "member " + i + " has the positions", 30);
        }
    }

    void play(final int from, final int to)
    {
        market.broadcastAll(frames.subList(from, to));
    }

    /** Waits until the member holds no open position (the venue's fills came back through the log). */
    void awaitAllClosed(final int member) throws InterruptedException
    {
        final ClusteredExitEngine s = service(member);
        awaitTrue(() -> s.engine().counters().get(Counter.POSITIONS_TRACKED) == 0, "every position is closed", 30);
    }

    /** Waits until the running members applied the same requests, the leader's count still for half a second; returns it. */
    long awaitAllApplied(final int leader) throws InterruptedException
    {
        final long[] last = {-1, System.nanoTime()};
        awaitTrue(() ->
        {
            final long now = service(leader).applied();
            if (now != last[0])
            {
                last[0] = now;
                last[1] = System.nanoTime();
                return false;
            }
            if (System.nanoTime() - last[1] < 500_000_000L)
            {
                return false;
            }
            for (int i = 0; i < SIZE; i++)
            {
                if (process[i].running() && service(i).applied() != now)
                {
                    return false;
                }
            }
            return true;
        }, "every member applied what the leader did", 60);
        return last[0];
    }

    void stop(final int i) throws InterruptedException
    {
        process[i].requestStop();
        thread[i].join(30_000);
        assertFalse(thread[i].isAlive(), "member " + i + " stopped");
    }

    void stop() throws InterruptedException
    {
        for (int i = 0; i < SIZE; i++)
        {
            process[i].requestStop();
        }
        for (int i = 0; i < SIZE; i++)
        {
            thread[i].join(30_000);
            assertFalse(thread[i].isAlive(), "member " + i + " stopped");
        }
    }

    @Override
    public void close() throws Exception
    {
        for (final ClusteredLiveProcess p : process)
        {
            if (p != null)
            {
                p.requestStop();
            }
        }
        for (final Thread t : thread)
        {
            if (t != null)
            {
                t.join(30_000);
            }
        }
        market.close();
    }

    static void awaitTrue(final BooleanSupplier condition, final String what, final int seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
