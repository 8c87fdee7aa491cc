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
}
