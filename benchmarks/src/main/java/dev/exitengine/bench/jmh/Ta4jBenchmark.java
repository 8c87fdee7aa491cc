package dev.exitengine.bench.jmh;

import dev.exitengine.bench.Ta4jComparison;
import dev.exitengine.bench.TradeTape;
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
 * The engine and ta4j-core 0.17 (StopLossRule, StopGainRule, TrailingStopLossRule) over the real
 * trades of the bundled BTCUSDT capture, a position every 400 trades: one operation is the whole tape.
 * Setup refuses to time them unless both found the same exits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {JmhFlags.MISC})
public class Ta4jBenchmark
{
    Ta4jComparison comparison;

    @Setup
    public void setUp()
    {
        comparison = new Ta4jComparison(TradeTape.bundled(), 400);
        final Ta4jComparison.Result r = comparison.compare(0, 1, 0);
        if (!r.exitsMatch)
        {
            throw new IllegalStateException("the engine and ta4j disagree on exits: " + r.mismatches);
        }
    }

    @Benchmark
    public Object engine()
    {
        return comparison.runEngine();
    }

    @Benchmark
    public Object ta4j()
    {
        return comparison.runTa4j();
    }
}
