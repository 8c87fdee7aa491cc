package dev.exitengine.tools;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.tools.live.LiveFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code stat}: the counters another process maps, printed with their descriptions; a bad file is one line, exit 2. */
class StatCommandTest
{
    @TempDir
    Path journal;

    @Test
    void onceShowsEveryCounterOfTheMappedFileWithItsDescription() throws IOException
    {
        final EngineCounters counters = EngineCounters.mapped(journal.resolve(LiveFiles.COUNTERS_FILE));
        counters.add(Counter.TICKS, 1_234_567);
        counters.set(Counter.POSITIONS_TRACKED, 18);
        counters.incrementExit(ExitReason.STOP_LOSS);
        final Console c = Console.run("stat", "--journal", journal.toString(), "--once");
        assertEquals(0, c.exitCode, c.toString());
        final String title = c.out.lines().findFirst().orElse("");
        assertTrue(title.endsWith("exit-engine counters  " + journal.resolve(LiveFiles.COUNTERS_FILE)), title);
        assertEquals(Counter.values().length, c.out.lines().count() - 2, "a title, a line per counter, a blank line: " + c.out);
        assertTrue(c.out.contains(String.format("%-26s %20s  %s%n", "TICKS", "1,234,567", Counter.TICKS.description)), c.out);
        assertTrue(c.out.contains(String.format("%-26s %20s  %s%n", "POSITIONS_TRACKED", "18", Counter.POSITIONS_TRACKED.description)));
        assertTrue(c.out.contains(String.format("%-26s %20s  %s%n", "EXITS_STOP_LOSS", "1", "exits by STOP_LOSS")));
        assertTrue(c.out.contains(String.format("%-26s %20s  %s%n", "LAST_EVENT_TS", "0", Counter.LAST_EVENT_TS.description)));
        assertEquals("", c.err);
    }

    @Test
    void aCountersFileCanBeNamedDirectly() throws IOException
    {
        final Path file = journal.resolve("elsewhere");
        EngineCounters.mapped(file).add(Counter.EVENTS, 42);
        final Console c = Console.run("stat", "--counters", file.toString(), "--once");
        assertEquals(0, c.exitCode, c.toString());
        assertTrue(c.out.contains(String.format("%-26s %20s  ", "EVENTS", "42")), c.out);
    }

    @Test
    void aMissingFileIsExit2WithOneLineNamingIt()
    {
        final Console c = Console.run("stat", "--journal", journal.toString(), "--once");
        assertEquals(2, c.exitCode, c.toString());
        assertEquals(1, c.err.lines().count(), c.err);
        assertTrue(c.err.startsWith("stat: no counters file " + journal.resolve(LiveFiles.COUNTERS_FILE)), c.err);
        assertEquals("", c.out);
    }

    @Test
    void aFileThatIsNotCountersIsExit2NamingIt() throws IOException
    {
        final Path shortFile = Files.writeString(journal.resolve("short"), "{\"type\":\"timer\"}\n");
        final Console tooShort = Console.run("stat", "--counters", shortFile.toString(), "--once");
        assertEquals(2, tooShort.exitCode, tooShort.toString());
        assertTrue(tooShort.err.startsWith("stat: " + shortFile + " is not an exit-engine counters file"), tooShort.err);

        final Path wrongMagic = Files.write(journal.resolve("zeros"), new byte[EngineCounters.length()]);
        final Console zeros = Console.run("stat", "--counters", wrongMagic.toString(), "--once");
        assertEquals(2, zeros.exitCode, zeros.toString());
        assertEquals("stat: " + wrongMagic + " is not an exit-engine counters file", zeros.err.strip());
    }

    @Test
    void withoutAFileToReadItSaysWhatToGive()
    {
        final Console c = Console.run("stat", "--once");
        assertEquals(2, c.exitCode);
        assertEquals("stat: give --journal DIR or --counters FILE", c.err.strip());
    }

    @Test
    void theRootHelpListsStat()
    {
        assertTrue(Console.run("--help").out.contains("\n  stat "));
    }
}
