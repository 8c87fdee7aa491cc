package dev.exitengine.core;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import dev.exitengine.core.event.EngineEvent;

/**
 * Where the ingress writes each event: a slot of the Disruptor ring, or, in the caller-thread layout,
 * the one slot it hands to the pipeline itself on the publishing thread. Each event is handled there
 * before the next is claimed, so one slot serves them all and stays in the cache (cycling through a
 * ring's slots brought a cold slot and its decision list to every event).
 */
final class RingSlots
{
    private final RingBuffer<EngineEvent> ring;
    private SingleThreadPipeline inline;
    private ExceptionHandler<EngineEvent> inlineErrors;
    /** The caller-thread layout's one event slot, its last published sequence, and whether it is being handled. */
    private final EngineEvent inlineSlot = new EngineEvent();
    private long inlineCursor = -1;
    private boolean handlingInline;
    /** Whether a batch of the caller-thread layout ends only when the caller ends it (see {@link #batchInline}). */
    private boolean batching;

    RingSlots(final RingBuffer<EngineEvent> ring)
    {
        this.ring = ring;
    }

    /** Runs {@code pipeline} on this thread after each publish (the caller-thread layout). */
    void inline(final SingleThreadPipeline pipeline, final ExceptionHandler<EngineEvent> errors)
    {
        inline = pipeline;
        inlineErrors = errors;
    }

    /**
     * The caller-thread layout, batched: the pipeline sees an event as one of a batch, which ends when a close
     * is decided, when the journal's document fills, or at {@link #endInlineBatch}, instead of after each
     * event. Inputs then share journal documents as in the consumer-thread layouts.
     */
    void batchInline(final boolean on)
    {
        if (inline == null)
        {
            throw new IllegalStateException("batched inputs are for the caller-thread layout");
        }
        endInlineBatch();
        batching = on;
        inline.deferBatchEnd(on);
    }

    /** Ends the caller-thread layout's batch, if one is open: its inputs and decisions are journaled. */
    void endInlineBatch()
    {
        if (batching && !handlingInline)
        {
            try
            {
                inline.endBatch();
            }
            catch (final Throwable ex)
            {
                inlineErrors.handleEventException(ex, inlineCursor, inlineSlot);
            }
        }
    }

    boolean isInline()
    {
        return inline != null;
    }

    void shutdownInline()
    {
        if (inline != null)
        {
            inline.onShutdown();
        }
    }

    /** The next sequence to fill; the caller-thread layout claims no ring slot. */
    long next()
    {
        if (inline == null)
        {
            return ring.next();
        }
        if (handlingInline)
        {
            // the slot holds the event being handled: an input published from a handler would overwrite it
            throw new IllegalStateException("an input was published from within the caller-thread pipeline;"
                + " venue answers go through GatewayResponses");
        }
        return inlineCursor + 1;
    }

    EngineEvent slot(final long sequence)
    {
        return inline == null ? ring.get(sequence) : inlineSlot;
    }

    /** Makes {@code sequence} visible to the consumers; in the caller-thread layout, counts it as published. */
    void commit(final long sequence)
    {
        if (inline == null)
        {
            ring.publish(sequence);
        }
        else
        {
            inlineCursor = sequence;
        }
    }

    /** The highest published sequence. */
    long cursor()
    {
        return inline == null ? ring.getCursor() : inlineCursor;
    }

    long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    /** The caller-thread layout: handles the event just committed, on this thread. */
    void runInline(final long sequence)
    {
        final EngineEvent e = inlineSlot;
        handlingInline = true;
        try
        {
            inline.onEvent(e, sequence, !batching);
        }
        catch (final Throwable ex)
        {
            inlineErrors.handleEventException(ex, sequence, e);
        }
        finally
        {
            handlingInline = false;
        }
    }
}
