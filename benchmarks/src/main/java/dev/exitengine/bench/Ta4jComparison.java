package dev.exitengine.bench;

import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeries;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Rule;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;
import org.ta4j.core.rules.TrailingStopLossRule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine and ta4j-core 0.17 over the same real trades, for the same positions: a long or short
 * entered every {@code spacing} trades at that trade's price, with a stop loss, a take profit and
 * (when the engine evaluates trailing stops) a trailing stop, each in percent of the entry. ta4j's
 * {@link StopLossRule}, {@link StopGainRule} and {@link TrailingStopLossRule} are evaluated the way a
 * ta4j strategy is: on every bar (one bar per trade), for every open position, until one is satisfied.
 * The engine gets the same inputs as events, in order, on its evaluator.
 *
 * <p>Both compare unrounded levels: the instrument's tick is 0.00000001 and the percentages make every
 * level exact in eight decimals, so "equal exits" means the same trade index, the same price and a
 * reason among the rules ta4j finds satisfied there. Exits are compared before times are.
 */
public final class Ta4jComparison
{
    /** An exit: the trade index at which it fired (-1 when the position never exited), the price, the reason. */
    public static final class Exit
    {
        public int index = -1;
        public long price;
        public String reason = "NONE";

        @Override
        public String toString()
        {
            return index < 0 ? "open" : reason + " at trade #" + index + " price " + Fixed.toString(price);
        }
    }

    /** What a comparison found. */
    public static final class Result
    {
        public int positions;
        public int trades;
        public boolean trailingCompared;
        public int exits;
        public boolean exitsMatch;
        public final List<String> mismatches = new ArrayList<>();
        public double engineNanos;
        public double ta4jNanos;
    }

    private static final String STOP_PCT = "0.1";
    private static final String TAKE_PCT = "0.15";
    private static final String TRAIL_PCT = "0.08";
    private static final int SYMBOL = 0;

    private final TradeTape tape;
    private final int spacing;
    private final boolean trailing;
    private final int[] entryIndex;
    private final boolean[] entryLong;
    private final ExitProfile profile;
    private final EngineEvent[] events;
    private final BarSeries series;

    public Ta4jComparison(final TradeTape tape, final int spacing)
    {
        this.tape = tape;
        this.spacing = spacing;
        this.trailing = engineEvaluatesTrailingStops();
        final int n = (tape.size() - 1) / spacing;
        entryIndex = new int[n];
        entryLong = new boolean[n];
        for (int p = 0; p < n; p++)
        {
            entryIndex[p] = p * spacing;
            entryLong[p] = (p & 1) == 0;
        }
        final ExitProfile.Builder b = ExitProfile.builder("cmp")
            .stopLoss(ExitProfile.LevelKind.PCT, Fixed.parse(STOP_PCT))
            .takeProfit(ExitProfile.LevelKind.PCT, Fixed.parse(TAKE_PCT))
            .source(TriggerSource.LAST);
        if (trailing)
        {
            b.trailingDistance(ExitProfile.DistanceKind.CALLBACK_PCT, Fixed.parse(TRAIL_PCT));
        }
        profile = b.build();
        events = engineEvents();
        series = ta4jSeries();
    }

    public boolean comparesTrailing()
    {
        return trailing;
    }

    public int positions()
    {
        return entryIndex.length;
    }

