package dev.exitengine.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeOptionTest
{
    /** 2024-08-08T23:55:00Z */
    private static final long T = 1_723_161_300_000L;

    @Test
    void epochMillisecondsAndEveryIsoFormReadAsTheSameInstant()
    {
        assertEquals(T, TimeOption.parse("1723161300000"));
        assertEquals(T, TimeOption.parse("2024-08-08T23:55:00Z"));
        assertEquals(T + 250, TimeOption.parse("2024-08-08T23:55:00.250Z"));
        assertEquals(T, TimeOption.parse("2024-08-09T01:55:00+02:00"));
        assertEquals(T, TimeOption.parse("2024-08-08T23:55:00"), "no offset: UTC");
        assertEquals(T - (23 * 60 + 55) * 60_000L, TimeOption.parse("2024-08-08"), "a date: its midnight, UTC");
    }

    @Test
    void timesAreWrittenInUtcWithMillisecondsAlwaysTwentyFourCharacters()
    {
        assertEquals("2024-08-08T23:55:00.000Z", TimeOption.format(T));
        assertEquals("2024-08-08T23:55:00.007Z", TimeOption.format(T + 7));
    }

    @Test
    void anythingElseIsRefusedNamingTheTextAndTheFormsAccepted()
    {
        final CommandLine.TypeConversionException ex = assertThrows(CommandLine.TypeConversionException.class,
            () -> TimeOption.parse("14:03"));
        assertEquals("'14:03' is neither epoch milliseconds nor an ISO-8601 time (2024-08-08T23:55:00Z, "
            + "2024-08-08T23:55:00.250+02:00, 2024-08-08)", ex.getMessage());
    }
}
