package dev.exitengine.tools;

import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EventType;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.tools.inspect.EventFilter;
import dev.exitengine.tools.inspect.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code inspect}: a journal's inputs and decisions in journal order (each input, then the decisions it caused),
 * filtered by time, kind, symbol, account or position, as a table, JSON Lines or CSV. Streams: a journal of any
 * length is read in one pass with constant memory; a progress bar shows on a terminal's stderr.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a journal's inputs and decisions in journal order (each input, then the decisions it caused), filtered; "
        + "as a table, JSON Lines or CSV.")
public final class InspectCommand implements Callable<Integer>
{
    static final int BAD_USAGE = 2;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal folder a run left")
    Path journal;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeOption.class,
        description = "from this event time on, included: epoch ms or ISO-8601 (2024-08-08T23:55:00Z; no offset = UTC)")
    Long from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeOption.class, description = "up to this event time, included")
    Long to;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol's inputs and decisions")
    String symbol;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "only this account's inputs and decisions")
    String account;

    @Option(names = "--position", paramLabel = "ID", description = "only this position: its decisions, the inputs that caused "
        + "them (fills, ticks that moved or triggered its levels, commands) and the venue answers to its closes (xe-ID-n)")
    Long position;

    @Option(names = "--type", paramLabel = "KINDS", split = ",", description = "only these kinds, comma-separated: inputs "
        + "(INSTRUMENT, PROFILE, TRADE, QUOTE, MARK, FILL, COMMAND, TIMER, ORDER_ACK, ORDER_REJECT, ORDER_FILL, ORDER_EXPIRED, "
        + "POSITION_SNAPSHOT) and decisions (LEVELS, CLOSE, EXIT, REJECTED, QUARANTINE, RECONCILE, CLOSE_FAILED, RISK)")
    List<String> types;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TABLE",
        description = "table (default: aligned columns), jsonl (the JSON Lines of events and decisions) or csv (with a header)")
    OutputFormat format;

    @Override
    public Integer call() throws IOException
    {
        final EventFilter filter = new EventFilter().symbol(symbol).account(account);
        if (from != null && to != null && from > to)
        {
            return badUsage("--from " + TimeOption.format(from) + " is after --to " + TimeOption.format(to));
        }
        filter.between(from, to);
        if (position != null)
        {
            if (position < 0)
            {
                return badUsage("--position: a position id is 0 or more, was " + position);
            }
            filter.position(position);
        }
        if (types != null)
        {
            final Set<EventType> inputs = EnumSet.noneOf(EventType.class);
            final Set<DecisionType> decisions = EnumSet.noneOf(DecisionType.class);
            for (final String t : types)
            {
                final String name = t.strip().toUpperCase(Locale.ROOT);
                if (isOneOf(EventType.values(), name))
                {
                    inputs.add(EventType.valueOf(name));
                }
                else if (isOneOf(DecisionType.values(), name))
                {
                    decisions.add(DecisionType.valueOf(name));
                }
                else
                {
                    return badUsage("--type: unknown kind '" + t + "' (inputs: " + names(EventType.values()) + "; decisions: "
                        + names(DecisionType.values()) + ")");
                }
            }
            filter.types(inputs, decisions);
        }
        final JournalReader reader;
        try
        {
            reader = JournalReader.open(journal);
        }
        catch (final IOException ex)
        {
            return badUsage("--journal: " + ex.getMessage());
        }
        final PrintStream stdout = System.out;
        final Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        final Inspection inspection = new Inspection(filter, format, out);
        final boolean bar = Progress.stderrIsTerminal();
        try (reader)
        {
            final long documents = bar ? reader.inputDocumentCount() : 0;
            inspection.run(reader, () ->
            {
                if (bar)
                {
                    Progress.bar(System.err, reader.inputDocuments(), documents,
                        String.format("%,d inputs read, %,d rows", inspection.inputs(), inspection.rows()));
                }
            }, stdout::checkError);
        }
        finally
        {
            Progress.done(System.err);
        }
        System.err.printf("inspect: %,d rows of %,d inputs and %,d decisions in %s%n", inspection.rows(), inspection.inputs(),
            inspection.decisions(), journal);
        return 0;
    }

    private static boolean isOneOf(final Enum<?>[] values, final String name)
    {
        return Arrays.stream(values).anyMatch(v -> v.name().equals(name));
    }

    private static String names(final Enum<?>[] values)
    {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static int badUsage(final String message)
    {
        System.err.println("inspect: " + message);
        return BAD_USAGE;
    }
}
