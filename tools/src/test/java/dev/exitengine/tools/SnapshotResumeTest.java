package dev.exitengine.tools;

import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resuming from snapshots as an operator meets it: a run stopped part-way resumes from its newest snapshot
 * to the uninterrupted run's decisions and state; a damaged or foreign snapshot is passed over, named, for
 * the one before it or the journal alone; the option is checked.
 */
class SnapshotResumeTest
{
    private static final String CONFIG = "{\"paper\": {\"latencyMs\": 0, \"slippageBps\": \"1\", \"acks\": true, "
        + "\"rejectRate\": 0.1, \"partialRate\": 0.3, \"seed\": 5}}";

    @Test
    void aRunStoppedPartWayResumesFromItsNewestSnapshotToTheUninterruptedRunsEnd(@TempDir final Path dir) throws Exception
    {
        final Fixture f = new Fixture(dir);
        final Console resumed = f.resume(f.cutShortRun("j"), "j.jsonl");
        assertEquals(0, resumed.exitCode, resumed.err);
        final List<Path> snapshots = snapshots(f.journal("j"));
        assertTrue(resumed.err.contains("restored from snapshot-"), resumed.err);
        assertEquals(f.expected, Files.readAllLines(dir.resolve("j.jsonl")));
        assertEquals(ChronicleJournal.readFinalState(f.wholeJournal), ChronicleJournal.readFinalState(f.journal("j")));
        assertTrue(snapshots.size() <= JournalSnapshots.KEEP, "kept " + snapshots);
        assertEquals(0, Main.execute("replay", "--journal", f.journal("j").toString(), "--verify"));
    }

    @Test
    void aDamagedNewestSnapshotIsNamedAndPassedOverForTheOneBeforeIt(@TempDir final Path dir) throws Exception
    {
        final Fixture f = new Fixture(dir);
        final Path journal = f.cutShortRunInTwo("j");
        final List<Path> before = snapshots(journal);
        assertEquals(2, before.size(), "two snapshots kept: " + before);
        flipByteInTheMiddle(before.get(0));
        // and what a process killed while writing a snapshot leaves: removed by the next run's store
        final Path torn = journal.resolve(JournalSnapshots.FOLDER).resolve("snapshot-00000000000000009000.tmp");
        Files.write(torn, new byte[100]);
        final Console resumed = f.resume(journal, "j.jsonl");
        assertEquals(0, resumed.exitCode, resumed.err);
        assertTrue(!Files.exists(torn), "a snapshot left half-written is removed");
        assertTrue(resumed.err.contains("snapshot " + before.get(0) + " is not used: it fails its checksum"), resumed.err);
        assertTrue(resumed.err.contains("restored from " + before.get(1).getFileName()), resumed.err);
        assertEquals(f.expected, Files.readAllLines(dir.resolve("j.jsonl")));
        assertEquals(ChronicleJournal.readFinalState(f.wholeJournal), ChronicleJournal.readFinalState(journal));
    }

    @Test
    void aSnapshotOfAnotherJournalIsPassedOverAndTheJournalAloneSuffices(@TempDir final Path dir) throws Exception
    {
        final Fixture f = new Fixture(dir);
        final Path journal = f.cutShortRun("j");
        // another run's snapshots (same configuration, another feed): none stands on this journal
        final Path otherFeed = dir.resolve("other.jsonl");
        RealScenario.write(otherFeed, 9_000, 3, 20, 300, Map.of());
        final Path other = dir.resolve("other-journal");
        assertEquals(0, Console.run("run", "--feed", "jsonl:" + otherFeed, "--config", f.config.toString(), "--journal",
            other.toString(), "--snapshot-every", "1500", "--quiet").exitCode);
        for (final Path s : snapshots(journal))
        {
            Files.delete(s);
        }
        for (final Path s : snapshots(other))
        {
            Files.copy(s, journal.resolve(JournalSnapshots.FOLDER).resolve(s.getFileName()));
        }
        final Console resumed = f.resume(journal, "j.jsonl");
        assertEquals(0, resumed.exitCode, resumed.err);
        assertTrue(resumed.err.contains("is not used: it was taken on another journal")
            || resumed.err.contains("is not used: it holds input #"), resumed.err);
        assertTrue(!resumed.err.contains("restored from"), resumed.err);
        assertEquals(f.expected, Files.readAllLines(dir.resolve("j.jsonl")));
        assertEquals(ChronicleJournal.readFinalState(f.wholeJournal), ChronicleJournal.readFinalState(journal));
    }

