package dev.exitengine.core;

/**
 * How the ingress thread waits for the pipeline to catch up: a few spins with the processor's hint,
 * then yielding the core on every further look. Agrona's {@code BackoffIdleStrategy} without the park
 * phase: the wait is always for a handler that is running, so parking would only add a wake-up.
 * Reset before each wait; allocation-free.
 */
final class Backoff
{
    /** Lockstep: the handlers are normally well under a microsecond behind, so spin that long before yielding. */
    static final int LOCKSTEP_SPINS = 200;
    /** Waiting for quiet drains a whole backlog, not one event: yield from the first look. */
    static final int QUIET_SPINS = 0;

    private final int maxSpins;
    private int spins;

    Backoff(final int maxSpins)
    {
        this.maxSpins = maxSpins;
    }

    void reset()
    {
        spins = 0;
    }

    void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }
}
