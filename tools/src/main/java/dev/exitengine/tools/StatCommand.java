package dev.exitengine.tools;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.tools.live.LiveFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code stat}: a running engine's counters, read from their memory-mapped file in another process
 * (like Aeron's {@code AeronStat}), so the engine's threads are never touched. Refreshes in place on a
 * terminal, prints whole blocks elsewhere; {@code --once} prints once.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Print a running engine's counters from its memory-mapped counters file, every interval or --once.")
public final class StatCommand implements Callable<Integer>
{
    /** Clears a terminal and puts the cursor home (ANSI), so each block is drawn over the last. */
    private static final String REDRAW = "\033[H\033[2J";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--journal", paramLabel = "DIR", description = "the live process's journal folder (its counters are DIR/"
        + LiveFiles.COUNTERS_FILE + ")")
    Path journal;

    @Option(names = "--counters", paramLabel = "FILE", description = "the counters file itself (instead of --journal)")
    Path counters;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "refresh every MS milliseconds (default 1000)")
    long interval;

    @Option(names = "--once", description = "print once and exit")
    boolean once;

    @Override
    public Integer call() throws InterruptedException
    {
        final Path file = counters != null ? counters : journal != null ? journal.resolve(LiveFiles.COUNTERS_FILE) : null;
        if (file == null)
        {
            System.err.println("stat: give --journal DIR or --counters FILE");
            return 2;
        }
        if (interval <= 0)
        {
            System.err.println("stat: --interval must be positive, was " + interval);
            return 2;
        }
        final boolean terminal = System.console() != null;
        while (true)
        {
            final long[] values;
            try
            {
                values = read(file);
            }
            catch (final IOException e)
            {
                System.err.println("stat: " + e.getMessage());
                return 2;
            }
            print(System.out, file, values, terminal && !once);
            if (once)
            {
                return 0;
            }
            Thread.sleep(interval);
        }
    }

    /** The counters' values now; the error names the file and what is wrong with it. */
    static long[] read(final Path file) throws IOException
    {
        try
        {
            final long size = Files.size(file);
            if (size < EngineCounters.length())
            {
                throw new IOException(file + " is not an exit-engine counters file (" + size + " bytes, "
                    + EngineCounters.length() + " expected)");
            }
            return EngineCounters.read(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new IOException("no counters file " + file + " (is the live process running with this journal?)", e);
        }
    }

    /** One block: a title line, then every counter with its value and description. */
    static void print(final PrintStream out, final Path file, final long[] values, final boolean redraw)
    {
        final StringBuilder block = new StringBuilder(4096);
        if (redraw)
        {
            block.append(REDRAW);
        }
        block.append(String.format("%s  exit-engine counters  %s%n", LocalTime.now().format(CLOCK), file));
        final Counter[] all = Counter.values();
        for (int i = 0; i < values.length; i++)
        {
            block.append(String.format("%-26s %,20d  %s%n", all[i].name(), values[i], all[i].description));
        }
        if (!redraw)
        {
            block.append(System.lineSeparator());
        }
        out.print(block);
        out.flush();
    }
}
