package dev.exitengine.tools.postmortem;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.tools.OutputFormat;
import dev.exitengine.tools.TimeOption;
import dev.exitengine.tools.chart.TimeChart;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explain}: one position's life from a journal. A first pass over the journal's decisions finds the
 * position's symbol and the span of its life; the journal is then replayed through a fresh engine up to a
 * margin after it, gathering the {@link PositionStory}; the timeline, the levels' nearest approaches and a
 * summary are written, and optionally a chart of the price path with the levels, the entry, the trigger and
 * the exit.
 */
public final class Explain
{
    /** What was found. */
    public static final class Result
    {
        public boolean found;
        public long replayed;
        public long elapsedNanos;
        public int exits;
        public String summary;
    }

    private Explain()
    {
    }

    public static Result run(final Path journal, final long positionId, final OutputFormat format, final Writer out, final Path chart)
        throws IOException
    {
        final Result result = new Result();
        final long start = System.nanoTime();
        final long[] life = {Long.MAX_VALUE, Long.MIN_VALUE, -1};
        try (JournalReader reader = JournalReader.open(journal))
        {
            reader.readOutputs((d, buffer, offset, length) ->
            {
                if (d.positionId == positionId)
                {
                    life[0] = Math.min(life[0], d.ts);
                    life[1] = Math.max(life[1], d.ts);
                    life[2] = d.symbolId;
                }
            });
        }
        if (life[2] < 0)
        {
            return result;
        }
        final long margin = Math.max(60_000, (life[1] - life[0]) / 10);
        final PositionStory[] story = new PositionStory[1];
        try (JournalRun run = JournalRun.open(journal, null, null, (d, names) -> story[0].onDecision(d, names), msg -> { }))
        {
            story[0] = new PositionStory(positionId, run.engine(), (int)life[2], life[0] - margin, life[1] + margin);
            result.replayed = run.replay(story[0]::beforeInput);
        }
        final PositionStory s = story[0];
        result.found = s.found();
        result.exits = s.exits.size();
        final Records records = new Records(format, out);
        // a table is read by a person: the story in words; JSON Lines and CSV carry every number in its own column
        final String[] columns = format == OutputFormat.TABLE ? TABLE_COLUMNS : COLUMNS;
        for (final PositionStory.Entry e : s.timeline)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", TimeOption.format((Long)e.record.get("ts")));
            m.putAll(e.record);
            records.write(normalise(m, columns));
        }
        for (int i = 0; i < s.spans.size(); i++)
        {
            records.write(normalise(approach(s, i), columns));
        }
        result.summary = summary(s);
        final Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("time", s.exitTs >= 0 ? TimeOption.format(s.exitTs) : null);
        sum.put("ts", s.exitTs >= 0 ? s.exitTs : null);
        sum.put("kind", "summary");
        sum.put("what", "SUMMARY");
        sum.put("detail", result.summary);
        records.write(normalise(sum, columns));
        records.finish();
        if (chart != null)
        {
            chart(s, chart);
        }
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }

    /** Every row with the same columns, in one order (CSV and table take the first row's). */
    private static final String[] COLUMNS = {"time", "ts", "seq", "kind", "what", "side", "reason", "qty", "price", "entryPrice",
        "takeProfit", "stopLoss", "trailingStop", "breakevenStop", "profitFloor", "level", "exitPrice", "fees", "slippage", "netPnl",
        "clientOrderId", "detail"};

    private static final String[] TABLE_COLUMNS = {"time", "seq", "kind", "what", "detail"};

    private static Map<String, Object> normalise(final Map<String, Object> m, final String[] columns)
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final String c : columns)
        {
            out.put(c, m.get(c));
        }
        return out;
    }

    /** A span of levels and the market's nearest approach to each while they stood. */
    private static Map<String, Object> approach(final PositionStory s, final int i)
    {
        final PositionStory.LevelSpan span = s.spans.get(i);
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", TimeOption.format(span.fromTs));
        m.put("ts", span.fromTs);
        m.put("seq", span.fromSeq);
        m.put("kind", "approach");
        m.put("what", "NEAREST");
        m.put("takeProfit", Records.fixed(span.takeProfit));
        m.put("stopLoss", Records.fixed(span.stop));
        final StringBuilder sb = new StringBuilder("while these levels stood");
        if (span.best == Fixed.NONE)
        {
            sb.append(": no price of the position's source");
        }
        else
        {
            sb.append(": best ").append(Fixed.toString(span.best)).append(" at ").append(TimeOption.format(span.bestTs));
            if (span.takeProfit != Fixed.NONE)
            {
                sb.append(", ").append(distance(s.isLong(), span.best, span.takeProfit, true, "take profit"));
            }
            sb.append("; worst ").append(Fixed.toString(span.worst)).append(" at ").append(TimeOption.format(span.worstTs));
            if (span.stop != Fixed.NONE)
            {
                sb.append(", ").append(distance(s.isLong(), span.worst, span.stop, false, span.stopName));
            }
        }
        m.put("detail", sb.toString());
        return m;
    }

    private static boolean crossed(final boolean isLong, final long price, final long level, final boolean target)
    {
        return target == isLong ? price >= level : price <= level;
    }

    /** How far a price stood from a level, and on which side: "12.5 short of the take profit", "at the stop loss". */
    private static String distance(final boolean isLong, final long price, final long level, final boolean target, final String name)
    {
        if (price == level)
        {
            return "at the " + name;
        }
        return Fixed.toString(Math.abs(price - level)) + (crossed(isLong, price, level, target) ? " past the " : " short of the ") + name;
    }

    private static String summary(final PositionStory s)
    {
        if (!s.found())
        {
            return "the position has no decisions in the journal";
        }
        final StringBuilder sb = new StringBuilder("position ").append(s.positionId).append(' ').append(s.isLong() ? "LONG " : "SHORT ")
            .append(s.symbol).append(" of ").append(s.account).append(", opened ").append(TimeOption.format(s.entryTs));
        long net = 0;
        for (final dev.exitengine.core.event.Decision d : s.exits)
        {
            net += d.netPnl;
        }
        if (s.exits.isEmpty())
        {
            sb.append("; no exit in the journal");
        }
        else
        {
            final dev.exitengine.core.event.Decision last = s.exits.get(s.exits.size() - 1);
            sb.append("; ").append(s.exits.size()).append(s.exits.size() == 1 ? " exit" : " exits").append(", the last ")
                .append(last.reason).append(' ').append(TimeOption.format(last.ts)).append(" at ").append(Fixed.toString(last.exitPrice))
                .append("; net PnL ").append(Fixed.toString(net));
        }
        return sb.toString();
    }

    private static void chart(final PositionStory s, final Path file) throws IOException
    {
        final TimeChart c = new TimeChart("Position " + s.positionId + " " + (s.isLong() ? "LONG " : "SHORT ") + s.symbol)
            .subtitle(s.account + ", profile " + (s.profile == null ? "-" : s.profile.name) + ", source " + s.source())
            .axisLabels("time (UTC)", "price");
        addSeries(c, "trade", s.path.trades);
        addSeries(c, "mark", s.path.marks);
        addSeries(c, "bid", s.path.bids);
        addSeries(c, "ask", s.path.asks);
        final long end = s.exitTs >= 0 ? s.exitTs : (s.spans.isEmpty() ? 0 : s.spans.get(s.spans.size() - 1).fromTs);
        steps(c, "take profit", s, end, true);
        steps(c, "stop", s, end, false);
        if (s.entryTs >= 0 && s.entryPrice != Fixed.NONE)
        {
            c.addMarker(s.entryTs, Fixed.toDouble(s.entryPrice), "entry " + Fixed.toString(s.entryPrice));
        }
        boolean triggerShown = s.trigger == null;
        for (final dev.exitengine.core.event.Decision d : s.exits)
        {
            final String net = new java.math.BigDecimal(Fixed.toString(d.netPnl)).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            String label = "exit " + Fixed.toString(d.exitPrice) + " (net " + net + ")";
            if (!triggerShown && s.trigger.ts == d.ts && s.trigger.price == d.exitPrice)
            {
                // the fill at the trigger's own moment and price: one marker says both
                label = s.trigger.reason + " " + label;
                triggerShown = true;
            }
            c.addMarker(d.ts, Fixed.toDouble(d.exitPrice), label);
        }
        if (!triggerShown)
        {
            c.addMarker(s.trigger.ts, Fixed.toDouble(s.trigger.price), "trigger " + s.trigger.reason + " " + Fixed.toString(s.trigger.price));
        }
        c.write(file, 1400, 800);
    }

    private static void addSeries(final TimeChart c, final String name, final PricePath.Series series)
    {
        if (series.size > 0)
        {
            c.addSeries(name, series.times(), series.values());
        }
    }

    private static void steps(final TimeChart c, final String name, final PositionStory s, final long end, final boolean target)
    {
        final List<Long> t = new ArrayList<>();
        final List<Double> v = new ArrayList<>();
        for (final PositionStory.LevelSpan span : s.spans)
        {
            final long level = target ? span.takeProfit : span.stop;
            if (level != Fixed.NONE)
            {
                t.add(span.fromTs);
                v.add(Fixed.toDouble(level));
            }
        }
        if (t.isEmpty())
        {
            return;
        }
        if (end > t.get(t.size() - 1))
        {
            t.add(end);
            v.add(v.get(v.size() - 1));
        }
        c.addSteps(name, t.stream().mapToLong(Long::longValue).toArray(), v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
