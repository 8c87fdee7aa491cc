package dev.exitengine.tools.postmortem;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.gateway.PaperGateway;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.tools.OutputFormat;
import dev.exitengine.tools.TimeOption;
import dev.exitengine.tools.chart.TimeChart;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code what-if}: the journal's inputs through a fresh engine on other settings ({@link WhatIfSettings}), and
 * what changed, position by position and in total. The journal's outputs give what the run did; the what-if
 * engine's decisions what it would have done. Venue answers follow {@link WhatIfVenue}: the journal's answer a
 * close the what-if shares with the run, the paper venue the closes only the what-if makes, and the journal's
 * answers to closes that no longer happen are left out.
 */
public final class WhatIf
{
    /** What the what-if found. */
    public static final class Result
    {
        public long replayed;
        public long elapsedNanos;
        public int positions;
        public int changed;
        public int onlyOriginal;
        public int onlyWhatIf;
        public long originalExits;
        public long whatIfExits;
        public long originalNetPnl;
        public long whatIfNetPnl;
        public long sharedCloses;
        public long paperCloses;
        public long answersLeftOut;
        public long engineErrors;
        public String firstEngineError;
        public List<String> configChanges;
        public String paper;

        /** One line for a person: positions compared and changed, the net PnL of both, where the answers came from. */
        public String summary()
        {
            return String.format("%,d positions compared, %,d changed (%,d only in the original, %,d only in the what-if); "
                    + "net PnL of exits %s (%,d exits) -> %s (%,d exits), change %s; %,d closes answered as journaled, %,d by the "
                    + "paper venue, %,d journaled venue answers left out; %,d journaled inputs replayed in %.2f s",
                positions, changed, onlyOriginal, onlyWhatIf, Fixed.toString(originalNetPnl), originalExits,
                Fixed.toString(whatIfNetPnl), whatIfExits, signed(whatIfNetPnl - originalNetPnl), sharedCloses, paperCloses,
                answersLeftOut, replayed, elapsedNanos / 1e9);
        }
    }

    private WhatIf()
    {
    }

