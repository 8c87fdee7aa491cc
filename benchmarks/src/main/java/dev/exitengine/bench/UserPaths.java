package dev.exitengine.bench;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.tools.Main;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code userpaths} section: the paths users time, not the hot path alone. A JSON Lines file made of the
 * bundled real session (every trade, quote and mark of BTCUSDT, 2024-08-08, eight times over, an hour apart; twenty
 * with {@code --full}) with 2,000 entry fills on the
 * $10-net profile is (1) run as a user runs it ({@code run --feed jsonl:FILE}, the paper venue, a journal) and
 * its journal replayed ({@code replay}), alternated, in this JVM: {@code fileRunVsReplay} is the run's events/s
 * over the replay's; (2) parsed into a sink that does nothing against reading its lines bare:
 * {@code jsonlParseVsRawRead}; (3) the demo, as a user runs it: the events/s it prints ({@code demoEventsPerSecond}).
 */
final class UserPaths extends ProfileSection
{
    private static final int WARM_UP_PASSES = 3;

    UserPaths(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws Exception
    {
        final Path dir = Bench.tempDir("userpaths");
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        try
        {
            final Path file = dir.resolve("session.jsonl");
            final long[] written = writeScenario(file, 2_000, full ? 20 : 8);
            final int passes = full ? 5 : 3;
            final double[] runRatios = new double[passes];
            final double[] parseRatios = new double[passes];
            double bestRun = 0;
            double bestReplay = 0;
            double bestParse = 0;
            double bestRaw = 0;
            // the commands print their summaries and progress: not what is measured
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
            // warm-up passes first: the run's path (the commands, the read-ahead, the journal's appender) keeps getting
            // faster over its first few runs in a JVM, as the compiler gets to it
            for (int p = -WARM_UP_PASSES; p < passes; p++)
            {
                final Path journal = dir.resolve("journal-" + (p + WARM_UP_PASSES));
                long t = System.nanoTime();
                check(Main.execute("run", "--feed", "jsonl:" + file, "--journal", journal.toString(), "--snapshot-every", "0", "--quiet"),
                    "run");
                final double run = written[0] * 1e9 / (System.nanoTime() - t);
                t = System.nanoTime();
                check(Main.execute("replay", "--journal", journal.toString()), "replay");
                final double replay = written[0] * 1e9 / (System.nanoTime() - t);
                Bench.delete(journal);
                t = System.nanoTime();
                final long parsed = FeedSpec.open("jsonl:" + file, FeedOptions.continueOnError()).run(new NoOpSink());
                final double parse = parsed * 1e9 / (System.nanoTime() - t);
                t = System.nanoTime();
                final long lines = readLines(file);
                final double raw = lines * 1e9 / (System.nanoTime() - t);
                if (p < 0)
                {
                    continue;
                }
                runRatios[p] = run / replay;
                parseRatios[p] = parse / raw;
                bestRun = Math.max(bestRun, run);
                bestReplay = Math.max(bestReplay, replay);
                bestParse = Math.max(bestParse, parse);
                bestRaw = Math.max(bestRaw, raw);
            }
            // the demo as a user runs it, its own figure: "inputs: ... (N events/s)"
            final double[] demo = new double[passes];
            for (int p = -1; p < passes; p++)
            {
                final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                final Path journal = dir.resolve("demo-" + (p + 1));
                check(Main.execute("demo", "--journal", journal.toString(), "--latency-every", "0"), "demo");
                Bench.delete(journal);
                if (p >= 0)
                {
                    demo[p] = demoEventsPerSecond(printed.toString(StandardCharsets.UTF_8));
                }
            }
            System.setOut(stdout);
            System.setErr(stderr);
            put("userpaths.demoEventsPerSecond", Bench.median(demo));
            put("userpaths.demoEventsPerSecondPasses", java.util.Arrays.toString(demo));
            put("userpaths.lines", written[1]);
            put("userpaths.entries", written[2]);
            put("userpaths.runEventsPerSecond", bestRun);
            put("userpaths.replayEventsPerSecond", bestReplay);
            put("userpaths.fileRunVsReplay", Bench.median(runRatios));
            put("userpaths.fileRunVsReplayPasses", java.util.Arrays.toString(round2(runRatios)));
            put("userpaths.parseEventsPerSecond", bestParse);
            put("userpaths.rawLinesPerSecond", bestRaw);
            put("userpaths.jsonlParseVsRawRead", Bench.median(parseRatios));
            put("userpaths.jsonlParseVsRawReadPasses", java.util.Arrays.toString(round2(parseRatios)));
            log("%,d lines (%,d entries): run --feed jsonl with the paper venue %.2f M inputs/s, replay of its journal %.2f M/s "
                + "(median ratio %.2f); JSON Lines parsed into a no-op sink %.2f M events/s, the file's lines read bare %.2f M/s "
                + "(median ratio %.2f); the demo end to end %,.0f events/s (median)", written[1], written[2], bestRun / 1e6,
                bestReplay / 1e6, Bench.median(runRatios), bestParse / 1e6, bestRaw / 1e6, Bench.median(parseRatios), Bench.median(demo));
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
            Bench.delete(dir);
        }
    }

    private static void check(final int exit, final String what)
    {
        if (exit != 0)
        {
            throw new IllegalStateException(what + " exited with " + exit);
        }
    }

    /** The events/s the demo printed on its {@code inputs:} line. */
    private static double demoEventsPerSecond(final String printed)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("inputs: .*\\(([0-9,]+) events/s\\)").matcher(printed);
        if (!m.find())
        {
            throw new IllegalStateException("the demo printed no events/s: " + printed);
        }
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    private static long readLines(final Path file) throws IOException
    {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            while (r.readLine() != null)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * The bundled session as JSON Lines: the instrument, the profile, then every market event, with an entry fill
     * after every n-th trade until {@code entries} (alternating BUY and SELL, one account each). Returns the
     * inputs, the lines and the entries written.
     */
    static long[] writeScenario(final Path file, final int entries, final int repeats) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            final ScenarioWriter s = new ScenarioWriter(w, entries);
            w.write("{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\","
                + "\"takerFee\":\"0.0004\"}\n");
            w.write("{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}\n");
            s.lines = 2;
            s.inputs = 2;
            for (int r = 0; r < repeats; r++)
            {
                // the session again, an hour later each time: a long file of real prices
                s.shiftMs = r * 3_600_000L;
                FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()).run(s);
            }
            return new long[] {s.inputs, s.lines, s.entries};
        }
    }

    /** Writes what a feed delivers as JSON Lines, with the entries put in. */
    private static final class ScenarioWriter extends NoOpSink
    {
        private final BufferedWriter w;
        private final int maxEntries;
        private final int every;
        long lines;
        long inputs;
        int entries;
        long shiftMs;
        private long trades;

        ScenarioWriter(final BufferedWriter w, final int maxEntries)
        {
            this.w = w;
            this.maxEntries = maxEntries;
            this.every = 8;
        }

        private void line(final String s)
        {
            try
            {
                w.write(s);
                w.write('\n');
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
            lines++;
            inputs++;
        }

        @Override
        public void trade(final long ts, final String symbol, final long price, final long qty)
        {
            line("{\"type\":\"trade\",\"ts\":" + (ts + shiftMs) + ",\"symbol\":\"" + symbol + "\",\"price\":\"" + Fixed.toString(price)
                + "\",\"qty\":\"" + Fixed.toString(qty) + "\"}");
            if (++trades % every == 0 && entries < maxEntries)
            {
                final int n = entries++;
                line("{\"type\":\"fill\",\"ts\":" + (ts + shiftMs) + ",\"account\":\"trader-" + n + "\",\"symbol\":\"" + symbol + "\",\"side\":\""
                    + (n % 2 == 0 ? "BUY" : "SELL") + "\",\"qty\":\"0.1\",\"price\":\"" + Fixed.toString(price) + "\",\"orderId\":\"e" + n
                    + "\",\"profile\":\"usd10\"}");
            }
        }

        @Override
        public void quote(final long ts, final String symbol, final long bid, final long ask)
        {
            line("{\"type\":\"quote\",\"ts\":" + (ts + shiftMs) + ",\"symbol\":\"" + symbol + "\",\"bid\":\"" + Fixed.toString(bid) + "\",\"ask\":\""
                + Fixed.toString(ask) + "\"}");
        }

        @Override
        public void mark(final long ts, final String symbol, final long price)
        {
            line("{\"type\":\"mark\",\"ts\":" + (ts + shiftMs) + ",\"symbol\":\"" + symbol + "\",\"price\":\"" + Fixed.toString(price) + "\"}");
        }
    }
}
