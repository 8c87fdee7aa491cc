package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelHeapTest
{
    private static Position position(final long id)
    {
        return new Position(id, 1, 7, PositionSide.LONG, false);
    }

    /** Peeks and removes until empty: the ids in the order the heap gives them up. */
    private static List<Long> drainIds(final LevelHeap heap)
    {
        final List<Long> ids = new ArrayList<>();
        Position p;
        while ((p = heap.peek()) != null)
        {
            ids.add(p.id);
            heap.remove(p);
        }
        return ids;
    }

    /** Peeks and removes until empty: the keys in the order the heap gives them up. */
    private static List<Long> drainKeys(final LevelHeap heap)
    {
        final List<Long> keys = new ArrayList<>();
        while (heap.peek() != null)
        {
            keys.add(heap.peekKey());
            heap.remove(heap.peek());
        }
        return keys;
    }

    @Test
    void stopLadderPopsTheHighestStopFirstForALong()
    {
        final LevelHeap longStops = new LevelHeap(true, LevelHeap.STOP);
        longStops.add(position(1), 49_000);
        longStops.add(position(2), 49_500);
        longStops.add(position(3), 48_000);
        longStops.add(position(4), 49_900);
        assertEquals(4, longStops.size());
        assertEquals(4, longStops.peek().id);
        assertEquals(49_900, longStops.peekKey());
        assertEquals(List.of(49_900L, 49_500L, 49_000L, 48_000L), drainKeys(longStops));
        assertEquals(0, longStops.size());
    }

    @Test
    void targetLadderPopsTheLowestTargetFirstForALong()
    {
        final LevelHeap longTargets = new LevelHeap(false, LevelHeap.TARGET);
        longTargets.add(position(1), 51_000);
        longTargets.add(position(2), 50_100);
        longTargets.add(position(3), 52_000);
        longTargets.add(position(4), 50_500);
        assertEquals(2, longTargets.peek().id);
        assertEquals(50_100, longTargets.peekKey());
        assertEquals(List.of(2L, 4L, 1L, 3L), drainIds(longTargets));
    }

    @Test
    void equalKeysComeOutInPositionIdOrderWhateverTheInsertionOrder()
    {
        for (final boolean maxOnTop : new boolean[] {true, false})
        {
            final LevelHeap heap = new LevelHeap(maxOnTop, LevelHeap.STOP);
            for (final long id : new long[] {9, 3, 7, 1, 5, 8, 2, 6, 4})
            {
                heap.add(position(id), 1_000);
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), drainIds(heap), "maxOnTop=" + maxOnTop);
        }
    }

    @Test
    void tiesAreBrokenByIdOnlyAmongEqualKeys()
    {
        final LevelHeap longStops = new LevelHeap(true, LevelHeap.STOP);
        longStops.add(position(5), 100);
        longStops.add(position(2), 100);
        longStops.add(position(9), 200);
        longStops.add(position(1), 50);
        longStops.add(position(3), 200);
        // the key decides first (highest first), then the lower id
        assertEquals(List.of(3L, 9L, 2L, 5L, 1L), drainIds(longStops));
    }

    @Test
    void emptyHeapPeeksNullAndMirrorsAKeyNoPriceCrosses()
    {
        final LevelHeap maxHeap = new LevelHeap(true, LevelHeap.STOP);
        final LevelHeap minHeap = new LevelHeap(false, LevelHeap.TARGET);
        assertEquals(0, maxHeap.size());
        assertNull(maxHeap.peek());
        assertNull(minHeap.peek());
        assertEquals(Long.MIN_VALUE, maxHeap.emptyKey());
        assertEquals(Long.MAX_VALUE, minHeap.emptyKey());
    }

    @Test
    void growsPastItsInitialCapacityKeepingEveryPositionInOrder()
    {
        final LevelHeap heap = new LevelHeap(false, LevelHeap.TARGET);
        final Position[] ps = new Position[100];
        for (int i = 0; i < ps.length; i++)
        {
            ps[i] = position(i + 1);
            // keys 0, 37, 74, ... mod 100: every key once, in a scrambled order
            heap.add(ps[i], (i * 37L) % 100);
        }
        assertEquals(100, heap.size());
        for (final Position p : ps)
        {
            assertTrue(heap.contains(p));
            assertSame(p, heap.at(p.targetHeapIndex), "a position knows where it sits");
        }
        final List<Long> keys = drainKeys(heap);
        assertEquals(100, keys.size());
        for (int k = 0; k < 100; k++)
        {
            assertEquals(k, keys.get(k));
        }
        for (final Position p : ps)
        {
            assertFalse(heap.contains(p));
            assertEquals(-1, p.targetHeapIndex);
            assertNull(p.targetHeap);
        }
    }

    @Test
    void removingAPositionFromTheMiddleKeepsTheRestInOrder()
    {
        final LevelHeap heap = new LevelHeap(false, LevelHeap.STOP);
        final Position[] ps = new Position[10];
        for (int i = 0; i < ps.length; i++)
        {
            ps[i] = position(i + 1);
            heap.add(ps[i], (i + 1) * 10L);
        }
        // keys added ascending into a min heap sit at their insertion index: index 4 is neither top nor last
        final Position middle = heap.at(4);
        assertEquals(5, middle.id);
        heap.remove(middle);
        assertFalse(heap.contains(middle));
        assertEquals(-1, middle.stopHeapIndex);
        assertEquals(9, heap.size());
        assertEquals(List.of(10L, 20L, 30L, 40L, 60L, 70L, 80L, 90L, 100L), drainKeys(heap));
    }

    @Test
    void removingAMiddlePositionCanLiftTheLastOneAboveItsNewParent()
    {
        // the last element moved into the hole may belong above it (sift up), not only below it
        final LevelHeap heap = new LevelHeap(false, LevelHeap.STOP);
        final long[] keys = {1, 100, 2, 101, 102, 3, 4};
        final Position[] ps = new Position[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            ps[i] = position(i + 1);
            heap.add(ps[i], keys[i]);
        }
        // layout [1, 100, 2, 101, 102, 3, 4] (ids 1..7 in order): removing 101 (index 3) moves 4 (id 7) into
        // index 3, under 100, where it must rise to index 1 and push 100 (id 2) down to index 3
        assertEquals(4, heap.at(3).id);
        heap.remove(heap.at(3));
        assertEquals(6, heap.size());
        assertEquals(7, heap.at(1).id);
        assertEquals(1, ps[6].stopHeapIndex);
        assertEquals(2, heap.at(3).id);
        assertEquals(3, ps[1].stopHeapIndex);
        assertEquals(List.of(1L, 2L, 3L, 4L, 100L, 102L), drainKeys(heap));
    }

    @Test
    void removingTheOnlyOrLastPositionOrAnAbsentOneIsHarmless()
    {
        final LevelHeap heap = new LevelHeap(true, LevelHeap.STOP);
        final Position only = position(1);
        heap.add(only, 500);
        heap.remove(only);
        assertEquals(0, heap.size());
        assertNull(heap.peek());
        // a second remove, and a remove of a position never added, change nothing
        heap.remove(only);
        heap.remove(position(2));
        assertEquals(0, heap.size());

        final Position a = position(3);
        final Position b = position(4);
        heap.add(a, 700);
        heap.add(b, 600);
        // b sits in the last slot
        assertSame(b, heap.at(1));
        heap.remove(b);
        assertEquals(1, heap.size());
        assertSame(a, heap.peek());
        assertEquals(700, heap.peekKey());
    }

    @Test
    void aPositionInAnotherHeapOfTheSameSlotIsNotRemovedByThisOne()
    {
        final LevelHeap longStops = new LevelHeap(true, LevelHeap.STOP);
        final LevelHeap shortStops = new LevelHeap(false, LevelHeap.STOP);
        final Position p = position(1);
        final Position q = position(2);
        longStops.add(p, 100);
        shortStops.add(q, 100);
        assertTrue(longStops.contains(p));
        assertFalse(shortStops.contains(p));
        shortStops.remove(p);
        assertEquals(1, longStops.size());
        assertSame(p, longStops.peek());
        assertEquals(1, shortStops.size());
        assertSame(q, shortStops.peek());
    }

    @Test
    void onePositionSitsInItsStopTargetPeakAndTimeHeapsIndependently()
    {
        final LevelHeap stops = new LevelHeap(true, LevelHeap.STOP);
        final LevelHeap targets = new LevelHeap(false, LevelHeap.TARGET);
        final LevelHeap peaks = new LevelHeap(false, LevelHeap.PEAK);
        final LevelHeap times = new LevelHeap(false, LevelHeap.TIME);
        final Position p = position(1);
        final Position other = position(2);
        stops.add(other, 10);
        stops.add(p, 20);
        targets.add(p, 30);
        peaks.add(p, 40);
        times.add(other, 1_000);
        times.add(p, 500);
        assertSame(stops, p.stopHeap);
        assertSame(targets, p.targetHeap);
        assertSame(peaks, p.peakHeap);
        assertSame(times, p.timeHeap);
        assertEquals(0, p.stopHeapIndex);
        assertEquals(0, p.targetHeapIndex);
        assertEquals(0, p.peakHeapIndex);
        assertEquals(0, p.timeHeapIndex);

        targets.remove(p);
        assertFalse(targets.contains(p));
        assertNull(p.targetHeap);
        assertTrue(stops.contains(p));
        assertTrue(peaks.contains(p));
        assertTrue(times.contains(p));
        assertEquals(20, stops.peekKey());
        assertEquals(500, times.peekKey());
    }

    @Test
    void updateMovesAKeyTowardsAndAwayFromTheTopAndAddsAnAbsentPosition()
    {
        final LevelHeap longStops = new LevelHeap(true, LevelHeap.STOP);
        final Position a = position(1);
        final Position b = position(2);
        final Position c = position(3);
        longStops.add(a, 100);
        longStops.add(b, 200);
        longStops.add(c, 300);
        assertSame(c, longStops.peek());

        // a trailing stop raised above every other comes to the top
        longStops.update(a, 350);
        assertSame(a, longStops.peek());
        assertEquals(350, longStops.peekKey());

        // the top lowered below every other sinks to the bottom
        longStops.update(a, 50);
        assertSame(c, longStops.peek());

        // an update to the same key as another puts the lower id first
        longStops.update(b, 300);
        assertSame(b, longStops.peek());

        // update of a position not in the heap adds it
        final Position d = position(4);
        longStops.update(d, 250);
        assertEquals(4, longStops.size());
        assertTrue(longStops.contains(d));
        assertEquals(List.of(2L, 3L, 4L, 1L), drainIds(longStops));
    }

    @Test
    void theTopKeyIsMirroredIntoItsTopsEntryAfterEveryChange()
    {
        final long[] tops = {-1, -1, -1};
        final LevelHeap longStops = new LevelHeap(true, LevelHeap.STOP);
        longStops.mirrorTop(tops, 1);
        assertEquals(Long.MIN_VALUE, tops[1], "empty: a key no price is at or below");
        final Position a = position(1);
        final Position b = position(2);
        longStops.add(a, 100);
        assertEquals(100, tops[1]);
        longStops.add(b, 90);
        assertEquals(100, tops[1]);
        longStops.update(b, 120);
        assertEquals(120, tops[1]);
        longStops.remove(b);
        assertEquals(100, tops[1]);
        longStops.remove(a);
        assertEquals(Long.MIN_VALUE, tops[1]);
        // only its own entry is written
        assertEquals(-1, tops[0]);
        assertEquals(-1, tops[2]);
    }

    @Test
    void theTopKeyCanBeMirroredIntoSeveralEntriesAStepApart()
    {
        final long[] tops = new long[10];
        java.util.Arrays.fill(tops, -1);
        final LevelHeap times = new LevelHeap(false, LevelHeap.TIME);
        times.mirrorTop(tops, 1, 3, 4);
        assertEquals(List.of(-1L, Long.MAX_VALUE, -1L, -1L, -1L, Long.MAX_VALUE, -1L, -1L, -1L, Long.MAX_VALUE),
            boxed(tops));
        times.add(position(1), 5_000);
        times.add(position(2), 4_000);
        assertEquals(List.of(-1L, 4_000L, -1L, -1L, -1L, 4_000L, -1L, -1L, -1L, 4_000L), boxed(tops));
    }

    @Test
    void mirroringAfterChangesPublishesTheCurrentTopAtOnce()
    {
        final LevelHeap shortTargets = new LevelHeap(true, LevelHeap.TARGET);
        shortTargets.add(position(1), 48_000);
        shortTargets.add(position(2), 48_500);
        final long[] tops = new long[1];
        shortTargets.mirrorTop(tops, 0);
        assertEquals(48_500, tops[0]);
    }

    private static List<Long> boxed(final long[] values)
    {
        final List<Long> out = new ArrayList<>();
        for (final long v : values)
        {
            out.add(v);
        }
        return out;
    }

    @Test
    void tenThousandRandomOperationsOnAMaxHeapMatchASortedReferenceModel()
    {
        randomOperationsMatchReference(true, 20_240_611L);
    }

    @Test
    void tenThousandRandomOperationsOnAMinHeapMatchASortedReferenceModel()
    {
        randomOperationsMatchReference(false, 77L);
    }

    /**
     * Adds, removes, re-keys and polls a pool of positions at random, with a small key range so ties are
     * frequent, and after every operation compares the heap's top with a TreeSet ordered the way the
     * heap promises (key first, then id), checks the heap property and every position's index.
     */
    private static void randomOperationsMatchReference(final boolean maxOnTop, final long seed)
    {
        final Random random = new Random(seed);
        final LevelHeap heap = new LevelHeap(maxOnTop, LevelHeap.PEAK);
        final long[] mirror = new long[1];
        heap.mirrorTop(mirror, 0);
        final Map<Long, Long> keyOf = new HashMap<>();
        final Comparator<Long> order = Comparator
            .<Long>comparingLong(id -> maxOnTop ? -keyOf.get(id) : keyOf.get(id))
            .thenComparingLong(id -> id);
        final TreeSet<Long> reference = new TreeSet<>(order);
        final Position[] pool = new Position[300];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = position(i + 1);
        }
        int adds = 0;
        int removes = 0;
        int updates = 0;
        int polls = 0;
        int maxSize = 0;
        for (int op = 0; op < 10_000; op++)
        {
            final Position p = pool[random.nextInt(pool.length)];
            final long key = random.nextInt(41) - 20;
            final int kind = random.nextInt(10);
            // the comparator reads keyOf: take an id out of the reference before its key changes or goes
            final boolean present = keyOf.containsKey(p.id);
            if (present && kind < 8)
            {
                reference.remove(p.id);
            }
            if (kind < 4)
            {
                // add, or re-key when present: the book's place() uses update for both
                if (heap.contains(p))
                {
                    heap.update(p, key);
                    updates++;
                }
                else
                {
                    heap.add(p, key);
                    adds++;
                }
                keyOf.put(p.id, key);
                reference.add(p.id);
            }
            else if (kind < 6)
            {
                // update of an absent position adds it
                heap.update(p, key);
                keyOf.put(p.id, key);
                reference.add(p.id);
                updates++;
            }
            else if (kind < 8)
            {
                heap.remove(p);
                keyOf.remove(p.id);
                removes++;
            }
            else if (!reference.isEmpty())
            {
                final long expected = reference.pollFirst();
                assertEquals(expected, heap.peek().id, "op " + op + ": poll order");
                heap.remove(heap.peek());
                keyOf.remove(expected);
                polls++;
            }
            assertEquals(reference.size(), heap.size(), "op " + op + ": size");
            maxSize = Math.max(maxSize, heap.size());
            if (reference.isEmpty())
            {
                assertNull(heap.peek());
                assertEquals(heap.emptyKey(), mirror[0]);
            }
            else
            {
                final long top = reference.first();
                assertEquals(top, heap.peek().id, "op " + op + ": top");
                assertEquals(keyOf.get(top), heap.peekKey(), "op " + op + ": top key");
                assertEquals(keyOf.get(top), mirror[0], "op " + op + ": mirrored top");
            }
            if (op % 97 == 0)
            {
                assertHeapProperty(heap, keyOf, maxOnTop);
            }
        }
        // every kind of operation ran, and the heap grew well past its first array
        assertTrue(adds > 1_000 && removes > 1_000 && updates > 1_000 && polls > 1_000,
            adds + " adds, " + removes + " removes, " + updates + " updates, " + polls + " polls");
        assertTrue(maxSize > 16, "max size " + maxSize);
        assertHeapProperty(heap, keyOf, maxOnTop);
        final List<Long> expected = new ArrayList<>(reference);
        assertEquals(expected, drainIds(heap), "final drain order");
        for (final Position p : pool)
        {
            assertFalse(heap.contains(p));
        }
    }

    private static void assertHeapProperty(final LevelHeap heap, final Map<Long, Long> keyOf, final boolean maxOnTop)
    {
        for (int i = 0; i < heap.size(); i++)
        {
            final Position p = heap.at(i);
            assertEquals(i, p.peakHeapIndex, "index of position " + p.id);
            assertSame(heap, p.peakHeap);
            if (i > 0)
            {
                final Position parent = heap.at((i - 1) / 2);
                final long kp = keyOf.get(parent.id);
                final long kc = keyOf.get(p.id);
                final boolean parentFirst = kp != kc ? (maxOnTop ? kp > kc : kp < kc) : parent.id < p.id;
                assertTrue(parentFirst, "heap property at " + i + ": parent " + parent.id + "@" + kp + ", child " + p.id + "@" + kc);
            }
        }
    }
}
