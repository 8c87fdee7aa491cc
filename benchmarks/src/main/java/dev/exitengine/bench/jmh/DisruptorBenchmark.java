package dev.exitengine.bench.jmh;

import dev.exitengine.bench.BareDisruptor;
import dev.exitengine.bench.BookFixture;
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

import java.util.concurrent.TimeUnit;

/**
 * A bare Disruptor (one producer, one handler, the engine's ring size) with a no-op handler, and the
 * same with the position evaluator (1,000 positions, non-triggering ticks) as the handler. Busy-spin
 * is allowed here: the producer and one handler are two threads on two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC})
public class DisruptorBenchmark
{
    static final int BATCH = 100_000;

    @Param({"YIELDING", "BUSY_SPIN", "BLOCKING"})
    EngineConfig.Wait wait;

    @Param({"noop", "evaluator"})
    String handler;

    BareDisruptor disruptor;

    @Setup(Level.Trial)
    public void setUp()
    {
        final BookFixture book = new BookFixture(1000, 0);
        disruptor = new BareDisruptor(wait, "noop".equals(handler) ? BareDisruptor.NO_OP : book.evaluator, book);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        disruptor.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long events()
    {
        return disruptor.run(BATCH);
    }
}
