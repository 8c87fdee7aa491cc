package dev.exitengine.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --resume} and {@code journal check} as an operator meets them: their refusals, in one line each. */
class ResumeCommandTest
{
    @Test
    void resumeNeedsAJournalThatHoldsARunAndTheRunsOwnConfiguration(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 3_000, 5, 100, 20, Map.of());
        final Console noJournal = Console.run("run", "--feed", "jsonl:" + feed, "--resume", "--quiet");
        assertEquals(2, noJournal.exitCode);
        assertEquals("--resume: give the journal to resume with --journal DIR", noJournal.err.strip());

        final Console empty = Console.run("run", "--feed", "jsonl:" + feed, "--journal", dir.resolve("none").toString(), "--resume");
        assertEquals(2, empty.exitCode);
        assertTrue(empty.err.startsWith("--resume: ") && !empty.err.contains("\tat "), empty.err);

        final Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"paper\": {\"slippageBps\": \"2\"}}");
        final Path journal = dir.resolve("j");
        assertEquals(0, Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(),
            "--quiet").exitCode);
        final Console other = Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--resume");
        assertEquals(2, other.exitCode);
        assertTrue(other.err.contains("differs from the one journal") && other.err.contains("slippageBps=2"), other.err);
        assertEquals(1, other.err.strip().lines().count(), other.err);

        // a run that ended cleanly resumes to the same end: nothing more to read, nothing decided twice
        final Path out = dir.resolve("again.jsonl");
        final Console again = Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal",
            journal.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.out.contains("resumed: "), again.out);
        assertEquals(0, Main.execute("replay", "--journal", journal.toString(), "--verify"));
    }

    @Test
    void journalCheckPassesASoundJournalAndNamesTheDocumentOfAFlippedByte(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 3_000, 5, 100, 20, Map.of());
        final Path journal = dir.resolve("j");
        assertEquals(0, Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--quiet").exitCode);
        final Console sound = Console.run("journal", "check", journal.toString());
        assertEquals(0, sound.exitCode, sound.err);
        assertTrue(sound.out.contains("every checksum right") && sound.out.contains("stopped cleanly"), sound.out);

        // a byte in the middle of the inputs' written part
        final Path file;
        try (java.util.stream.Stream<Path> files = Files.list(journal.resolve("inputs")))
        {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] data = Files.readAllBytes(file);
        int end = data.length;
        while (end > 0 && data[end - 1] == 0)
        {
            end--;
        }
        int at = end / 2;
        while (data[at] == 0)
        {
            at++;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            f.seek(at);
            f.write(data[at] ^ 0x40);
        }
        final Console damaged = Console.run("journal", "check", journal.toString());
        assertEquals(1, damaged.exitCode);
        assertTrue(damaged.err.startsWith("check: journal " + journal + ": ")
            && (damaged.err.contains("checksum") || damaged.err.contains("damaged") || damaged.err.contains("corrupt")), damaged.err);
        assertEquals(1, damaged.err.strip().lines().count(), damaged.err);
        final Console replay = Console.run("replay", "--journal", journal.toString(), "--verify");
        assertEquals(1, replay.exitCode);
        assertFalse(replay.out.contains("verified"), replay.out);
    }
}
