package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.event.EngineEvent;

/** All three handlers on one consumer thread, in flow order. */
final class SingleThreadPipeline implements EventHandler<EngineEvent>
{
    final JournalHandler journal;
    final PositionEvaluator evaluator;
    final CloseOrderHandler close;
    final Sequence sequence = new Sequence(-1);

    SingleThreadPipeline(final JournalHandler journal, final PositionEvaluator evaluator, final CloseOrderHandler close)
    {
        this.journal = journal;
        this.evaluator = evaluator;
        this.close = close;
    }

    @Override
    public void onEvent(final EngineEvent e, final long seq, final boolean endOfBatch)
    {
        try
        {
            journal.append(e);
            try
            {
                evaluator.onEvent(e, seq, endOfBatch);
            }
            finally
            {
                // a close never leaves before its cause is journaled: flush first when this event decided one
                if (endOfBatch || hasClose(e))
                {
                    journal.flush();
                }
                close.onEvent(e, seq, endOfBatch);
            }
        }
        finally
        {
            sequence.set(seq);
        }
    }

    private static boolean hasClose(final EngineEvent e)
    {
        final int n = e.decisions.size();
        for (int i = 0; i < n; i++)
        {
            if (e.decisions.get(i).type == dev.exitengine.core.event.DecisionType.CLOSE)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onStart()
    {
        journal.onStart();
    }

    @Override
    public void onShutdown()
    {
        journal.onShutdown();
        close.onShutdown();
    }
}
