package dev.exitengine.gateway.binance;

import dev.exitengine.core.ingest.InputSink;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Inputs an account's threads (its user data stream, its venue thread) have for the engine — fills of
 * orders the engine did not send, position snapshots, profile assignments — waiting for the ingress
 * thread, the ring's single writer, to publish them in the order they arrived. Venue answers to the
 * engine's own orders take the allocation-free {@code GatewayResponses} path instead; these are rare.
 * Bounded: past {@code capacity} an input is refused and counted, never silently lost.
 */
public final class VenueInbox
{
    private final ConcurrentLinkedQueue<Consumer<InputSink>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final int capacity;

    public VenueInbox(final int capacity)
    {
        this.capacity = capacity;
    }

    /** Any thread: queues {@code input}; false (and counted) when the inbox is full. */
    public boolean offer(final Consumer<InputSink> input)
    {
        if (size.incrementAndGet() > capacity)
        {
            size.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        queue.add(input);
        return true;
    }

    /** Ingress thread: publishes up to {@code limit} waiting inputs into {@code sink}; returns how many. */
    public int drain(final InputSink sink, final int limit)
    {
        int n = 0;
        Consumer<InputSink> input;
        while (n < limit && (input = queue.poll()) != null)
        {
            size.decrementAndGet();
            input.accept(sink);
            n++;
        }
        return n;
    }

    /**
     * Ingress thread: drops up to {@code limit} waiting inputs (a cluster follower's: its leader's copies
     * of them enter the log); returns how many.
     */
    public int discard(final int limit)
    {
        int n = 0;
        while (n < limit && queue.poll() != null)
        {
            size.decrementAndGet();
            n++;
        }
        return n;
    }

    public boolean isEmpty()
    {
        return queue.isEmpty();
    }

    public long refused()
    {
        return refused.get();
    }
}
