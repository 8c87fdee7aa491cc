package dev.exitengine.tools;

import dev.exitengine.journal.ChronicleJournal;
import dev.exitengine.journal.JournalSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill -9 harness: the CLI as a subprocess over the real BTCUSDT trades of 2024-08-08 with 600 entries
 * and a paper venue that acknowledges, rejects one order in ten and fills a third of them in parts (all
 * from a seed), killed with SIGKILL at random points again and again, each time resumed with
 * {@code --resume}: at the end the decisions are byte for byte the uninterrupted run's (no close lost,
 * none doubled, every exit's PnL the same), the final state hash is equal, and the journal verifies.
 */
class KillResumeTest
{
    private static final String CONFIG = "{\"paper\": {\"latencyMs\": 0, \"slippageBps\": \"1\", \"acks\": true, "
        + "\"rejectRate\": 0.1, \"partialRate\": 0.3, \"seed\": 11}}";

    @Test
    void aRunKilledAtRandomPointsAndResumedEachTimeDecidesExactlyWhatAnUninterruptedRunDecides(@TempDir final Path dir)
        throws Exception
    {
        killAndResume(dir, 20261203L, false);
    }

    /**
     * The same with a snapshot every 2,000 inputs: each resume restores the newest snapshot on disk as it starts
     * (the paper venue's waiting orders and random state with it) and re-reads only the journal after it.
     */
    @Test
    void killedAndResumedFromSnapshotsItDecidesExactlyWhatAnUninterruptedRunDecides(@TempDir final Path dir) throws Exception
    {
        killAndResume(dir, 7L, true);
    }