    @Test
    void snapshotEveryIsChecked(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 500, 2, 100, 20, Map.of());
        final Console bad = Console.run("run", "--feed", "jsonl:" + feed, "--snapshot-every", "-5", "--quiet");
        assertEquals(2, bad.exitCode);
        assertEquals("--snapshot-every: must be 0 (never) or a number of inputs, was -5", bad.err.strip());
        final Path journal = dir.resolve("j");
        assertEquals(0, Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--snapshot-every", "0",
            "--quiet").exitCode);
        assertEquals(List.of(), snapshots(journal));
    }

    /** A scenario, its uninterrupted run, and runs of its first part to resume. */
    private static final class Fixture
    {
        final Path dir;
        final Path feed;
        final Path config;
        final Path wholeJournal;
        final List<String> expected;

        Fixture(final Path dir) throws Exception
        {
            this.dir = dir;
            feed = dir.resolve("feed.jsonl");
            RealScenario.write(feed, 12_000, 5, 30, 400, Map.of());
            config = dir.resolve("config.json");
            Files.writeString(config, CONFIG);
            wholeJournal = dir.resolve("whole-journal");
            final Path whole = dir.resolve("whole.jsonl");
            assertEquals(0, Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal",
                wholeJournal.toString(), "--out", whole.toString(), "--quiet").exitCode);
            expected = Files.readAllLines(whole);
            assertTrue(expected.stream().filter(l -> l.contains("\"type\":\"exit\"")).count() > 100, "the run closes positions");
        }

        Path journal(final String name)
        {
            return dir.resolve(name + "-journal");
        }

        /** The first two thirds of the feed into a journal of its own, with snapshots every 1,500 inputs. */
        Path cutShortRun(final String name) throws Exception
        {
            final List<String> lines = Files.readAllLines(feed);
            final Path part = dir.resolve(name + "-part.jsonl");
            Files.write(part, lines.subList(0, lines.size() * 2 / 3));
            final Path journal = journal(name);
            assertEquals(0, Console.run("run", "--feed", "jsonl:" + part, "--config", config.toString(), "--journal", journal.toString(),
                "--out", dir.resolve(name + ".jsonl").toString(), "--snapshot-every", "1500", "--quiet").exitCode);
            return journal;
        }

        /**
         * As {@link #cutShortRun}, in two runs (the first third, then resumed to two thirds), so that two
         * snapshots are kept whatever the disk's speed: a snapshot falling due while the last one is still
         * being written is put off, and on a slow disk a single run can end before the writer is free again;
         * each run's first due snapshot is taken (its writer starts idle) and the second run's stands after
         * the snapshot it resumed from.
         */
        Path cutShortRunInTwo(final String name) throws Exception
        {
            final List<String> lines = Files.readAllLines(feed);
            final Path first = dir.resolve(name + "-first.jsonl");
            Files.write(first, lines.subList(0, lines.size() / 3));
            final Path journal = journal(name);
            final String out = dir.resolve(name + ".jsonl").toString();
            assertEquals(0, Console.run("run", "--feed", "jsonl:" + first, "--config", config.toString(), "--journal", journal.toString(),
                "--out", out, "--snapshot-every", "1500", "--quiet").exitCode);
            final Path part = dir.resolve(name + "-part.jsonl");
            Files.write(part, lines.subList(0, lines.size() * 2 / 3));
            final Console second = Console.run("run", "--feed", "jsonl:" + part, "--config", config.toString(), "--journal",
                journal.toString(), "--out", out, "--snapshot-every", "1500", "--resume");
            assertEquals(0, second.exitCode, second.err);
            return journal;
        }

        Console resume(final Path journal, final String out) throws Exception
        {
            return Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(),
                "--out", dir.resolve(out).toString(), "--snapshot-every", "1500", "--resume");
        }
    }

    private static List<Path> snapshots(final Path journal) throws Exception
    {
        final Path folder = journal.resolve(JournalSnapshots.FOLDER);
        if (!Files.isDirectory(folder))
        {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder))
        {
            return s.filter(p -> p.toString().endsWith(".snap")).sorted(java.util.Comparator.reverseOrder()).toList();
        }
    }

    private static void flipByteInTheMiddle(final Path file) throws Exception
    {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            final long at = f.length() / 2;
            f.seek(at);
            final int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5A);
        }
    }
}
