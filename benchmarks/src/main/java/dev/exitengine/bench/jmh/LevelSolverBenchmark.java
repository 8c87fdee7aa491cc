package dev.exitengine.bench.jmh;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.FeeModel;
import dev.exitengine.core.rules.FeeModels;
import dev.exitengine.core.rules.LevelSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The level solver: a "$10 net after fees" take profit and stop solved for a BTCUSDT position
 * (0.05 BTC at 61,700, taker 0.04 %), and a percent level rounded to the tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC, JmhFlags.NIO_CH, JmhFlags.REFLECT, JmhFlags.LANG, JmhFlags.JAVAC, JmhFlags.REF,
    JmhFlags.NIO, JmhFlags.NIO_CH_OPEN, JmhFlags.UTIL, JmhFlags.NO_ANALYTICS, JmhFlags.NO_DISK_MONITOR})
public class LevelSolverBenchmark
{
    long qty;
    long entryNotional;
    long entryFees;
    long target;
    long tick;
    long entryPrice;
    long pct;
    FeeModel taker;

    @Setup
    public void setUp()
    {
        qty = Fixed.parse("0.05");
        entryPrice = Fixed.parse("61700");
        entryNotional = Fixed.mul(qty, entryPrice);
        taker = FeeModels.percent(Fixed.parse("0.0004"));
        entryFees = taker.fee(entryNotional);
        target = Fixed.of(10);
        tick = Fixed.parse("0.1");
        pct = Fixed.parse("1.5");
    }

    @Benchmark
    public long solveNetTakeProfitLong()
    {
        return LevelSolver.solveNet(true, qty, entryNotional, entryFees, taker, target, tick);
    }

    @Benchmark
    public long solveNetStopLossShort()
    {
        return LevelSolver.solveNet(false, qty, entryNotional, entryFees, taker, -target, tick);
    }

    @Benchmark
    public long percentLevel()
    {
        return LevelSolver.percentLevel(entryPrice, pct, false, true, tick);
    }
}
