package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.num.Fixed;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded random walk of trades for any number of symbols, for benchmarks and soak runs: the same
 * seed gives the same events. Symbols are {@code SYM0 .. SYM<n-1>}; first one instrument event each
 * (tick 0.01, step 0.001, min qty 0, maker 0.0002, taker 0.0004), then {@code events} trades
 * round-robin over the symbols, one millisecond apart from {@link #START_TS}. Each symbol's first trade
 * is at 100.00; after each trade its price moves one tick up or down, never to zero or below. Trade
 * quantities are 0.001 to 1.000.
 */
public final class SyntheticFeed implements Feed
{
    /** Time of the first trade: 2024-08-09T00:00:00Z. */
    public static final long START_TS = 1_723_161_600_000L;
    public static final long TICK_SIZE = Fixed.ONE / 100;
    public static final long STEP_SIZE = Fixed.ONE / 1000;
    public static final long MAKER_FEE = 20_000L;
    public static final long TAKER_FEE = 40_000L;
    public static final long START_PRICE = Fixed.of(100);

    private static final int MAX_QTY_STEPS = 1000;

    private final String[] symbols;
    private final long events;
    private final long seed;
    private final long startPrice;

    /**
     * @param symbols how many symbols, at least 1.
     * @param events  how many trades, in all symbols together.
     * @param seed    the walk's seed.
     */
    public SyntheticFeed(final int symbols, final long events, final long seed)
    {
        this(symbols, events, seed, START_PRICE);
    }

    SyntheticFeed(final int symbols, final long events, final long seed, final long startPrice)
    {
        if (symbols < 1)
        {
            throw new IllegalArgumentException("synthetic feed needs at least 1 symbol, was " + symbols);
        }
        if (events < 0)
        {
            throw new IllegalArgumentException("synthetic feed needs 0 or more events, was " + events);
        }
        if (startPrice <= 0)
        {
            throw new IllegalArgumentException("start price must be positive");
        }
        this.symbols = new String[symbols];
        for (int i = 0; i < symbols; i++)
        {
            this.symbols[i] = "SYM" + i;
        }
        this.events = events;
        this.seed = seed;
        this.startPrice = startPrice;
    }

    private static final String SOURCE = "synthetic";

    @Override
    public long run(final InputSink sink)
    {
        final int n = symbols.length;
        // each input is a "line" of its own, numbered from 1: a resumed run goes on after the last journaled one
        long line = 0;
        for (final String symbol : symbols)
        {
            sink.position(SOURCE, ++line);
            sink.instrument(symbol, TICK_SIZE, STEP_SIZE, 0, MAKER_FEE, TAKER_FEE);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] prices = new long[n];
        Arrays.fill(prices, startPrice);
        int s = 0;
        for (long k = 0; k < events; k++)
        {
            final long qty = (random.nextInt(MAX_QTY_STEPS) + 1) * STEP_SIZE;
            sink.position(SOURCE, ++line);
            sink.trade(START_TS + k, symbols[s], prices[s], qty);
            final boolean up = random.nextBoolean() || prices[s] - TICK_SIZE <= 0;
            prices[s] += up ? TICK_SIZE : -TICK_SIZE;
            if (++s == n)
            {
                s = 0;
            }
        }
        return n + events;
    }

    public int symbols()
    {
        return symbols.length;
    }

    public long events()
    {
        return events;
    }

    public long seed()
    {
        return seed;
    }
}
