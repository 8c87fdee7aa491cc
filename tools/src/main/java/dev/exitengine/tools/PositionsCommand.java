package dev.exitengine.tools;

import dev.exitengine.tools.postmortem.PositionsAt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code positions --journal DIR --at TIME}: every position open at that moment, by replaying the journal to it
 * (from the newest snapshot before it when the journal has one).
 */
@Command(name = "positions", mixinStandardHelpOptions = true,
    description = "The positions open at a moment of a journaled run: quantity, entry, levels, rule state and unrealized net PnL "
        + "at that moment's prices, by replaying the journal to it.")
public final class PositionsCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal folder a run left")
    Path journal;

    @Option(names = "--at", required = true, paramLabel = "TIME", converter = TimeOption.class,
        description = "the moment: every input with an event time up to it, included, is replayed; epoch ms or ISO-8601")
    Long at;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol's positions")
    String symbol;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "only this account's positions")
    String account;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
        description = "table (default), jsonl (one position a line) or csv (with a header)")
    OutputFormat format;

    @Override
    public Integer call() throws IOException
    {
        final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        final PositionsAt.Result r;
        try
        {
            r = PositionsAt.run(journal, at, symbol, account, format, out);
        }
        catch (final IOException ex)
        {
            System.err.println("--journal: " + ex.getMessage());
            return 2;
        }
        System.err.printf("positions: %,d open at %s (after input #%,d; %,d inputs replayed%s in %.2f s)%n", r.positions,
            TimeOption.format(at), r.lastSeq, r.replayed, r.fromSnapshot > 0 ? String.format(" from the snapshot of input #%,d",
                r.fromSnapshot) : "", r.elapsedNanos / 1e9);
        return 0;
    }
}
