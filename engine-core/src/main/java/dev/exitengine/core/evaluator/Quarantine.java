package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

/** Takes a position whose rules or data failed out of evaluation, counted and written, so the others go on. */
final class Quarantine
{
    private final PositionBook book;
    private final EngineCounters counters;
    private final DecisionWriter writer;

    Quarantine(final PositionBook book, final EngineCounters counters, final DecisionWriter writer)
    {
        this.book = book;
        this.counters = counters;
        this.writer = writer;
    }

    void isolate(final EngineEvent e, final Position p, final Throwable cause)
    {
        book.unindex(p);
        p.state = PositionState.QUARANTINED;
        counters.increment(Counter.ERRORS);
        counters.increment(Counter.POSITIONS_QUARANTINED);
        writer.quarantined(e, p, cause);
    }
}
