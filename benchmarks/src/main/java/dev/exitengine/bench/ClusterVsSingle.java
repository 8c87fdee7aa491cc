package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.cluster.ClusterIngressClient;
import dev.exitengine.journal.cluster.ClusterInputEncoder;
import dev.exitengine.journal.cluster.ClusteredExitEngine;
import dev.exitengine.journal.cluster.LocalCluster;
import dev.exitengine.tools.live.ClusterForwarder;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code cluster} section (issue 19): the same input stream, the bundled real session with an entry
 * every 8th trade ({@link SessionTape}), through (a) one engine in the caller-thread layout, no journal,
 * no venue, and (b) a three-member {@link LocalCluster} in this JVM through one {@link ClusterIngressClient}
 * (each member an engine in the caller-thread layout on its service thread, the Raft log its journal).
 * <p>
 * <b>Throughput:</b> after warm-up passes of each ({@link #MIN_WARM_UPS}, then more until the JIT is quiet), the two alternate
 * pass by pass (the order swapped each round), each pass the whole session as fast as it is taken; a cluster
 * pass ends when the leader has acknowledged its last request, i.e. when it is committed on a majority and
 * applied on the leader: what a client waits for. The third member may lag then (it catches up through the
 * log); untimed, every member is let apply everything before the other side runs, so that neither side's
 * passes share the machine with the other's leftover work (a member catching up during a single pass had
 * made that pass slower and the ratio look better). {@code clusterVsSingle} is the median of the rounds'
 * ratios of inputs/s, cluster over single; {@code cluster.allMembers.inputsPerSecond} times the same passes
 * to the last member's last input, the rate at which all three keep up on these two cores.
 * <p>
 * <b>Latency</b>, input → decision, at a paced {@link #LATENCY_RATE} inputs/s (the inputs due each
 * millisecond in one ingress message): for the cluster from the client handing the message to
 * {@link ClusterIngressClient#send} to the decision reaching the leader's listener (the decision's input
 * found by its input number); for the single process from the call into its inputs to its listener.
 */
final class ClusterVsSingle extends ProfileSection
{
    /** What every JVM running Aeron needs (CLUSTER.md §1.3); the driver adds them to this section's fork. */
    static final String[] AERON_FLAGS = {"--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.util.zip=ALL-UNNAMED"};
    static final int MEMBERS = 3;
    static final int LATENCY_RATE = 50_000;
    private static final long CLIENT_ID = 1;
    private static final long FORWARDER_CLIENT_ID = 2;
    private static final long WAIT_MS = 30_000;
    /**
     * The three members share this JVM and its collector's pauses (200-250 ms young collections here, as the passes'
     * fresh account names pile up), which count against the leader's heartbeat on waking: at the default 1 s one of
     * them once started an election mid-run. A member on a machine of its own sees only its own pauses.
     */
    private static final long HEARTBEAT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    /**
     * Warm-up passes of each side: at least, and at most while the JIT has not gone quiet for {@link #COMPILER_WAIT_MS}. The
     * cluster's paths (driver, consensus module, archive, the engine on the service thread) were still being compiled 45 plays
     * into its life ({@code -XX:+PrintCompilation}), in waves with quiet spells the compiler check takes for the end: with 6
     * passes (18 plays) the timed rounds still climbed (1.1 → 1.6 M inputs/s in a run), with 20 they were level (1.9-2.2 M).
     */
    private static final int MIN_WARM_UPS = 20;
    /**
     * Plays of the session in one pass at full speed: a single pass of one play lasted 20-40 ms, where one scheduler
     * hiccup moved its rate by a tenth; and a cluster pass's start and drain (a round trip of some ms each) weighed less.
     */
    private static final int PLAYS = 3;
    private static final int MAX_WARM_UPS = 26;
    private static final long COMPILER_WAIT_MS = 3_000;

    private final DecisionArrivals[] recorders = new DecisionArrivals[MEMBERS];

    ClusterVsSingle(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    static EngineConfig config()
    {
        final EngineConfig c = new EngineConfig();
        c.layout = EngineConfig.Layout.CALLER_THREAD;
        c.recordLatency = false;
        c.instruments.add(new EngineConfig.InstrumentDef(SessionTape.SYMBOL, Fixed.parse("0.1"), Fixed.parse("0.001"), Fixed.parse("0.001"),
            Fixed.parse("0.0002"), Fixed.parse("0.0004")));
        c.profiles.add(ExitProfile.builder(SessionTape.PROFILE)
            .takeProfit(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .stopLoss(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .build());
        return c;
    }

    @Override
    void measure() throws Exception
    {
        final long begin = System.nanoTime();
        final SessionTape tape = SessionTape.bundled(8);
        final int rounds = full ? 15 : 7;
        final double[] single = new double[rounds];
        final double[] cluster = new double[rounds];
        final double[] allMembers = new double[rounds];
        final double[] ratios = new double[rounds];
        final double[] journaled = new double[rounds];
        final double[] journaledRatios = new double[rounds];
        final SingleLatency singleListener = new SingleLatency();
        for (int i = 0; i < MEMBERS; i++)
        {
            recorders[i] = new DecisionArrivals();
        }
        // each side's passes continue one another (SessionTape): one long session per side
        int singleN = 0;
        int journaledN = 0;
        int clusterN = 0;
        final long t0 = System.nanoTime();
        // the single process also as run and live keep it: journaling its inputs (Chronicle, on tmpfs as the cluster's archive
        // is, in documents of many inputs), for the cost of the cluster against a process that keeps what it was given too
        final Path journalDir = Bench.tempDir(Bench.latencyJournalRoot(), "cluster-single");
        try (ExitEngine engine = ExitEngine.builder(config()).journal(JournalPort.NONE).gateway(OrderGateway.NONE).listener(singleListener)
            .build().start();
            ExitEngine journaledEngine = ExitEngine.builder(config()).journal(ChronicleJournal.create(journalDir.resolve("journal")))
                .gateway(OrderGateway.NONE).build().start().batchInputs())
        {
            try (LocalCluster local = new LocalCluster(MEMBERS, ClusterVsSingle::config, i -> recorders[i]).sharedDriver(true)
                .heartbeatTimeoutNs(HEARTBEAT_TIMEOUT_NS).start())
            {
                final int leader = local.awaitLeader(-1, WAIT_MS);
                final ClusterSide side = new ClusterSide(local, local.client(CLIENT_ID), leader);
                final double startSeconds = (System.nanoTime() - t0) / 1e9;
                // warm-up: passes of each until the JIT has compiled what they run (the cluster's paths are many, its first
                // passes leave the compiler busy for seconds: on two cores that took most of a core from the timed rounds)
                int warmUps = 0;
                long compilerWait = 0;
                while (warmUps < MIN_WARM_UPS || (compilerWait >= COMPILER_WAIT_MS && warmUps < MAX_WARM_UPS))
                {
                    singlePass(engine, tape, singleN++);
                    singlePass(journaledEngine, tape, journaledN++);
                    side.pass(tape, clusterN++, 0);
                    warmUps++;
                    if (warmUps >= MIN_WARM_UPS)
                    {
                        compilerWait = Bench.awaitCompilerIdle(COMPILER_WAIT_MS);
                    }
                }
                put("cluster.warmUpPasses", warmUps);
                put("cluster.compilerIdleMillis", compilerWait);
                for (int r = 0; r < rounds; r++)
                {
                    if (r % 2 == 0)
                    {
                        single[r] = singlePass(engine, tape, singleN++);
                        journaled[r] = singlePass(journaledEngine, tape, journaledN++);
                        cluster[r] = side.pass(tape, clusterN++, 0);
                    }
                    else
                    {
                        cluster[r] = side.pass(tape, clusterN++, 0);
                        journaled[r] = singlePass(journaledEngine, tape, journaledN++);
                        single[r] = singlePass(engine, tape, singleN++);
                    }
                    allMembers[r] = side.allMembersPerSecond;
                    ratios[r] = cluster[r] / single[r];
                    journaledRatios[r] = cluster[r] / journaled[r];
                }
                // latency, paced: the cluster, then the single process
                final Histogram clusterLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                side.latency = clusterLatency;
                side.pass(tape, clusterN++, LATENCY_RATE);
                side.latency = null;
                // the path of a live cluster member: its forwarder's duty cycle, inputs gathered while earlier messages await acknowledgement
                final Histogram forwarderLatency = forwarderPass(local, leader, tape, clusterN++);
                side.otherRequests += tape.size;
                singleListener.latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                singlePaced(engine, tape, singleN++, singleListener);
                side.lastMemberWait = awaitApplied(side, MEMBERS);
                final long hash = local.member(leader).service().stateHash();
                for (int m = 0; m < MEMBERS; m++)
                {
                    if (local.member(m).service().stateHash() != hash)
                    {
                        throw new IllegalStateException("member " + m + "'s state hash differs from the leader's");
                    }
                }
                if (local.awaitLeader(-1, WAIT_MS) != leader)
                {
                    throw new IllegalStateException("the leader changed during the run: the latency was not all taken on one leader");
                }
                final long refused = engine.counters().get(Counter.INPUTS_REJECTED)
                    + local.member(leader).service().engine().counters().get(Counter.INPUTS_REJECTED);
                put("cluster.measureSeconds", (System.nanoTime() - t0) / 1e9);
                put("cluster.members", MEMBERS);
                put("cluster.inputsPerPass", PLAYS * tape.size);
                put("cluster.sessionsPerPass", PLAYS);
                put("cluster.entriesPerPass", tape.entries);
                put("cluster.rounds", rounds);
                put("cluster.startSeconds", startSeconds);
                put("cluster.refusedInputs", refused);
                put("cluster.single.inputsPerSecond", Bench.median(single));
                put("cluster.cluster.inputsPerSecond", Bench.median(cluster));
                put("cluster.allMembers.inputsPerSecond", Bench.median(allMembers));
                put("cluster.single.bestInputsPerSecond", Arrays.stream(single).max().orElse(0));
                put("cluster.cluster.bestInputsPerSecond", Arrays.stream(cluster).max().orElse(0));
                put("cluster.medianRoundRatio", Bench.median(ratios));
                put("cluster.singleJournaled.inputsPerSecond", Bench.median(journaled));
                put("cluster.vsJournaledSingle", Bench.median(journaledRatios));
                put("cluster.vsJournaledSingleRounds", Arrays.toString(round2(journaledRatios)));
                put("cluster.roundRatios", Arrays.toString(round2(ratios)));
                put("cluster.single.roundMillionsPerSecond", Arrays.toString(round2(scaled(single, 1e-6))));
                put("cluster.cluster.roundMillionsPerSecond", Arrays.toString(round2(scaled(cluster, 1e-6))));
                put("cluster.clientResends", side.client.resends());
                put("cluster.messagesPerPass", side.fullSpeedMessages);
                put("cluster.clientWindow", ClusterIngressClient.WINDOW);
                put("cluster.catchUpWaitSeconds", side.catchUpWait);
                put("cluster.lastMemberWaitSeconds", side.lastMemberWait);
                put("cluster.latency.rate", LATENCY_RATE);
                if (side.latencyNote != null)
                {
                    put("cluster.latency.note", side.latencyNote);
                    log("input → decision latency of the cluster %s", side.latencyNote);
                }
                putHistogram("cluster.latency.cluster", clusterLatency);
                putHistogram("cluster.latency.single", singleListener.latency);
                putHistogram("cluster.latency.forwarder", forwarderLatency);
                log("input → decision through a live member's forwarder (ClusterForwarder, handed in → leader's listener) at %,d inputs/s: "
                    + "p50 %s p90 %s p99 %s max %s", LATENCY_RATE, us(forwarderLatency, 50), us(forwarderLatency, 90), us(forwarderLatency, 99),
                    usMax(forwarderLatency));
                log("session of %,d inputs (%,d entries); %d members started in %.1f s; the last member applied everything %.1f s after "
                    + "the others, all with the leader's state hash", tape.size, tape.entries, MEMBERS, startSeconds, side.lastMemberWait);
                log("throughput (median of %d rounds): single process %.2f M inputs/s, %d-member cluster %.3f M inputs/s; cluster/single %.3f "
                    + "(rounds %s)", rounds, Bench.median(single) / 1e6, MEMBERS, Bench.median(cluster) / 1e6, Bench.median(ratios),
                    Arrays.toString(round2(ratios)));
                log("the same cluster passes to the last member's last input: %.3f M inputs/s", Bench.median(allMembers) / 1e6);
                log("the single process journaling its inputs: %.2f M inputs/s; cluster/journaled single %.3f (rounds %s)",
                    Bench.median(journaled) / 1e6, Bench.median(journaledRatios), Arrays.toString(round2(journaledRatios)));
                log("input → decision at %,d inputs/s: cluster (send → leader's listener, %,d decisions) p50 %s p90 %s p99 %s max %s; "
                    + "single (call → listener, %,d) p50 %s p90 %s p99 %s max %s", LATENCY_RATE, clusterLatency.getTotalCount(),
                    us(clusterLatency, 50), us(clusterLatency, 90), us(clusterLatency, 99), usMax(clusterLatency),
                    singleListener.latency.getTotalCount(), us(singleListener.latency, 50), us(singleListener.latency, 90),
                    us(singleListener.latency, 99), usMax(singleListener.latency));
            }
            // the same cluster sleeping 100 µs when idle (ClusterNodeConfig.idleNs): what a deployment that asks for latency gets
            fastIdle(engine, tape, singleN, singleListener);
        }
        finally
        {
            Bench.delete(journalDir);
        }
        put("cluster.sectionSeconds", (System.nanoTime() - begin) / 1e9);
        log("read the session, started the cluster, measured and closed it in %.1f s", (System.nanoTime() - begin) / 1e9);
    }

    /**
     * One pass at {@link #LATENCY_RATE} through a {@link ClusterForwarder} (a client of its own), driven as a live member's
     * duty cycle drives it: each pass hands in the inputs due, then {@code endPass}, then backs off as the live process does.
     * Each input is timed from its hand-in to its decisions on the leader (found by the leader's input numbers).
     */
    private Histogram forwarderPass(final LocalCluster local, final int leader, final SessionTape tape, final int pass)
        throws InterruptedException
    {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final ClusteredExitEngine lead = local.member(leader).service();
        final ClusterForwarder forwarder = new ClusterForwarder(java.util.List.of(SessionTape.SYMBOL), () -> true, FORWARDER_CLIENT_ID,
            local.clientContexts());
        try
        {
            final String[][] names = tape.names(first(pass));
            final long[] handedIn = new long[tape.size];
            for (final DecisionArrivals r : recorders)
            {
                r.count = 0;
            }
            final long seqBase = lead.engine().ingress().lastSeq();
            final long appliedBase = lead.applied();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            final long start = System.nanoTime();
            int i = 0;
            while (i < tape.size)
            {
                forwarder.beginPass();
                final int due = (int)Math.min(tape.size, (System.nanoTime() - start) * LATENCY_RATE / 1_000_000_000L + 1);
                final long now = System.nanoTime();
                for (int k = i; k < due; k++)
                {
                    handedIn[k] = now;
                }
                tape.play(first(pass), names, forwarder.inputs(), i, due);
                final int work = (due - i) + forwarder.endPass();
                i = due;
                idle.idle(work);
            }
            if (!forwarder.finish(WAIT_MS))
            {
                throw new IllegalStateException("the forwarder's inputs were not all acknowledged");
            }
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (lead.applied() < appliedBase + tape.size && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            final DecisionArrivals r = recorders[leader];
            for (int d = 0; d < r.count; d++)
            {
                final long input = r.seq[d] - seqBase - 1;
                if (input >= 0 && input < tape.size)
                {
                    latency.recordValue(Math.max(0, r.at[d] - handedIn[(int)input]));
                }
            }
        }
        finally
        {
            forwarder.close();
        }
        return latency;
    }

    /** How long the second cluster's threads sleep when idle. */
    static final long FAST_IDLE_NS = 100_000;

    /**
     * A second three-member cluster sleeping {@link #FAST_IDLE_NS} when idle: three rounds of throughput alternated with
     * the single process (continuing its session from pass {@code singleFrom}), then input → decision at the same paced rate.
     */
    private void fastIdle(final ExitEngine engine, final SessionTape tape, final int singleFrom, final SingleLatency singleListener)
        throws InterruptedException
    {
        final int rounds = 3;
        final double[] single = new double[rounds];
        final double[] cluster = new double[rounds];
        final double[] ratios = new double[rounds];
        int singleN = singleFrom;
        int clusterN = 0;
        singleListener.latency = null;
        try (LocalCluster local = new LocalCluster(MEMBERS, ClusterVsSingle::config, i -> recorders[i]).sharedDriver(true).idleNs(FAST_IDLE_NS)
            .heartbeatTimeoutNs(HEARTBEAT_TIMEOUT_NS).start())
        {
            final int leader = local.awaitLeader(-1, WAIT_MS);
            final ClusterSide side = new ClusterSide(local, local.client(CLIENT_ID), leader);
            side.pass(tape, clusterN++, 0);
            for (int r = 0; r < rounds; r++)
            {
                if (r % 2 == 0)
                {
                    single[r] = singlePass(engine, tape, singleN++);
                    cluster[r] = side.pass(tape, clusterN++, 0);
                }
                else
                {
                    cluster[r] = side.pass(tape, clusterN++, 0);
                    single[r] = singlePass(engine, tape, singleN++);
                }
                ratios[r] = cluster[r] / single[r];
            }
            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            side.latency = latency;
            side.pass(tape, clusterN, LATENCY_RATE);
            side.latency = null;
            put("cluster.idle100us.cluster.inputsPerSecond", Bench.median(cluster));
            put("cluster.idle100us.single.inputsPerSecond", Bench.median(single));
            put("cluster.idle100us.medianRoundRatio", Bench.median(ratios));
            put("cluster.idle100us.roundRatios", Arrays.toString(round2(ratios)));
            if (side.latencyNote != null)
            {
                put("cluster.idle100us.latency.note", side.latencyNote);
            }
            putHistogram("cluster.latency.cluster100us", latency);
            log("sleeping %d µs when idle: cluster %.3f M inputs/s, cluster/single %.3f (rounds %s); input → decision p50 %s p90 %s "
                + "p99 %s max %s", FAST_IDLE_NS / 1_000, Bench.median(cluster) / 1e6, Bench.median(ratios), Arrays.toString(round2(ratios)),
                us(latency, 50), us(latency, 90), us(latency, 99), usMax(latency));
        }
    }

    private static double[] scaled(final double[] values, final double factor)
    {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    /** One pass through the single process as fast as it takes it; inputs/s. */
    private static double singlePass(final ExitEngine engine, final SessionTape tape, final int pass)
    {
        final String[][][] names = names(tape, pass);
        final long t = System.nanoTime();
        for (int k = 0; k < PLAYS; k++)
        {
            tape.play(first(pass) + k, names[k], engine.inputs(), 0, tape.size);
        }
        engine.awaitQuiet();
        return PLAYS * tape.size * 1e9 / (System.nanoTime() - t);
    }

    /** The tape's plays a pass at full speed makes ({@link #PLAYS} from {@link #first}), their names made before it is timed. */
    private static String[][][] names(final SessionTape tape, final int pass)
    {
        final String[][][] names = new String[PLAYS][][];
        for (int k = 0; k < PLAYS; k++)
        {
            names[k] = tape.names(first(pass) + k);
        }
        return names;
    }

    /** The first of pass {@code pass}'s plays of the tape: each pass number has {@link #PLAYS} of them (a paced pass plays one). */
    private static int first(final int pass)
    {
        return pass * PLAYS;
    }

    /** One pass through the single process at {@link #LATENCY_RATE}, each input timed from its call to its decisions. */
    private static void singlePaced(final ExitEngine engine, final SessionTape tape, final int pass, final SingleLatency timing)
    {
        final String[][] names = tape.names(first(pass));
        final long start = System.nanoTime();
        int i = 0;
        while (i < tape.size)
        {
            final int due = (int)Math.min(tape.size, (System.nanoTime() - start) * LATENCY_RATE / 1_000_000_000L + 1);
            for (; i < due; i++)
            {
                timing.inputStart = System.nanoTime();
                tape.play(first(pass), names, engine.inputs(), i, i + 1);
            }
            LockSupport.parkNanos(200_000);
        }
        engine.awaitQuiet();
    }

    /** The cluster side: its client and encoder, the send times of its messages. */
    private final class ClusterSide
    {
        final LocalCluster local;
        final ClusterIngressClient client;
        final ClusterInputEncoder encoder;
        final int leader;
        long[] sentLast = new long[1 << 14];
        long[] sentAt = new long[1 << 14];
        int messages;
        Histogram latency;
        /** Seconds spent (untimed) after passes waiting for a majority, and at the end for the last member. */
        /** Why the paced pass's latency was not taken, or null. */
        String latencyNote;
        double catchUpWait;
        double lastMemberWait;
        /** Inputs/s of the last pass to the last member's last input. */
        double allMembersPerSecond;
        /** Requests other clients (the forwarder's pass) sent to this cluster: the members apply them too. */
        long otherRequests;
        /** Ingress messages of the last pass at full speed. */
        int fullSpeedMessages;

        ClusterSide(final LocalCluster local, final ClusterIngressClient client, final int leader)
        {
            this.local = local;
            this.client = client;
            this.leader = leader;
            this.encoder = new ClusterInputEncoder(CLIENT_ID, (buffer, offset, length, lastRequest) ->
            {
                if (messages == sentLast.length)
                {
                    sentLast = Arrays.copyOf(sentLast, messages * 2);
                    sentAt = Arrays.copyOf(sentAt, messages * 2);
                }
                sentLast[messages] = lastRequest;
                sentAt[messages++] = System.nanoTime();
                client.send(buffer, offset, length, lastRequest);
            });
        }

        /** One pass: as fast as taken ({@code rate} 0), or paced; inputs/s to the leader's acknowledgement of the last. */
        double pass(final SessionTape tape, final int pass, final int rate) throws InterruptedException
        {
            final String[][][] plays = rate == 0 ? names(tape, pass) : null;
            final String[][] names = rate == 0 ? null : tape.names(first(pass));
            final int size = rate == 0 ? PLAYS * tape.size : tape.size;
            final ClusteredExitEngine lead = local.member(leader).service();
            final long seqBase = lead.engine().ingress().lastSeq();
            final long requestBase = encoder.lastRequest();
            messages = 0;
            for (final DecisionArrivals r : recorders)
            {
                r.count = 0;
            }
            final long t = System.nanoTime();
            if (rate == 0)
            {
                for (int k = 0; k < PLAYS; k++)
                {
                    tape.play(first(pass) + k, plays[k], encoder, 0, tape.size);
                }
            }
            else
            {
                int i = 0;
                while (i < tape.size)
                {
                    final int due = (int)Math.min(tape.size, (System.nanoTime() - t) * rate / 1_000_000_000L + 1);
                    tape.play(first(pass), names, encoder, i, due);
                    i = due;
                    encoder.flush(); // the inputs due this millisecond in one message
                    LockSupport.parkNanos(1_000_000 - (System.nanoTime() - t) % 1_000_000);
                }
            }
            encoder.flush();
            if (!client.awaitAcknowledged(WAIT_MS))
            {
                throw new IllegalStateException("the cluster acknowledged " + client.acknowledged() + " of " + encoder.lastRequest());
            }
            final double perSecond = size * 1e9 / (System.nanoTime() - t);
            if (rate == 0)
            {
                fullSpeedMessages = messages;
            }
            // untimed: every member has applied everything before the other side runs (see the section's notes)
            final double catchUp = awaitApplied(this, MEMBERS);
            catchUpWait += catchUp;
            allMembersPerSecond = size * 1e9 / (System.nanoTime() - t);
            if (latency != null)
            {
                // the majority that has applied everything need not hold the leader, whose decisions are matched here
                final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
                while (lead.applied() < encoder.lastRequest() && System.nanoTime() < deadline)
                {
                    Thread.sleep(1);
                }
            }
            final long inputs = latency == null ? 0 : lead.engine().ingress().lastSeq() - seqBase;
            if (latency != null && inputs != encoder.lastRequest() - requestBase)
            {
                // an input refused has no number: the decisions can no longer be matched to the messages by it
                latencyNote = "not taken: the leader took " + inputs + " inputs for " + (encoder.lastRequest() - requestBase)
                    + " requests (last refusal: " + lead.engine().lastError() + ")";
            }
            else if (latency != null)
            {
                final DecisionArrivals r = recorders[leader];
                for (int d = 0; d < r.count; d++)
                {
                    final long request = requestBase + (r.seq[d] - seqBase);
                    int at = Arrays.binarySearch(sentLast, 0, messages, request);
                    at = at >= 0 ? at : -at - 1;
                    if (at >= messages)
                    {
                        throw new IllegalStateException("decision of input " + r.seq[d] + " after every message sent");
                    }
                    latency.recordValue(Math.max(0, r.at[d] - sentAt[at]));
                }
            }
            return perSecond;
        }
    }

    /** Waits until {@code needed} members have applied every request sent; seconds waited. */
    private double awaitApplied(final ClusterSide side, final int needed) throws InterruptedException
    {
        final long t = System.nanoTime();
        final long deadline = t + TimeUnit.MILLISECONDS.toNanos(4 * WAIT_MS);
        final long requests = side.encoder.lastRequest() + side.otherRequests;
        while (true)
        {
            int done = 0;
            for (int m = 0; m < MEMBERS; m++)
            {
                if (side.local.member(m).service().applied() >= requests)
                {
                    done++;
                }
            }
            if (done >= needed)
            {
                return (System.nanoTime() - t) / 1e9;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(done + " members of " + MEMBERS + " applied all " + requests + " requests, not " + needed);
            }
            Thread.sleep(1);
        }
    }

    /** The single process's decisions, timed from the call into its inputs when asked (caller-thread layout: the same thread). */
    private static final class SingleLatency implements DecisionListener
    {
        Histogram latency;
        long inputStart;

        @Override
        public void onDecision(final Decision decision, final Names names)
        {
            if (latency != null)
            {
                latency.recordValue(Math.max(0, System.nanoTime() - inputStart));
            }
        }
    }
}
