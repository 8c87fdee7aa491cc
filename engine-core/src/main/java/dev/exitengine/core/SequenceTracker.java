package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.exitengine.core.event.EngineEvent;

/** Wraps the last handler to expose per-event progress (the Disruptor's own sequence moves per batch). */
final class SequenceTracker implements EventHandler<EngineEvent>
{
    final CloseOrderHandler close;
    final Sequence sequence = new Sequence(-1);

    SequenceTracker(final CloseOrderHandler close)
    {
        this.close = close;
    }

    @Override
    public void onEvent(final EngineEvent e, final long seq, final boolean endOfBatch)
    {
        try
        {
            close.onEvent(e, seq, endOfBatch);
        }
        finally
        {
            sequence.set(seq);
        }
    }

    @Override
    public void onShutdown()
    {
        close.onShutdown();
    }
}
