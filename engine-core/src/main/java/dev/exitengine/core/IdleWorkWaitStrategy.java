package dev.exitengine.core;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait strategy that, before waiting as the strategy it wraps does, lets the journaling thread do
 * the journal's housekeeping while no event is there: one small piece at a time
 * ({@link JournalHandler#idleWork}, a page faulted in ahead of the writer), looking for an event
 * between pieces. This is the duty cycle of an Agrona agent, on the Disruptor: the housekeeping
 * needs no thread of its own to compete with the engine's for a core, and an event arriving during
 * it waits for one piece at most.
 *
 * <p>Other consumer threads sharing the strategy only wait: {@link JournalHandler#idleWork} does
 * nothing off the journaling thread. When events are there, this costs one read of a sequence.
 */
final class IdleWorkWaitStrategy implements WaitStrategy
{
    private final WaitStrategy delegate;
    private final JournalHandler journal;

    IdleWorkWaitStrategy(final WaitStrategy delegate, final JournalHandler journal)
    {
        this.delegate = delegate;
        this.journal = journal;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        while (dependentSequence.get() < sequence && journal.idleWork() > 0)
        {
            barrier.checkAlert();
        }
        return delegate.waitFor(sequence, cursor, dependentSequence, barrier);
    }

    @Override
    public void signalAllWhenBlocking()
    {
        delegate.signalAllWhenBlocking();
    }
}
