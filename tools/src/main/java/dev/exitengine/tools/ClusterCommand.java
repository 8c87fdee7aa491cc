package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.feed.Feed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.journal.cluster.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code cluster}: the engine as an Aeron Cluster service (issue 19). {@code cluster local}: a feed through a
 * cluster of exit engines in this process; {@code cluster member}: one member in this process, until
 * SIGTERM ({@link ClusterMemberCommand}); {@code cluster feed}: a feed into a running cluster
 * ({@link ClusterFeedCommand}).
 */
@CommandLine.Command(name = "cluster", mixinStandardHelpOptions = true, description = "Run the engine as an Aeron Cluster service.",
    subcommands = {ClusterCommand.Local.class, ClusterMemberCommand.class, ClusterFeedCommand.class})
public final class ClusterCommand implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }

    /**
     * The feed through a cluster client into N members in this process ({@link LocalCluster}), the leader
     * stopped after N inputs when asked; the decisions of a member that ran to the end, as {@code run --out}
     * writes them. No venue yet: compare with {@code run --gateway none}.
     */
    @CommandLine.Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a feed through a cluster of exit engines in this process (loopback, temporary folders removed at the "
            + "end) and write the decisions of a member that ran to the end as JSON Lines, as run --gateway none --out writes "
            + "them. Exits 0, 2 on bad usage, 3 when inputs were refused, 1 on a failure.")
    static final class Local implements Callable<Integer>
    {
        /** The one client of a local run. */
        private static final long CLIENT_ID = 1;
        private static final long WAIT_MS = 30_000;

        @Option(names = "--members", defaultValue = "3", paramLabel = "N", description = "members (default ${DEFAULT-VALUE}; 1 to 7)")
        int members;

        @Option(names = "--feed", required = true, paramLabel = "SPEC", description = "as run's --feed")
        String feed;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "decisions, one JSON object a line")
        Path out;

        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (JSON), as run's")
        Path config;

        @Option(names = "--kill-leader-after", paramLabel = "N", description = "stop the leader after the feed's N-th input "
            + "(at its end when it has fewer); the client goes on with the new one (needs 3 members or more)")
        Long killLeaderAfter;

        @Option(names = "--port-base", defaultValue = "0", paramLabel = "PORT", description = "member i listens on UDP PORT+100i+1..5 "
            + "on loopback (default 0: the first free range from one derived from the process id)")
        int portBase;

        @Override
        public Integer call() throws Exception
        {
            if (members < 1 || members > 7)
            {
                return badUsage("--members: 1 to 7, was " + members);
            }
            if (killLeaderAfter != null && killLeaderAfter < 1)
            {
                return badUsage("--kill-leader-after: a number of inputs (1 or more), was " + killLeaderAfter);
            }
            if (killLeaderAfter != null && members < 3)
            {
                return badUsage("--kill-leader-after: a cluster of " + members + " has no majority without its leader; give --members 3");
            }
            if (portBase != 0 && (portBase < 1024 || portBase + 100 * members > 65535))
            {
                return badUsage("--port-base: 1024 to " + (65535 - 100 * members) + " for " + members + " members, was " + portBase);
            }
            final Feed source;
            try
            {
                // read once here so that a bad file is bad usage, not a member failing to start
                memberConfig();
                source = FeedSpec.open(feed, FeedOptions.continueOnError());
            }
            catch (final IllegalArgumentException ex)
            {
                return badUsage("cluster local: " + ex.getMessage());
            }
            catch (final NoSuchFileException ex)
            {
                return badUsage("cluster local: --config: no such file '" + config + "'");
            }
            final Path feedFile = FeedSpec.fileOf(feed);
            if (feedFile != null && Files.exists(out) && Files.isSameFile(out, feedFile))
            {
                return badUsage("--out: '" + out + "' is the feed's own file '" + feedFile + "'; give another file");
            }
            final Supplier<EngineConfig> configs = () ->
            {
                try
                {
                    return memberConfig();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            };
            final MemberDecisions[] decisions = new MemberDecisions[members];
            for (int i = 0; i < members; i++)
            {
                decisions[i] = new MemberDecisions();
            }
            final long start = System.nanoTime();
            try (LocalCluster cluster = new LocalCluster(members, portBase, configs, i -> decisions[i]).sharedDriver(true).start())
            {
                System.err.println("cluster local: " + members + " members in " + cluster.directory() + " (removed at the end, also on "
                    + "Ctrl-C or SIGTERM)");
                final int firstLeader = cluster.awaitLeader(-1, WAIT_MS);
                final ClusterIngressClient client = cluster.client(CLIENT_ID);
                final long[] messages = {0};
                final ClusterInputEncoder encoder = new ClusterInputEncoder(CLIENT_ID, (buffer, offset, length, lastRequest) ->
                {
                    messages[0]++;
                    client.send(buffer, offset, length, lastRequest);
                });
                final ClusterFeedSink sink = new ClusterFeedSink(encoder, killLeaderAfter == null ? -1 : killLeaderAfter, () ->
                {
                    encoder.flush(); // the inputs so far leave: the leader dies with them in flight
                    final int leader = cluster.awaitLeader(-1, WAIT_MS);
                    cluster.stop(leader);
                    return leader;
                });
                source.run(sink);
                encoder.flush();
                if (killLeaderAfter != null && sink.killed < 0)
                {
                    sink.kill();
                }
                if (!client.awaitAcknowledged(WAIT_MS))
                {
                    throw new IllegalStateException("the cluster acknowledged request " + client.acknowledged() + " of "
                        + encoder.lastRequest() + " within " + WAIT_MS + " ms");
                }
                final int leader = cluster.awaitLeader(sink.killed, WAIT_MS);
                final StringBuilder hashes = new StringBuilder();
                long hash = 0;
                boolean equal = true;
                List<String> lines = null;
                long refused = 0;
                for (int i = 0; i < members; i++)
                {
                    hashes.append(i == 0 ? "" : ", ").append(i).append(": ");
                    if (cluster.member(i) == null)
                    {
                        hashes.append("stopped");
                        continue;
                    }
                    final ClusteredExitEngine service = awaitApplied(cluster, i, encoder.lastRequest());
                    final long h = service.stateHash();
                    hashes.append(String.format("%016x", h));
                    final List<String> own = decisions[i].copy();
                    if (lines == null)
                    {
                        lines = own;
                        hash = h;
                        refused = service.engine().counters().get(Counter.INPUTS_REJECTED);
                    }
                    else if (h != hash || !own.equals(lines))
                    {
                        equal = false;
                    }
                }
                if (!equal)
                {
                    throw new IllegalStateException("the members differ: state hashes " + hashes + " (or their decisions)");
                }
                final Path parent = out.toAbsolutePath().getParent();
                if (parent != null)
                {
                    Files.createDirectories(parent);
                }
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8))
                {
                    for (final String line : lines)
                    {
                        w.write(line);
                        w.write('\n');
                    }
                }
                refused += encoder.rejected();
                System.err.printf("cluster local: %d members, %,d inputs sent in %,d messages, %d resends, %s; state hashes %s: %s; "
                    + "%,d decisions to %s%s in %.1f s%n", members, sink.inputs, messages[0], client.resends(),
                    sink.killed < 0 ? "leader " + leader : String.format("leader %d killed after %,d inputs, new leader %d", sink.killed,
                        sink.killedAfter, leader),
                    hashes, equal ? "all equal" : "DIFFERENT", lines.size(), out,
                    refused == 0 ? "" : String.format(", %,d inputs refused", refused), (System.nanoTime() - start) / 1e9);
                return refused == 0 ? RunCommand.RAN : RunCommand.RAN_WITH_REFUSALS;
            }
        }

        /** A member's configuration: the file's (or the defaults), with BTCUSDT defined for a market file when none is. */
        private EngineConfig memberConfig() throws IOException
        {
            final ConfigFile cfg = config == null ? new ConfigFile() : ConfigFile.load(config);
            final EngineConfig engine = cfg.engine;
            if (!feed.startsWith("jsonl:") && !cfg.instrumentsGiven)
            {
                engine.instruments.add(ConfigFile.btcusdt());
            }
            return engine;
        }

        private static ClusteredExitEngine awaitApplied(final LocalCluster cluster, final int i, final long requests)
            throws InterruptedException
        {
            final ClusteredExitEngine service = cluster.member(i).service();
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (service.applied() < requests)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("member " + i + " applied " + service.applied() + " of " + requests + " requests");
                }
                Thread.sleep(1);
            }
            return service;
        }

        private static int badUsage(final String message)
        {
            System.err.println(message);
            return RunCommand.BAD_USAGE;
        }
    }

    /** One member's decisions as JSON lines, in order (added on its service thread). */
    private static final class MemberDecisions implements DecisionListener
    {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onDecision(final Decision decision, final Names names)
        {
            lines.add(DecisionJson.toJson(decision, names));
        }

        List<String> copy()
        {
            synchronized (lines)
            {
                return new ArrayList<>(lines);
            }
        }
    }
}
