package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids, lookups, removal, iteration order and indexing into the ladders (PositionBookTest covers memory and tops growth). */
class PositionBookBookkeepingTest
{
    private static List<Long> ids(final List<Position> positions)
    {
        final List<Long> ids = new ArrayList<>();
        for (final Position p : positions)
        {
            ids.add(p.id);
        }
        return ids;
    }

    @Test
    void idsAreHandedOutFromOneAndNeverReused()
    {
        final PositionBook book = new PositionBook();
        assertEquals(1, book.nextId());
        final Position a = book.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        final Position b = book.open(1, 2, PositionSide.BOTH, PositionSide.SHORT);
        final Position c = book.open(2, 1, PositionSide.BOTH, PositionSide.LONG);
        assertEquals(1, a.id);
        assertEquals(2, b.id);
        assertEquals(3, c.id);
        book.remove(b);
        final Position d = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        assertEquals(4, d.id);
        assertEquals(5, book.nextId());
        assertNull(book.byId(2));
        assertSame(d, book.byId(4));
    }

    @Test
    void openRecordsOwnerSymbolSideAndHedgeModeFromTheSlot()
    {
        final PositionBook book = new PositionBook();
        final Position oneWay = book.open(7, 11, PositionSide.BOTH, PositionSide.SHORT);
        assertEquals(7, oneWay.accountId);
        assertEquals(11, oneWay.symbolId);
        assertEquals(PositionSide.SHORT, oneWay.side);
        assertFalse(oneWay.hedge);
        assertEquals(PositionState.OPEN, oneWay.state);
        final Position hedged = book.open(7, 12, PositionSide.LONG, PositionSide.LONG);
        assertTrue(hedged.hedge);
        assertTrue(hedged.isLong());
    }

    @Test
    void findLooksUpByAccountSymbolAndSlot()
    {
        final PositionBook book = new PositionBook();
        final Position oneWay = book.open(1, 5, PositionSide.BOTH, PositionSide.LONG);
        final Position hedgeLong = book.open(2, 5, PositionSide.LONG, PositionSide.LONG);
        final Position hedgeShort = book.open(2, 5, PositionSide.SHORT, PositionSide.SHORT);
        final Position otherSymbol = book.open(1, 6, PositionSide.BOTH, PositionSide.SHORT);
        assertSame(oneWay, book.find(1, 5, PositionSide.BOTH));
        // a one-way position is found under BOTH only, whatever its side
        assertNull(book.find(1, 5, PositionSide.LONG));
        assertSame(hedgeLong, book.find(2, 5, PositionSide.LONG));
        assertSame(hedgeShort, book.find(2, 5, PositionSide.SHORT));
        assertNull(book.find(2, 5, PositionSide.BOTH));
        assertSame(otherSymbol, book.find(1, 6, PositionSide.BOTH));
        assertNull(book.find(3, 5, PositionSide.BOTH));
        assertEquals(4, book.size());
    }

    @Test
    void keyPacksAccountSymbolAndSlotWithoutCollisions()
    {
        assertEquals((1L << 32) | (2L << 2), PositionBook.key(1, 2, PositionSide.LONG));
        assertEquals((1L << 32) | (2L << 2) | 1, PositionBook.key(1, 2, PositionSide.SHORT));
        assertEquals((1L << 32) | (2L << 2) | 2, PositionBook.key(1, 2, PositionSide.BOTH));
        assertNotEquals(PositionBook.key(1, 2, PositionSide.BOTH), PositionBook.key(2, 1, PositionSide.BOTH));
        assertNotEquals(PositionBook.key(0, 1, PositionSide.LONG), PositionBook.key(1, 0, PositionSide.LONG));
        // a large symbol id stays clear of the account bits
        assertEquals(0, PositionBook.key(0, (1 << 30) - 1, PositionSide.BOTH) >>> 32);
    }

