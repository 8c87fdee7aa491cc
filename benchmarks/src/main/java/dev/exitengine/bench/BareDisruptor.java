package dev.exitengine.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One producer and one handler on a Disruptor ring of the engine's own events, the same ring size the
 * engine uses and a chosen wait strategy. With a no-op handler it is the bare Disruptor baseline;
 * with the {@link dev.exitengine.core.evaluator.PositionEvaluator} as the handler it measures the evaluator
 * keeping up with the ring. The producer's work is the same either way: it writes a tick's fields
 * into the claimed slot.
 */
public final class BareDisruptor implements AutoCloseable
{
    /** Does nothing with the event: what the ring costs alone. */
    public static final EventHandler<EngineEvent> NO_OP = (e, sequence, endOfBatch) ->
    {
    };

    private final Disruptor<EngineEvent> disruptor;
    private final RingBuffer<EngineEvent> ring;
    private final BookFixture ticks;

    /**
     * @param ticks where the producer takes its ticks from (their symbols and prices); its evaluator is
     *              not touched unless it is the handler.
     */
    public BareDisruptor(final EngineConfig.Wait wait, final EventHandler<EngineEvent> handler, final BookFixture ticks)
    {
        this.ticks = ticks;
        final AtomicInteger n = new AtomicInteger();
        disruptor = new Disruptor<>(EngineEvent::new, new EngineConfig().ringSize, r ->
        {
            final Thread t = new Thread(r, "bare-disruptor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, ProducerType.SINGLE, wait.newStrategy());
        disruptor.handleEventsWith(handler);
        ring = disruptor.start();
    }

    /** Publishes one tick. */
    public void publish()
    {
        final EngineEvent src = ticks.nextNeutral();
        final long s = ring.next();
        final EngineEvent e = ring.get(s);
        e.type = EventType.TRADE;
        e.seq = s + 1;
        e.ts = src.ts;
        e.symbolId = src.symbolId;
        e.price = src.price;
        e.qty = src.qty;
        ring.publish(s);
    }

    /** Waits until the handler has seen everything published. */
    public void awaitHandled()
    {
        final long cursor = ring.getCursor();
        while (ring.getMinimumGatingSequence() < cursor)
        {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Publishes {@code n} ticks and waits until all are handled; returns nanoseconds. */
    public long run(final long n)
    {
        final long t0 = System.nanoTime();
        for (long i = 0; i < n; i++)
        {
            publish();
        }
        awaitHandled();
        return System.nanoTime() - t0;
    }

    @Override
    public void close()
    {
        disruptor.halt();
    }
}
