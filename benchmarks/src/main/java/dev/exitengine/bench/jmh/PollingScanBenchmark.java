package dev.exitengine.bench.jmh;

import dev.exitengine.bench.PollingScan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** The polling monitor's baseline: every position of a plain array checked on every tick. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", JmhFlags.MISC})
public class PollingScanBenchmark
{
    @Param({"1", "1000", "100000", "1000000"})
    int positions;

    PollingScan scan;

    @Setup
    public void setUp()
    {
        scan = new PollingScan(positions);
    }

    @Benchmark
    public int fullScanTick()
    {
        return scan.tick();
    }
}
