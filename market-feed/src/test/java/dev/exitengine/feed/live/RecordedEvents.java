package dev.exitengine.feed.live;

import dev.exitengine.core.num.Fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Records by-id events as text lines ("trade 0 5 100.5 1"), safely across threads; and a bounded wait. */
final class RecordedEvents implements MarketEventSink
{
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void quote(final int symbolId, final long ts, final long bid, final long ask)
    {
        events.add("quote " + symbolId + " " + ts + " " + Fixed.toString(bid) + " " + Fixed.toString(ask));
    }

    @Override
    public synchronized void trade(final int symbolId, final long ts, final long price, final long qty)
    {
        events.add("trade " + symbolId + " " + ts + " " + Fixed.toString(price) + " " + Fixed.toString(qty));
    }

    @Override
    public synchronized void mark(final int symbolId, final long ts, final long price)
    {
        events.add("mark " + symbolId + " " + ts + " " + Fixed.toString(price));
    }

    synchronized List<String> events()
    {
        return new ArrayList<>(events);
    }

    synchronized int size()
    {
        return events.size();
    }

    /** Waits up to {@code millis} for {@code condition}; fails the test with {@code what} otherwise. */
    static void await(final long millis, final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
