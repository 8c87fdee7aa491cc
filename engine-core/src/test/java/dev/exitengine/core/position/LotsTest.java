package dev.exitengine.core.position;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Random;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LotsTest
{
    private static Lots threeLots()
    {
        final Lots lots = new Lots();
        lots.add(parse("0.01"), parse("50000"), parse("0.2"));
        lots.add(parse("0.02"), parse("51000"), parse("0.408"));
        lots.add(parse("0.03"), parse("52000"), parse("0.624"));
        return lots;
    }

    @Test
    void lotsAreHeldInTheOrderTheyWereAdded()
    {
        final Lots lots = threeLots();
        assertEquals(3, lots.count());
        assertEquals(parse("0.01"), lots.qty(0));
        assertEquals(parse("50000"), lots.price(0));
        assertEquals(parse("0.2"), lots.fee(0));
        assertEquals(parse("0.02"), lots.qty(1));
        assertEquals(parse("51000"), lots.price(1));
        assertEquals(parse("0.408"), lots.fee(1));
        assertEquals(parse("0.03"), lots.qty(2));
        assertEquals(parse("52000"), lots.price(2));
        assertEquals(parse("0.624"), lots.fee(2));
    }

    @Test
    void reducingWithinTheOldestLotTakesItsPriceAndAProRataShareOfItsFee()
    {
        final Lots lots = new Lots();
        lots.add(parse("0.03"), parse("50000"), parse("0.6"));
        lots.add(parse("0.01"), parse("60000"), parse("0.24"));
        assertEquals(parse("0.01"), lots.consume(parse("0.01")));
        assertEquals(parse("500"), lots.consumedNotional);
        assertEquals(parse("0.2"), lots.consumedFees);
        // the oldest lot shrank in place, the newer one is untouched
        assertEquals(2, lots.count());
        assertEquals(parse("0.02"), lots.qty(0));
        assertEquals(parse("50000"), lots.price(0));
        assertEquals(parse("0.4"), lots.fee(0));
        assertEquals(parse("0.01"), lots.qty(1));
        assertEquals(parse("0.24"), lots.fee(1));
    }

    @Test
    void reducingAcrossSeveralLotsConsumesTheOldestFirst()
    {
        final Lots lots = threeLots();
        // all of the first lot (0.01 @ 50000) and 0.015 of the second (@ 51000)
        assertEquals(parse("0.025"), lots.consume(parse("0.025")));
        assertEquals(parse("1265"), lots.consumedNotional, "500 + 765");
        assertEquals(parse("0.506"), lots.consumedFees, "0.2 + 0.408 × 0.015 / 0.02");
        assertEquals(2, lots.count());
        assertEquals(parse("0.005"), lots.qty(0));
        assertEquals(parse("51000"), lots.price(0));
        assertEquals(parse("0.102"), lots.fee(0));
        assertEquals(parse("0.03"), lots.qty(1));
        assertEquals(parse("52000"), lots.price(1));

        // the rest of the second lot and all of the third
        assertEquals(parse("0.035"), lots.consume(parse("0.035")));
        assertEquals(parse("1815"), lots.consumedNotional, "255 + 1560");
        assertEquals(parse("0.726"), lots.consumedFees, "0.102 + 0.624");
        assertEquals(0, lots.count());
    }

    @Test
    void reducingExactlyOneLotLeavesTheNextWhole()
    {
        final Lots lots = threeLots();
        assertEquals(parse("0.01"), lots.consume(parse("0.01")));
        assertEquals(parse("500"), lots.consumedNotional);
        assertEquals(parse("0.2"), lots.consumedFees);
        assertEquals(2, lots.count());
        assertEquals(parse("0.02"), lots.qty(0));
        assertEquals(parse("0.408"), lots.fee(0));
    }

    @Test
    void reducingMoreThanIsHeldTakesOnlyWhatIsHeld()
    {
        final Lots lots = threeLots();
        assertEquals(parse("0.06"), lots.consume(parse("0.1")));
        assertEquals(parse("3080"), lots.consumedNotional, "500 + 1020 + 1560");
        assertEquals(parse("1.232"), lots.consumedFees, "0.2 + 0.408 + 0.624");
        assertEquals(0, lots.count());
        // and nothing once empty
        assertEquals(0, lots.consume(parse("0.01")));
        assertEquals(0, lots.consumedNotional);
        assertEquals(0, lots.consumedFees);
    }

    @Test
    void reducingByZeroTakesNothingAndResetsTheLastBasis()
    {
        final Lots lots = threeLots();
        lots.consume(parse("0.01"));
        assertEquals(parse("500"), lots.consumedNotional);
        assertEquals(0, lots.consume(0));
        assertEquals(0, lots.consumedNotional);
        assertEquals(0, lots.consumedFees);
        assertEquals(2, lots.count());
    }

    @Test
    void aLotTakenInPiecesGivesUpExactlyItsFee()
    {
        // a fee of one unit (1e-8) over three pieces: 1/3 rounds to 0, then 1/2 rounds half up to 1, then 0
        final Lots lots = new Lots();
        lots.add(parse("0.03"), parse("100"), 1);
        long fees = 0;
        lots.consume(parse("0.01"));
        assertEquals(0, lots.consumedFees);
        fees += lots.consumedFees;
        lots.consume(parse("0.01"));
        assertEquals(1, lots.consumedFees);
        fees += lots.consumedFees;
        lots.consume(parse("0.01"));
        assertEquals(0, lots.consumedFees);
        fees += lots.consumedFees;
        assertEquals(1, fees);
        assertEquals(0, lots.count());
    }

    @Test
    void aRebateLotGivesUpItsNegativeFeeProRataAndExactly()
    {
        final Lots lots = new Lots();
        lots.add(parse("0.02"), parse("100"), -3);
        lots.consume(parse("0.01"));
        // -1.5 units rounds half up, away from zero
        assertEquals(-2, lots.consumedFees);
        assertEquals(-1, lots.fee(0));
        lots.consume(parse("0.01"));
        assertEquals(-1, lots.consumedFees);
        assertEquals(0, lots.count());
    }

    @Test
    void lotsEmptiedByAReductionTakeNewLotsAfresh()
    {
        final Lots lots = new Lots();
        lots.add(parse("1"), parse("100"), parse("0.04"));
        lots.add(parse("2"), parse("110"), parse("0.088"));
        assertEquals(parse("3"), lots.consume(parse("3")));
        assertEquals(parse("320"), lots.consumedNotional);
        assertEquals(0, lots.count());
        // the arrays are full and empty: the next add compacts instead of failing
        lots.add(parse("5"), parse("90"), parse("0.18"));
        assertEquals(1, lots.count());
        assertEquals(parse("5"), lots.qty(0));
        assertEquals(parse("90"), lots.price(0));
        assertEquals(parse("0.18"), lots.fee(0));
        assertEquals(parse("2"), lots.consume(parse("2")));
        assertEquals(parse("180"), lots.consumedNotional);
        assertEquals(parse("0.072"), lots.consumedFees);
    }

    @Test
    void clearForgetsEveryLot()
    {
        final Lots lots = threeLots();
        lots.consume(parse("0.005"));
        lots.clear();
        assertEquals(0, lots.count());
        assertEquals(0, lots.consume(parse("1")));
        lots.add(parse("0.5"), parse("3000"), parse("0.6"));
        assertEquals(1, lots.count());
        assertEquals(parse("0.5"), lots.qty(0));
    }

    @Test
    void manyLotsGrowTheArraysAndKeepTheirOrder()
    {
        final Lots lots = new Lots();
        for (int i = 1; i <= 40; i++)
        {
            lots.add(Fixed.of(i), Fixed.of(1_000 + i), i);
        }
        assertEquals(40, lots.count());
        for (int i = 0; i < 40; i++)
        {
            assertEquals(Fixed.of(i + 1), lots.qty(i));
            assertEquals(Fixed.of(1_001 + i), lots.price(i));
            assertEquals(i + 1, lots.fee(i));
        }
        // 1 + 2 + 3 = 6 takes the first three lots whole
        assertEquals(Fixed.of(6), lots.consume(Fixed.of(6)));
        assertEquals(Fixed.of(1_001 + 2 * 1_002 + 3 * 1_003), lots.consumedNotional);
        assertEquals(6, lots.consumedFees);
        assertEquals(37, lots.count());
        assertEquals(Fixed.of(4), lots.qty(0));
    }

    @Test
    void interleavedAddsAndReductionsMatchAFifoReferenceModel()
    {
        final Random random = new Random(4_242L);
        final Lots lots = new Lots();
        final ArrayDeque<long[]> reference = new ArrayDeque<>();
        final long step = parse("0.001");
        int maxCount = 0;
        for (int op = 0; op < 5_000; op++)
        {
            if (random.nextInt(5) < 3)
            {
                final long qty = step * (1 + random.nextInt(50));
                final long price = parse("100") + random.nextInt(1_000_000);
                final long fee = random.nextInt(100_000);
                lots.add(qty, price, fee);
                reference.addLast(new long[] {qty, price, fee, Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP)});
            }
            else
            {
                final long amount = step * random.nextInt(120);
                long left = amount;
                long notional = 0;
                long fees = 0;
                while (left > 0 && !reference.isEmpty())
                {
                    final long[] lot = reference.peekFirst();
                    final long take = Math.min(left, lot[0]);
                    if (take == lot[0])
                    {
                        notional += lot[3];
                        fees += lot[2];
                        reference.pollFirst();
                    }
                    else
                    {
                        final long piece = Math.min(Fixed.mulDiv(take, lot[1], Fixed.ONE, RoundingMode.HALF_UP), lot[3]);
                        notional += piece;
                        lot[3] -= piece;
                        final long part = Fixed.mulDiv(lot[2], take, lot[0], RoundingMode.HALF_UP);
                        fees += part;
                        lot[2] -= part;
                        lot[0] -= take;
                    }
                    left -= take;
                }
                assertEquals(amount - left, lots.consume(amount), "op " + op);
                assertEquals(notional, lots.consumedNotional, "op " + op);
                assertEquals(fees, lots.consumedFees, "op " + op);
            }
            assertEquals(reference.size(), lots.count(), "op " + op);
            maxCount = Math.max(maxCount, lots.count());
            int i = 0;
            for (final long[] lot : reference)
            {
                assertEquals(lot[0], lots.qty(i), "op " + op + " lot " + i);
                assertEquals(lot[1], lots.price(i), "op " + op + " lot " + i);
                assertEquals(lot[2], lots.fee(i), "op " + op + " lot " + i);
                i++;
            }
        }
        assertTrue(maxCount > 8, "max lots held: " + maxCount);
    }

    @Test
    void aPositionsSecondEntryMovesItsFirstEntryIntoLots()
    {
        final Position p = new Position(1, 1, 1, PositionSide.LONG, false);
        addEntry(p, parse("0.03"), parse("50000"), parse("0.6"));
        // one entry: no lots, the price is kept on the position
        assertNull(p.lots);
        assertEquals(parse("50000"), p.lotPrice);

        // reduced to 0.01 before the second entry (as an own opposite fill does without lots)
        p.qty = parse("0.01");
        p.entryNotional = parse("500");
        p.entryFees = parse("0.2");

        addEntry(p, parse("0.02"), parse("51000"), parse("0.408"));
        assertEquals(2, p.lots.count());
        // the first lot is what is still held of the first entry
        assertEquals(parse("0.01"), p.lots.qty(0));
        assertEquals(parse("50000"), p.lots.price(0));
        assertEquals(parse("0.2"), p.lots.fee(0));
        assertEquals(parse("0.02"), p.lots.qty(1));
        assertEquals(parse("51000"), p.lots.price(1));
        assertEquals(parse("0.408"), p.lots.fee(1));

        addEntry(p, parse("0.03"), parse("52000"), parse("0.624"));
        assertEquals(3, p.lots.count());
        assertEquals(parse("0.06"), p.qty);
        assertEquals(parse("3080"), p.entryNotional, "500 + 1020 + 1560");
        assertEquals(parse("51333.33333333"), p.averageEntry());
    }

    /** What the evaluator does for an entry fill: the lot first, then the position's totals. */
    private static void addEntry(final Position p, final long qty, final long price, final long fee)
    {
        p.addLot(qty, price, fee);
        p.qty += qty;
        p.entryNotional += Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
        p.entryFees += fee;
    }

    @Test
    void aLotTakenInPiecesGivesUpExactlyItsNotional()
    {
        final long qty = 3;
        final long price = parse("0.5");
        final long entered = Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
        assertEquals(2, entered);
        final Lots lots = new Lots();
        lots.add(qty, price, 0);
        long given = 0;
        for (int i = 0; i < 3; i++)
        {
            lots.consume(1);
            given += lots.consumedNotional;
        }
        assertEquals(entered, given);
    }
}