    @Test
    void removeForgetsAPositionByKeyByIdAndInItsLadders()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 4, PositionSide.BOTH, PositionSide.LONG);
        p.stopKey = 49_000;
        p.targetKey = 51_000;
        book.index(p);
        final SymbolLadders l = book.ladders(4);
        assertTrue(l.stops(TriggerSource.LAST, true).contains(p));
        book.remove(p);
        assertNull(book.find(1, 4, PositionSide.BOTH));
        assertNull(book.byId(p.id));
        assertEquals(0, book.size());
        assertFalse(l.stops(TriggerSource.LAST, true).contains(p));
        assertFalse(l.targets(TriggerSource.LAST, true).contains(p));
        assertEquals(0, book.all().size());
    }

    @Test
    void removingAPositionTwiceCountsItOnce()
    {
        final PositionBook book = new PositionBook();
        final Position a = book.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        final Position b = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        book.remove(a);
        book.remove(a);
        assertEquals(1, book.size());
        assertSame(b, book.byId(b.id));
        assertSame(b, book.find(1, 2, PositionSide.BOTH));
    }

    @Test
    void removingAReplacedPositionLeavesItsReplacementUnderTheKey()
    {
        final PositionBook book = new PositionBook();
        final Position old = book.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        final Position replacement = book.open(1, 1, PositionSide.BOTH, PositionSide.SHORT);
        assertSame(replacement, book.find(1, 1, PositionSide.BOTH));
        book.remove(old);
        assertSame(replacement, book.find(1, 1, PositionSide.BOTH));
        assertSame(replacement, book.byId(replacement.id));
        assertNull(book.byId(old.id));
        assertEquals(1, book.size());
    }

    @Test
    void aPositionFromAnotherBookIsNotRemovedByIdFromThisOne()
    {
        final PositionBook book = new PositionBook();
        final PositionBook other = new PositionBook();
        final Position mine = book.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        final Position theirs = other.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        assertEquals(mine.id, theirs.id);
        book.remove(theirs);
        assertSame(mine, book.byId(1));
        assertSame(mine, book.find(1, 1, PositionSide.BOTH));
        assertEquals(1, book.size());
    }

    @Test
    void allListsOpenPositionsInIdOrderAcrossPages()
    {
        final PositionBook book = new PositionBook();
        final List<Long> expected = new ArrayList<>();
        // 2.5 pages of ids, every third one removed, on symbols in descending order so id order is not symbol order
        final int n = PositionBook.PAGE * 5 / 2;
        final List<Position> opened = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            opened.add(book.open(i, n - i, PositionSide.BOTH, i % 2 == 0 ? PositionSide.LONG : PositionSide.SHORT));
        }
        for (final Position p : opened)
        {
            if (p.id % 3 == 0)
            {
                book.remove(p);
            }
            else
            {
                expected.add(p.id);
            }
        }
        assertEquals(expected.size(), book.size());
        assertEquals(expected, ids(book.all()));
        // a copy: changing it changes nothing in the book
        book.all().clear();
        assertEquals(expected.size(), book.all().size());
    }

    @Test
    void aRestoredIdCounterContinuesFromItsValue()
    {
        final PositionBook book = new PositionBook();
        // far enough to need more page slots than the book starts with
        final long restored = 40L * PositionBook.PAGE + 17;
        book.nextId(restored);
        final Position p = book.open(3, 3, PositionSide.BOTH, PositionSide.LONG);
        assertEquals(restored, p.id);
        assertEquals(restored + 1, book.nextId());
        assertSame(p, book.byId(restored));
        assertNull(book.byId(restored + 1));
        assertEquals(List.of(restored), ids(book.all()));
    }

    @Test
    void laddersExistOnlyForSymbolsWithAnIndexedPosition()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 9, PositionSide.BOTH, PositionSide.LONG);
        assertNull(book.ladders(9), "opening alone does not create ladders");
        book.index(p);
        assertNotNull(book.ladders(9));
        assertNull(book.ladders(8));
        assertNull(book.ladders(1_000_000), "beyond the array");
        assertTrue(book.ladderCount() > 9);
        // removal keeps the symbol's (now empty) ladders
        book.remove(p);
        assertNotNull(book.ladders(9));
        assertEquals(0, book.ladders(9).stops(TriggerSource.LAST, true).size());
    }

    @Test
    void indexPutsStopAndTargetKeysIntoTheLaddersOfTheSideAndDefaultSource()
    {
        final PositionBook book = new PositionBook();
        final Position lng = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        lng.stopKey = Fixed.of(49_000);
        lng.targetKey = Fixed.of(51_000);
        book.index(lng);
        final Position sht = book.open(2, 2, PositionSide.BOTH, PositionSide.SHORT);
        sht.stopKey = Fixed.of(51_500);
        sht.targetKey = Fixed.of(48_500);
        book.index(sht);

        final SymbolLadders l = book.ladders(2);
        assertSame(lng, l.stops(TriggerSource.LAST, true).peek());
        assertEquals(Fixed.of(49_000), l.stops(TriggerSource.LAST, true).peekKey());
        assertSame(lng, l.targets(TriggerSource.LAST, true).peek());
        assertEquals(Fixed.of(51_000), l.targets(TriggerSource.LAST, true).peekKey());
        assertSame(sht, l.stops(TriggerSource.LAST, false).peek());
        assertEquals(Fixed.of(51_500), l.stops(TriggerSource.LAST, false).peekKey());
        assertSame(sht, l.targets(TriggerSource.LAST, false).peek());
        assertEquals(Fixed.of(48_500), l.targets(TriggerSource.LAST, false).peekKey());
        // no trailing and no time rules: no peak, no time
        assertEquals(0, l.peaks(TriggerSource.LAST, true).size());
        assertEquals(0, l.times().size());
        assertEquals(1, l.stops(TriggerSource.LAST, true).size());

        final int g = 2 * SymbolLadders.STRIDE + TriggerSource.LAST.ordinal() * SymbolLadders.GROUP;
        assertEquals(Fixed.of(49_000), book.tops()[g + SymbolLadders.LONG_STOP]);
        assertEquals(Fixed.of(51_000), book.tops()[g + SymbolLadders.LONG_TARGET]);
        assertEquals(Fixed.of(51_500), book.tops()[g + SymbolLadders.SHORT_STOP]);
        assertEquals(Fixed.of(48_500), book.tops()[g + SymbolLadders.SHORT_TARGET]);
    }

    @Test
    void reIndexingMovesAChangedKeyAndDropsAnAbsentOne()
    {
        final PositionBook book = new PositionBook();
        final Position a = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        final Position b = book.open(2, 2, PositionSide.BOTH, PositionSide.LONG);
        a.stopKey = 100;
        a.targetKey = 300;
        b.stopKey = 90;
        b.targetKey = 310;
        book.index(a);
        book.index(b);
        final LevelHeap stops = book.ladders(2).stops(TriggerSource.LAST, true);
        final LevelHeap targets = book.ladders(2).targets(TriggerSource.LAST, true);
        assertSame(a, stops.peek());

        // b's stop raised above a's (a trailing stop moving up)
        b.stopKey = 120;
        book.index(b);
        assertSame(b, stops.peek());
        assertEquals(120, stops.peekKey());
        assertEquals(2, stops.size());

        // a's target disarmed: a leaves the target ladder, stays in the stop ladder
        a.targetKey = Fixed.NONE;
        book.index(a);
        assertFalse(targets.contains(a));
        assertTrue(stops.contains(a));
        assertSame(b, targets.peek());
    }

    @Test
    void aProfilesTriggerSourceChoosesTheLadders()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.SHORT);
        p.stopKey = 700;
        p.targetKey = 500;
        book.index(p);
        final SymbolLadders l = book.ladders(2);
        assertTrue(l.stops(TriggerSource.LAST, false).contains(p));

        // a new profile watching the mark price: re-indexing moves the position out of the last-price ladders
        p.profile = ExitProfile.builder("mark").source(TriggerSource.MARK).build();
        book.index(p);
        assertFalse(l.stops(TriggerSource.LAST, false).contains(p));
        assertFalse(l.targets(TriggerSource.LAST, false).contains(p));
        assertTrue(l.stops(TriggerSource.MARK, false).contains(p));
        assertTrue(l.targets(TriggerSource.MARK, false).contains(p));
        assertEquals(700, l.stops(TriggerSource.MARK, false).peekKey());
        assertEquals(0, l.stops(TriggerSource.LAST, false).size());
    }

    @Test
    void anActiveTrailPutsThePeakInThePeakLadderAndTimeRulesTheirNextTime()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        p.rules = new RuleState();
        p.stopKey = 950;
        // armed but not yet active trailing: no peak to move
        p.rules.peak = 1_000;
        book.index(p);
        final SymbolLadders l = book.ladders(2);
        assertEquals(0, l.peaks(TriggerSource.LAST, true).size());

        p.rules.trailActive = true;
        p.rules.timeoutAt = 9_000;
        p.rules.nextRoiAt = 6_000;
        book.index(p);
        assertSame(p, l.peaks(TriggerSource.LAST, true).peek());
        assertEquals(1_000, l.peaks(TriggerSource.LAST, true).peekKey());
        assertSame(p, l.times().peek());
        assertEquals(6_000, l.times().peekKey(), "the earlier of the timeout and the next ROI step");

        // the ATR stop's peak counts when no trail is active
        p.rules.trailActive = false;
        p.rules.atrPeak = 1_100;
        book.index(p);
        assertEquals(1_100, l.peaks(TriggerSource.LAST, true).peekKey());

        // neither: the position leaves the peak ladder; no time rule left: it leaves the time ladder
        p.rules.atrPeak = Fixed.NONE;
        p.rules.timeoutAt = Long.MAX_VALUE;
        p.rules.nextRoiAt = Long.MAX_VALUE;
        book.index(p);
        assertEquals(0, l.peaks(TriggerSource.LAST, true).size());
        assertEquals(0, l.times().size());
        assertTrue(l.stops(TriggerSource.LAST, true).contains(p));
    }

    @Test
    void aPendingRetryOfAnOpenPositionIsDueBeforeALaterTimeRule()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        p.rules = new RuleState();
        p.rules.timeoutAt = 9_000;
        p.closing().retryAt = 4_000;
        book.index(p);
        assertEquals(4_000, book.ladders(2).times().peekKey());
    }

    @Test
    void aClosingPositionIsWatchedOnlyForTheRetryOfItsClose()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.SHORT);
        p.rules = new RuleState();
        p.stopKey = 700;
        p.targetKey = 500;
        p.rules.trailActive = true;
        p.rules.peak = 600;
        p.rules.timeoutAt = 9_000;
        book.index(p);
        final SymbolLadders l = book.ladders(2);
        assertTrue(l.stops(TriggerSource.LAST, false).contains(p));
        assertTrue(l.peaks(TriggerSource.LAST, false).contains(p));

        // a close is out, no retry pending: the position is in no ladder at all
        p.state = PositionState.CLOSING;
        book.index(p);
        assertFalse(l.stops(TriggerSource.LAST, false).contains(p));
        assertFalse(l.targets(TriggerSource.LAST, false).contains(p));
        assertFalse(l.peaks(TriggerSource.LAST, false).contains(p));
        assertFalse(l.times().contains(p));

        // the close failed and is retried at 5,000: only the time ladder watches it, at the retry time, not the timeout
        p.closing().retryAt = 5_000;
        book.index(p);
        assertTrue(l.times().contains(p));
        assertEquals(5_000, l.times().peekKey());
        assertFalse(l.stops(TriggerSource.LAST, false).contains(p));

        // back to open: every ladder again
        p.state = PositionState.OPEN;
        p.closing().retryAt = Long.MAX_VALUE;
        book.index(p);
        assertTrue(l.stops(TriggerSource.LAST, false).contains(p));
        assertTrue(l.targets(TriggerSource.LAST, false).contains(p));
        assertTrue(l.peaks(TriggerSource.LAST, false).contains(p));
        assertEquals(9_000, l.times().peekKey());
    }

    @Test
    void aClosedOrQuarantinedPositionLeavesEveryLadder()
    {
        for (final PositionState state : new PositionState[] {PositionState.CLOSED, PositionState.QUARANTINED})
        {
            final PositionBook book = new PositionBook();
            final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
            p.stopKey = 90;
            p.targetKey = 110;
            book.index(p);
            p.state = state;
            p.closing().retryAt = 5_000;
            book.index(p);
            final SymbolLadders l = book.ladders(2);
            assertEquals(0, l.stops(TriggerSource.LAST, true).size(), state.name());
            assertEquals(0, l.targets(TriggerSource.LAST, true).size(), state.name());
            assertEquals(0, l.times().size(), state.name());
            // the book still holds it until it is removed
            assertSame(p, book.byId(p.id));
        }
    }

    @Test
    void unindexTakesAPositionOutOfEveryLadderButKeepsItInTheBook()
    {
        final PositionBook book = new PositionBook();
        final Position p = book.open(1, 2, PositionSide.BOTH, PositionSide.LONG);
        p.rules = new RuleState();
        p.stopKey = 90;
        p.targetKey = 110;
        p.rules.trailActive = true;
        p.rules.peak = 100;
        p.rules.timeoutAt = 1_000;
        book.index(p);
        book.unindex(p);
        final SymbolLadders l = book.ladders(2);
        assertEquals(0, l.stops(TriggerSource.LAST, true).size());
        assertEquals(0, l.targets(TriggerSource.LAST, true).size());
        assertEquals(0, l.peaks(TriggerSource.LAST, true).size());
        assertEquals(0, l.times().size());
        assertSame(p, book.find(1, 2, PositionSide.BOTH));
        assertEquals(1, book.size());
    }
}
