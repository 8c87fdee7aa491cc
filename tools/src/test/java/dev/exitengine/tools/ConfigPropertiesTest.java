package dev.exitengine.tools;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration file under mutation (characters replaced, ranges cut or repeated, hostile values
 * spliced in): it loads, or it is refused with one message that names the file, never anything else (a
 * stack trace, a half-read configuration). A longer run: {@code -Djqwik.tries.default=100000}.
 */
class ConfigPropertiesTest
{
    private static final List<String> VALID = List.of(
        "{\"profiles\": [{\"name\": \"usd10\", \"takeProfit\": {\"netProfit\": \"10\"}, \"stopLoss\": {\"netLoss\": \"10\"}}],"
            + " \"defaultProfile\": \"usd10\", \"staleAfterMs\": 30000, \"maxTimeAheadMs\": 3600000}",
        "{\"instruments\": [{\"symbol\": \"BTCUSDT\", \"tickSize\": \"0.1\", \"stepSize\": \"0.001\", \"minQty\": \"0.001\","
            + " \"makerFee\": \"0.0002\", \"takerFee\": \"0.0004\"}],"
            + " \"paper\": {\"latencyMs\": 0, \"slippageBps\": \"0\", \"acks\": false, \"rejectRate\": 0, \"partialRate\": 0, \"seed\": 1}}",
        "{\"risk\": {\"maxPositionsPerAccount\": 10, \"capitalPerAccount\": \"10000\", \"maxDrawdown\": \"500\"},"
            + " \"venue\": {\"wsUrl\": \"wss://fstream.binance.com\", \"restUrl\": \"https://fapi.binance.com\", \"symbols\": [\"BTCUSDT\"],"
            + " \"streams\": [\"aggTrade\", \"bookTicker\"], \"dryRun\": true}, \"admin\": {\"port\": 8787}}");

    private static final List<String> HOSTILE = List.of("99999999999999999999", "-1", "1e400", "null", "true", "\"\"", "{}", "[]",
        "\u0000", "\"x\"", ",", ":", "{", "}", "[", "]", "\"10\",\"netLoss\":\"10\"", "0.000000001", "NaN");

    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException
    {
        dir = Files.createTempDirectory("config-properties-");
    }

    @AfterContainer
    static void clean() throws IOException
    {
        try (java.util.stream.Stream<Path> files = Files.list(dir))
        {
            for (final Path f : files.toList())
            {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 1500)
    void aConfigurationLoadsOrIsRefusedInOneMessageNamingTheFile(@ForAll("mutatedConfigs") final String text) throws IOException
    {
        final Path file = dir.resolve("config.json");
        Files.writeString(file, text);
        try
        {
            ConfigFile.load(file);
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            assertTrue(message != null && message.startsWith(file.toString()), "names the file: " + message);
            assertFalse(message.contains("\tat ") || message.contains("Exception:"), "no internals: " + message);
        }
    }

    @Provide
    Arbitrary<String> mutatedConfigs()
    {
        final Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(5));
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 10_000), hostile).as(ConfigPropertiesTest::mutate).edgeCases(c -> VALID.forEach(c::add));
    }

    private static String mutate(final String text, final int kind, final int a, final int b, final String splice)
    {
        final int n = text.length();
        final int from = a % (n + 1);
        final int to = Math.min(n, from + b % 24);
        switch (kind)
        {
            case 0:
                return from < n ? text.substring(0, from) + (splice.isEmpty() ? "x" : splice.substring(0, 1)) + text.substring(from + 1) : text;
            case 1:
                return text.substring(0, from) + text.substring(to);
            case 2:
                return text.substring(0, to) + text.substring(from, to) + text.substring(to);
            case 3:
                return text.substring(0, from);
            case 4:
                return text.substring(0, from) + splice + text.substring(from);
            default:
                return text.substring(0, from) + splice + text.substring(to);
        }
    }
}
