package dev.exitengine.bench.jmh;

import dev.exitengine.bench.BookFixture;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One tick that closes k of n open positions. A closed position is gone from the ladders, so this is
 * not a steady state: each single-shot invocation runs {@value #TICKS} trigger ticks on a freshly
 * reloaded trigger ladder (see {@link BookFixture}), the reload outside the timing, and reports the
 * time per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 200)
@Measurement(iterations = 200)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g", JmhFlags.MISC})
public class TriggerTickBenchmark
{
    static final int TICKS = BookFixture.MAX_ROUNDS;

    @Param({"1000", "100000", "1000000"})
    int positions;

    @Param({"1", "10"})
    int triggered;

    BookFixture book;

    @Setup(Level.Trial)
    public void setUp()
    {
        book = new BookFixture(positions, triggered);
        if (book.rounds() != TICKS)
        {
            throw new IllegalStateException("a ladder of " + TICKS + " rounds of " + triggered + " needs more positions than " + positions);
        }
    }

    @Setup(Level.Iteration)
    public void reload()
    {
        book.reload();
    }

    @Benchmark
    @OperationsPerInvocation(TICKS)
    public int triggerTicks()
    {
        int closes = 0;
        for (int i = 0; i < TICKS; i++)
        {
            closes += book.triggerTick();
        }
        if (closes != TICKS * triggered)
        {
            throw new IllegalStateException(closes + " closes, wanted " + TICKS * triggered);
        }
        return closes;
    }
}
