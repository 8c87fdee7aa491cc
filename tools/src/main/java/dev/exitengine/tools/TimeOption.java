package dev.exitengine.tools;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A point in time given on the command line ({@code --from}, {@code --to}, {@code --at}) as epoch milliseconds
 * ({@code 1723161299000}) or ISO-8601: {@code 2024-08-08T23:55:00Z}, with an offset ({@code +02:00}), without
 * one (taken as UTC), or a date alone (its midnight, UTC). Converts to epoch milliseconds.
 */
public final class TimeOption implements CommandLine.ITypeConverter<Long>
{
    private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    @Override
    public Long convert(final String value)
    {
        return parse(value);
    }

    /** Epoch milliseconds of {@code text}; the refusal names the text and the forms accepted. */
    public static long parse(final String text)
    {
        final String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit))
        {
            try
            {
                return Long.parseLong(t);
            }
            catch (final NumberFormatException ex)
            {
                throw refusal(text);
            }
        }
        try
        {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        }
        catch (final DateTimeParseException notWithOffset)
        {
            try
            {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            catch (final DateTimeParseException notLocal)
            {
                try
                {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                }
                catch (final DateTimeParseException notADate)
                {
                    throw refusal(text);
                }
            }
        }
    }

    /** {@code ts} as ISO-8601 UTC with milliseconds, always 24 characters: {@code 2024-08-08T23:55:00.000Z}. */
    public static String format(final long ts)
    {
        return UTC_MILLIS.format(Instant.ofEpochMilli(ts));
    }

    private static CommandLine.TypeConversionException refusal(final String text)
    {
        return new CommandLine.TypeConversionException("'" + text + "' is neither epoch milliseconds nor an ISO-8601 time "
            + "(2024-08-08T23:55:00Z, 2024-08-08T23:55:00.250+02:00, 2024-08-08)");
    }
}
