package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same inputs give the same decisions, byte for byte: run after run, under every thread layout and
 * wait strategy, and when a journal is replayed. The input is 1,500 real BTCUSDT trades of 2024-08-08
 * (from the 2,001st) with 30 entries, 15 of which exit (kept short: a lockstep run with a thread per
 * handler and blocking waits can cost a millisecond an event on a busy two-core machine).
 */
class DeterminismTest
{
    @TempDir
    static Path dir;

    static RealScenario scenario;
    static byte[] reference;
    static Path referenceJournal;

    @BeforeAll
    static void runOnce() throws Exception
    {
        scenario = RealScenario.write(dir.resolve("real-btcusdt-slice.jsonl"), 2_000, 1_500, 20, 45, 30, Map.of());
        referenceJournal = dir.resolve("journal-reference");
        reference = run("reference", referenceJournal);
    }

    static byte[] run(final String name, final Path journal, final String... options) throws IOException
    {
        final Path out = dir.resolve(name + ".jsonl");
        final List<String> args = new java.util.ArrayList<>(List.of("run", "--feed", "jsonl:" + scenario.file, "--gateway", "paper",
            "--out", out.toString(), "--journal", journal.toString(), "--quiet"));
        args.addAll(List.of(options));
        final Console c = Console.run(args.toArray(new String[0]));
        assertEquals(0, c.exitCode, c.toString());
        return Files.readAllBytes(out);
    }

    @Test
    void theReferenceRunDecidesWhatTheReferenceModelDecides() throws IOException
    {
        final List<Map<String, String>> decisions = DecisionLines.read(dir.resolve("reference.jsonl"));
        DecisionLines.assertMatch(scenario.model.lines(), decisions);
        assertEquals(30, DecisionLines.count(decisions, "levels", null));
        assertEquals(15, DecisionLines.count(decisions, "exit", null), "exits to compare across runs");
    }

    @Test
    void theSameInputRunTwiceWritesByteIdenticalDecisions() throws IOException
    {
        assertArrayEquals(reference, run("again", dir.resolve("journal-again")));
    }

    @Test
    void aThreadPerHandlerLayoutWithBlockingWaitsWritesTheSameDecisions() throws IOException
    {
        assertArrayEquals(reference, run("per-handler-blocking", dir.resolve("journal-per-handler"), "--layout", "THREAD_PER_HANDLER",
            "--wait", "BLOCKING"));
    }

    @Test
    void aSingleThreadLayoutWithYieldingWaitsWritesTheSameDecisions() throws IOException
    {
        assertArrayEquals(reference, run("single-yielding", dir.resolve("journal-single"), "--layout", "SINGLE_THREAD",
            "--wait", "YIELDING"));
    }

    @Test
    void replayingTheJournalReproducesTheRunsDecisionsFileByteForByte() throws IOException
    {
        final Path replayed = dir.resolve("replayed.jsonl");
        final Console c = Console.run("replay", "--journal", referenceJournal.toString(), "--verify", "--out", replayed.toString());
        assertEquals(0, c.exitCode, c.toString());
        assertArrayEquals(reference, Files.readAllBytes(replayed));
    }
}
