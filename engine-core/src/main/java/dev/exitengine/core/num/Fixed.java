package dev.exitengine.core.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Fixed-point decimals as {@code long}s with eight decimal places, the precision Binance reports
 * prices, quantities, commissions and realized profit in. Every price, quantity, rate and amount of
 * money in the engine's state is one of these; {@code double} never is.
 */
public final class Fixed
{
    public static final int SCALE_DIGITS = 8;
    public static final long ONE = 100_000_000L;
    /** Marks an absent value (a fill without a fee, a level that is not armed). */
    public static final long NONE = Long.MIN_VALUE;
    /** The largest integer part a fixed-point long holds (92233720368). */
    private static final long MAX_INT_PART = Long.MAX_VALUE / ONE;

    private Fixed()
    {
    }

    /**
     * Parses a plain decimal ("61800.30", "-0.5", "1e-3" is refused). Throws with the text when it has
     * more than eight decimals, is not a number, or does not fit.
     */
    public static long parse(final CharSequence text)
    {
        final int length = text.length();
        if (length == 0)
        {
            throw new NumberFormatException("empty decimal");
        }
        int i = 0;
        boolean negative = false;
        final char first = text.charAt(0);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i = 1;
        }
        if (i == length)
        {
            throw new NumberFormatException("not a decimal: '" + text + "'");
        }
        long intPart = 0;
        int digits = 0;
        while (i < length && text.charAt(i) != '.')
        {
            final char c = text.charAt(i++);
            if (c < '0' || c > '9')
            {
                throw new NumberFormatException("not a decimal: '" + text + "'");
            }
            // held below MAX_INT_PART + 1 so that 19 and 20 digits never overflow: the check at the end refuses it
            intPart = Math.min(intPart * 10 + (c - '0'), MAX_INT_PART + 1);
            digits++;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < length)
        {
            i++; // '.'
            while (i < length)
            {
                final char c = text.charAt(i++);
                if (c < '0' || c > '9')
                {
                    throw new NumberFormatException("not a decimal: '" + text + "'");
                }
                if (fracDigits == SCALE_DIGITS)
                {
                    if (c != '0')
                    {
                        throw new NumberFormatException("more than 8 decimals: '" + text + "'");
                    }
                    continue;
                }
                frac = frac * 10 + (c - '0');
                fracDigits++;
                digits++;
            }
        }
        if (digits == 0)
        {
            throw new NumberFormatException("not a decimal: '" + text + "'");
        }
        for (int d = fracDigits; d < SCALE_DIGITS; d++)
        {
            frac *= 10;
        }
        final long value;
        try
        {
            value = Math.addExact(Math.multiplyExact(intPart, ONE), frac);
        }
        catch (final ArithmeticException ex)
        {
            throw new NumberFormatException("decimal too large: '" + text + "'");
        }
        return negative ? -value : value;
    }

    /** Parses a {@code double} that came from a JSON number; refuses NaN and infinities. */
    public static long fromDouble(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new NumberFormatException("not a finite number: " + value);
        }
        return parse(BigDecimal.valueOf(value).toPlainString());
    }

    public static long of(final long units)
    {
        return Math.multiplyExact(units, ONE);
    }

    /** Shortest plain text: 51040.5, 50000, 0.404164, -9.999159. */
    public static String toString(final long value)
    {
        final StringBuilder sb = new StringBuilder(24);
        append(sb, value);
        return sb.toString();
    }

    /** Appends the shortest plain text of {@code value} without allocating. */
    public static void append(final StringBuilder sb, final long value)
    {
        if (value == NONE)
        {
            sb.append("null");
            return;
        }
        long v = value;
        if (v < 0)
        {
            sb.append('-');
            if (v == Long.MIN_VALUE + 1)
            {
                sb.append("92233720368.54775807");
                return;
            }
            v = -v;
        }
        final long intPart = v / ONE;
        long frac = v % ONE;
        sb.append(intPart);
        if (frac != 0)
        {
            sb.append('.');
            int width = SCALE_DIGITS;
            while (frac % 10 == 0)
            {
                frac /= 10;
                width--;
            }
            final int start = sb.length();
            sb.append(frac);
            final int pad = width - (sb.length() - start);
            for (int p = 0; p < pad; p++)
            {
                sb.insert(start, '0');
            }
        }
    }

    public static BigDecimal toBigDecimal(final long value)
    {
        return BigDecimal.valueOf(value, SCALE_DIGITS);
    }

    public static double toDouble(final long value)
    {
        return value / (double)ONE;
    }

    /** {@code a × b} of two fixed-point values, rounded half-up to eight decimals. */
    public static long mul(final long a, final long b)
    {
        return mulDiv(a, b, ONE, RoundingMode.HALF_UP);
    }

    /**
     * {@code a × b ÷ c} exactly, then rounded as asked; no intermediate overflow. When the product
     * overflows 64 bits (prices times quantities at eight decimals often do), the quotient is estimated
     * in floating point and corrected with the exact 128-bit remainder, so nothing is allocated; only a
     * quotient that does not fit a long falls back to BigDecimal (and then fails as it should).
     */
    public static long mulDiv(final long a, final long b, final long c, final RoundingMode mode)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            final long q = low / c;
            final long r = low % c;
            if (r == 0)
            {
                return q;
            }
            return roundQuotient(q, r, c, low, mode);
        }
        if (c > 0)
        {
            final double estimate = Math.floor(((double)a * (double)b) / c);
            if (Math.abs(estimate) < 9.0e18)
            {
                long q = (long)estimate;
                // remainder = a·b − q·c in 128 bits; the estimate is off by a few units at most
                long rHigh = high - Math.multiplyHigh(q, c);
                long rLow = low - q * c;
                if (Long.compareUnsigned(low, q * c) < 0)
                {
                    rHigh--;
                }
                for (int i = 0; i < 64 && (rHigh < 0 || (rHigh == 0 && Long.compareUnsigned(rLow, c) >= 0)); i++)
                {
                    if (rHigh < 0)
                    {
                        q--;
                        final long before = rLow;
                        rLow += c;
                        if (Long.compareUnsigned(rLow, before) < 0)
                        {
                            rHigh++;
                        }
                    }
                    else
                    {
                        q++;
                        final long before = rLow;
                        rLow -= c;
                        if (Long.compareUnsigned(rLow, before) > 0)
                        {
                            rHigh--;
                        }
                    }
                }
                if (rHigh == 0 && rLow >= 0 && rLow < c)
                {
                    // floor quotient q and remainder 0 ≤ r < c: round as asked
                    return rLow == 0 ? q : roundFloored(q, rLow, c, (a < 0) != (b < 0), mode);
                }
            }
        }
        return new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
            .divide(BigDecimal.valueOf(c), 0, mode).longValueExact();
    }

    /** Rounds a floored quotient {@code q} with remainder {@code 0 < r < c} (c positive). */
    private static long roundFloored(final long q, final long r, final long c, final boolean negative, final RoundingMode mode)
    {
        switch (mode)
        {
            case FLOOR:
                return q;
            case CEILING:
                return q + 1;
            case DOWN:
                return negative ? q + 1 : q;
            case UP:
                return negative ? q : q + 1;
            case HALF_UP:
            {
                final long twice = r - (c - r); // 2r − c without overflow
                if (twice > 0)
                {
                    return q + 1;
                }
                if (twice < 0)
                {
                    return q;
                }
                return negative ? q : q + 1;
            }
            default:
                return new BigDecimal(BigInteger.valueOf(q).multiply(BigInteger.valueOf(c)).add(BigInteger.valueOf(r)))
                    .divide(BigDecimal.valueOf(c), 0, mode).longValueExact();
        }
    }

    private static long roundQuotient(final long q, final long r, final long c, final long dividend, final RoundingMode mode)
    {
        final boolean positive = (dividend >= 0) == (c > 0);
        switch (mode)
        {
            case DOWN:
                return q;
            case UP:
                return positive ? q + 1 : q - 1;
            case FLOOR:
                return positive ? q : q - 1;
            case CEILING:
                return positive ? q + 1 : q;
            case HALF_UP:
            {
                final long twice = Math.abs(r) * 2;
                final long ac = Math.abs(c);
                if (twice >= ac)
                {
                    return positive ? q + 1 : q - 1;
                }
                return q;
            }
            default:
                return new BigDecimal(dividend).divide(BigDecimal.valueOf(c), 0, mode).longValueExact();
        }
    }

    /** Rounds {@code price} to a multiple of {@code tick}: up when {@code up}, else down. */
    public static long roundToTick(final long price, final long tick, final boolean up)
    {
        if (tick <= 0)
        {
            return price;
        }
        final long floor = Math.floorDiv(price, tick) * tick;
        if (floor == price || !up)
        {
            return floor;
        }
        return floor + tick;
    }

    /** Rounds a quantity down to the step size (a close never sells more than is held). */
    public static long roundDownToStep(final long qty, final long step)
    {
        return step <= 0 ? qty : Math.floorDiv(qty, step) * step;
    }

    /** Parses a {@link BigDecimal} into fixed point, refusing more than eight decimals. */
    public static long fromBigDecimal(final BigDecimal value)
    {
        return value.setScale(SCALE_DIGITS, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** Rounds a {@link BigDecimal} to eight decimals in the given direction. */
    public static long fromBigDecimal(final BigDecimal value, final RoundingMode mode)
    {
        return value.setScale(SCALE_DIGITS, mode).unscaledValue().longValueExact();
    }

}