    private static void killAndResume(final Path dir, final long seed, final boolean snapshots) throws Exception
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 21_000, 5, 30, 600, Map.of());
        final Path config = dir.resolve("config.json");
        Files.writeString(config, CONFIG);

        final Path whole = dir.resolve("whole.jsonl");
        final Path wholeJournal = dir.resolve("whole-journal");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal",
            wholeJournal.toString(), "--out", whole.toString(), "--quiet"));
        final List<String> expected = Files.readAllLines(whole);
        assertTrue(expected.stream().filter(l -> l.contains("\"type\":\"exit\"")).count() > 300, "the run closes positions");

        final Path out = dir.resolve("killed.jsonl");
        final Path journal = dir.resolve("killed-journal");
        final SplittableRandom random = new SplittableRandom(seed);
        int kills = 0;
        int runs = 0;
        boolean finished = false;
        while (!finished)
        {
            final boolean resume = runs++ > 0;
            // kill once the decisions file reaches a random line beyond where the last run got to (a resume writes it
            // again from its start): each kill lands deeper in the run; after eight, the run may finish
            final int reached = Files.exists(out) ? Files.readAllLines(out).size() : 0;
            final int target = kills < 8 ? reached + 1 + random.nextInt(Math.max(1, (expected.size() - reached) / 3)) : Integer.MAX_VALUE;
            // the newest snapshot on disk as this run starts: a resume must restore exactly that one
            final Path newest = snapshots ? newestSnapshot(journal) : null;
            final Path log = dir.resolve("run-" + runs + ".log");
            final Process p = start(feed, config, journal, out, resume, log, snapshots);
            final boolean killed = killAt(p, out, target, snapshots ? journal : null);
            final String said = Files.readString(log);
            if (newest != null && said.contains("journaled inputs re-read in"))
            {
                // (a run killed while it re-emitted the journal's decisions, before saying how it resumed, is passed over)
                assertTrue(said.contains("restored from " + newest.getFileName()), "run " + runs + " restores " + newest + ":\n" + said);
            }
            if (killed)
            {
                kills++;
            }
            else
            {
                final int code = p.exitValue();
                assertEquals(0, code, "run " + runs + " exit code; its output: " + Files.readString(dir.resolve("run-" + runs + ".log")));
                finished = true;
            }
        }
        assertTrue(kills >= 5, "killed " + kills + " times");
        final List<String> decided = Files.readAllLines(out);
        assertEquals(expected.size(), decided.size(), "decisions after " + kills + " kills");
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), decided.get(i), "decision line " + (i + 1) + " after " + kills + " kills");
        }
        assertEquals(ChronicleJournal.readFinalState(wholeJournal), ChronicleJournal.readFinalState(journal), "final state hash");
        assertEquals(0, Main.execute("replay", "--journal", journal.toString(), "--verify"));
        final String lastLog = Files.readString(dir.resolve("run-" + runs + ".log"));
        assertTrue(lastLog.contains("resumed: "), lastLog);
        if (snapshots)
        {
            int restored = 0;
            final StringBuilder logs = new StringBuilder();
            for (int i = 2; i <= runs; i++)
            {
                final String log = Files.readString(dir.resolve("run-" + i + ".log"));
                restored += log.contains("restored from snapshot-") ? 1 : 0;
                logs.append("run ").append(i).append(": ").append(log.lines().filter(l -> l.contains("snapshot") || l.startsWith("resume"))
                    .toList()).append('\n');
            }
            // every resume with a snapshot on disk restored the newest (checked run by run above)
            assertTrue(restored >= 1, restored + " of " + (runs - 1) + " resumes restored a snapshot:\n" + logs);
        }
    }

    @Test
    void aTornLastDocumentIsInvisibleToTheReReadAndOverwrittenByTheResumedRun(@TempDir final Path dir) throws Exception
    {
        final Path feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 6_000, 5, 40, 100, Map.of());
        final Path whole = dir.resolve("whole.jsonl");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + feed, "--journal", dir.resolve("whole-journal").toString(), "--out",
            whole.toString(), "--quiet"));
        // a run that stops part-way (the feed cut short), then a process that dies inside its next document
        final List<String> lines = Files.readAllLines(feed);
        final Path part = dir.resolve("part.jsonl");
        Files.write(part, lines.subList(0, lines.size() / 2));
        final Path journal = dir.resolve("journal");
        final Path out = dir.resolve("out.jsonl");
        assertEquals(0, Main.execute("run", "--feed", "jsonl:" + part, "--journal", journal.toString(), "--out", out.toString(), "--quiet"));
        Files.delete(journal.resolve(ChronicleJournal.FINAL_STATE));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TornDocumentWriter.class.getName(), journal.toString()));
        final Process torn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("torn.log").toFile()).start();
        assertTrue(torn.waitFor(60, TimeUnit.SECONDS));
        assertEquals(9, torn.exitValue(), Files.readString(dir.resolve("torn.log")));
        // the whole feed, resumed: the half-written document is not read, the next append writes over it
        final long start = System.nanoTime();
        final Console resumed = Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--out", out.toString(),
            "--resume", "--quiet");
        assertEquals(0, resumed.exitCode, resumed.err);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "no wait on the torn header");
        assertTrue(resumed.err.contains("resume: the journaled run died without a clean stop; input #")
            && resumed.err.contains("is the last it holds whole (a document the process died writing is not read"), resumed.err);
        assertEquals(Files.readAllLines(whole), Files.readAllLines(out));
        assertEquals(ChronicleJournal.readFinalState(dir.resolve("whole-journal")), ChronicleJournal.readFinalState(journal));
        assertEquals(0, Main.execute("replay", "--journal", journal.toString(), "--verify"));
        assertEquals(0, Main.execute("journal", "check", journal.toString()));
    }

    private static Process start(final Path feed, final Path config, final Path journal, final Path out, final boolean resume,
        final Path log, final boolean snapshots) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-") || a.startsWith("-D")).toList());
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--feed",
            "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(), "--out", out.toString()));
        if (resume)
        {
            command.add("--resume");
        }
        if (snapshots)
        {
            command.addAll(List.of("--snapshot-every", "2000"));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * SIGKILL once {@code out} holds {@code lines} lines; false when the process ended first. Given a journal, not while a
     * snapshot of it is being written (its temporary file is there): on a disk whose writes take 100 ms, every run was
     * killed with its first snapshot still in the writer's hands, and no resume had one to restore.
     */
    private static boolean killAt(final Process p, final Path out, final int lines, final Path snapshotsOf) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline)
        {
            if (Files.exists(out) && countLines(out) >= lines && (snapshotsOf == null || !snapshotBeingWritten(snapshotsOf)))
            {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(2);
        }
        p.waitFor(30, TimeUnit.SECONDS);
        return false;
    }

    /** Whether a snapshot of the journal is being written (the writer's temporary file is there). */
    private static boolean snapshotBeingWritten(final Path journal) throws IOException
    {
        final Path folder = journal.resolve(JournalSnapshots.FOLDER);
        if (!Files.isDirectory(folder))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(folder))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    /** The journal's newest snapshot file, or null. */
    private static Path newestSnapshot(final Path journal) throws IOException
    {
        final Path folder = journal.resolve(JournalSnapshots.FOLDER);
        if (!Files.isDirectory(folder))
        {
            return null;
        }
        try (Stream<Path> files = Files.list(folder))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(".snap")).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private static int countLines(final Path file) throws IOException
    {
        int n = 0;
        for (final byte b : Files.readAllBytes(file))
        {
            if (b == '\n')
            {
                n++;
            }
        }
        return n;
    }
}
