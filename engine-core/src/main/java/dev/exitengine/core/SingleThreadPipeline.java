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
    /** The caller-thread layout, batched ({@link RingSlots#batchInline}): a batch ends at {@link #endBatch}. */
    private boolean deferBatchEnd;

    SingleThreadPipeline(final JournalHandler journal, final PositionEvaluator evaluator, final CloseOrderHandler close)
    {
        this.journal = journal;
        this.evaluator = evaluator;
        this.close = close;
        // decisions are never journaled before the inputs that caused them
        close.beforeOutputs(journal::flush);
    }

    void deferBatchEnd(final boolean defer)
    {
        deferBatchEnd = defer;
        journal.documentBytes(defer ? CALLER_BATCH_BYTES : Integer.MAX_VALUE);
    }

    /** A batch the caller holds open goes to the journal every this many bytes (a few hundred inputs). */
    static final int CALLER_BATCH_BYTES = 4 * 1024;

    @Override
    public void onEvent(final EngineEvent e, final long seq, final boolean endOfBatch)
    {
        try
        {
            journal.append(e);
            try
            {
                // a caller that batches waits for no event: each is timed when handled
                evaluator.onEvent(e, seq, endOfBatch || deferBatchEnd);
            }
            finally
            {
                final boolean end = endOfBatch || journal.isFull();
                // a close never leaves before its cause is journaled: flush first when this event decided one
                if (end || hasClose(e))
                {
                    journal.flush();
                }
                close.onEvent(e, seq, end);
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

    /** Ends a batch the caller held open: its inputs, then its decisions, are journaled. */
    void endBatch()
    {
        journal.flush();
        close.endBatch();
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
