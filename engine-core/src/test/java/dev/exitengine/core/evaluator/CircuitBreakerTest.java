package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest
{
    private static final long T0 = EvaluatorFixture.T0;

    private static EngineConfig config()
    {
        final EngineConfig c = EvaluatorFixture.quietConfig();
        c.retryBaseMs = 200;
        c.retryMaxMs = 10_000;
        c.breakerSlowAfter = 3;
        c.breakerOpenAfter = 5;
        c.breakerPauseMs = 30_000;
        return c;
    }

    @Test
    void retryDelayDoublesPerAttemptUpToTheMaximum()
    {
        final CircuitBreaker b = new CircuitBreaker(config());
        assertEquals(200, b.retryDelay(0), "attempt 0 counts as the first");
        assertEquals(200, b.retryDelay(1));
        assertEquals(400, b.retryDelay(2));
        assertEquals(800, b.retryDelay(3));
        assertEquals(6_400, b.retryDelay(6));
        assertEquals(10_000, b.retryDelay(7), "12 800 capped at retryMaxMs");
    }

    @Test
    void pastSlowAfterEachConsecutiveErrorDoublesTheDelayAgain()
    {
        final CircuitBreaker b = new CircuitBreaker(config());
        b.failure(T0);
        b.failure(T0);
        assertEquals(200, b.retryDelay(1), "two errors: below breakerSlowAfter");
        b.failure(T0);
        assertEquals(400, b.retryDelay(1));
        assertEquals(1_600, b.retryDelay(3));
        b.failure(T0);
        assertEquals(800, b.retryDelay(1));
        assertEquals(3_200, b.retryDelay(3));
        assertEquals(6_400, b.retryDelay(4));
        assertEquals(10_000, b.retryDelay(5));
    }

    @Test
    void theShiftsAreBoundedSoAHugeAttemptOrErrorRunNeverOverflows()
    {
        final EngineConfig c = config();
        c.retryMaxMs = Long.MAX_VALUE;
        c.breakerOpenAfter = 1_000;
        final CircuitBreaker b = new CircuitBreaker(c);
        assertEquals(200L << 20, b.retryDelay(1_000));
        for (int i = 0; i < 100; i++)
        {
            b.failure(T0);
        }
        assertEquals(200L << 40, b.retryDelay(1_000));
    }

    @Test
    void theCircuitOpensAtBreakerOpenAfterForThePauseEndingExclusively()
    {
        final CircuitBreaker b = new CircuitBreaker(config());
        assertFalse(b.isOpen(T0));
        for (int i = 1; i < 5; i++)
        {
            assertFalse(b.failure(T0 + i), "failure " + i);
        }
        assertFalse(b.isOpen(T0 + 4));
        assertTrue(b.failure(T0 + 5));
        assertEquals(5, b.consecutiveErrors());
        assertEquals(T0 + 30_005, b.openUntil());
        assertTrue(b.isOpen(T0 + 30_004));
        assertFalse(b.isOpen(T0 + 30_005));
        assertTrue(b.failure(T0 + 40_000), "every further failure opens it again");
        assertEquals(T0 + 70_000, b.openUntil());
    }

    @Test
    void successEndsTheErrorRunButNotAPauseInForce()
    {
        final CircuitBreaker b = new CircuitBreaker(config());
        for (int i = 0; i < 5; i++)
        {
            b.failure(T0);
        }
        b.success();
        assertEquals(0, b.consecutiveErrors());
        assertTrue(b.isOpen(T0 + 1));
        assertEquals(200, b.retryDelay(1));
        assertFalse(b.failure(T0 + 2), "the run starts again from one");
    }

    @Test
    void stateHashFollowsErrorsAndThePause()
    {
        final CircuitBreaker b = new CircuitBreaker(config());
        final long fresh = b.stateHash();
        assertEquals(fresh, new CircuitBreaker(config()).stateHash());
        b.failure(T0);
        final long oneError = b.stateHash();
        assertNotEquals(fresh, oneError);
        b.success();
        assertEquals(fresh, b.stateHash(), "back to no errors and no pause");
        for (int i = 0; i < 5; i++)
        {
            b.failure(T0);
        }
        b.success();
        assertNotEquals(fresh, b.stateHash(), "the pause is state");
    }
}
