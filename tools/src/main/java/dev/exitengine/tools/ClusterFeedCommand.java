package dev.exitengine.tools;

import dev.exitengine.feed.Feed;
import dev.exitengine.feed.FeedOptions;
import dev.exitengine.feed.FeedSpec;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.ClusterNode;
import dev.exitengine.journal.cluster.ClusterNodeConfig;
import io.aeron.driver.MediaDriver;
import org.agrona.IoUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code cluster feed}: a feed's inputs into a running cluster ({@code cluster member} processes) through one
 * {@link ClusterIngressClient}, encoded as {@code cluster local} encodes them ({@link ClusterFeedSink}); it
 * waits until the cluster has acknowledged every request. The client goes on with a new leader by itself
 * (what was not acknowledged is sent again; the members skip what they applied).
 */
@Command(name = "feed", mixinStandardHelpOptions = true,
    description = "Send a feed's inputs to a running cluster (cluster member processes) and wait until every one is acknowledged. "
        + "The members skip requests of a client id they have applied already, so a second feed into the same cluster needs "
        + "another --client-id. Exits 0, 2 on bad usage, "
        + "3 when feed lines were refused, 1 on a failure (not acknowledged within --timeout).")
final class ClusterFeedCommand implements Callable<Integer>
{
    @Option(names = "--members", required = true, paramLabel = "ID=HOST:PORTBASE,...", description = "the members, as given to "
        + "cluster member (the client sends to HOST:PORTBASE+2)")
    String members;

    @Option(names = "--feed", required = true, paramLabel = "SPEC", description = "as run's --feed")
    String feed;

    @Option(names = "--client-id", defaultValue = "1", paramLabel = "N", description = "this client's id (default ${DEFAULT-VALUE}); "
        + "its requests are numbered 1, 2, 3, ... and a member applies each number once")
    long clientId;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "INPUTS", description = "send at most INPUTS inputs a second "
        + "(default 0: as fast as the cluster takes them)")
    long rate;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "DURATION", converter = DurationOption.class,
        description = "give up when the cluster cannot be reached, or has not acknowledged every request, this long (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--egress-host", defaultValue = "localhost", paramLabel = "HOST", description = "this machine's address the "
        + "leader answers to (default ${DEFAULT-VALUE})")
    String egressHost;

    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "" + ClusterNodeConfig.DEFAULT_MTU, description = "the largest frame the feed's messages go "
        + "in, a multiple of 32 up to 65504 (default ${DEFAULT-VALUE}, which any network carries; 8192 on one machine or with "
        + "jumbo frames)")
    int mtu;

    @Override
    public Integer call() throws Exception
    {
        final List<ClusterNodeConfig.Member> list;
        final Feed source;
        try
        {
            list = ClusterNodeConfig.parseMembers(members);
        }
        catch (final IllegalArgumentException ex)
        {
            return badUsage("--members: " + ex.getMessage());
        }
        if (clientId < 1)
        {
            return badUsage("--client-id: 1 or more, was " + clientId);
        }
        try
        {
            ClusterMemberCommand.mtuOption(mtu);
        }
        catch (final IllegalArgumentException ex)
        {
            return badUsage(ex.getMessage());
        }
        if (rate < 0)
        {
            return badUsage("--rate: 0 (no limit) or inputs a second, was " + rate);
        }
        if (timeout.isZero() || timeout.isNegative())
        {
            return badUsage("--timeout: more than 0");
        }
        try
        {
            source = FeedSpec.open(feed, FeedOptions.continueOnError());
        }
        catch (final IllegalArgumentException ex)
        {
            return badUsage(ex.getMessage());
        }
        final long start = System.nanoTime();
        final long timeoutMs = timeout.toMillis();
        final String endpoints = ClusterNodeConfig.ingressEndpoints(list);
        final Path aeronDir = Files.createTempDirectory(shm(), "exit-engine-feed-");
        try (MediaDriver driver = MediaDriver.launch(ClusterNode.driverContext(aeronDir.resolve("aeron").toString()));
            ClusterIngressClient client = connect(driver.aeronDirectoryName(), endpoints, timeoutMs))
        {
            final long[] messages = {0};
            final ClusterInputEncoder encoder = new ClusterInputEncoder(clientId, (buffer, offset, length, lastRequest) ->
            {
                pace(start, lastRequest);
                messages[0]++;
                client.send(buffer, offset, length, lastRequest);
            });
            final ClusterFeedSink sink = new ClusterFeedSink(encoder, -1, null);
            source.run(sink);
            encoder.flush();
            if (!client.awaitAcknowledged(timeoutMs))
            {
                throw new IllegalStateException("the cluster acknowledged request " + client.acknowledged() + " of "
                    + encoder.lastRequest() + " within " + DurationOption.format(timeout));
            }
            final long refused = encoder.rejected();
            System.err.printf(Locale.ROOT, "cluster feed: %,d inputs in %,d messages to %s as client %d, every request acknowledged "
                + "(last %,d); %d resends, %d reconnects, %d leader changes%s; in %.1f s%n", sink.inputs, messages[0], endpoints, clientId,
                client.acknowledged(), client.resends(), client.reconnects(), client.leaderChanges(),
                refused == 0 ? "" : String.format(Locale.ROOT, "; %,d lines refused", refused), (System.nanoTime() - start) / 1e9);
            return refused == 0 ? RunCommand.RAN : RunCommand.RAN_WITH_REFUSALS;
        }
        finally
        {
            IoUtil.delete(aeronDir.toFile(), true);
        }
    }

    /** Holds the message with request {@code lastRequest} back until the rate allows it. */
    private void pace(final long start, final long lastRequest)
    {
        if (rate <= 0)
        {
            return;
        }
        final long dueNs = start + lastRequest * 1_000_000_000L / rate;
        final long waitMs = TimeUnit.NANOSECONDS.toMillis(dueNs - System.nanoTime());
        if (waitMs > 0)
        {
            try
            {
                Thread.sleep(waitMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        }
    }

    /** A client of the cluster, trying again until {@code timeoutMs} passed (the members may still be electing). */
    private ClusterIngressClient connect(final String aeronDir, final String endpoints, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            try
            {
                return new ClusterIngressClient(clientId, () -> ClusterNode.clientContext(aeronDir, endpoints, egressHost, mtu));
            }
            catch (final RuntimeException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("no cluster at " + endpoints + " within " + DurationOption.format(timeout) + ": "
                        + ex.getMessage(), ex);
                }
                Thread.sleep(500);
            }
        }
    }

    private static Path shm()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static int badUsage(final String message)
    {
        System.err.println("cluster feed: " + message);
        return RunCommand.BAD_USAGE;
    }
}
