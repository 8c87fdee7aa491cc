package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.LevelHeap;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.position.SymbolLadders;
import dev.exitengine.core.position.VolatilityTracker;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HOT: evaluates each market event against its symbol's ladders. One look at the ladders' top keys
 * decides which ladders the price reaches; only those are drained: upward thresholds first (take
 * profits, scale-outs, activations, ROI targets), then trailing peaks, then stops, then the time ladder's
 * due positions. Whatever crosses, {@link #firedReason} picks the one reason by the priority of
 * {@link ExitReason}'s declaration order. Also runs the time rules of every symbol on a timer input.
 */
final class MarketEvaluator
{
    /** At most this many market events share one clock read (see {@link #untimed}). */
    static final int TIMING_CHUNK = 16;

    private final EngineCounters counters;
    private final Histogram tickToDecision;
    private final PositionBook book;
    private final LastPrices prices;
    private final SourceFallbacks fallbacks;
    private final VolatilityStops volatility;
    private final RuleArming arming;
    private final CloseLifecycle closes;
    private final TradingStates states;
    private final Quarantine quarantine;
    /**
     * Market events evaluated since the clock was last read, by ingress time: timed together when the
     * batch ends, when one of them decides something, or when {@link #TIMING_CHUNK} have gathered.
     * Why: a clock read costs 20–30 ns on a virtual machine, as much as a third of evaluating a tick,
     * and when the engine is behind (long batches) each tick's wait in the ring is already far longer
     * than the chunk takes. Each is timed no earlier than its evaluation ended, so a latency is never
     * understated, and overstated by at most the time the rest of its chunk took to evaluate; a batch of
     * one (an engine that keeps up) is timed exactly as before.
     */
    private final long[] untimed = new long[TIMING_CHUNK];
    private int untimedCount;
    private Position[] due = new Position[16];
    /** Reference mode: every market event checks every position, as a polling monitor would (tests, benchmarks). */
    private boolean fullScan;
    private final List<Position> scanList = new ArrayList<>();

    MarketEvaluator(final EngineCounters counters, final Histogram tickToDecision, final PositionBook book, final LastPrices prices,
        final SourceFallbacks fallbacks, final VolatilityStops volatility, final RuleArming arming, final CloseLifecycle closes, final TradingStates states,
        final Quarantine quarantine)
    {
        this.counters = counters;
        this.tickToDecision = tickToDecision;
        this.book = book;
        this.prices = prices;
        this.fallbacks = fallbacks;
        this.volatility = volatility;
        this.arming = arming;
        this.closes = closes;
        this.states = states;
        this.quarantine = quarantine;
    }

    void fullScan(final boolean on)
    {
        fullScan = on;
    }

    /** A new position: in reference mode it joins the list every market event scans. */
    void watch(final Position p)
    {
        if (fullScan)
        {
            scanList.add(p);
        }
    }

    void onTrade(final EngineEvent e)
    {
        prices.trade(e.symbolId, e.price);
        onMarket(e, TriggerSource.LAST, e.price, e.price);
    }

    void onMark(final EngineEvent e)
    {
        prices.mark(e.symbolId, e.price);
        onMarket(e, TriggerSource.MARK, e.price, e.price);
    }

    void onQuote(final EngineEvent e)
    {
        prices.quote(e.symbolId, e.bid, e.ask);
        onMarket(e, TriggerSource.BID_ASK, e.bid, e.ask);
    }

    private void onMarket(final EngineEvent e, final TriggerSource source, final long longPrice, final long shortPrice)
    {
        counters.increment(Counter.TICKS);
        final int symbolId = e.symbolId;
        if (fallbacks.active)
        {
            fallbacks.onMarket(symbolId, source, e.ts);
        }
        final List<VolatilityTracker> trackers = volatility.trackers(symbolId);
        if (trackers != null)
        {
            arming.onVolatility(e, trackers, source, longPrice, shortPrice);
        }
        if (fullScan)
        {
            scan(e, source, longPrice, shortPrice);
        }
        final int group = symbolId * SymbolLadders.STRIDE + source.ordinal() * SymbolLadders.GROUP;
        // one look at the symbol's ladders' top keys, side by side in the book's tops, decides which ladders
        // this price reaches at all; the ladders themselves are touched only when it reaches one. A drain
        // changes the keys, never the array (only a symbol's first position grows it), so the looks after
        // it see the keys it left
        final long[] tops = book.tops();
        if (!fullScan && group < tops.length && !states.globalHalted())
        {
            final int dueCount = tops[group + SymbolLadders.TIME] <= e.ts ? advanceTime(e, book.ladders(symbolId).times()) : 0;
            if (longPrice > 0)
            {
                if (longPrice >= tops[group + SymbolLadders.LONG_TARGET])
                {
                    drainTargets(e, book.ladders(symbolId).targets(source, true), true, longPrice);
                }
                if (longPrice > tops[group + SymbolLadders.LONG_PEAK])
                {
                    raisePeaks(e, book.ladders(symbolId).peaks(source, true), true, longPrice);
                }
                if (longPrice <= tops[group + SymbolLadders.LONG_STOP])
                {
                    drainStops(e, book.ladders(symbolId).stops(source, true), true, longPrice);
                }
            }
            if (shortPrice > 0)
            {
                if (shortPrice <= tops[group + SymbolLadders.SHORT_TARGET])
                {
                    drainTargets(e, book.ladders(symbolId).targets(source, false), false, shortPrice);
                }
                if (shortPrice < tops[group + SymbolLadders.SHORT_PEAK])
                {
                    raisePeaks(e, book.ladders(symbolId).peaks(source, false), false, shortPrice);
                }
                if (shortPrice >= tops[group + SymbolLadders.SHORT_STOP])
                {
                    drainStops(e, book.ladders(symbolId).stops(source, false), false, shortPrice);
                }
            }
            if (dueCount > 0)
            {
                settleDue(e, dueCount);
            }
        }
        if (e.decisions.size() > 1)
        {
            // one tick, many positions: decisions in position order, whatever order the ladders met them in
            e.decisions.sortByPosition();
        }
        if (tickToDecision != null && e.ingressNanos != 0)
        {
            untimed[untimedCount++] = e.ingressNanos;
            if (untimedCount == TIMING_CHUNK || e.decisions.size() > 0)
            {
                recordTimes();
            }
        }
    }

    /** The batch ended: times the market events still waiting for a clock read. */
    void endOfBatch()
    {
        if (untimedCount > 0)
        {
            recordTimes();
        }
    }

    /** Times every market event gathered in {@link #untimed} by one clock read. */
    private void recordTimes()
    {
        final long now = System.nanoTime();
        final long highest = tickToDecision.getHighestTrackableValue();
        for (int i = 0; i < untimedCount; i++)
        {
            final long nanos = now - untimed[i];
            if (nanos > 0)
            {
                tickToDecision.recordValue(Math.min(nanos, highest));
            }
        }
        untimedCount = 0;
    }

    private void scan(final EngineEvent e, final TriggerSource source, final long longPrice, final long shortPrice)
    {
        for (int i = 0; i < scanList.size(); i++)
        {
            final Position p = scanList.get(i);
            if (p.state != PositionState.OPEN || p.symbolId != e.symbolId || p.source() != source)
            {
                continue;
            }
            final long price = p.isLong() ? longPrice : shortPrice;
            if (price <= 0)
            {
                continue;
            }
            try
            {
                if (p.targetKey != Fixed.NONE && LevelKeys.crossesUp(p.isLong(), price, p.targetKey))
                {
                    arming.activate(e, p, price);
                }
                arming.movePeak(e, p, price);
                final ExitReason reason = firedReason(p, price, e.ts);
                if (reason != null)
                {
                    closes.onRuleFired(e, p, reason, price);
                }
            }
            catch (final RuntimeException ex)
            {
                quarantine.isolate(e, p, ex);
            }
        }
    }

    private void drainTargets(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null && LevelKeys.crossesUp(isLong, price, heap.peekKey()))
        {
            try
            {
                arming.activate(e, p, price);
                arming.movePeak(e, p, price);
                evaluate(e, p, price);
            }
            catch (final RuntimeException ex)
            {
                quarantine.isolate(e, p, ex);
            }
        }
    }

    private void drainStops(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null && LevelKeys.crossesDown(isLong, price, heap.peekKey()))
        {
            try
            {
                evaluate(e, p, price);
            }
            catch (final RuntimeException ex)
            {
                quarantine.isolate(e, p, ex);
            }
        }
    }

    /** A new best price moves every trailing position whose peak it passes; each move is a levels decision. */
    private void raisePeaks(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null && (isLong ? price > heap.peekKey() : price < heap.peekKey()))
        {
            try
            {
                arming.movePeak(e, p, price);
                LevelKeys.refresh(p);
                book.index(p);
            }
            catch (final RuntimeException ex)
            {
                quarantine.isolate(e, p, ex);
            }
        }
    }

    /**
     * A position just armed (an entry, an add, a reduction, a reconciliation, a new profile): when one of its
     * rules already holds at the last known price of its trigger source, it closes on this input, at that
     * price, rather than staying unprotected until the source's next event.
     */
    void closeIfAlreadyCrossed(final EngineEvent e, final Position p)
    {
        final long price = prices.sourcePrice(p);
        if (price == Fixed.NONE || price <= 0 || p.state != PositionState.OPEN)
        {
            return;
        }
        final ExitReason reason = firedReason(p, price, e.ts);
        if (reason != null)
        {
            book.unindex(p);
            closes.onRuleFired(e, p, reason, price);
        }
    }

    /**
     * Decides whether {@code p} exits at {@code price} now; if so closes it with the one reason the
     * priority picks, else puts it back in its ladders with fresh keys.
     */
    private void evaluate(final EngineEvent e, final Position p, final long price)
    {
        final ExitReason reason = firedReason(p, price, e.ts);
        if (reason == null)
        {
            LevelKeys.refresh(p);
            book.index(p);
            return;
        }
        closes.onRuleFired(e, p, reason, price);
    }

    /**
     * The one reason that fires for {@code p} at {@code price} and time {@code ts}, or null. Stops of every
     * kind outrank take profits, which outrank partial take profits, ROI and timeout (ExitReason order).
     */
    static ExitReason firedReason(final Position p, final long price, final long ts)
    {
        final boolean isLong = p.isLong();
        if (price != Fixed.NONE && price > 0)
        {
            if (p.stopKey != Fixed.NONE && LevelKeys.crossesDown(isLong, price, p.stopKey))
            {
                return p.stopReason;
            }
            if (p.takeProfit != Fixed.NONE && LevelKeys.crossesUp(isLong, price, p.takeProfit))
            {
                return ExitReason.TAKE_PROFIT;
            }
        }
        final RuleState r = p.rules;
        if (r == null)
        {
            return null;
        }
        if (price != Fixed.NONE && price > 0)
        {
            if (r.scalePrice != Fixed.NONE && LevelKeys.crossesUp(isLong, price, r.scalePrice))
            {
                return ExitReason.PARTIAL_TAKE_PROFIT;
            }
            if (r.roiLevel != Fixed.NONE && LevelKeys.crossesUp(isLong, price, r.roiLevel))
            {
                return ExitReason.ROI;
            }
        }
        if (r.timeoutAt <= ts)
        {
            return ExitReason.TIMEOUT;
        }
        return null;
    }

    /** A timer input: the time rules of every symbol, as a market event runs its own symbol's. */
    void onTimer(final EngineEvent e)
    {
        if (states.globalHalted())
        {
            return;
        }
        for (int s = 0; s < book.ladderCount(); s++)
        {
            final SymbolLadders ladders = book.ladders(s);
            if (ladders != null && ladders.times().size() > 0)
            {
                final int dueCount = advanceTime(e, ladders.times());
                if (dueCount > 0)
                {
                    settleDue(e, dueCount);
                }
            }
        }
    }

    /** Time rules of one symbol: ROI targets advance, timeouts and close retries become due. */
    private int advanceTime(final EngineEvent e, final LevelHeap times)
    {
        int n = 0;
        Position p;
        while ((p = times.peek()) != null && times.peekKey() <= e.ts)
        {
            if (p.state == PositionState.CLOSING)
            {
                // a failed close whose retry is due goes before any new exit of this event
                times.remove(p);
                closes.resend(e, p);
                continue;
            }
            final RuleState r = p.rules;
            if (r == null)
            {
                times.remove(p);
                continue;
            }
            if (r.nextRoiAt <= e.ts)
            {
                try
                {
                    arming.advanceRoi(p, e.ts);
                }
                catch (final RuntimeException ex)
                {
                    quarantine.isolate(e, p, ex);
                    continue;
                }
                arming.levelsMoved(e, p);
            }
            if (r.timeoutAt <= e.ts || r.roiLevel != Fixed.NONE)
            {
                if (n == due.length)
                {
                    due = Arrays.copyOf(due, n * 2);
                }
                due[n++] = p;
            }
            book.index(p);
            if (p.timeKey() <= e.ts)
            {
                // due now: out of the time ladder until settled, or this loop would meet it again
                times.remove(p);
            }
        }
        return n;
    }

    /** After the price ladders: time-due positions still open exit by the price they were last seen at, or by time. */
    private void settleDue(final EngineEvent e, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final Position p = due[i];
            due[i] = null;
            if (p.state == PositionState.CLOSING && p.retryAt() <= e.ts)
            {
                closes.resend(e, p);
                continue;
            }
            if (p.state != PositionState.OPEN)
            {
                continue;
            }
            final long price = prices.sourcePrice(p);
            final ExitReason reason = firedReason(p, price, e.ts);
            if (reason != null)
            {
                closes.onRuleFired(e, p, reason, price);
            }
            else
            {
                book.index(p);
            }
        }
    }
}
