package dev.exitengine.core.api;

import dev.exitengine.core.event.Decision;

/**
 * Receives every decision in the order it was made, on the close-order handler's thread. The decision
 * object is reused after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface DecisionListener
{
    void onDecision(Decision decision, Names names);

    /**
     * The output handler finished a batch of events that made at least one decision (after they were
     * journaled): a moment to flush, for a listener that writes somewhere another process reads.
     */
    default void onBatchEnd()
    {
    }
}
