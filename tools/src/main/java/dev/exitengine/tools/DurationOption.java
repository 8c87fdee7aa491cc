package dev.exitengine.tools;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time given on the command line: a number and a unit ({@code 250ms}, {@code 30s}, {@code 5m},
 * {@code 2h}), ISO-8601 ({@code PT5M}), or {@code 0} (off, where the option allows it).
 */
public final class DurationOption implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)(us|ms|s|m|h)");

    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    public static Duration parse(final String text)
    {
        final String t = text.strip();
        if (t.equals("0"))
        {
            return Duration.ZERO;
        }
        final Matcher m = NUMBER_AND_UNIT.matcher(t);
        try
        {
            if (m.matches())
            {
                final long n = Long.parseLong(m.group(1));
                switch (m.group(2))
                {
                    case "us": return Duration.ofNanos(Math.multiplyExact(n, 1_000L));
                    case "ms": return Duration.ofMillis(n);
                    case "s": return Duration.ofSeconds(n);
                    case "m": return Duration.ofMinutes(n);
                    default: return Duration.ofHours(n);
                }
            }
            final Duration d = Duration.parse(t);
            if (d.isNegative())
            {
                throw new ArithmeticException("negative");
            }
            return d;
        }
        catch (final DateTimeParseException | ArithmeticException | NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (250ms, 30s, 5m, 2h, PT5M or 0)");
        }
    }

    /** {@code d} the way the option takes it: {@code 5m}, {@code 30s}, {@code 250ms}. */
    public static String format(final Duration d)
    {
        if (d.toNanos() % 1_000_000 != 0 && d.compareTo(Duration.ofHours(1)) < 0)
        {
            return d.toNanos() / 1_000 + "us";
        }
        final long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0)
        {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0)
        {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 && ms > 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
