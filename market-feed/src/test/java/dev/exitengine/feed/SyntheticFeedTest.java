package dev.exitengine.feed;

import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFeedTest
{
    private static RecordingSink run(final SyntheticFeed feed)
    {
        final RecordingSink sink = new RecordingSink();
        final long delivered = feed.run(sink);
        assertEquals(sink.events.size(), delivered);
        return sink;
    }

    @Test
    void sameSeedGivesTheSameEvents()
    {
        assertEquals(run(new SyntheticFeed(3, 5_000, 42)).events, run(new SyntheticFeed(3, 5_000, 42)).events);
        assertNotEquals(run(new SyntheticFeed(3, 5_000, 42)).events, run(new SyntheticFeed(3, 5_000, 43)).events);
    }

    @Test
    void instrumentsComeFirstThenTradesRoundRobinOneMillisecondApartFromOneHundred()
    {
        final RecordingSink sink = run(new SyntheticFeed(2, 4, 7));
        assertEquals(6, sink.events.size());
        assertEquals("instrument SYM0 tick=0.01 step=0.001 minQty=0 maker=0.0002 taker=0.0004", sink.events.get(0));
        assertEquals("instrument SYM1 tick=0.01 step=0.001 minQty=0 maker=0.0002 taker=0.0004", sink.events.get(1));
        assertTrue(sink.events.get(2).startsWith("trade 1723161600000 SYM0 100 "), sink.events.get(2));
        assertTrue(sink.events.get(3).startsWith("trade 1723161600001 SYM1 100 "), sink.events.get(3));
        assertTrue(sink.events.get(4).matches("trade 1723161600002 SYM0 (100\\.01|99\\.99) \\d\\.\\d+"), sink.events.get(4));
        assertTrue(sink.events.get(5).matches("trade 1723161600003 SYM1 (100\\.01|99\\.99) \\d\\.\\d+"), sink.events.get(5));
    }

    @Test
    void walkIsPinnedForSeedFortyTwo()
    {
        // SplittableRandom(42): nextInt(1000) + 1 = 32, nextBoolean false; 482, true; 782, ...

        assertEquals(List.of(
            "instrument SYM0 tick=0.01 step=0.001 minQty=0 maker=0.0002 taker=0.0004",
            "trade 1723161600000 SYM0 100 0.032",
            "trade 1723161600001 SYM0 99.99 0.482",
            "trade 1723161600002 SYM0 100 0.782"), run(new SyntheticFeed(1, 3, 42)).events);
    }

    @Test
    void pricesMoveOneTickAndNeverReachZero()
    {
        final RecordingSink sink = run(new SyntheticFeed(1, 20_000, 1, SyntheticFeed.TICK_SIZE));
        long previous = SyntheticFeed.TICK_SIZE;
        for (final String trade : sink.ofType("trade"))
        {
            final long price = Fixed.parse(trade.split(" ")[3]);
            assertTrue(price > 0, trade);
            assertTrue(Math.abs(price - previous) <= SyntheticFeed.TICK_SIZE, trade);
            previous = price;
        }
    }

    @Test
    void specNamesSymbolsEventsAndSeed()
    {
        final SyntheticFeed feed = (SyntheticFeed)FeedSpec.open("synthetic:10:1000000:42", FeedOptions.continueOnError());
        assertEquals(10, feed.symbols());
        assertEquals(1_000_000, feed.events());
        assertEquals(42, feed.seed());
    }
}
