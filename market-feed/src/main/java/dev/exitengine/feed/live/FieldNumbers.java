package dev.exitengine.feed.live;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.DecimalText;

/**
 * Reads a field's bytes as a fixed-point decimal or a millisecond time: decimals through {@link Fixed#parse}
 * itself (the field's bytes are a {@link CharSequence}), so the rules and refusal texts are the engine's:
 * eight decimals at most (more are refused unless they are zeros), no rounding, no {@code double}.
 * Exponent forms, which Binance never sends, go through {@link DecimalText} and allocate.
 */
final class FieldNumbers
{
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
        // the engine's one decimal parser, reading the frame's bytes in place: nothing allocated unless refused
        return Fixed.parse(text);
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
}
