package dev.exitengine.bench.jmh;

import dev.exitengine.bench.BookFixture;
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

/**
 * One tick that triggers nothing, evaluated against n open positions spread over up to 1,000 symbols
 * (the evaluator driven directly as an event handler). {@link TriggerTickBenchmark} has ticks that
 * close k positions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g", JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC,
    JmhFlags.REF, JmhFlags.NIO, JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR})
public class TickEvaluationBenchmark
{
    @Param({"1", "1000", "100000", "1000000"})
    int positions;

    BookFixture book;

    @Setup
    public void setUp()
    {
        book = new BookFixture(positions, 0);
    }

    @Benchmark
    public int neutralTick()
    {
        return book.evaluateNeutral();
    }
}
