package dev.exitengine.tools;

import dev.exitengine.tools.postmortem.Explain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code explain --journal DIR --position ID [--chart FILE.png]}: one position's life from a journal, as a timeline. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "One position's whole life from a journal: entry fills, every level armed and moved with the rule and the net "
        + "behind it, the market's nearest approach to each, the trigger, the close and the venue's answers, the fill, slippage "
        + "and net PnL against the promise; with --chart, a PNG of the price path with the levels, entry, trigger and exit.")
public final class ExplainCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal folder a run left")
    Path journal;

    @Option(names = "--position", required = true, paramLabel = "ID", description = "the position id (decisions' positionId)")
    long position;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "also draw the position's price path and levels into this PNG")
    Path chart;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
        description = "table (default), jsonl (one timeline entry a line) or csv (with a header)")
    OutputFormat format;

    @Override
    public Integer call() throws IOException
    {
        if (chart != null && !chart.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
        {
            System.err.println("--chart: '" + chart + "' must name a .png file");
            return 2;
        }
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        final Explain.Result r;
        try
        {
            r = Explain.run(journal, position, format, out, chart);
        }
        catch (final java.nio.file.NoSuchFileException ex)
        {
            System.err.println("--journal: " + ex.getMessage() + " does not exist");
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("--journal: " + ex.getMessage());
            return 2;
        }
        if (!r.found)
        {
            System.err.println("--position: position " + position + " has no decisions in the journal " + journal);
            return 2;
        }
        System.err.printf("explain: %s; %,d inputs replayed in %.2f s%s%n", r.summary, r.replayed, r.elapsedNanos / 1e9,
            chart != null ? "; chart " + chart : "");
        return 0;
    }
}
