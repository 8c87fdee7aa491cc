package dev.exitengine.core.num;

import org.junit.jupiter.api.Test;

import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedTest
{
    @Test
    void parsesAndPrintsShortestPlainText()
    {
        assertEquals(5_104_050_000_000L, Fixed.parse("51040.5"));
        assertEquals("51040.5", Fixed.toString(Fixed.parse("51040.50")));
        assertEquals("50000", Fixed.toString(Fixed.parse("50000")));
        assertEquals("0.404164", Fixed.toString(Fixed.parse("0.404164")));
        assertEquals("-9.9991588", Fixed.toString(Fixed.parse("-9.9991588")));
        assertEquals("0.00000001", Fixed.toString(1));
        assertEquals(Fixed.parse("0.5"), Fixed.parse(".5"));
    }

    @Test
    void refusesWhatIsNotAnExactDecimal()
    {
        assertThrows(NumberFormatException.class, () -> Fixed.parse("NaN"));
        assertThrows(NumberFormatException.class, () -> Fixed.parse("1.123456789"));
        assertThrows(NumberFormatException.class, () -> Fixed.parse("1e5"));
        assertThrows(NumberFormatException.class, () -> Fixed.parse(""));
        assertThrows(NumberFormatException.class, () -> Fixed.parse("-"));
        assertThrows(NumberFormatException.class, () -> Fixed.parse("99999999999999"));
        assertEquals(Fixed.parse("1.12345678"), Fixed.parse("1.123456780"));
    }

    @Test
    void refusesNineteenAndTwentyDigitNumbersAsTooLargeNotAsAnOverflow()
    {
        for (final String text : new String[] {"1234567890123456789", "12345678901234567890", "-12345678901234567890",
            "99999999999999999999.5", "92233720368.54775808"})
        {
            final NumberFormatException ex = assertThrows(NumberFormatException.class, () -> Fixed.parse(text));
            assertEquals("decimal too large: '" + text + "'", ex.getMessage());
        }
        assertEquals(Long.MAX_VALUE, Fixed.parse("92233720368.54775807"));
        assertEquals(1, Fixed.parse("000000000000000000000.00000001"));
    }

    @Test
    void multipliesWithoutOverflowAndRoundsAsAsked()
    {
        // 100,000 × 1,000 = 1e8 needs 128-bit intermediates at eight decimals
        assertEquals(Fixed.parse("100000000"), Fixed.mulDiv(Fixed.parse("100000"), Fixed.parse("1000"), Fixed.ONE, RoundingMode.HALF_UP));
        assertEquals(Fixed.parse("0.204164"), Fixed.mul(Fixed.parse("510.41"), Fixed.parse("0.0004")));
        assertEquals(2, Fixed.mulDiv(5, 1, 3, RoundingMode.CEILING));
        assertEquals(1, Fixed.mulDiv(5, 1, 3, RoundingMode.FLOOR));
        assertEquals(-2, Fixed.mulDiv(-5, 1, 3, RoundingMode.FLOOR));
    }

    @Test
    void wideProductsMatchBigDecimalInEveryRoundingMode()
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        final RoundingMode[] modes = {RoundingMode.HALF_UP, RoundingMode.FLOOR, RoundingMode.CEILING, RoundingMode.DOWN, RoundingMode.UP};
        for (int i = 0; i < 200_000; i++)
        {
            // prices up to 10^7 and quantities up to 10^5 at eight decimals: products far past 64 bits
            final long a = random.nextLong(1, 1_000_000_000_000_000L) * (random.nextInt(8) == 0 ? -1 : 1);
            final long b = random.nextLong(1, 10_000_000_000_000L);
            final long c = random.nextInt(4) == 0 ? random.nextLong(1, 1_000_000_000_000L) : Fixed.ONE;
            final RoundingMode mode = modes[random.nextInt(modes.length)];
            final java.math.BigDecimal exact = new java.math.BigDecimal(java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)))
                .divide(java.math.BigDecimal.valueOf(c), 0, mode);
            if (exact.unscaledValue().bitLength() < 63)
            {
                assertEquals(exact.longValueExact(), Fixed.mulDiv(a, b, c, mode), a + " × " + b + " ÷ " + c + " " + mode);
            }
        }
    }

    @Test
    void roundsToTheTickUpOrDown()
    {
        assertEquals(Fixed.parse("51040.5"), Fixed.roundToTick(Fixed.parse("51040.4158"), Fixed.parse("0.1"), true));
        assertEquals(Fixed.parse("51040.4"), Fixed.roundToTick(Fixed.parse("51040.4158"), Fixed.parse("0.1"), false));
        assertEquals(Fixed.parse("51040.4"), Fixed.roundToTick(Fixed.parse("51040.4"), Fixed.parse("0.1"), true));
        assertEquals(Fixed.parse("0.012"), Fixed.roundDownToStep(Fixed.parse("0.0129"), Fixed.parse("0.001")));
    }
}
