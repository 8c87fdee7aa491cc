package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.num.Fixed;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the ring is full, the ingress thread does the journal's idle work instead of parking: the
 * journaling thread, a ring behind, has no idle moment for it.
 */
class FullRingWorkTest
{
    private static final int RING = 8;
    private static final int TRADES = 200;
    private static final int PIECES = 5;

    /** A journal whose first append holds the journaling thread until the ingress has done some idle work. */
    private static final class HeldJournal implements JournalPort
    {
        final Thread ingressThread = Thread.currentThread();
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger byIngress = new AtomicInteger();
        volatile int appends;

        @Override
        public void writeHeader(final int formatVersion, final String configuration)
        {
        }

        @Override
        public void appendInputs(final DirectBuffer buffer, final int offset, final int length)
        {
            if (appends++ == 0)
            {
                try
                {
                    assertTrue(released.await(20, TimeUnit.SECONDS), "the ingress never did the idle work");
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void appendOutputs(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public int idleWork()
        {
            if (Thread.currentThread() != ingressThread)
            {
                // the journaling thread's own idle calls: not what this test counts
                return 0;
            }
            final int n = byIngress.incrementAndGet();
            if (n == PIECES)
            {
                released.countDown();
            }
            return n <= PIECES ? 1 : 0;
        }

        @Override
        public void close()
        {
        }
    }

    private static EngineConfig config(final EngineConfig.Layout layout)
    {
        final EngineConfig config = new EngineConfig();
        config.layout = layout;
        config.wait = EngineConfig.Wait.YIELDING;
        config.ringSize = RING;
        config.recordLatency = false;
        config.instruments.add(new EngineConfig.InstrumentDef("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"), Fixed.parse("0.001"),
            Fixed.parse("0.0002"), Fixed.parse("0.0004")));
        return config;
    }

    @ParameterizedTest
    @EnumSource(value = EngineConfig.Layout.class, names = {"SINGLE_THREAD", "THREAD_PER_HANDLER"})
    void aFullRingSetsTheIngressToTheJournalsIdleWorkUntilItRunsOut(final EngineConfig.Layout layout)
    {
        final HeldJournal journal = new HeldJournal();
        final ExitEngine engine = ExitEngine.builder(config(layout)).journal(journal).build().start();
        try
        {
            for (int t = 0; t < TRADES; t++)
            {
                engine.ingress().trade(1_700_000_000_000L + t, "BTCUSDT", Fixed.parse("60000"), Fixed.parse("0.001"));
            }
            engine.awaitQuiet();
            // the journaling thread held on its first batch: the ring filled, and the ingress, waiting for a
            // slot, asked for idle work until the journal had none left (and then only when the ring was full)
            assertTrue(journal.byIngress.get() > PIECES, "asked past the last piece: " + journal.byIngress.get());
            assertEquals(TRADES, engine.counters().get(Counter.EVENTS), "every trade passed");
            assertTrue(journal.appends > 1);
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aRingThatNeverFillsNeverAsks()
    {
        final HeldJournal journal = new HeldJournal();
        journal.released.countDown();
        final ExitEngine engine = ExitEngine.builder(config(EngineConfig.Layout.SINGLE_THREAD)).journal(journal).build().start();
        try
        {
            for (int t = 0; t < TRADES; t++)
            {
                engine.ingress().trade(1_700_000_000_000L + t, "BTCUSDT", Fixed.parse("60000"), Fixed.parse("0.001"));
                // one at a time: the ring never holds more than one event
                engine.awaitQuiet();
            }
            assertEquals(0, journal.byIngress.get(), "the ingress had a free slot every time");
        }
        finally
        {
            engine.close();
        }
    }
}
