package dev.exitengine.core.position;

/** Where a position is in its life. */
public enum PositionState
{
    /** Held, levels armed, watched on every tick. */
    OPEN,
    /** A close order is out: no second close for the same quantity until it completes or fails. */
    CLOSING,
    /** Fully closed; its exit is recorded. */
    CLOSED,
    /** A rule or data error: excluded from evaluation, counted, left for an operator. */
    QUARANTINED
}
