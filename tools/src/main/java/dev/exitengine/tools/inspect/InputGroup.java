package dev.exitengine.tools.inspect;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;

import java.util.Arrays;

/**
 * One input and the decisions it caused, copied out of the reader's reused objects: what the filter needs to
 * tell whether an input belongs to a position or a symbol it does not name itself (a tick that triggered a
 * close, a timer that timed a position out). One group is held at a time; its decisions are pooled.
 */
final class InputGroup
{
    final EngineEvent input = new EngineEvent();
    private Decision[] decisions = new Decision[8];
    private int size;
    private boolean present;

    /** Starts the group of {@code event}; the decisions of the last group are let go. */
    void start(final EngineEvent event)
    {
        input.copyInputFrom(event);
        size = 0;
        present = true;
    }

    void add(final Decision d)
    {
        if (size == decisions.length)
        {
            decisions = Arrays.copyOf(decisions, size * 2);
        }
        if (decisions[size] == null)
        {
            decisions[size] = new Decision();
        }
        decisions[size++].copyFrom(d);
    }

    /** Whether a group was started and not yet {@link #clear}ed. */
    boolean present()
    {
        return present;
    }

    void clear()
    {
        present = false;
        size = 0;
    }

    int size()
    {
        return size;
    }

    Decision decision(final int i)
    {
        return decisions[i];
    }
}
