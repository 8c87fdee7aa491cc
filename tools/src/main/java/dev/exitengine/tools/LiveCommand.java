package dev.exitengine.tools;

import dev.exitengine.tools.latency.LatencyFiles;
import dev.exitengine.tools.latency.LatencyLog;
import dev.exitengine.tools.live.ClusteredLiveProcess;
import dev.exitengine.tools.live.LiveProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code live}: the engine as a long-running process on a live venue's market data, in dry run (the
 * paper venue fills closes) or on real accounts; with a {@code cluster} section in the configuration, as
 * one member of a cluster of such processes ({@link ClusteredLiveProcess}). SIGTERM or SIGINT stops intake, drains the ring, flushes the journal, closes
 * the sockets, prints the summary and exits 0.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
    description = "Run the engine on live market data (Binance USDⓈ-M, dry run) until SIGTERM or SIGINT.")
public final class LiveCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "configuration file with a venue section (JSON)")
    Path config;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal folder (default: a new temporary folder); "
        + "the counters file and the admin token are written beside it")
    Path journal;

    @Option(names = "--out", paramLabel = "FILE", description = "decisions as JSON Lines, flushed as they happen (tail -f)")
    Path out;

    @Option(names = "--latency-every", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "5m",
        description = "write the tick -> decision and tick -> order latency histograms every DURATION (250ms, 30s, 5m; "
            + "default 5m) and at shutdown, for the latency command; 0 for never")
    java.time.Duration latencyEvery;

    @Option(names = "--latency-dir", paramLabel = "DIR", description = "where they are written (default: the journal's "
        + LatencyFiles.FOLDER + "/ folder)")
    Path latencyDir;

    @Option(names = "--member", paramLabel = "ID", defaultValue = "-1", description = "with a cluster section in the configuration: "
        + "which member this process is (default: the section's memberId), so that one file serves every member")
    int member;

    @Override
    public Integer call() throws Exception
    {
        final ConfigFile cfg = ConfigFile.load(config);
        if (cfg.venue == null)
        {
            System.err.println("live: " + config + ": venue: needed (kind, wsUrl, restUrl, symbols, streams, dryRun)");
            return 2;
        }
        if (cfg.cluster != null)
        {
            return clusterMember(cfg);
        }
        if (member >= 0)
        {
            System.err.println("live: --member: only with a cluster section in " + config);
            return 2;
        }
        final Path dir = journal != null ? journal : Files.createTempDirectory("exit-engine-live-");
        final LiveProcess process = new LiveProcess(cfg, dir, out, System.out, System.err).latencyLog(latencySettings(dir));
        final SignalHandler stop = sig -> process.requestStop();
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        return process.run();
    }

    /** The latency log's settings, its folder by default beside the journal ({@code dir}); null for none. */
    private LatencyLog.Settings latencySettings(final Path dir)
    {
        return latencyEvery.isZero() ? null : new LatencyLog.Settings(latencyDir != null ? latencyDir : LatencyFiles.folderOf(dir),
            latencyEvery);
    }

    /** One member of a cluster of live engines: the Raft log in the cluster section's folder is the journal. */
    private int clusterMember(final ConfigFile cfg) throws java.io.IOException
    {
        if (journal != null)
        {
            System.err.println("live: --journal: a cluster member's journal is the cluster's log, in cluster.dir of " + config);
            return 2;
        }
        final ClusteredLiveProcess process = new ClusteredLiveProcess(cfg, member, out, System.out, System.err)
            .latencyLog(latencySettings(Path.of(cfg.cluster.dir)));
        final SignalHandler stop = sig -> process.requestStop();
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        return process.run();
    }
}
