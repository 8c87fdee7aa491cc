package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.StateHash;

/**
 * The gateway's circuit breaker: consecutive venue errors open it for a pause (closes decided meanwhile
 * wait, never lost), and past a threshold each further error doubles the retry delay again.
 */
final class CircuitBreaker
{
    private final EngineConfig config;
    private int consecutiveErrors;
    private long openUntil = Long.MIN_VALUE;

    CircuitBreaker(final EngineConfig config)
    {
        this.config = config;
    }

    /** The venue answered normally (an ack, a fill, "no position"): the error run ends. */
    void success()
    {
        consecutiveErrors = 0;
    }

    /** Counts a failed close; true when this failure opened the circuit. */
    boolean failure(final long ts)
    {
        consecutiveErrors++;
        if (consecutiveErrors >= config.breakerOpenAfter)
        {
            openUntil = ts + config.breakerPauseMs;
            return true;
        }
        return false;
    }

    boolean isOpen(final long ts)
    {
        return ts < openUntil;
    }

    long openUntil()
    {
        return openUntil;
    }

    int consecutiveErrors()
    {
        return consecutiveErrors;
    }

    /** The retry delay after a failure: exponential in the attempt, doubling again per consecutive venue error past the threshold. */
    long retryDelay(final int attempt)
    {
        long delay = config.retryBaseMs << Math.min(20, Math.max(0, attempt - 1));
        if (consecutiveErrors >= config.breakerSlowAfter)
        {
            delay <<= Math.min(20, consecutiveErrors - config.breakerSlowAfter + 1);
        }
        return Math.min(delay, config.retryMaxMs);
    }

    long stateHash()
    {
        return StateHash.mix(StateHash.mix(StateHash.SEED, consecutiveErrors), openUntil);
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x43495243); // "CIRC"
        w.putInt(consecutiveErrors);
        w.putLong(openUntil);
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x43495243, "circuit breaker");
        consecutiveErrors = r.getInt();
        openUntil = r.getLong();
    }
}
