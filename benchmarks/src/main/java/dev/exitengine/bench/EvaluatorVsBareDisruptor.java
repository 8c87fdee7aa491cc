package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;

import java.nio.file.Path;
import java.util.Properties;

/** The {@code disruptor} section: the evaluator as the handler of a bare one-producer Disruptor, against a no-op handler. */
final class EvaluatorVsBareDisruptor extends ProfileSection
{
    EvaluatorVsBareDisruptor(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws InterruptedException
    {
        final BookFixture f = new BookFixture(1000, 0);
        final long n = 10_000_000;
        final int warmups = 2;
        final int rounds = full ? 11 : 5;
        final double[] bare = new double[rounds];
        final double[] evaluator = new double[rounds];
        for (int r = -warmups; r < rounds; r++)
        {
            final double b = once(BareDisruptor.NO_OP, f, n);
            final double e = once(f.evaluator, f, n);
            if (r >= 0)
            {
                bare[r] = b;
                evaluator[r] = e;
            }
        }
        put("disruptor.wait", "YIELDING");
        put("disruptor.bare.eventsPerSecond", Bench.median(bare));
        put("disruptor.evaluator.eventsPerSecond", Bench.median(evaluator));
        log("bare Disruptor, no-op handler: %.1f M events/s", Bench.median(bare) / 1e6);
        log("Disruptor with the evaluator (1,000 positions): %.1f M events/s", Bench.median(evaluator) / 1e6);
    }

    private static double once(final com.lmax.disruptor.EventHandler<dev.exitengine.core.event.EngineEvent> handler,
        final BookFixture f, final long n) throws InterruptedException
    {
        final long nanos;
        try (BareDisruptor d = new BareDisruptor(EngineConfig.Wait.YIELDING, handler, f))
        {
            nanos = d.run(n);
        }
        // let the halted consumer thread go before the next round starts one
        Thread.sleep(20);
        return n * 1e9 / nanos;
    }
}
