package dev.exitengine.feed.live;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.DecimalText;

/**
 * Reads a field's bytes as a fixed-point decimal or a millisecond time, with exactly the rules and the
 * refusal texts of {@link Fixed#parse} and {@link DecimalText}, which read chars: eight decimals at most
 * (more are refused unless they are zeros), no rounding, no {@code double}. Exponent forms, which Binance
 * never sends, go through {@link DecimalText} and allocate.
 */
final class FieldNumbers
{
    private static final long MAX_INT_PART = Long.MAX_VALUE / 10;

    private FieldNumbers()
    {
    }

    /** The decimal's fixed-point value; a {@link NumberFormatException} quoting the text when it is not one. */
    static long decimal(final FieldText text)
    {
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final byte c = text.at(i);
            if (c == 'e' || c == 'E')
            {
                return DecimalText.parse(text.toString());
            }
        }
        if (length == 0)
        {
            throw new NumberFormatException("empty decimal");
        }
        int i = 0;
        boolean negative = false;
        final byte first = text.at(0);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i = 1;
        }
        if (i == length)
        {
            throw notADecimal(text);
        }
        long intPart = 0;
        int digits = 0;
        while (i < length && text.at(i) != '.')
        {
            final int c = text.at(i++);
            if (c < '0' || c > '9')
            {
                throw notADecimal(text);
            }
            if (intPart > MAX_INT_PART)
            {
                throw tooLarge(text); // Fixed.parse overflows here with an ArithmeticException
            }
            intPart = intPart * 10 + (c - '0');
            if (intPart < 0)
            {
                throw tooLarge(text);
            }
            digits++;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < length)
        {
            i++; // '.'
            while (i < length)
            {
                final int c = text.at(i++);
                if (c < '0' || c > '9')
                {
                    throw notADecimal(text);
                }
                if (fracDigits == Fixed.SCALE_DIGITS)
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
            throw notADecimal(text);
        }
        for (int d = fracDigits; d < Fixed.SCALE_DIGITS; d++)
        {
            frac *= 10;
        }
        final long high = Math.multiplyHigh(intPart, Fixed.ONE);
        final long scaled = intPart * Fixed.ONE;
        final long value = scaled + frac;
        if (high != 0 || scaled < 0 || value < 0)
        {
            throw tooLarge(text);
        }
        return negative ? -value : value;
    }

    /**
     * Epoch milliseconds: a non-negative integer written as a JSON integer or a string of digits, as
     * {@code JsonValues.nonNegativeInteger} reads it; -1 when the value is not one.
     */
    static long nonNegativeInteger(final FieldText text)
    {
        if (!text.isString() && text.isFraction())
        {
            return -1;
        }
        final int length = text.length();
        if (length == 0)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int c = text.at(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static NumberFormatException notADecimal(final FieldText text)
    {
        return new NumberFormatException("not a decimal: '" + text + "'");
    }

    private static NumberFormatException tooLarge(final FieldText text)
    {
        return new NumberFormatException("decimal too large: '" + text + "'");
    }
}
