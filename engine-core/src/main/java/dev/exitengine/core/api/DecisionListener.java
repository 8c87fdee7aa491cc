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

    /**
     * A resumed run starts re-reading its journal: the decisions that follow, until {@link #onRecovered},
     * were made before the crash and acted upon then. A listener that writes a file writes them again; one
     * that acts on the world (orders, alerts) only notes them. Called before the first of them.
     */
    default void onRecovering()
    {
    }

    /** The journal has been re-read: decisions from here on are new. Called on a quiet engine. */
    default void onRecovered()
    {
    }
}
