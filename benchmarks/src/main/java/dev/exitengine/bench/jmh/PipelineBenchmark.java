package dev.exitengine.bench.jmh;

import dev.exitengine.bench.Bench;
import dev.exitengine.bench.EngineRig;
import dev.exitengine.core.EngineConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline's throughput: ticks published by id on the ingress until handled by the
 * close-order handler, with the Chronicle journal on and off, in each thread layout. On two cores the
 * single-thread layout yields and the thread-per-handler layout blocks (a producer and three
 * consumers must not spin on two cores).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC, JmhFlags.REF,
    JmhFlags.NIO, JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR})
public class PipelineBenchmark
{
    static final int BATCH = 100_000;

    @Param({"SINGLE_THREAD", "THREAD_PER_HANDLER"})
    EngineConfig.Layout layout;

    @Param({"true", "false"})
    boolean journal;

    Path dir;
    EngineRig rig;

    @Setup(Level.Trial)
    public void setUp()
    {
        final EngineConfig.Wait wait = layout == EngineConfig.Layout.SINGLE_THREAD ? EngineConfig.Wait.YIELDING : EngineConfig.Wait.BLOCKING;
        dir = journal ? Bench.tempDir("jmh-pipeline") : null;
        rig = new EngineRig(layout, wait, dir == null ? null : dir.resolve("journal"), 1000, null, null, true);
        rig.openPositions(1);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        rig.checkNoErrors();
        rig.close();
        Bench.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long events()
    {
        return rig.run(BATCH);
    }
}
