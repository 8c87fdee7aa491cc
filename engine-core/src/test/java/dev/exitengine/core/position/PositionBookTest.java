package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionBookTest
{
    @Test
    void idsFromARunsOwnFirstIdAreFoundAndReleasedAsFromOne()
    {
        final long first = 17_962_833_680_001L;
        final PositionBook book = new PositionBook(first);
        final ArrayDeque<Position> open = new ArrayDeque<>();
        for (int i = 0; i < 20_000; i++)
        {
            open.add(book.open(i % 5_000, i % 7, PositionSide.BOTH, PositionSide.LONG));
            if (open.size() > 100)
            {
                book.remove(open.poll());
            }
        }
        assertNull(book.byId(first), "the first is long gone");
        final Position oldest = open.peek();
        assertEquals(first + 19_900, oldest.id);
        assertSame(oldest, book.byId(oldest.id));
        assertNull(book.byId(first - 1));
        assertNull(book.byId(7));
        assertTrue(book.pagesHeld() <= 2, "pages held: " + book.pagesHeld());
    }

    @Test
    void memoryFollowsOpenPositionsNotHistory()
    {
        final PositionBook book = new PositionBook();
        final ArrayDeque<Position> open = new ArrayDeque<>();
        // a million positions over the book's life, never more than 1,000 open at once
        for (int i = 0; i < 1_000_000; i++)
        {
            open.add(book.open(i % 5_000, i % 7, PositionSide.BOTH, PositionSide.LONG));
            if (open.size() > 1_000)
            {
                book.remove(open.poll());
            }
        }
        assertEquals(1_000, book.size());
        // the 1,000 open ones span at most two pages, plus none left behind
        assertTrue(book.pagesHeld() <= 2, "pages held: " + book.pagesHeld());
        final Position oldest = open.peek();
        assertSame(oldest, book.byId(oldest.id));
        assertNull(book.byId(oldest.id - 1), "a removed position is gone");
        assertNull(book.byId(1), "an early id, its page released");
        assertNull(book.byId(2_000_000), "an id never handed out");
        assertNull(book.byId(0));
        assertNull(book.byId(-3));
        final List<Position> all = book.all();
        assertEquals(1_000, all.size());
        for (int i = 1; i < all.size(); i++)
        {
            assertEquals(all.get(i - 1).id + 1, all.get(i).id, "id order");
        }
    }

    @Test
    void aLongLivedPositionKeepsOnlyItsOwnPage()
    {
        final PositionBook book = new PositionBook();
        final Position keeper = book.open(1, 1, PositionSide.BOTH, PositionSide.LONG);
        for (int i = 0; i < 3 * PositionBook.PAGE; i++)
        {
            book.remove(book.open(2, 1, PositionSide.BOTH, PositionSide.SHORT));
        }
        assertSame(keeper, book.byId(keeper.id));
        assertEquals(1, book.size());
        // the keeper's page and the page ids are handed out from
        assertEquals(2, book.pagesHeld());
        book.remove(keeper);
        assertEquals(1, book.pagesHeld());
        assertEquals(0, book.all().size());
    }

    @Test
    void topsKeepEverySymbolsKeysWhenTheArrayGrows()
    {
        final PositionBook book = new PositionBook();
        final Position early = book.open(1, 3, PositionSide.BOTH, PositionSide.LONG);
        early.stopKey = 9_000;
        early.targetKey = 11_000;
        book.index(early);
        final int last = dev.exitengine.core.event.TriggerSource.LAST.ordinal() * SymbolLadders.GROUP;
        final int earlyRow = 3 * SymbolLadders.STRIDE + last;
        assertEquals(9_000, book.tops()[earlyRow + SymbolLadders.LONG_STOP]);
        assertEquals(11_000, book.tops()[earlyRow + SymbolLadders.LONG_TARGET]);
        final long[] before = book.tops();

        // a symbol far beyond the first rows grows the array: the early symbol's keys move with it
        final Position late = book.open(1, 5_000, PositionSide.BOTH, PositionSide.SHORT);
        late.stopKey = 21_000;
        book.index(late);
        final long[] after = book.tops();
        assertTrue(after != before && after.length > 5_000 * SymbolLadders.STRIDE);
        assertEquals(9_000, after[earlyRow + SymbolLadders.LONG_STOP]);
        assertEquals(11_000, after[earlyRow + SymbolLadders.LONG_TARGET]);
        assertEquals(21_000, after[5_000 * SymbolLadders.STRIDE + last + SymbolLadders.SHORT_STOP]);

        // a key moved after the growth is mirrored into the new array, not the old one
        early.stopKey = 9_500;
        book.index(early);
        assertEquals(9_500, after[earlyRow + SymbolLadders.LONG_STOP]);
        assertEquals(9_000, before[earlyRow + SymbolLadders.LONG_STOP]);

        // rows of symbols without ladders, and of emptied ladders, hold keys no price crosses
        final int emptyRow = 100 * SymbolLadders.STRIDE + last;
        assertEquals(Long.MIN_VALUE, after[emptyRow + SymbolLadders.LONG_STOP]);
        assertEquals(Long.MAX_VALUE, after[emptyRow + SymbolLadders.LONG_TARGET]);
        assertEquals(Long.MAX_VALUE, after[emptyRow + SymbolLadders.TIME]);
        book.remove(early);
        assertEquals(Long.MIN_VALUE, after[earlyRow + SymbolLadders.LONG_STOP]);
        assertEquals(Long.MAX_VALUE, after[earlyRow + SymbolLadders.LONG_TARGET]);
    }
}
