package dev.exitengine.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Finds the real market data in {@code shared/data} (and the specification in {@code shared/docs}) by
 * walking up from the working directory; tests that need it are skipped where it does not exist (it lives
 * on development and CI machines only). Shared by every module's tests through engine-core's test jar.
 */
public final class SharedData
{
    private SharedData()
    {
    }

    public static Path binanceUm()
    {
        final Path dir = find("shared/data/binance-um");
        assumeTrue(dir != null, "no shared/data/binance-um above " + Path.of("").toAbsolutePath());
        return dir;
    }

    /** The real trades of BTCUSDT on Binance USDⓈ-M, 2024-08-08 23:54-24:00 UTC (21,313 rows). */
    public static Path btcusdtTrades()
    {
        return binanceUm().resolve("BTCUSDT-2024-08-08-trades.csv");
    }

    public static Path docs()
    {
        final Path dir = find("shared/docs");
        assumeTrue(dir != null, "no shared/docs above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static Path find(final String relative)
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve(relative);
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
