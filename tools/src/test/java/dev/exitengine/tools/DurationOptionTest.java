package dev.exitengine.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationOptionTest
{
    @Test
    void aNumberWithAUnitIsoOrZeroReadAsTheirDuration()
    {
        assertEquals(Duration.ofMillis(250), DurationOption.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), DurationOption.parse("30s"));
        assertEquals(Duration.ofMinutes(5), DurationOption.parse("5m"));
        assertEquals(Duration.ofHours(2), DurationOption.parse("2h"));
        assertEquals(Duration.ofMinutes(5), DurationOption.parse("PT5M"));
        assertEquals(Duration.ZERO, DurationOption.parse("0"));
        assertEquals("5m", DurationOption.format(Duration.ofMinutes(5)));
        assertEquals("1500ms", DurationOption.format(Duration.ofMillis(1500)));
        assertEquals("100us", DurationOption.format(DurationOption.parse("100us")));
        assertEquals(Duration.ofNanos(100_000), DurationOption.parse("100us"));
    }

    @Test
    void aNegativeDurationOrAnUnknownUnitIsRefusedNamingTheForms()
    {
        for (final String bad : new String[] {"5 minutes", "-5m", "PT-5M", "5d", ""})
        {
            final CommandLine.TypeConversionException ex = assertThrows(CommandLine.TypeConversionException.class,
                () -> DurationOption.parse(bad), bad);
            assertEquals("'" + bad + "' is not a duration (250ms, 30s, 5m, 2h, PT5M or 0)", ex.getMessage());
        }
    }
}
