package dev.exitengine.gateway;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaperRandomTest
{
    @Test
    void drawsWhatSplittableRandomDrawsForTheSameSeed()
    {
        for (final long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE})
        {
            final SplittableRandom jdk = new SplittableRandom(seed);
            final PaperRandom mine = new PaperRandom(seed);
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(jdk.nextDouble(), mine.nextDouble(), "seed " + seed + " draw " + i);
            }
        }
    }

    @Test
    void aRestoredStateDrawsOnAsTheOriginal()
    {
        final PaperRandom a = new PaperRandom(9);
        for (int i = 0; i < 17; i++)
        {
            a.nextDouble();
        }
        final PaperRandom b = new PaperRandom(0);
        b.state(a.state());
        for (int i = 0; i < 100; i++)
        {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }
}
