package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class SymbolLaddersTest
{
    private static Position position(final long id, final PositionSide side)
    {
        return new Position(id, 1, 3, side, false);
    }

    @Test
    void everyTriggerSourceAndSideHasItsOwnLadders()
    {
        final SymbolLadders l = new SymbolLadders();
        final Set<LevelHeap> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (final TriggerSource source : TriggerSource.values())
        {
            for (final boolean isLong : new boolean[] {true, false})
            {
                distinct.add(l.stops(source, isLong));
                distinct.add(l.targets(source, isLong));
                distinct.add(l.peaks(source, isLong));
                // asking again gives the same ladder
                assertSame(l.stops(source, isLong), l.stops(source, isLong));
            }
        }
        distinct.add(l.times());
        assertEquals(3 * 2 * 3 + 1, distinct.size());
        // one time ladder for every source and side
        assertSame(l.times(), l.times());
    }

    @Test
    void stopLaddersPutTheStopNearestThePriceFirst()
    {
        final SymbolLadders l = new SymbolLadders();
        final Position lowLong = position(1, PositionSide.LONG);
        final Position highLong = position(2, PositionSide.LONG);
        l.stops(TriggerSource.LAST, true).add(lowLong, 48_000);
        l.stops(TriggerSource.LAST, true).add(highLong, 49_000);
        // a falling price reaches a long's highest stop first
        assertSame(highLong, l.stops(TriggerSource.LAST, true).peek());

        final Position lowShort = position(3, PositionSide.SHORT);
        final Position highShort = position(4, PositionSide.SHORT);
        l.stops(TriggerSource.LAST, false).add(lowShort, 51_000);
        l.stops(TriggerSource.LAST, false).add(highShort, 52_000);
        // a rising price reaches a short's lowest stop first
        assertSame(lowShort, l.stops(TriggerSource.LAST, false).peek());
    }

    @Test
    void targetLaddersPutTheTargetNearestThePriceFirst()
    {
        final SymbolLadders l = new SymbolLadders();
        final Position nearLong = position(1, PositionSide.LONG);
        final Position farLong = position(2, PositionSide.LONG);
        l.targets(TriggerSource.MARK, true).add(farLong, 53_000);
        l.targets(TriggerSource.MARK, true).add(nearLong, 51_000);
        // a rising price reaches a long's lowest target first
        assertSame(nearLong, l.targets(TriggerSource.MARK, true).peek());

        final Position nearShort = position(3, PositionSide.SHORT);
        final Position farShort = position(4, PositionSide.SHORT);
        l.targets(TriggerSource.MARK, false).add(farShort, 47_000);
        l.targets(TriggerSource.MARK, false).add(nearShort, 49_000);
        // a falling price reaches a short's highest target first
        assertSame(nearShort, l.targets(TriggerSource.MARK, false).peek());
    }

    @Test
    void peakLaddersPutThePeakANewExtremePassesFirstAndTimesTheEarliest()
    {
        final SymbolLadders l = new SymbolLadders();
        final Position lowPeak = position(1, PositionSide.LONG);
        final Position highPeak = position(2, PositionSide.LONG);
        l.peaks(TriggerSource.BID_ASK, true).add(highPeak, 52_000);
        l.peaks(TriggerSource.BID_ASK, true).add(lowPeak, 51_000);
        // a new high passes a long's lowest peak first
        assertSame(lowPeak, l.peaks(TriggerSource.BID_ASK, true).peek());

        final Position lowTrough = position(3, PositionSide.SHORT);
        final Position highTrough = position(4, PositionSide.SHORT);
        l.peaks(TriggerSource.BID_ASK, false).add(lowTrough, 47_000);
        l.peaks(TriggerSource.BID_ASK, false).add(highTrough, 48_000);
        // a new low passes a short's highest trough first
        assertSame(highTrough, l.peaks(TriggerSource.BID_ASK, false).peek());

        l.times().add(lowPeak, 90_000);
        l.times().add(highTrough, 60_000);
        assertSame(highTrough, l.times().peek());
    }

    @Test
    void onePositionCanSitInItsStopTargetPeakAndTimeLaddersAtOnce()
    {
        final SymbolLadders l = new SymbolLadders();
        final Position p = position(1, PositionSide.LONG);
        l.stops(TriggerSource.LAST, true).add(p, 49_000);
        l.targets(TriggerSource.LAST, true).add(p, 51_000);
        l.peaks(TriggerSource.LAST, true).add(p, 50_000);
        l.times().add(p, 1_000);
        assertSame(p, l.stops(TriggerSource.LAST, true).peek());
        assertSame(p, l.targets(TriggerSource.LAST, true).peek());
        assertSame(p, l.peaks(TriggerSource.LAST, true).peek());
        assertSame(p, l.times().peek());
        // ladders of the other side and of other sources stay empty
        assertEquals(0, l.stops(TriggerSource.LAST, false).size());
        assertEquals(0, l.stops(TriggerSource.MARK, true).size());
    }

    @Test
    void eachLaddersTopIsMirroredIntoItsColumnOfTheRow()
    {
        final long[] tops = new long[2 * SymbolLadders.STRIDE];
        Arrays.fill(tops, -7);
        final int row = SymbolLadders.STRIDE;
        final SymbolLadders l = new SymbolLadders();
        l.mirrorInto(tops, row);
        // the first row is not this symbol's
        for (int i = 0; i < row; i++)
        {
            assertEquals(-7, tops[i]);
        }
        final int group = row + TriggerSource.BID_ASK.ordinal() * SymbolLadders.GROUP;
        l.targets(TriggerSource.BID_ASK, true).add(position(1, PositionSide.LONG), 101);
        l.peaks(TriggerSource.BID_ASK, true).add(position(2, PositionSide.LONG), 102);
        l.stops(TriggerSource.BID_ASK, true).add(position(3, PositionSide.LONG), 103);
        l.targets(TriggerSource.BID_ASK, false).add(position(4, PositionSide.SHORT), 104);
        l.peaks(TriggerSource.BID_ASK, false).add(position(5, PositionSide.SHORT), 105);
        l.stops(TriggerSource.BID_ASK, false).add(position(6, PositionSide.SHORT), 106);
        assertEquals(101, tops[group + SymbolLadders.LONG_TARGET]);
        assertEquals(102, tops[group + SymbolLadders.LONG_PEAK]);
        assertEquals(103, tops[group + SymbolLadders.LONG_STOP]);
        assertEquals(104, tops[group + SymbolLadders.SHORT_TARGET]);
        assertEquals(105, tops[group + SymbolLadders.SHORT_PEAK]);
        assertEquals(106, tops[group + SymbolLadders.SHORT_STOP]);
        // the other sources' groups still hold empty keys
        final int lastGroup = row + TriggerSource.LAST.ordinal() * SymbolLadders.GROUP;
        assertEquals(Long.MAX_VALUE, tops[lastGroup + SymbolLadders.LONG_TARGET]);
        assertEquals(Long.MIN_VALUE, tops[lastGroup + SymbolLadders.LONG_STOP]);

        // the time ladder's top is repeated in every source's group
        l.times().add(position(7, PositionSide.LONG), 5_000);
        for (final TriggerSource source : TriggerSource.values())
        {
            assertEquals(5_000, tops[row + source.ordinal() * SymbolLadders.GROUP + SymbolLadders.TIME], source.name());
        }
    }

    @Test
    void anEmptyRowIsCrossedByNoPrice()
    {
        final long[] tops = new long[SymbolLadders.STRIDE];
        Arrays.fill(tops, 42);
        SymbolLadders.fillEmpty(tops, 0);
        for (final TriggerSource source : TriggerSource.values())
        {
            final int g = source.ordinal() * SymbolLadders.GROUP;
            assertEquals(Long.MAX_VALUE, tops[g + SymbolLadders.LONG_TARGET]);
            assertEquals(Long.MAX_VALUE, tops[g + SymbolLadders.LONG_PEAK]);
            assertEquals(Long.MIN_VALUE, tops[g + SymbolLadders.LONG_STOP]);
            assertEquals(Long.MIN_VALUE, tops[g + SymbolLadders.SHORT_TARGET]);
            assertEquals(Long.MIN_VALUE, tops[g + SymbolLadders.SHORT_PEAK]);
            assertEquals(Long.MAX_VALUE, tops[g + SymbolLadders.SHORT_STOP]);
            assertEquals(Long.MAX_VALUE, tops[g + SymbolLadders.TIME]);
            // the group's padding column is not written
            assertEquals(42, tops[g + 7]);
            // the comparisons a tick makes against the row (PositionEvaluator.onPrice) never hold
            for (final long price : new long[] {1, 50_000_00000000L, Long.MAX_VALUE - 1})
            {
                assertFalse(price >= tops[g + SymbolLadders.LONG_TARGET]);
                assertFalse(price > tops[g + SymbolLadders.LONG_PEAK]);
                assertFalse(price <= tops[g + SymbolLadders.LONG_STOP]);
                assertFalse(price <= tops[g + SymbolLadders.SHORT_TARGET]);
                assertFalse(price < tops[g + SymbolLadders.SHORT_PEAK]);
                assertFalse(price >= tops[g + SymbolLadders.SHORT_STOP]);
                assertFalse(tops[g + SymbolLadders.TIME] <= price, "a time no event reaches");
            }
        }
    }

    @Test
    void freshLaddersMirrorTheSameKeysAsAnEmptyRow()
    {
        final long[] empty = new long[SymbolLadders.STRIDE];
        final long[] mirrored = new long[SymbolLadders.STRIDE];
        SymbolLadders.fillEmpty(empty, 0);
        new SymbolLadders().mirrorInto(mirrored, 0);
        assertEquals(Arrays.toString(empty), Arrays.toString(mirrored));
    }

    @Test
    void emptiedLaddersMirrorTheEmptyKeysAgain()
    {
        final long[] tops = new long[SymbolLadders.STRIDE];
        final SymbolLadders l = new SymbolLadders();
        l.mirrorInto(tops, 0);
        final Position p = position(1, PositionSide.SHORT);
        l.stops(TriggerSource.MARK, false).add(p, 61_000);
        final int g = TriggerSource.MARK.ordinal() * SymbolLadders.GROUP;
        assertEquals(61_000, tops[g + SymbolLadders.SHORT_STOP]);
        l.stops(TriggerSource.MARK, false).remove(p);
        assertEquals(Long.MAX_VALUE, tops[g + SymbolLadders.SHORT_STOP]);
    }
}
