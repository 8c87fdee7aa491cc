package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connect slots one interval apart, on a clock the test sets; shared by threads, never two in one slot. */
class ConnectLimiterTest
{
    @Test
    void connectsAreSpacedOneIntervalApartAndAnIdleLimiterWaitsNothing()
    {
        final ConnectLimiter limiter = new ConnectLimiter(100);
        assertEquals(0, limiter.reserve(-5_000));
        assertEquals(100, limiter.reserve(-5_000));
        assertEquals(200, limiter.reserve(-5_000));
        assertEquals(250, limiter.reserve(-4_950), "the fourth slot, -4_700, seen from -4_950");
        assertEquals(0, limiter.reserve(-4_550), "the fifth slot, -4_600, has passed: now");
        assertEquals(100, limiter.reserve(-4_550));
        assertEquals(0, limiter.reserve(1_000_000), "long idle: no wait");
        assertEquals(100, limiter.reserve(1_000_000));
    }

    @Test
    @Timeout(10)
    void threadsSharingALimiterGetDistinctSlots() throws InterruptedException
    {
        final ConnectLimiter limiter = new ConnectLimiter(10);
        final Set<Long> waits = ConcurrentHashMap.newKeySet();
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++)
        {
            threads[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                for (int i = 0; i < 1000; i++)
                {
                    assertTrue(waits.add(limiter.reserve(0)));
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join(5000);
        }
        final Set<Long> expected = new HashSet<>();
        for (long slot = 0; slot < 4000; slot++)
        {
            expected.add(slot * 10);
        }
        assertEquals(expected, waits);
    }
}
