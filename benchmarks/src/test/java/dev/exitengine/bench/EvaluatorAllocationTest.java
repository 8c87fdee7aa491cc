package dev.exitengine.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Allocation is deterministic, time is not: the evaluator's hot path is held to zero bytes per event
 * here, where a timing goal could only be measured.
 */
class EvaluatorAllocationTest
{
    @Test
    void evaluatorAllocatesNothingOnNonTriggeringTicksInSteadyState()
    {
        final BookFixture book = new BookFixture(1_000, 0);
        final Allocation.PerEvent r = Allocation.evaluatorBytes(book, 300_000, 1_000_000);
        assertEquals(0, r.bytes, () -> "the evaluation thread allocated " + r.bytes + " bytes over " + r.events
            + " non-triggering ticks in the quietest of " + Allocation.WINDOWS + " windows (" + r.perEvent()
            + " bytes/event): every window allocated; run QuickProfile --only alloc under JFR (jdk.ObjectAllocationSample) to see where");
    }

    @Test
    void eachTriggerTickClosesExactlyItsGroupAndReloadRestoresTheBook()
    {
        final BookFixture book = new BookFixture(1_000, 10);
        for (int reload = 0; reload < 3; reload++)
        {
            for (int r = 0; r < book.rounds(); r++)
            {
                assertEquals(10, book.triggerTick());
            }
            book.reload();
        }
        assertEquals(0, book.evaluateNeutral());
    }
}
