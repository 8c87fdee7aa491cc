package dev.exitengine.feed.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconnect backoff: doubling from the first delay to the maximum, jitter within its bounds, never past the maximum by overflow. */
class StreamSettingsTest
{
    private static final long SECOND = 1_000_000_000L;

    private final StreamSettings settings = StreamSettings.DEFAULTS.withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

    @Test
    void theDelayDoublesFromTheFirstToTheMaximum()
    {
        assertEquals(SECOND, settings.backoffNanos(0, 0.5));
        assertEquals(2 * SECOND, settings.backoffNanos(1, 0.5));
        assertEquals(16 * SECOND, settings.backoffNanos(4, 0.5));
        assertEquals(30 * SECOND, settings.backoffNanos(5, 0.5));
        assertEquals(30 * SECOND, settings.backoffNanos(29, 0.5));
        assertEquals(30 * SECOND, settings.backoffNanos(63, 0.5));
        assertEquals(30 * SECOND, settings.backoffNanos(Integer.MAX_VALUE, 0.5));
    }

    @Test
    void jitterStaysWithinPlusOrMinusItsFraction()
    {
        assertEquals(800_000_000L, settings.backoffNanos(0, 0.0));
        assertTrue(settings.backoffNanos(0, Math.nextDown(1.0)) <= 1_200_000_000L);
        assertTrue(settings.backoffNanos(0, Math.nextDown(1.0)) > 1_199_999_000L);
        assertEquals(24 * SECOND, settings.backoffNanos(10, 0.0));
        assertTrue(settings.backoffNanos(10, Math.nextDown(1.0)) <= 36 * SECOND);
        for (int i = 0; i < 1000; i++)
        {
            final double random = i / 1000.0;
            final long delay = settings.backoffNanos(2, random);
            assertTrue(delay >= 3_200_000_000L && delay <= 4_800_000_000L, "failures 2, random " + random + ": " + delay);
        }
        final StreamSettings exact = settings.withBackoff(Duration.ofMillis(20), Duration.ofMillis(200), 0);
        assertEquals(40_000_000L, exact.backoffNanos(1, 0.0));
        assertEquals(40_000_000L, exact.backoffNanos(1, 0.99));
    }

    @Test
    void aLongFirstDelayDoesNotOverflowPastTheMaximum()
    {
        final StreamSettings slow = settings.withBackoff(Duration.ofSeconds(20), Duration.ofMinutes(1), 0);
        for (int failures = 0; failures < 70; failures++)
        {
            final long delay = slow.backoffNanos(failures, 0.5);
            assertEquals(failures == 0 ? 20 * SECOND : failures == 1 ? 40 * SECOND : 60 * SECOND, delay, "after " + failures + " failures");
        }
    }
}