    /**
     * @param config      {@code --config OTHER.json} or null
     * @param profileArgs {@code --profile NAME=JSON} options
     * @param all         also list the positions whose outcome did not change
     * @param chart       the equity curves' PNG, or null
     * @param summary     the JSON summary's file, or null
     * @throws IllegalArgumentException bad settings, in one line naming the option
     */
    public static Result run(final Path journal, final Path config, final List<String> profileArgs, final OutputFormat format,
        final boolean all, final Writer out, final Path chart, final Path summary) throws IOException
    {
        final long start = System.nanoTime();
        final Result result = new Result();
        final PositionOutcomes original = new PositionOutcomes();
        final WhatIfSettings settings;
        final WhatIfVenue venue;
        // the journal's number of the input going in, and the number the what-if engine gives it
        final long[] feeding = {-1, -1};
        try (JournalReader reader = JournalReader.open(journal))
        {
            final EngineConfig journalConfig = EngineConfig.decode(reader.configuration());
            settings = WhatIfSettings.of(journalConfig, config, profileArgs);
            final PaperGateway paper;
            try
            {
                paper = settings.paper.gateway();
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--config: " + ex.getMessage(), ex);
            }
            venue = new WhatIfVenue(paper, seq -> seq == feeding[1] ? feeding[0] : -1);
            reader.readOutputs((d, buffer, offset, length) ->
            {
                original.onDecision(d, d.seq);
                if (d.type == DecisionType.CLOSE)
                {
                    venue.journaledClose(d);
                }
            });
            settings.resolve(profilesOfInputs(reader, settings));
        }
        result.configChanges = settings.changes;
        result.paper = settings.paper.describe();

        final PositionOutcomes whatIf = new PositionOutcomes();
        final long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        final Names names;
        final JournalRun opened;
        try
        {
            opened = JournalRun.open(journal, settings.config, venue, (d, n) -> whatIf.onDecision(d, d.seq == feeding[1] ? feeding[0] : -1),
                msg ->
                {
                    if (result.engineErrors++ == 0)
                    {
                        result.firstEngineError = msg;
                    }
                });
        }
        catch (final IllegalArgumentException ex)
        {
            // the engine refuses the configuration (a default profile that is not among the profiles)
            throw new IllegalArgumentException("what-if settings: " + ex.getMessage(), ex);
        }
        try (JournalRun run = opened)
        {
            final dev.exitengine.core.Ingress ingress = run.engine().ingress();
            names = run.engine().names();
            result.replayed = run.replayEdited(e ->
            {
                if (e.type != EventType.INSTRUMENT && e.type != EventType.PROFILE)
                {
                    // definitions carry the newest time so far: 0 before the first timed input
                    span[0] = Math.min(span[0], e.ts);
                    span[1] = Math.max(span[1], e.ts);
                }
                if (e.type.isGatewayResponse() && !venue.answersFromJournal(e.clientOrderId))
                {
                    result.answersLeftOut++;
                    return JournalRun.Step.LEAVE_OUT;
                }
                if (e.type == EventType.PROFILE)
                {
                    final ExitProfile p = settings.profiles.get(names.profile(e.profileId));
                    if (p != null)
                    {
                        e.payload = p;
                    }
                }
                feeding[0] = e.seq;
                feeding[1] = ingress.lastSeq() + 1;
                return JournalRun.Step.FEED;
            });
            feeding[1] = -1;
        }
        result.sharedCloses = venue.sharedCloses;
        result.paperCloses = venue.paperCloses;
        result.originalExits = original.exits;
        result.originalNetPnl = original.netPnl;
        result.whatIfExits = whatIf.exits;
        result.whatIfNetPnl = whatIf.netPnl;

        final List<String> changedLines = new ArrayList<>();
        final Records records = new Records(format, out);
        for (final PositionOutcomes.Key key : keys(original, whatIf))
        {
            final PositionOutcomes.Outcome o = original.byKey.get(key);
            final PositionOutcomes.Outcome w = whatIf.byKey.get(key);
            final String change = o == null ? "ONLY_WHAT_IF" : w == null ? "ONLY_ORIGINAL" : o.sameAs(w) ? "NONE" : "CHANGED";
            result.positions++;
            if (!"NONE".equals(change))
            {
                result.changed++;
                result.onlyOriginal += o == null ? 0 : w == null ? 1 : 0;
                result.onlyWhatIf += o == null ? 1 : 0;
                changedLines.add(Records.json(row(key, o, w, change, names)));
            }
            if (all || !"NONE".equals(change))
            {
                records.write(format == OutputFormat.TABLE ? tableRow(key, o, w, change, names) : row(key, o, w, change, names));
            }
        }
        records.finish();
        result.elapsedNanos = System.nanoTime() - start;
        if (format == OutputFormat.TABLE)
        {
            tableSummary(out, result);
        }
        if (summary != null)
        {
            writeSummary(summary, journal, result, changedLines);
        }
        if (chart != null)
        {
            chart(chart, journal, original, whatIf, span, result);
        }
        return result;
    }

    /**
     * The profile names the journal knows, its configuration's and its inputs' (read only when the what-if names a
     * profile its configuration lacks). A profile new to the journal is refused when the journal's inputs define
     * profiles of their own: its id would be theirs.
     */
    private static Set<String> profilesOfInputs(final JournalReader reader, final WhatIfSettings settings)
    {
        final Set<String> known = new LinkedHashSet<>();
        boolean outside = false;
        for (final String name : settings.profiles.keySet())
        {
            outside |= !settings.inJournalConfig(name);
        }
        if (!outside)
        {
            return known;
        }
        // the ids an engine on the journal's configuration gives before its first input (ExitEngine's order)
        final Names names = new Names();
        for (final ExitProfile p : settings.journal.profiles)
        {
            names.intern(Names.Kind.PROFILE, p.name);
        }
        for (final EngineConfig.InstrumentDef i : settings.journal.instruments)
        {
            names.intern(Names.Kind.SYMBOL, i.symbol);
        }
        reader.readInputsRaw(names, (buffer, offset, doc) -> { });
        final List<String> inputsOnly = new ArrayList<>();
        for (int id = 0; names.profile(id) != null; id++)
        {
            final String name = names.profile(id);
            known.add(name);
            if (!settings.inJournalConfig(name))
            {
                inputsOnly.add(name);
            }
        }
        for (final String name : settings.profiles.keySet())
        {
            if (!known.contains(name) && !inputsOnly.isEmpty())
            {
                throw new IllegalArgumentException("profile " + name + ": the journal has no profile of that name and its inputs define "
                    + "profiles of their own (" + String.join(", ", inputsOnly) + "): a what-if may change those, not add one");
            }
        }
        return known;
    }

