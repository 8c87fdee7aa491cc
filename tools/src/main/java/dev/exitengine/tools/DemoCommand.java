package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.gateway.PaperGateway;
import dev.exitengine.journal.Replay;
import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the main job on an embedded default. The bundled real BTCUSDT session (Binance USDⓈ-M,
 * 2024-08-08, about six minutes, 87,402 trades and quotes) runs through the engine with a few dozen
 * positions on "$10 net after fees" profiles, the paper venue fills the closes, and the run ends by
 * verifying that its own journal replays to identical outputs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Replay the bundled real BTCUSDT session with $10-net exits through the paper venue, print a summary, verify the replay.")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", description = "journal folder (default: a new temporary folder)")
    Path journal;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the decisions as JSON Lines")
    Path out;

    @Option(names = "--positions", defaultValue = "36", description = "how many positions to open across the session (default 36)")
    int positions;

    @Option(names = "--layout", defaultValue = "CALLER_THREAD", description = "CALLER_THREAD (default: the handlers on the thread "
        + "that takes the feed, as `run` with the paper venue), or SINGLE_THREAD or THREAD_PER_HANDLER (the Disruptor pipeline, in lockstep)")
    EngineConfig.Layout layout;

    @Option(names = "--latency-every", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "1s",
        description = "write the latency histograms into the journal's " + LatencyFiles.FOLDER + "/ folder every DURATION "
            + "(default 1s) and at the end, for the latency command; 0 for never")
    java.time.Duration latencyEvery;

    @Override
    public Integer call() throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.layout = layout;
        config.wait = EngineConfig.Wait.YIELDING;
        // the paper fill lands at exactly the next market event: the ring's consumers take each input before the next
        config.lockstep = layout != EngineConfig.Layout.CALLER_THREAD;
        config.instruments.add(ConfigFile.btcusdt());
        config.profiles.add(ExitProfile.builder("usd10")
            .takeProfit(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .stopLoss(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .build());
        final Path journalDir = journal != null ? journal : Files.createTempDirectory("exit-engine-demo-");
        final ExitTally tally = new ExitTally();
        final List<DecisionListener> listeners = new ArrayList<>();
        listeners.add(tally);
        DecisionFileWriter writer = null;
        if (out != null)
        {
            writer = new DecisionFileWriter(out);
            listeners.add(writer);
        }
        System.out.println("exit-engine demo: real Binance USDⓈ-M BTCUSDT session 2024-08-08 23:54-23:59 UTC (bundled),");
        System.out.println("  " + positions + " positions of 0.08-0.12 BTC, each to take $10 net after fees or lose at most $10 net,");
        System.out.println("  taker fee 0.04 % per side, closes filled by the paper venue at the next market event.");
        if (config.layout == EngineConfig.Layout.CALLER_THREAD)
        {
            System.out.println("  layout CALLER_THREAD: the handlers run on the thread that reads the feed, each input handled before");
            System.out.println("  the next, so the paper fill lands at exactly the next market event; the latencies below are each");
            System.out.println("  input's handling there (the Disruptor pipeline's figures are the benchmarks': java -jar");
            System.out.println("  benchmarks/target/benchmarks.jar --out FILE; or demo --layout SINGLE_THREAD).");
        }
        else
        {
            System.out.println("  layout " + config.layout + ", " + config.wait + " wait, lockstep: each input waits for the pipeline so the paper");
            System.out.println("  fill lands at exactly the next market event; the latencies below include that hand-off (the free-running");
            System.out.println("  pipeline's figures are the benchmarks': java -jar benchmarks/target/benchmarks.jar --out FILE).");
        }
        final int interval = Math.max(1, 21_313 / (positions + 1));
        final Runner.Report report;
        try
        {
            report = Runner.run(config, FeedSpec.open("ws-capture:bundled", FeedOptions.continueOnError()),
                new PaperGateway(0, 0), Runner.journal(journalDir), journalDir, listeners, System.err::println,
                sink -> new DemoEntries(sink, interval, positions, "usd10"),
                latencyEvery.isZero() ? null : new LatencyLog.Settings(LatencyFiles.folderOf(journalDir), latencyEvery),
                Runner.DEFAULT_SNAPSHOT_EVERY);
        }
        finally
        {
            if (writer != null)
            {
                writer.close();
            }
        }
        Summary.print(System.out, report, tally);
        System.out.printf("promise check: worst take-profit exit netted %s (target 10), worst stop-loss exit netted %s (limit -10)%n",
            ExitTally.money(tally.worstTakeProfitNet), ExitTally.money(tally.worstStopLossNet));
        final long errors = report.engine.counters().get(dev.exitengine.core.api.Counter.ERRORS);
        if (errors > 0 || tally.exits == 0)
        {
            System.out.println("demo FAILED: " + errors + " engine errors, " + tally.exits + " exits; last error: " + report.engine.lastError());
            return 1;
        }
        final Replay.Result replay = Replay.run(journalDir, true, null, System.err::println, null);
        if (replay.identical)
        {
            System.out.printf("replay verified: %,d inputs re-run, all %,d outputs identical byte for byte (%.0f ms)%n",
                replay.inputs, replay.journaledOutputs, replay.elapsedNanos / 1e6);
            System.out.println(ReplayCommand.stateHashLine(replay));
            System.out.println("replay it yourself: java -jar tools/target/exit-engine.jar replay --journal " + journalDir + " --verify");
            System.out.println("look into it: java -jar tools/target/exit-engine.jar inspect --journal " + journalDir + " --position 3"
                + (latencyEvery.isZero() ? "" : "; its latency: java -jar tools/target/exit-engine.jar latency --journal " + journalDir));
            return 0;
        }
        System.out.println("replay DIFFERENT: " + replay.firstDifference);
        return 1;
    }
}
