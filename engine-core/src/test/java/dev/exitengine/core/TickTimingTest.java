package dev.exitengine.core;

import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator's tick → decision histogram: one clock read per chunk of a long batch, never a
 * latency below the true one, every market event counted once, and a batch of one timed on its own.
 */
class TickTimingTest
{
    /**
     * How long before its evaluation each test tick claims to have entered the engine; compared at the
     * histogram's precision (three significant digits), as it stores it.
     */
    private static final long AGE = TimeUnit.MILLISECONDS.toNanos(5);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final PositionEvaluator ev = new PositionEvaluator(EngineCounters.inMemory(), histogram, "pct",
        EngineConfig.builtInDefaultProfile());
    private final EngineEvent e = new EngineEvent();
    private long seq;

    TickTimingTest()
    {
        ev.defineInstrument(0, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        ev.defineProfile(0, ExitProfile.builder("pct").takeProfit(LevelKind.PCT, parse("1")).stopLoss(LevelKind.PCT, parse("1")).build());
        e.clear(EventType.FILL);
        e.seq = ++seq;
        e.ts = 1_723_161_600_000L;
        e.symbolId = 0;
        e.accountId = 0;
        e.profileId = 0;
        e.side = Side.BUY;
        e.positionSide = PositionSide.BOTH;
        e.qty = parse("0.01");
        e.price = parse("60000");
        e.fee = Fixed.NONE;
        ev.onEvent(e, seq, true);
    }

    private int tick(final String price, final boolean endOfBatch)
    {
        e.clear(EventType.TRADE);
        e.seq = ++seq;
        e.ts = 1_723_161_600_000L + seq;
        e.symbolId = 0;
        e.price = parse(price);
        e.qty = parse("0.001");
        e.ingressNanos = System.nanoTime() - AGE;
        ev.onEvent(e, seq, endOfBatch);
        return e.decisions.size();
    }

    @Test
    void aLongBatchIsTimedInChunksAndItsEndTimesTheRest()
    {
        final int chunk = PositionEvaluator.TIMING_CHUNK;
        for (int i = 1; i < chunk; i++)
        {
            assertEquals(0, tick("60010", false));
            assertEquals(0, histogram.getTotalCount(), "no clock read before the chunk is full, tick " + i);
        }
        tick("60010", false);
        assertEquals(chunk, histogram.getTotalCount(), "a full chunk is timed at once");
        tick("60020", false);
        tick("60030", false);
        assertEquals(chunk, histogram.getTotalCount());
        tick("60040", true);
        assertEquals(chunk + 3, histogram.getTotalCount(), "the batch's end times what is left");
        assertTrue(histogram.getMinValue() >= histogram.lowestEquivalentValue(AGE), "never below the true latency: " + histogram.getMinValue());
    }

    @Test
    void aBatchOfOneIsTimedAtOnce()
    {
        for (int i = 1; i <= 3; i++)
        {
            tick("60010", true);
            assertEquals(i, histogram.getTotalCount());
        }
        assertTrue(histogram.getMinValue() >= histogram.lowestEquivalentValue(AGE));
    }

    @Test
    void aTickThatDecidesIsTimedWithoutWaitingForItsChunk()
    {
        tick("60010", false);
        tick("60020", false);
        assertEquals(0, histogram.getTotalCount());
        // +1 % on a long: the take profit closes it
        assertTrue(tick("60700", false) > 0, "the take profit must fire");
        assertEquals(3, histogram.getTotalCount(), "the deciding tick and those before it");
        assertTrue(histogram.getMinValue() >= histogram.lowestEquivalentValue(AGE));
    }

    @Test
    void replayedTicksCarryNoIngressTimeAndAreNotTimed()
    {
        e.clear(EventType.TRADE);
        e.seq = ++seq;
        e.ts = 1_723_161_600_000L + seq;
        e.symbolId = 0;
        e.price = parse("60010");
        e.qty = parse("0.001");
        e.ingressNanos = 0;
        ev.onEvent(e, seq, true);
        assertEquals(0, histogram.getTotalCount());
    }
}