    /** Every position of either run, in the order they opened (the journal's input numbers). */
    private static List<PositionOutcomes.Key> keys(final PositionOutcomes original, final PositionOutcomes whatIf)
    {
        final Map<PositionOutcomes.Key, Long> openTs = new LinkedHashMap<>();
        original.byKey.forEach((k, o) -> openTs.put(k, o.openTs));
        whatIf.byKey.forEach((k, o) -> openTs.putIfAbsent(k, o.openTs));
        final List<PositionOutcomes.Key> keys = new ArrayList<>(openTs.keySet());
        keys.sort(Comparator.<PositionOutcomes.Key>comparingLong(k -> k.openSeq() >= 0 ? k.openSeq() : Long.MAX_VALUE)
            .thenComparingLong(openTs::get).thenComparingLong(PositionOutcomes.Key::ownId));
        return keys;
    }

    /** A position's row for JSON Lines and CSV: every key, absent values null (left out of JSON). */
    private static Map<String, Object> row(final PositionOutcomes.Key key, final PositionOutcomes.Outcome o,
        final PositionOutcomes.Outcome w, final String change, final Names names)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("positionId", o == null ? null : o.positionId);
        m.put("whatIfPositionId", w == null ? null : w.positionId);
        m.put("account", names.account(key.accountId()));
        m.put("symbol", names.symbol(key.symbolId()));
        m.put("positionSide", key.side() == null ? null : key.side().name());
        m.put("openSeq", key.openSeq() >= 0 ? key.openSeq() : null);
        m.put("openTs", (o != null ? o : w).openTs);
        m.put("change", change);
        side(m, "original", o);
        side(m, "whatIf", w);
        m.put("netPnlChange", Records.fixed((w == null ? 0 : w.netPnl()) - (o == null ? 0 : o.netPnl())));
        return m;
    }

    private static void side(final Map<String, Object> m, final String prefix, final PositionOutcomes.Outcome o)
    {
        final PositionOutcomes.Exit last = o == null ? null : o.last();
        m.put(prefix + "Outcome", o == null ? null : o.outcome());
        m.put(prefix + "Exits", o == null ? null : o.exits.size());
        m.put(prefix + "ExitTs", last == null ? null : last.ts());
        m.put(prefix + "ExitPrice", last == null ? null : Records.fixed(last.exitPrice()));
        m.put(prefix + "ExitQty", last == null ? null : Records.fixed(o.exitQty()));
        m.put(prefix + "NetPnl", o == null ? null : Records.fixed(o.netPnl()));
    }

    /** A position's row for a person: times as UTC, no quantities. */
    private static Map<String, Object> tableRow(final PositionOutcomes.Key key, final PositionOutcomes.Outcome o,
        final PositionOutcomes.Outcome w, final String change, final Names names)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", o == null ? "-" : o.positionId);
        m.put("whatIfPosition", w == null ? "-" : w.positionId);
        m.put("account", names.account(key.accountId()));
        m.put("symbol", names.symbol(key.symbolId()));
        m.put("side", key.side());
        m.put("opened", TimeOption.format((o != null ? o : w).openTs));
        m.put("change", change);
        tableSide(m, "original", o);
        tableSide(m, "whatIf", w);
        m.put("netChange", signed((w == null ? 0 : w.netPnl()) - (o == null ? 0 : o.netPnl())));
        return m;
    }

    private static void tableSide(final Map<String, Object> m, final String prefix, final PositionOutcomes.Outcome o)
    {
        final PositionOutcomes.Exit last = o == null ? null : o.last();
        m.put(prefix, o == null ? "-" : o.outcome());
        m.put(prefix + "Exit", last == null ? "" : TimeOption.format(last.ts()));
        m.put(prefix + "Price", last == null ? "" : Fixed.toString(last.exitPrice()));
        m.put(prefix + "Net", o == null ? "" : Fixed.toString(o.netPnl()));
    }

    private static String signed(final long value)
    {
        return (value > 0 ? "+" : "") + Fixed.toString(value);
    }

    private static void tableSummary(final Writer out, final Result r) throws IOException
    {
        if (r.changed == 0)
        {
            out.write("no position's outcome changed\n");
        }
        out.write("what-if: " + r.summary() + "\n");
        out.write(r.configChanges.isEmpty() ? "settings: the journal's own\n" : "settings changed: " + String.join("; ", r.configChanges) + "\n");
        out.write("venue for closes only the what-if makes: " + r.paper + "\n");
        if (r.engineErrors > 0)
        {
            out.write("engine errors: " + r.engineErrors + ", the first: " + r.firstEngineError + "\n");
        }
        out.flush();
    }

    private static void writeSummary(final Path file, final Path journal, final Result r, final List<String> changedLines)
        throws IOException
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("journal", journal.toString());
        m.put("inputs", r.replayed);
        m.put("positions", r.positions);
        m.put("changed", r.changed);
        m.put("onlyOriginal", r.onlyOriginal);
        m.put("onlyWhatIf", r.onlyWhatIf);
        m.put("originalExits", r.originalExits);
        m.put("whatIfExits", r.whatIfExits);
        m.put("originalNetPnl", Records.fixed(r.originalNetPnl));
        m.put("whatIfNetPnl", Records.fixed(r.whatIfNetPnl));
        m.put("netPnlChange", Records.fixed(r.whatIfNetPnl - r.originalNetPnl));
        m.put("closesAnsweredAsJournaled", r.sharedCloses);
        m.put("closesAnsweredByPaper", r.paperCloses);
        m.put("journaledAnswersLeftOut", r.answersLeftOut);
        m.put("paperVenue", r.paper);
        m.put("engineErrors", r.engineErrors);
        final String head = Records.json(m);
        final StringBuilder sb = new StringBuilder(head.substring(0, head.length() - 1));
        sb.append(",\"settingsChanged\":[");
        for (int i = 0; i < r.configChanges.size(); i++)
        {
            Records.quote(sb.append(i > 0 ? "," : ""), r.configChanges.get(i));
        }
        sb.append("],\"changes\":[");
        for (int i = 0; i < changedLines.size(); i++)
        {
            sb.append(i > 0 ? ",\n" : "\n").append(changedLines.get(i));
        }
        sb.append(changedLines.isEmpty() ? "]}\n" : "\n]}\n");
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** The two equity curves: the running sum of the exits' net PnL, the journal's run and the what-if. */
    private static void chart(final Path file, final Path journal, final PositionOutcomes original, final PositionOutcomes whatIf,
        final long[] span, final Result r) throws IOException
    {
        final List<String> what = new ArrayList<>();
        for (final String c : r.configChanges)
        {
            what.add(c.substring(0, c.indexOf(':')));
        }
        final TimeChart c = new TimeChart("What-if: cumulative net PnL of exits, the journal's run against the what-if")
            .subtitle("journal " + journal + "; " + (what.isEmpty() ? "the journal's own settings" : "changed: " + String.join(", ", what))
                + "; " + r.changed + " of " + r.positions + " positions changed")
            .axisLabels("time (UTC)", "cumulative net PnL (quote currency)");
        final long from = span[0] == Long.MAX_VALUE ? 0 : span[0];
        final long to = span[1] == Long.MIN_VALUE ? 0 : span[1];
        curve(c, "original: " + original.exits + " exits, net " + Fixed.toString(original.netPnl), original, from, to);
        curve(c, "what-if: " + whatIf.exits + " exits, net " + Fixed.toString(whatIf.netPnl) + " (" + signed(whatIf.netPnl
            - original.netPnl) + ")", whatIf, from, to);
        c.addLevel("zero", 0);
        c.write(file, 1400, 800);
    }

    /**
     * A running sum as a solid line that holds each value until the next exit and jumps there (two points an
     * exit), from the journal's first input to its last.
     */
    private static void curve(final TimeChart c, final String name, final PositionOutcomes o, final long from, final long to)
    {
        final int n = o.equity.size();
        final long[] t = new long[2 * n + 2];
        final double[] v = new double[2 * n + 2];
        t[0] = Math.min(from, n > 0 ? o.equity.get(0)[0] : from);
        double value = 0;
        for (int i = 0; i < n; i++)
        {
            final long[] exit = o.equity.get(i);
            t[2 * i + 1] = exit[0];
            v[2 * i + 1] = value;
            value = Fixed.toDouble(exit[1]);
            t[2 * i + 2] = exit[0];
            v[2 * i + 2] = value;
        }
        t[2 * n + 1] = Math.max(to, t[2 * n]);
        v[2 * n + 1] = value;
        c.addSeries(name, t, v);
    }
}
