package dev.exitengine.feed;

import dev.exitengine.core.num.Fixed;

import java.math.BigDecimal;

/**
 * Reads the text of decimals and integers exactly, never through {@code double}: plain decimals go to
 * {@link Fixed#parse}, exponent forms ({@code 5e-3}, which JSON numbers may use) through
 * {@link BigDecimal}. Errors are {@link NumberFormatException}s that quote the text.
 */
public final class DecimalText
{
    /** Exponent forms beyond this many integer digits cannot be a fixed-point long anyway. */
    private static final int MAX_INTEGER_DIGITS = 19;

    private DecimalText()
    {
    }

    /** Parses a decimal to fixed point (eight places); more decimals than eight is an error. */
    public static long parse(final CharSequence text)
    {
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == 'e' || c == 'E')
            {
                return parseExponent(text.toString());
            }
        }
        return Fixed.parse(text);
    }

    private static long parseExponent(final String text)
    {
        final BigDecimal value;
        try
        {
            value = new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new NumberFormatException("not a decimal: '" + text + "'");
        }
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_INTEGER_DIGITS)
        {
            throw new NumberFormatException("decimal too large: '" + text + "'");
        }
        try
        {
            return Fixed.fromBigDecimal(value);
        }
        catch (final ArithmeticException ex)
        {
            if (value.stripTrailingZeros().scale() > Fixed.SCALE_DIGITS)
            {
                throw new NumberFormatException("more than 8 decimals: '" + text + "'");
            }
            throw new NumberFormatException("decimal too large: '" + text + "'");
        }
    }

    /** Parses a non-negative whole number such as a millisecond timestamp; -1 when it is not one. */
    static long parseNonNegativeLong(final CharSequence text)
    {
        final int length = text.length();
        if (length == 0 || length > 18 && !fitsLong(text))
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean fitsLong(final CharSequence text)
    {
        try
        {
            return Long.parseLong(text.toString()) >= 0;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }
}
