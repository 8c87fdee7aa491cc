package dev.exitengine.core;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentFillsTest
{
    @Test
    void theSameFillIsRefusedTheSecondTime()
    {
        final RecentFills fills = new RecentFills(100_000);
        assertTrue(fills.add("a1", "o1", 1_000, 100, 6_000_000));
        assertFalse(fills.add("a1", "o1", 1_000, 100, 6_000_000));
        // equal text in other String instances is the same fill
        assertFalse(fills.add(new String("a1"), new String("o1"), 1_000, 100, 6_000_000));
        assertEquals(1, fills.size());
    }

    @Test
    void aFillDifferingInAnyOneFieldIsAccepted()
    {
        final RecentFills fills = new RecentFills(16);
        assertTrue(fills.add("a1", "o1", 1_000, 100, 6_000_000));
        assertTrue(fills.add("a2", "o1", 1_000, 100, 6_000_000), "another account");
        assertTrue(fills.add("a1", "o2", 1_000, 100, 6_000_000), "another order");
        assertTrue(fills.add("a1", "o1", 1_001, 100, 6_000_000), "another time (another trade of the order)");
        assertTrue(fills.add("a1", "o1", 1_000, 101, 6_000_000), "another quantity");
        assertTrue(fills.add("a1", "o1", 1_000, 100, 6_000_001), "another price");
        assertEquals(6, fills.size());
    }

    @Test
    void theOldestFillIsForgottenOnceCapacityIsReachedAndARepeatDoesNotRenewIt()
    {
        final RecentFills fills = new RecentFills(3);
        assertTrue(fills.add("a", "o1", 1, 1, 1));
        assertTrue(fills.add("a", "o2", 1, 1, 1));
        assertTrue(fills.add("a", "o3", 1, 1, 1));
        assertFalse(fills.add("a", "o1", 1, 1, 1), "o1 is a duplicate and stays the oldest");
        assertTrue(fills.add("a", "o4", 1, 1, 1), "the fourth forgets o1");
        assertEquals(3, fills.size());
        assertTrue(fills.add("a", "o1", 1, 1, 1), "o1 forgotten: accepted again, forgets o2");
        assertFalse(fills.add("a", "o3", 1, 1, 1));
        assertFalse(fills.add("a", "o4", 1, 1, 1));
        assertTrue(fills.add("a", "o2", 1, 1, 1));
    }

    @Test
    void behavesAsTheInsertionOrderedMapItReplacesOverManyFillsAndEvictions()
    {
        // the former filter: a LinkedHashMap of the fields joined into one String, eldest removed past capacity
        final int capacity = 257;
        final Map<String, Boolean> model = new LinkedHashMap<>()
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
            {
                return size() > capacity;
            }
        };
        final RecentFills fills = new RecentFills(capacity);
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++)
        {
            final String account = "a" + random.nextInt(4);
            final String order = "o" + random.nextInt(40);
            final long ts = random.nextInt(8);
            final long qty = random.nextInt(3);
            final long price = random.nextInt(3);
            final boolean isNew = model.put(account + '\u0000' + order + '\u0000' + ts + '\u0000' + qty + '\u0000' + price, Boolean.TRUE) == null;
            assertEquals(isNew, fills.add(account, order, ts, qty, price), "fill #" + i);
            assertEquals(model.size(), fills.size());
        }
    }
}
