package dev.exitengine.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartTest
{
    private static final String INSTRUMENT =
        "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}";

    @Test
    void aForcedUnwindSurvivesARestartAndClosesWhatTheExchangeStillHolds(@TempDir final Path dir) throws Exception
    {
        final Path state = dir.resolve("state");
        // run 1: a1 and a2 hold positions; the operator turns forced unwind on for a1; the engine stops
        // before the venue answers (gateway none), as if it had been killed in the middle of the unwind
        final Path first = dir.resolve("first.jsonl");
        Files.write(first, List.of(INSTRUMENT,
            "{\"type\":\"fill\",\"ts\":1000,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"50000\",\"orderId\":\"e1\"}",
            "{\"type\":\"fill\",\"ts\":1001,\"account\":\"a2\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.02\",\"price\":\"50000\",\"orderId\":\"e2\"}",
            "{\"type\":\"trade\",\"ts\":1002,\"symbol\":\"BTCUSDT\",\"price\":\"50010\",\"qty\":\"0.001\"}",
            "{\"type\":\"command\",\"ts\":1003,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":true}"));
        final Path out1 = dir.resolve("out1.jsonl");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + first, "--gateway", "none", "--out", out1.toString(),
            "--journal", dir.resolve("j1").toString(), "--state", state.toString(), "--quiet"));
        assertEquals(1, lines(out1, "\"type\":\"close\"").size());

        // run 2: a fresh engine bootstraps from the exchange's snapshot; nobody repeats the command
        final Path second = dir.resolve("second.jsonl");
        Files.write(second, List.of(INSTRUMENT,
            "{\"type\":\"snapshot\",\"ts\":2000,\"account\":\"a1\",\"positions\":[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\",\"qty\":\"0.01\",\"entryPrice\":\"50000\"}]}",
            "{\"type\":\"snapshot\",\"ts\":2000,\"account\":\"a2\",\"positions\":[{\"symbol\":\"BTCUSDT\",\"positionSide\":\"BOTH\",\"qty\":\"0.02\",\"entryPrice\":\"50000\"}]}",
            "{\"type\":\"trade\",\"ts\":2001,\"symbol\":\"BTCUSDT\",\"price\":\"50020\",\"qty\":\"0.001\"}",
            "{\"type\":\"trade\",\"ts\":2002,\"symbol\":\"BTCUSDT\",\"price\":\"50030\",\"qty\":\"0.001\"}"));
        final Path out2 = dir.resolve("out2.jsonl");
        final Path journal2 = dir.resolve("j2");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + second, "--gateway", "paper", "--out", out2.toString(),
            "--journal", journal2.toString(), "--state", state.toString(), "--quiet"));
        final List<String> closes = lines(out2, "\"type\":\"close\"");
        assertEquals(1, closes.size(), closes.toString());
        assertTrue(closes.get(0).contains("\"account\":\"a1\"") && closes.get(0).contains("\"reason\":\"FORCED_UNWIND\""), closes.get(0));
        final List<String> exits = lines(out2, "\"type\":\"exit\"");
        assertEquals(1, exits.size());
        assertTrue(exits.get(0).contains("\"account\":\"a1\""));
        // the restored command is an input like any other: the replay reproduces the unwind
        assertEquals(0, Main.execute("replay", "--journal", journal2.toString(), "--verify"));
    }

    private static List<String> lines(final Path file, final String containing) throws Exception
    {
        return Files.readAllLines(file).stream().filter(l -> l.contains(containing)).collect(Collectors.toList());
    }
}
