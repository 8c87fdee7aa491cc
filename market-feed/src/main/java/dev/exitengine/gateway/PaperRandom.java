package dev.exitengine.gateway;

/**
 * The paper venue's random draws: SplitMix64, the generator behind {@link java.util.SplittableRandom} (the
 * same draws for the same seed), with its one word of state open, so a snapshot can carry it and a
 * restored venue draws on exactly as the original would have.
 */
final class PaperRandom
{
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;

    PaperRandom(final long seed)
    {
        this.seed = seed;
    }

    long nextLong()
    {
        seed += GOLDEN_GAMMA;
        long z = seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble()
    {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    long state()
    {
        return seed;
    }

    void state(final long state)
    {
        seed = state;
    }
}
