package dev.exitengine.bench;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The Disruptor's yielding wait (spin a hundred times, then yield the core each time round) with one
 * addition for alternating measurements: while paused, an idle consumer parks until it is resumed
 * (or its processor halted), so a target that is not being measured leaves both cores to the one
 * that is. It parks without a timeout: a consumer that woke every millisecond to look would be put on
 * a core a thousand times a second, each time taking it from the measured side's injector or
 * consumer (a scheduler trace showed those wake-ups behind most of the measured side's short stalls).
 * Running, it waits exactly as {@link com.lmax.disruptor.YieldingWaitStrategy} does; the engine and
 * the bare Disruptor are given the same strategy, so neither side is measured with a different wait.
 */
final class PausableWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;
    private volatile boolean paused;
    /** The consumer threads that have parked here: woken on resume and on a halt. */
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();

    void pause(final boolean pause)
    {
        paused = pause;
        if (!pause)
        {
            wakeAll();
        }
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available;
        int counter = SPIN_TRIES;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (paused)
            {
                parkWhilePaused(barrier);
            }
            else if (counter == 0)
            {
                Thread.yield();
            }
            else
            {
                --counter;
            }
        }
        return available;
    }

    private void parkWhilePaused(final SequenceBarrier barrier) throws AlertException
    {
        // registered before the flag is read again: a resume after this point finds the thread and
        // unparks it, and an unpark that comes before the park makes the park return at once
        parked.add(Thread.currentThread());
        while (paused)
        {
            barrier.checkAlert();
            LockSupport.park(this);
        }
    }

    private void wakeAll()
    {
        for (final Thread t : parked)
        {
            LockSupport.unpark(t);
        }
    }

    /**
     * Called on every publish, and when a processor is halted (its barrier alerted): only a paused
     * strategy can have a consumer parked, so only then is there anyone to wake (to see the alert);
     * running, this costs the read of a flag, as the yielding strategy's empty method costs nothing.
     */
    @Override
    public void signalAllWhenBlocking()
    {
        if (paused)
        {
            wakeAll();
        }
    }
}
