package dev.exitengine.gateway.binance;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The fills an account has already passed on, by (symbol, trade id), so that one delivered twice — the
 * stream repeating itself across a reconnect, or the REST re-read after a rotation finding a fill the
 * stream also brought — is passed on once. Remembers the last {@code capacity} (first in, first out), as
 * NautilusTrader does with 10,000. Thread-safe: the user stream's thread and the account's venue thread
 * both ask.
 */
public final class SeenTrades
{
    private final int capacity;
    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private long duplicates;

    public SeenTrades(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** True the first time (symbol, tradeId) is offered, false for a repeat (counted). */
    public synchronized boolean firstTime(final String symbol, final long tradeId)
    {
        final String key = symbol + '#' + tradeId;
        if (!seen.add(key))
        {
            duplicates++;
            return false;
        }
        order.addLast(key);
        if (order.size() > capacity)
        {
            seen.remove(order.removeFirst());
        }
        return true;
    }

    public synchronized long duplicates()
    {
        return duplicates;
    }
}
