package dev.exitengine.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The configuration file's refusals: one line naming the file and the key. */
class ConfigFileTest
{
    @TempDir
    Path dir;

    private String refusal(final String json) throws IOException
    {
        final Path file = dir.resolve("engine.json");
        Files.writeString(file, json);
        return assertThrows(IllegalArgumentException.class, () -> ConfigFile.load(file)).getMessage()
            .replace(file.toString(), "FILE");
    }

    @Test
    void aDecimalTooLargeForFixedPointIsRefusedNamingTheKey() throws IOException
    {
        assertEquals("FILE: risk.capitalPerAccount: decimal too large: '12345678901234567890'",
            refusal("{\"risk\": {\"capitalPerAccount\": \"12345678901234567890\"}}"));
        assertEquals("FILE: paper.slippageBps: decimal too large: '1234567890123456789'",
            refusal("{\"paper\": {\"slippageBps\": 1234567890123456789}}"));
        assertEquals("FILE: instruments[1].tickSize: decimal too large: '99999999999999999999'",
            refusal("{\"instruments\": [{\"symbol\": \"BTCUSDT\", \"tickSize\": \"0.1\", \"stepSize\": \"0.001\"},"
                + " {\"symbol\": \"ETHUSDT\", \"tickSize\": \"99999999999999999999\", \"stepSize\": \"0.001\"}]}"));
        assertEquals("FILE: profiles: profile 'p': stopLoss.netLoss: decimal too large: '12345678901234567890'",
            refusal("{\"profiles\": [{\"name\": \"p\", \"stopLoss\": {\"netLoss\": \"12345678901234567890\"}}]}"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingTheKeyAndItsLine() throws IOException
    {
        assertEquals("FILE: ringSize: given twice (line 3)", refusal("{\"ringSize\": 1024,\n \"wait\": \"YIELDING\",\n \"ringSize\": 2}"));
        assertEquals("FILE: risk.maxDrawdown: given twice (line 1)",
            refusal("{\"risk\": {\"maxDrawdown\": \"100\", \"maxDrawdown\": \"1\"}}"));
        assertEquals("FILE: profiles[1].stopLoss.pct: given twice (line 2)",
            refusal("{\"profiles\": [{\"name\": \"a\", \"stopLoss\": {\"pct\": \"1\"}},\n {\"name\": \"b\", \"stopLoss\":"
                + " {\"pct\": \"1\", \"pct\": \"50\"}}]}"));
        assertEquals("FILE: instruments[0].tickSize: given twice (line 1)",
            refusal("{\"instruments\": [{\"symbol\": \"BTCUSDT\", \"tickSize\": \"0.1\", \"tickSize\": \"100\"}]}"));
    }

    @Test
    void maxTimeAheadMsIsReadAndValidated() throws IOException
    {
        final Path file = dir.resolve("ahead.json");
        Files.writeString(file, "{\"maxTimeAheadMs\": 60000}");
        assertEquals(60_000, ConfigFile.load(file).engine.maxTimeAheadMs);
        assertEquals(3_600_000, new ConfigFile().engine.maxTimeAheadMs, "one hour unless configured");
        assertEquals("FILE: maxTimeAheadMs: must be positive, was -1", refusal("{\"maxTimeAheadMs\": -1}"));
    }
}
