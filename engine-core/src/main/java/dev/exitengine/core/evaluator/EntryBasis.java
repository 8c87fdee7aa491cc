package dev.exitengine.core.evaluator;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;

import java.math.RoundingMode;

/** The entry notional and fees that leave a position with a quantity taken from its oldest lots (FIFO). */
final class EntryBasis
{
    long notional;
    long fees;

    /** Takes {@code amount} from the position's oldest lots; {@link #notional} and {@link #fees} are what it took. */
    void take(final Position p, final long amount)
    {
        if (p.lots != null)
        {
            p.lots.consume(amount);
            notional = p.lots.consumedNotional;
            fees = p.lots.consumedFees;
            return;
        }
        final long take = Math.min(amount, p.qty);
        // the last of the position takes exactly what is left, so pieces always add up to the entry notional
        notional = take == p.qty ? p.entryNotional : Fixed.mulDiv(take, p.lotPrice, Fixed.ONE, RoundingMode.HALF_UP);
        fees = take == p.qty ? p.entryFees : Fixed.mulDiv(p.entryFees, take, p.qty, RoundingMode.HALF_UP);
    }
}
