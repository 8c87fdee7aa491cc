package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.feed.Feed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.gateway.PaperGateway;
import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.journal.Replay;
import dev.exitengine.tools.ConfigFile;
import dev.exitengine.tools.Runner;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a file run's time goes, per input: the {@code userpaths} scenario (the bundled session eight times over, 2,000
 * entries) parsed alone; fed already parsed to the engine as {@code run} builds it (paper venue, caller-thread layout,
 * batched) with the journal on, with inputs encoded but not appended, and with no journal; the run's journal replayed,
 * walked (checksums and record headers only) and decoded. Each part in turn, {@code passes} rounds, alternated; prints
 * the median nanoseconds per input of each. {@code java -cp benchmarks.jar dev.exitengine.bench.InputCost [passes]}
 * (with the JVM flags Chronicle needs).
 */
public final class InputCost
{
    private InputCost()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int passes = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        final Path dir = Bench.tempDir("inputcost");
        final PrintStream stdout = System.out;
        try
        {
            final Path file = dir.resolve("session.jsonl");
            UserPaths.writeScenario(file, 2_000, 8);
            final Tape tape = new Tape();
            FeedSpec.open("jsonl:" + file, FeedOptions.continueOnError()).run(tape);
            final long n = tape.size;
            final String[] names = {"parse", "engine+journal", "engine+encode", "engine (no journal)", "run command", "replay",
                "journal walk", "journal walk+decode", "fixed: reader open+close", "fixed: replay of 2,000 inputs",
                "fixed: run of 2,000 inputs"};
            final Path small = dir.resolve("small.jsonl");
            try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file);
                java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(small))
            {
                for (int i = 0; i < 2_000; i++)
                {
                    w.write(r.readLine());
                    w.write('\n');
                }
            }
            final double[][] ns = new double[names.length][passes];
            System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
            for (int p = -3; p < passes; p++)
            {
                final double[] t = new double[names.length];
                long s = System.nanoTime();
                FeedSpec.open("jsonl:" + file, FeedOptions.continueOnError()).run(new NoOpSink());
                t[0] = System.nanoTime() - s;
                final Path journal = dir.resolve("journal-" + (p + 3));
                t[1] = engine(tape, ChronicleJournal.create(journal), null);
                t[2] = engine(tape, new JournalPort.Discarding(true), null);
                t[3] = engine(tape, JournalPort.NONE, null);
                final Path runJournal = dir.resolve("run-" + (p + 3));
                System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
                s = System.nanoTime();
                dev.exitengine.tools.Main.execute("run", "--feed", "jsonl:" + file, "--journal", runJournal.toString(), "--snapshot-every", "0",
                    "--quiet");
                t[4] = System.nanoTime() - s;
                System.setOut(stdout);
                Bench.delete(runJournal);
                s = System.nanoTime();
                Replay.run(journal, false, null, msg -> { }, null);
                t[5] = System.nanoTime() - s;
                s = System.nanoTime();
                try (JournalReader reader = JournalReader.open(journal))
                {
                    reader.readInputsRaw(new Names(), (buffer, offset, doc) -> { });
                }
                t[6] = System.nanoTime() - s;
                final EngineEvent e = new EngineEvent();
                s = System.nanoTime();
                try (JournalReader reader = JournalReader.open(journal))
                {
                    reader.readInputsRaw(new Names(), (buffer, offset, doc) -> EventCodec.decode(buffer, offset, e, doc));
                }
                t[7] = System.nanoTime() - s;
                s = System.nanoTime();
                try (JournalReader reader = JournalReader.open(journal))
                {
                    reader.formatVersion();
                }
                t[8] = (System.nanoTime() - s) * (double)n / 1e6;
                Bench.delete(journal);
                final Path smallJournal = dir.resolve("small-" + (p + 3));
                System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
                s = System.nanoTime();
                dev.exitengine.tools.Main.execute("run", "--feed", "jsonl:" + small, "--journal", smallJournal.toString(), "--snapshot-every",
                    "0", "--quiet");
                t[10] = (System.nanoTime() - s) * (double)n / 1e6;
                System.setOut(stdout);
                s = System.nanoTime();
                Replay.run(smallJournal, false, null, msg -> { }, null);
                t[9] = (System.nanoTime() - s) * (double)n / 1e6;
                Bench.delete(smallJournal);
                if (p >= 0)
                {
                    for (int k = 0; k < names.length; k++)
                    {
                        ns[k][p] = t[k] / n;
                    }
                }
            }
            stdout.printf("%,d inputs, %d passes; median ns per input (min-max); fixed costs in ms%n", n, passes);
            for (int k = 0; k < names.length; k++)
            {
                final double[] v = ns[k].clone();
                Arrays.sort(v);
                stdout.printf("  %-22s %7.1f  (%.1f-%.1f)%n", names[k], Bench.median(ns[k]), v[0], v[v.length - 1]);
            }
        }
        finally
        {
            System.setOut(stdout);
            Bench.delete(dir);
        }
    }

    /** The engine as {@code run --feed FILE} builds it with the paper venue, fed the tape; returns nanoseconds. */
    private static double engine(final Tape tape, final JournalPort journal, final Path journalDir) throws Exception
    {
        final ConfigFile cfg = new ConfigFile();
        final EngineConfig config = cfg.engine;
        config.venue = cfg.paperVenue();
        config.lockstep = true;
        config.layout = EngineConfig.Layout.CALLER_THREAD;
        final PaperGateway paper = new PaperGateway(cfg.paperLatencyMs, cfg.paperSlippageBps, cfg.paperAcks, cfg.paperRejectRate,
            cfg.paperPartialRate, cfg.paperSeed);
        final Runner.Report r = Runner.run(config, tape, paper, journal, journalDir, List.of(), msg -> { }, null, null, 0);
        return r.elapsedNanos;
    }

    /** A file's inputs, parsed once, delivered again as fast as a loop goes. */
    private static final class Tape extends NoOpSink implements Feed
    {
        private static final byte TRADE = 0;
        private static final byte QUOTE = 1;
        private static final byte MARK = 2;
        private static final byte OTHER = 3;
        int size;
        private byte[] type = new byte[1 << 20];
        private long[] line = new long[1 << 20];
        private long[] ts = new long[1 << 20];
        private long[] a = new long[1 << 20];
        private long[] b = new long[1 << 20];
        private String[] symbol = new String[1 << 20];
        private final List<java.util.function.Consumer<InputSink>> others = new ArrayList<>();
        private long currentLine;
        private String source;

        private int add(final byte kind, final long t, final String s, final long x, final long y)
        {
            if (size == type.length)
            {
                type = Arrays.copyOf(type, size * 2);
                line = Arrays.copyOf(line, size * 2);
                ts = Arrays.copyOf(ts, size * 2);
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
                symbol = Arrays.copyOf(symbol, size * 2);
            }
            type[size] = kind;
            line[size] = currentLine;
            ts[size] = t;
            symbol[size] = s;
            a[size] = x;
            b[size] = y;
            return size++;
        }

        @Override
        public void position(final String src, final long l)
        {
            source = src;
            currentLine = l;
        }

        @Override
        public void trade(final long t, final String s, final long price, final long qty)
        {
            add(TRADE, t, s, price, qty);
        }

        @Override
        public void quote(final long t, final String s, final long bid, final long ask)
        {
            add(QUOTE, t, s, bid, ask);
        }

        @Override
        public void mark(final long t, final String s, final long price)
        {
            add(MARK, t, s, price, 0);
        }

        @Override
        public void instrument(final String s, final long tickSize, final long stepSize, final long minQty, final long makerFee,
            final long takerFee)
        {
            a[add(OTHER, 0, null, others.size(), 0)] = others.size();
            others.add(sink -> sink.instrument(s, tickSize, stepSize, minQty, makerFee, takerFee));
        }

        @Override
        public void profile(final ExitProfile profile)
        {
            a[add(OTHER, 0, null, others.size(), 0)] = others.size();
            others.add(sink -> sink.profile(profile));
        }

        @Override
        public void fill(final long t, final String account, final String s, final Side side, final PositionSide positionSide,
            final long qty, final long price, final long fee, final String orderId, final String profile)
        {
            a[add(OTHER, 0, null, others.size(), 0)] = others.size();
            others.add(sink -> sink.fill(t, account, s, side, positionSide, qty, price, fee, orderId, profile));
        }

        @Override
        public long run(final InputSink sink)
        {
            for (int i = 0; i < size; i++)
            {
                sink.position(source, line[i]);
                switch (type[i])
                {
                    case TRADE: sink.trade(ts[i], symbol[i], a[i], b[i]); break;
                    case QUOTE: sink.quote(ts[i], symbol[i], a[i], b[i]); break;
                    case MARK: sink.mark(ts[i], symbol[i], a[i]); break;
                    default: others.get((int)a[i]).accept(sink); break;
                }
            }
            return size;
        }
    }
}
