package dev.exitengine.bench;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The Disruptor's yielding wait (spin a hundred times, then yield the core each time round) with one
 * addition for alternating measurements: while paused, an idle consumer parks instead, so a target
 * that is not being measured leaves both cores to the one that is. Running, it waits exactly as
 * {@link com.lmax.disruptor.YieldingWaitStrategy} does; the engine and the bare Disruptor are given
 * the same strategy, so neither side is measured with a different wait.
 */
final class PausableWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;
    private static final long PARK_NANOS = 1_000_000;
    private volatile boolean paused;

    void pause(final boolean pause)
    {
        paused = pause;
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
                LockSupport.parkNanos(PARK_NANOS);
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

    @Override
    public void signalAllWhenBlocking()
    {
    }
}
