package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which live symbols have gone quiet: a symbol with no market event for the TTL is flagged stale
 * (counted once per spell in {@link Counter#STALE_SYMBOLS}) until its next event. Written by the ingress
 * thread only; {@link #stale()} is an immutable snapshot any thread may read.
 */
public final class StaleSymbols
{
    private final String[] symbols;
    private final long ttlMs;
    private final EngineCounters counters;
    private final long[] lastSeenMs;
    private final boolean[] flagged;
    private volatile List<String> stale = List.of();

    /** @param symbols the watched symbols by index; {@code startMs} counts as each one's last event */
    public StaleSymbols(final List<String> symbols, final long ttlMs, final EngineCounters counters, final long startMs)
    {
        this.symbols = symbols.toArray(new String[0]);
        this.ttlMs = ttlMs;
        this.counters = counters;
        this.lastSeenMs = new long[this.symbols.length];
        this.flagged = new boolean[this.symbols.length];
        java.util.Arrays.fill(lastSeenMs, startMs);
    }

    /** A market event of symbol {@code index} arrived at wall-clock {@code nowMs}. */
    public void seen(final int index, final long nowMs)
    {
        lastSeenMs[index] = nowMs;
        if (flagged[index])
        {
            flagged[index] = false;
            publish();
        }
    }

    /** Flags the symbols quiet for the TTL at {@code nowMs}; returns how many were newly flagged. */
    public int check(final long nowMs)
    {
        int newly = 0;
        for (int i = 0; i < symbols.length; i++)
        {
            if (!flagged[i] && nowMs - lastSeenMs[i] >= ttlMs)
            {
                flagged[i] = true;
                newly++;
                counters.increment(Counter.STALE_SYMBOLS);
            }
        }
        if (newly > 0)
        {
            publish();
        }
        return newly;
    }

    /** The symbols flagged stale now, in configuration order. */
    public List<String> stale()
    {
        return stale;
    }

    private void publish()
    {
        final List<String> now = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++)
        {
            if (flagged[i])
            {
                now.add(symbols[i]);
            }
        }
        stale = Collections.unmodifiableList(now);
    }
}
