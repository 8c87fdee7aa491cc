package dev.exitengine.tools;

import dev.exitengine.tools.postmortem.WhatIf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code what-if --journal DIR [--config OTHER.json] [--profile NAME=JSON]... [--chart FILE.png]}: the journal's
 * inputs through a fresh engine on other profiles or risk settings, and what changed.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true,
    description = "Re-run a journal's inputs through a fresh engine with other profiles or risk settings and report, per position "
        + "and in total, what changed: exit reason, time, price, net PnL and their sum. The settings are the journal's, with every "
        + "key --config gives and every --profile on top; the instruments stay the journal's. A close the what-if sends as the run "
        + "did is answered as journaled; a close only the what-if makes is filled by the paper venue (the journal's, with --config's "
        + "paper keys on top), and the journal's answers to closes that no longer happen are left out. With --chart, a PNG of the "
        + "two equity curves.")
public final class WhatIfCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal folder a run left")
    Path journal;

    @Option(names = "--config", paramLabel = "OTHER.json", description = "a configuration file as run --config reads it: each key it "
        + "gives replaces the journal's (risk, retry and paper key by key, profiles by name); the keys it leaves out stay the "
        + "journal's; its instruments, when given, must be the journal's")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME=JSON", description = "replaces (or adds) the profile NAME with this profile object, "
        + "in the configuration's format, e.g. usd10='{\"takeProfit\":{\"netProfit\":\"12\"},\"stopLoss\":{\"netLoss\":\"8\"}}'; "
        + "repeatable; over --config's")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--chart", paramLabel = "FILE.png", description = "also draw the two equity curves (cumulative net PnL of exits "
        + "over time, the journal's run and the what-if) into this PNG")
    Path chart;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "also write the summary as one JSON document: the totals, "
        + "the settings changed and every changed position")
    Path summary;

    @Option(names = "--all", description = "list every position, those whose outcome did not change too (change NONE)")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
        description = "table (default: the changed positions, then the summary), jsonl (one line per position whose outcome "
            + "changed) or csv (with a header)")
    OutputFormat format;

    @Override
    public Integer call() throws IOException
    {
        if (chart != null && !chart.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
        {
            System.err.println("--chart: '" + chart + "' must name a .png file");
            return 2;
        }
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        final WhatIf.Result r;
        try
        {
            r = WhatIf.run(journal, config, profiles, format, all, out, chart, summary);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            return 2;
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
        System.err.println("what-if: " + r.summary() + (chart != null ? "; chart " + chart : "")
            + (summary != null ? "; summary " + summary : ""));
        if (r.engineErrors > 0)
        {
            System.err.println("what-if: the engine counted " + r.engineErrors + " errors, the first: " + r.firstEngineError);
        }
        return 0;
    }
}