    /**
     * Whether the evaluator fires trailing stops: a long entered at 100 with a 1 % callback, a peak of
     * 110 and then 108.9 must close as TRAILING_STOP. When it does not (yet), the comparison leaves
     * ta4j's trailing rule out rather than compare unlike rule sets.
     */
    public static boolean engineEvaluatesTrailingStops()
    {
        try
        {
            final ExitProfile p = ExitProfile.builder("trail")
                .trailingDistance(ExitProfile.DistanceKind.CALLBACK_PCT, Fixed.of(1)).source(TriggerSource.LAST).build();
            final PositionEvaluator ev = newEvaluator(p);
            final EngineEvent e = new EngineEvent();
            fill(e, 1, 0, true, Fixed.of(100));
            ev.onEvent(e, 0, true);
            trade(e, 2, Fixed.of(110));
            ev.onEvent(e, 1, true);
            trade(e, 3, Fixed.parse("108.9"));
            ev.onEvent(e, 2, true);
            for (int i = 0; i < e.decisions.size(); i++)
            {
                final Decision d = e.decisions.get(i);
                if (d.type == DecisionType.CLOSE && d.reason == ExitReason.TRAILING_STOP)
                {
                    return true;
                }
            }
            return false;
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private static PositionEvaluator newEvaluator(final ExitProfile p)
    {
        final PositionEvaluator ev = new PositionEvaluator(EngineCounters.inMemory(), null, p.name, p);
        ev.defineInstrument(SYMBOL, 1, 1, 0, 0, 0);
        ev.defineProfile(0, p);
        return ev;
    }

    private static void fill(final EngineEvent e, final long seq, final int account, final boolean isLong, final long price)
    {
        e.clear(EventType.FILL);
        e.seq = seq;
        e.ts = 1;
        e.symbolId = SYMBOL;
        e.accountId = account;
        e.profileId = 0;
        e.side = isLong ? Side.BUY : Side.SELL;
        e.positionSide = PositionSide.BOTH;
        e.qty = Fixed.ONE;
        e.price = price;
        e.fee = 0;
        e.orderId = "cmp";
    }

    private static void trade(final EngineEvent e, final long seq, final long price)
    {
        e.clear(EventType.TRADE);
        e.seq = seq;
        e.ts = 1;
        e.symbolId = SYMBOL;
        e.price = price;
        e.qty = Fixed.ONE;
    }

    /** Trade t, then the entries at t (entered at trade t's price, watched from trade t + 1 on). */
    private EngineEvent[] engineEvents()
    {
        final EngineEvent[] out = new EngineEvent[tape.size() + entryIndex.length];
        int k = 0;
        int p = 0;
        for (int t = 0; t < tape.size(); t++)
        {
            final EngineEvent e = new EngineEvent();
            trade(e, t + 1, tape.price[t]);
            e.ts = tape.ts[t];
            out[k++] = e;
            while (p < entryIndex.length && entryIndex[p] == t)
            {
                final EngineEvent f = new EngineEvent();
                fill(f, t + 1, p, entryLong[p], tape.price[t]);
                f.ts = tape.ts[t];
                out[k++] = f;
                p++;
            }
        }
        return out;
    }

    private BarSeries ta4jSeries()
    {
        final BaseBarSeries s = new BaseBarSeries("trades");
        // one bar per trade; trades share milliseconds, so bar end times step by a nanosecond
        final ZonedDateTime start = ZonedDateTime.ofInstant(Instant.ofEpochMilli(tape.ts[0]), ZoneOffset.UTC);
        for (int t = 0; t < tape.size(); t++)
        {
            final Num price = DecimalNum.valueOf(BigDecimal.valueOf(tape.price[t], Fixed.SCALE_DIGITS));
            final Num volume = DecimalNum.valueOf(BigDecimal.valueOf(tape.qty[t], Fixed.SCALE_DIGITS));
            s.addBar(Duration.ofNanos(1), start.plusNanos(t + 1L), price, price, price, price, volume);
        }
        return s;
    }

    /** Runs the engine's evaluator over the events once; returns the exits per position. */
    public Exit[] runEngine()
    {
        final Exit[] exits = newExits();
        final PositionEvaluator ev = newEvaluator(profile);
        final int[] positionOfId = new int[entryIndex.length + 2];
        for (final EngineEvent e : events)
        {
            e.decisions.clear();
            ev.onEvent(e, e.seq, true);
            final int n = e.decisions.size();
            for (int i = 0; i < n; i++)
            {
                final Decision d = e.decisions.get(i);
                if (d.type == DecisionType.LEVELS && e.type == EventType.FILL)
                {
                    positionOfId[(int)d.positionId] = d.accountId;
                }
                else if (d.type == DecisionType.CLOSE)
                {
                    final Exit x = exits[positionOfId[(int)d.positionId]];
                    x.index = (int)(e.seq - 1);
                    x.price = d.price;
                    x.reason = d.reason.name();
                }
            }
        }
        return exits;
    }

    /** Evaluates ta4j's rules bar by bar for every open position, as a ta4j strategy does; returns the exits. */
    public Exit[] runTa4j()
    {
        final Exit[] exits = newExits();
        final ClosePriceIndicator close = new ClosePriceIndicator(series);
        final Num stopPct = DecimalNum.valueOf(STOP_PCT);
        final Num takePct = DecimalNum.valueOf(TAKE_PCT);
        final Rule stopLoss = new StopLossRule(close, stopPct);
        final Rule stopGain = new StopGainRule(close, takePct);
        final Rule trail = trailing ? new TrailingStopLossRule(close, DecimalNum.valueOf(TRAIL_PCT)) : null;
        final Rule exitRule = trail == null ? stopLoss.or(stopGain) : stopLoss.or(stopGain).or(trail);
        final Num one = DecimalNum.valueOf(1);
        final TradingRecord[] records = new TradingRecord[entryIndex.length];
        final int last = series.getEndIndex();
        int opened = 0;
        int openFrom = 0;
        for (int t = 0; t <= last; t++)
        {
            // every position entered before this bar is checked on it
            for (int p = openFrom; p < opened; p++)
            {
                final TradingRecord r = records[p];
                if (r == null)
                {
                    continue;
                }
                if (exitRule.isSatisfied(t, r))
                {
                    final Exit x = exits[p];
                    x.index = t;
                    x.price = Fixed.fromBigDecimal((BigDecimal)close.getValue(t).getDelegate());
                    // every rule satisfied here: when several are, the engine's documented priority picks one of them
                    final StringBuilder why = new StringBuilder();
                    appendIf(why, stopLoss.isSatisfied(t, r), "STOP_LOSS");
                    appendIf(why, stopGain.isSatisfied(t, r), "TAKE_PROFIT");
                    appendIf(why, trail != null && trail.isSatisfied(t, r), "TRAILING_STOP");
                    x.reason = why.toString();
                    r.exit(t, close.getValue(t), one);
                    records[p] = null;
                    if (p == openFrom)
                    {
                        while (openFrom < opened && records[openFrom] == null)
                        {
                            openFrom++;
                        }
                    }
                }
            }
            while (opened < entryIndex.length && entryIndex[opened] == t)
            {
                final TradingRecord r = new BaseTradingRecord(entryLong[opened] ? Trade.TradeType.BUY : Trade.TradeType.SELL);
                r.enter(t, close.getValue(t), one);
                records[opened++] = r;
            }
        }
        return exits;
    }

    private static void appendIf(final StringBuilder sb, final boolean satisfied, final String reason)
    {
        if (satisfied)
        {
            sb.append(sb.length() == 0 ? "" : "|").append(reason);
        }
    }

    private static boolean reasonAgrees(final String engine, final String ta4j)
    {
        for (final String r : ta4j.split("\\|"))
        {
            if (r.equals(engine))
            {
                return true;
            }
        }
        return false;
    }

    private Exit[] newExits()
    {
        final Exit[] exits = new Exit[entryIndex.length];
        for (int i = 0; i < exits.length; i++)
        {
            exits[i] = new Exit();
        }
        return exits;
    }

    /**
     * Compares exits (index and price exactly; a reason among the rules ta4j finds satisfied), then
     * times both sides, keeping medians. The comparison's own runs warm both up; the engine, whose
     * run takes milliseconds, gets {@code engineWarmups} more before {@code engineRuns} timed ones;
     * ta4j, whose run takes seconds (its trailing rule rescans the bars since entry on every check),
     * gets {@code ta4jRuns} timed ones.
     */
    public Result compare(final int engineWarmups, final int engineRuns, final int ta4jRuns)
    {
        final Result r = new Result();
        r.positions = entryIndex.length;
        r.trades = tape.size();
        r.trailingCompared = trailing;
        final Exit[] engine = runEngine();
        final Exit[] ta4j = runTa4j();
        for (int p = 0; p < engine.length; p++)
        {
            final Exit a = engine[p];
            final Exit b = ta4j[p];
            if (a.index >= 0)
            {
                r.exits++;
            }
            final boolean same = a.index == b.index && (a.index < 0 || (a.price == b.price && reasonAgrees(a.reason, b.reason)));
            if (!same && r.mismatches.size() < 10)
            {
                r.mismatches.add("position " + p + " (" + (entryLong[p] ? "long" : "short") + " from trade #" + entryIndex[p]
                    + " at " + Fixed.toString(tape.price[entryIndex[p]]) + "): engine " + a + ", ta4j " + b);
            }
            else if (!same)
            {
                r.mismatches.add("...");
            }
        }
        r.exitsMatch = r.mismatches.isEmpty();
        for (int i = 0; i < engineWarmups; i++)
        {
            runEngine();
        }
        final double[] engineTimes = new double[engineRuns];
        for (int i = 0; i < engineRuns; i++)
        {
            final long t0 = System.nanoTime();
            runEngine();
            engineTimes[i] = System.nanoTime() - t0;
        }
        final double[] ta4jTimes = new double[ta4jRuns];
        for (int i = 0; i < ta4jRuns; i++)
        {
            final long t0 = System.nanoTime();
            runTa4j();
            ta4jTimes[i] = System.nanoTime() - t0;
        }
        r.engineNanos = Bench.median(engineTimes);
        r.ta4jNanos = Bench.median(ta4jTimes);
        return r;
    }
}
