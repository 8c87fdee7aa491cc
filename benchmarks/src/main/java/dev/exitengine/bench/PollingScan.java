package dev.exitengine.bench;

import java.util.SplittableRandom;

/**
 * What a polling monitor does on every tick: a plain array of positions checked one by one against
 * the last price of its symbol. Parallel primitive arrays, the fastest form such a scan can take, so
 * the comparison with the indexed ladders is conservative. Positions, levels and ticks mirror
 * {@link BookFixture}: nothing triggers.
 */
public final class PollingScan
{
    private final int n;
    private final int[] symbol;
    private final boolean[] isLong;
    private final long[] stop;
    private final long[] target;
    private final long[] lastPrice;
    private final int[] tickSymbol = new int[4096];
    private final long[] tickPrice = new long[4096];
    private int next;

    public PollingScan(final int positions)
    {
        n = positions;
        final int symbols = Math.min(BookFixture.MAX_SYMBOLS, positions);
        symbol = new int[n];
        isLong = new boolean[n];
        stop = new long[n];
        target = new long[n];
        lastPrice = new long[symbols];
        java.util.Arrays.fill(lastPrice, BookFixture.NEUTRAL_PRICE);
        final int[] perSymbol = new int[symbols];
        for (int i = 0; i < n; i++)
        {
            final int s = i % symbols;
            final int j = perSymbol[s]++;
            final boolean l = ((j + s) & 1) == 0;
            final long entry = 100_00000000L + BookFixture.scatter(j) * 50_000L;
            symbol[i] = s;
            isLong[i] = l;
            stop[i] = l ? entry * 985 / 1000 : entry * 1015 / 1000;
            target[i] = l ? entry * 1025 / 1000 : entry * 975 / 1000;
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < tickSymbol.length; i++)
        {
            tickSymbol[i] = random.nextInt(symbols);
            tickPrice[i] = BookFixture.NEUTRAL_PRICE - 20_000_000L + random.nextLong(40_000_000L);
        }
    }

    /** One tick: updates its symbol's last price, then checks every position. Returns how many triggered. */
    public int tick()
    {
        final int t = next;
        next = (next + 1) & (tickSymbol.length - 1);
        lastPrice[tickSymbol[t]] = tickPrice[t];
        int triggered = 0;
        for (int i = 0; i < n; i++)
        {
            final long price = lastPrice[symbol[i]];
            if (isLong[i] ? price <= stop[i] || price >= target[i] : price >= stop[i] || price <= target[i])
            {
                triggered++;
            }
        }
        return triggered;
    }
}
