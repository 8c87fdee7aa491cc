package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.LevelHeap;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.position.SymbolLadders;
import dev.exitengine.core.position.VolatilityTracker;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.LevelSolver;
import org.HdrHistogram.Histogram;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The position-evaluation handler: owns every position, applies fills, arms exit levels, evaluates
 * each market event against the per-symbol ladders and writes its decisions onto the event. The only
 * thread that touches position state. A rule or data error on one position quarantines that
 * position; the others go on.
 *
 * <p>Per market event and side: upward thresholds first (take profits, scale-outs, activations of
 * trailing, breakeven and profit floor, ROI targets), then trailing peaks, then stops. Whatever crosses,
 * {@link #firedReason} picks the one reason by the priority of {@link ExitReason}'s declaration order.
 */
public final class PositionEvaluator implements EventHandler<EngineEvent>
{
    private static final long MINUTE = 60_000L;
    private static final long HUNDRED = Fixed.of(100);

    private final PositionBook book = new PositionBook();
    private final EngineCounters counters;
    private final Histogram tickToDecision;
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
    /** At most this many market events share one clock read (see {@link #untimed}). */
    public static final int TIMING_CHUNK = 16;
    private final String defaultProfileName;
    private int defaultProfileId = -1;
    private final ExitProfile builtInDefault;
    private Instrument[] instruments = new Instrument[16];
    private ExitProfile[] profiles = new ExitProfile[16];

    /** Last price per symbol and source: LAST, bid, ask, MARK. */
    private long[] lastTrade = new long[16];
    private long[] lastBid = new long[16];
    private long[] lastAsk = new long[16];
    private long[] lastMark = new long[16];
    /** ATR trackers per symbol (a few per symbol at most: one per distinct bar setting and source). */
    private List<VolatilityTracker>[] volatility = newVolatilityArray(16);

    private TradingState globalState = TradingState.ACTIVE;
    private TradingState[] accountState = new TradingState[16];
    private boolean[] forcedUnwind = new boolean[16];
    /** Positions whose exit fired while their account was HALTED: out of the ladders until trading resumes. */
    private final List<Position> held = new ArrayList<>();
    private Position[] due = new Position[16];
    /** Reference mode: every market event checks every position, as a polling monitor would (tests, benchmarks). */
    private boolean fullScan;
    private final List<Position> scanList = new ArrayList<>();

    private final EngineConfig config;
    private final RiskView riskView;
    // risk bookkeeping, per account / symbol id
    private int[] accountOpen = new int[16];
    private long[] accountNotional = new long[16];
    private long[] accountRealized = new long[16];
    private long[] accountPeak = new long[16];
    private long[] cooldownUntil = new long[16];
    private long[][] recentEntries = new long[16][];
    private long[][] recentStops = new long[16][];
    private int[] symbolOpen = new int[16];
    private int globalOpen;
    /** Set when an opening put an account, a symbol or the book over its cap: only then is enforcement run. */
    private boolean capBreached;
    // the gateway circuit breaker
    private int consecutiveErrors;
    private long circuitOpenUntil = Long.MIN_VALUE;

    /** An evaluator without risk controls (no caps, no cooldowns): for tests and benchmarks of the rules alone. */
    public PositionEvaluator(final EngineCounters counters, final Histogram tickToDecision, final String defaultProfileName,
        final ExitProfile builtInDefault)
    {
        this(counters, tickToDecision, withDefault(defaultProfileName), builtInDefault, new RiskView());
    }

    public PositionEvaluator(final EngineCounters counters, final Histogram tickToDecision, final EngineConfig config,
        final ExitProfile builtInDefault, final RiskView riskView)
    {
        this.counters = counters;
        this.tickToDecision = tickToDecision;
        this.config = config;
        this.defaultProfileName = config.defaultProfile;
        this.builtInDefault = builtInDefault;
        this.riskView = riskView;
    }

    /** The evaluator alone, for tests and benchmarks: no caps, no cooldowns (the engine's configuration has them). */
    private static EngineConfig withDefault(final String defaultProfileName)
    {
        final EngineConfig c = new EngineConfig();
        c.defaultProfile = defaultProfileName;
        c.maxPositionsPerAccount = 0;
        c.rapidEntryCount = 0;
        return c;
    }

    public RiskView riskView()
    {
        return riskView;
    }

    @SuppressWarnings("unchecked")
    private static List<VolatilityTracker>[] newVolatilityArray(final int n)
    {
        return new List[n];
    }

    public PositionBook book()
    {
        return book;
    }

    /**
     * Switches to reference evaluation by full scan: each market event visits every open position of
     * its symbol, in id order, with the same per-position rules. Set before the first fill. For tests that
     * hold the ladders to it, and for benchmarks of what a polling monitor costs.
     */
    public void fullScan(final boolean on)
    {
        fullScan = on;
    }

    @Override
    public void onEvent(final EngineEvent e, final long sequence, final boolean endOfBatch)
    {
        switch (e.type)
        {
            case TRADE:
                onMarket(e, TriggerSource.LAST, e.price, e.price);
                break;
            case MARK:
                onMarket(e, TriggerSource.MARK, e.price, e.price);
                break;
            case QUOTE:
                onMarket(e, TriggerSource.BID_ASK, e.bid, e.ask);
                break;
            case FILL:
                onFill(e);
                break;
            case ORDER_FILL:
                onOrderFill(e);
                break;
            case ORDER_ACK:
                counters.increment(Counter.CLOSES_ACKED);
                consecutiveErrors = 0;
                break;
            case ORDER_REJECT:
            case ORDER_EXPIRED:
                onOrderFailed(e);
                break;
            case INSTRUMENT:
                defineInstrument(e.symbolId, e.tickSize, e.stepSize, e.minQty, e.makerFee, e.takerFee);
                break;
            case PROFILE:
                defineProfile(e.profileId, e.profile());
                break;
            case COMMAND:
                onCommand(e);
                break;
            case TIMER:
                onTimer(e);
                if (e.decisions.size() > 1)
                {
                    e.decisions.sortByPosition();
                }
                enforceCaps(e);
                break;
            case POSITION_SNAPSHOT:
                onSnapshot(e);
                break;
            default:
                break;
        }
        counters.set(Counter.LAST_EVENT_TS, e.ts);
        if (endOfBatch && untimedCount > 0)
        {
            recordTimes();
        }
    }

    // ================================================================ definitions

    /** Defines (or redefines) a symbol's grid and fees. */
    public void defineInstrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        if (symbolId >= instruments.length)
        {
            final int n = Math.max(symbolId + 1, instruments.length * 2);
            instruments = Arrays.copyOf(instruments, n);
            lastTrade = Arrays.copyOf(lastTrade, n);
            lastBid = Arrays.copyOf(lastBid, n);
            lastAsk = Arrays.copyOf(lastAsk, n);
            lastMark = Arrays.copyOf(lastMark, n);
            volatility = Arrays.copyOf(volatility, n);
        }
        instruments[symbolId] = new Instrument(symbolId, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    public void defineProfile(final int profileId, final ExitProfile profile)
    {
        if (profileId >= profiles.length)
        {
            profiles = Arrays.copyOf(profiles, Math.max(profileId + 1, profiles.length * 2));
        }
        profiles[profileId] = profile;
        if (profile.name.equals(defaultProfileName))
        {
            defaultProfileId = profileId;
        }
    }

    public Instrument instrument(final int symbolId)
    {
        return symbolId >= 0 && symbolId < instruments.length ? instruments[symbolId] : null;
    }

    private ExitProfile profile(final int profileId)
    {
        return profileId >= 0 && profileId < profiles.length ? profiles[profileId] : null;
    }

    private ExitProfile defaultProfile()
    {
        final ExitProfile p = profile(defaultProfileId);
        return p != null ? p : builtInDefault;
    }

    // ================================================================ market events: the hot path

    private void onMarket(final EngineEvent e, final TriggerSource source, final long longPrice, final long shortPrice)
    {
        counters.increment(Counter.TICKS);
        final int symbolId = e.symbolId;
        recordPrice(e, symbolId);
        final List<VolatilityTracker> trackers = volatility[symbolId];
        if (trackers != null)
        {
            feedVolatility(e, trackers, source, longPrice, shortPrice);
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
        if (!fullScan && group < tops.length && globalState != TradingState.HALTED)
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
            if (p.state != PositionState.OPEN || p.symbolId != e.symbolId || p.profile.source != source)
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
                if (p.targetKey != Fixed.NONE && crossesUp(p.isLong(), price, p.targetKey))
                {
                    activate(e, p, price);
                }
                movePeak(e, p, price);
                final ExitReason reason = firedReason(p, price, e.ts);
                if (reason != null)
                {
                    close(e, p, reason, price);
                }
            }
            catch (final RuntimeException ex)
            {
                quarantine(e, p, ex);
            }
        }
    }

    private void recordPrice(final EngineEvent e, final int symbolId)
    {
        switch (e.type)
        {
            case TRADE:
                lastTrade[symbolId] = e.price;
                break;
            case MARK:
                lastMark[symbolId] = e.price;
                break;
            default:
                lastBid[symbolId] = e.bid;
                lastAsk[symbolId] = e.ask;
                break;
        }
    }

    private static boolean crossesUp(final boolean isLong, final long price, final long level)
    {
        return isLong ? price >= level : price <= level;
    }

    private static boolean crossesDown(final boolean isLong, final long price, final long level)
    {
        return isLong ? price <= level : price >= level;
    }

    private void drainTargets(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null && crossesUp(isLong, price, heap.peekKey()))
        {
            try
            {
                activate(e, p, price);
                movePeak(e, p, price);
                evaluate(e, p, price);
            }
            catch (final RuntimeException ex)
            {
                quarantine(e, p, ex);
            }
        }
    }

    private void drainStops(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null && crossesDown(isLong, price, heap.peekKey()))
        {
            try
            {
                evaluate(e, p, price);
            }
            catch (final RuntimeException ex)
            {
                quarantine(e, p, ex);
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
                movePeak(e, p, price);
                refreshKeys(p);
                book.index(p);
            }
            catch (final RuntimeException ex)
            {
                quarantine(e, p, ex);
            }
        }
    }

    /** Moves the position's trailing peaks (trailing stop, trailing ATR stop) to {@code price} if it is better. */
    private void movePeak(final EngineEvent e, final Position p, final long price)
    {
        final RuleState r = p.rules;
        if (r == null)
        {
            return;
        }
        final boolean isLong = p.isLong();
        boolean moved = false;
        if (r.trailActive && (isLong ? price > r.peak : price < r.peak))
        {
            r.peak = price;
            r.trailLevel = trailingLevel(p, price);
            moved = true;
        }
        if (r.atrPeak != Fixed.NONE && (isLong ? price > r.atrPeak : price < r.atrPeak))
        {
            r.atrPeak = price;
            moved |= ratchetAtrStop(p);
        }
        if (moved)
        {
            refreshKeys(p);
            publishLevels(e, p);
        }
    }

    /** Applies the activations an upward price reaches: trailing, breakeven, profit floor. */
    private void activate(final EngineEvent e, final Position p, final long price)
    {
        final RuleState r = p.rules;
        if (r == null)
        {
            return;
        }
        final boolean isLong = p.isLong();
        boolean changed = false;
        if (!r.trailActive && r.trailActivation != Fixed.NONE && crossesUp(isLong, price, r.trailActivation))
        {
            r.trailActive = true;
            r.peak = price;
            r.trailLevel = trailingLevel(p, price);
            changed = true;
        }
        if (!r.breakevenActive && r.breakevenTrigger != Fixed.NONE && crossesUp(isLong, price, r.breakevenTrigger))
        {
            activateBreakeven(p);
            changed = true;
        }
        if (!r.floorActive && r.floorActivation != Fixed.NONE && crossesUp(isLong, price, r.floorActivation))
        {
            final Instrument inst = instrument(p.symbolId);
            r.floorActive = true;
            r.floorLevel = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                p.profile.floorNetProfit, inst.tickSize);
            changed = true;
        }
        if (changed)
        {
            refreshKeys(p);
            publishLevels(e, p);
        }
    }

    private void activateBreakeven(final Position p)
    {
        final RuleState r = p.rules;
        final Instrument inst = instrument(p.symbolId);
        final long offset = Fixed.mulDiv(p.entryNotional, p.profile.breakevenOffsetPct, HUNDRED, RoundingMode.CEILING);
        r.breakevenActive = true;
        r.breakevenStop = LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, offset,
            inst.tickSize);
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
            refreshKeys(p);
            book.index(p);
            return;
        }
        close(e, p, reason, price);
    }

    /**
     * The one reason that fires for {@code p} at {@code price} and time {@code ts}, or null. Stops of every
     * kind outrank take profits, which outrank partial take profits, ROI and timeout (ExitReason order).
     */
    ExitReason firedReason(final Position p, final long price, final long ts)
    {
        final boolean isLong = p.isLong();
        if (price != Fixed.NONE && price > 0)
        {
            if (p.stopKey != Fixed.NONE && crossesDown(isLong, price, p.stopKey))
            {
                return p.stopReason;
            }
            if (p.takeProfit != Fixed.NONE && crossesUp(isLong, price, p.takeProfit))
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
            if (r.scalePrice != Fixed.NONE && crossesUp(isLong, price, r.scalePrice))
            {
                return ExitReason.PARTIAL_TAKE_PROFIT;
            }
            if (r.roiLevel != Fixed.NONE && crossesUp(isLong, price, r.roiLevel))
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

    private void close(final EngineEvent e, final Position p, final ExitReason reason, final long price)
    {
        final long level = levelOf(p, reason);
        if (reason == ExitReason.PARTIAL_TAKE_PROFIT)
        {
            final Instrument inst = instrument(p.symbolId);
            final RuleState r = p.rules;
            final long fraction = p.profile.scaleOutFractions[r.scaleIndex];
            long part = Fixed.roundDownToStep(Fixed.mulDiv(r.initialQty, fraction, Fixed.ONE, RoundingMode.DOWN), inst.stepSize);
            final boolean last = r.scaleIndex == p.profile.scaleOutFractions.length - 1 && sumFractions(p.profile) >= Fixed.ONE;
            if (last || part >= p.qty || p.qty - part < Math.max(inst.minQty, 1))
            {
                part = p.qty;
            }
            if (part <= 0)
            {
                // a fraction smaller than one step: skip the level
                r.scaleIndex++;
                armScale(p);
                refreshKeys(p);
                book.index(p);
                return;
            }
            decideClose(e, p, reason, level, price, part);
            return;
        }
        decideClose(e, p, reason, level, price, p.qty);
    }

    private static long sumFractions(final ExitProfile profile)
    {
        long sum = 0;
        for (final long f : profile.scaleOutFractions)
        {
            sum += f;
        }
        return sum;
    }

    private static long levelOf(final Position p, final ExitReason reason)
    {
        final RuleState r = p.rules;
        switch (reason)
        {
            case TAKE_PROFIT: return p.takeProfit;
            case PARTIAL_TAKE_PROFIT: return r.scalePrice;
            case ROI: return r.roiLevel;
            case STOP_LOSS:
            case VOLATILITY_STOP:
            case TRAILING_STOP:
            case BREAKEVEN:
            case PROFIT_FLOOR:
                return p.stopKey;
            default:
                return Fixed.NONE;
        }
    }

    /** Time rules of one symbol (or, on a timer, of every symbol): ROI targets advance, timeouts become due. */
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
                resend(e, p);
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
                    advanceRoi(p, e.ts);
                }
                catch (final RuntimeException ex)
                {
                    quarantine(e, p, ex);
                    continue;
                }
                refreshKeys(p);
                publishLevels(e, p);
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
                resend(e, p);
                continue;
            }
            if (p.state != PositionState.OPEN)
            {
                continue;
            }
            final long price = sourcePrice(p);
            final ExitReason reason = firedReason(p, price, e.ts);
            if (reason != null)
            {
                close(e, p, reason, price);
            }
            else
            {
                book.index(p);
            }
        }
    }

    private long sourcePrice(final Position p)
    {
        final int s = p.symbolId;
        final TriggerSource source = p.profile == null ? TriggerSource.LAST : p.profile.source;
        final long price;
        switch (source)
        {
            case BID_ASK:
                price = p.isLong() ? lastBid[s] : lastAsk[s];
                break;
            case MARK:
                price = lastMark[s];
                break;
            default:
                price = lastTrade[s];
                break;
        }
        return price == 0 ? Fixed.NONE : price;
    }

    private void onTimer(final EngineEvent e)
    {
        if (globalState == TradingState.HALTED)
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

    // ================================================================ volatility

    private void feedVolatility(final EngineEvent e, final List<VolatilityTracker> trackers, final TriggerSource source,
        final long longPrice, final long shortPrice)
    {
        final long price = source == TriggerSource.BID_ASK ? (longPrice + shortPrice) / 2 : longPrice;
        for (int i = 0; i < trackers.size(); i++)
        {
            final VolatilityTracker t = trackers.get(i);
            if (t.source != source)
            {
                continue;
            }
            if (t.onPrice(e.ts, price))
            {
                onAtrChanged(e, t);
            }
        }
    }

    private VolatilityTracker tracker(final int symbolId, final TriggerSource source, final int barSeconds, final int bars)
    {
        List<VolatilityTracker> list = volatility[symbolId];
        if (list == null)
        {
            list = new ArrayList<>(2);
            volatility[symbolId] = list;
        }
        for (final VolatilityTracker t : list)
        {
            if (t.barSeconds == barSeconds && t.bars == bars && t.source == source)
            {
                return t;
            }
        }
        final VolatilityTracker t = new VolatilityTracker(symbolId, source, barSeconds, bars);
        list.add(t);
        return t;
    }

    private void onAtrChanged(final EngineEvent e, final VolatilityTracker t)
    {
        final List<Position> waiting = t.positions;
        for (int i = 0; i < waiting.size(); i++)
        {
            final Position p = waiting.get(i);
            if (p.state != PositionState.OPEN)
            {
                continue;
            }
            try
            {
                final boolean changed;
                if (p.profile.atrTrailing)
                {
                    changed = ratchetAtrStop(p);
                }
                else if (p.rules.atrStop == Fixed.NONE)
                {
                    armAtrStop(p);
                    armTakeProfit(p);
                    changed = true;
                }
                else
                {
                    changed = false;
                }
                if (changed)
                {
                    refreshKeys(p);
                    book.index(p);
                    publishLevels(e, p);
                }
            }
            catch (final RuntimeException ex)
            {
                quarantine(e, p, ex);
            }
        }
        waiting.removeIf(p -> p.state == PositionState.CLOSED || p.state == PositionState.QUARANTINED
            || (!p.profile.atrTrailing && p.rules.atrStop != Fixed.NONE));
    }

    private void armAtrStop(final Position p)
    {
        final RuleState r = p.rules;
        final long atr = r.volatility.atr();
        if (atr == Fixed.NONE)
        {
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final long distance = Fixed.mul(atr, p.profile.stopLossValue);
        final long entry = p.averageEntry();
        r.atrStop = Fixed.roundToTick(p.isLong() ? entry - distance : entry + distance, inst.tickSize, p.isLong());
    }

    /** Trailing ATR stop: best price since entry minus k × ATR, only ever tightened. Returns whether it moved. */
    private boolean ratchetAtrStop(final Position p)
    {
        final RuleState r = p.rules;
        final long atr = r.volatility.atr();
        if (atr == Fixed.NONE)
        {
            return false;
        }
        final Instrument inst = instrument(p.symbolId);
        final long distance = Fixed.mul(atr, p.profile.stopLossValue);
        final long candidate = Fixed.roundToTick(p.isLong() ? r.atrPeak - distance : r.atrPeak + distance, inst.tickSize, p.isLong());
        if (r.atrStop == Fixed.NONE || (p.isLong() ? candidate > r.atrStop : candidate < r.atrStop))
        {
            r.atrStop = candidate;
            return true;
        }
        return false;
    }

    // ================================================================ closing

    private boolean closable(final Position p)
    {
        return p.state == PositionState.OPEN && stateOf(p.accountId) != TradingState.HALTED;
    }

    private TradingState stateOf(final int accountId)
    {
        if (globalState == TradingState.HALTED)
        {
            return TradingState.HALTED;
        }
        final TradingState s = accountId >= 0 && accountId < accountState.length ? accountState[accountId] : null;
        return s == null ? globalState : s;
    }

    /** Marks the position closing and writes the close decision; never twice for one position. */
    private void decideClose(final EngineEvent e, final Position p, final ExitReason reason, final long level, final long price,
        final long qty)
    {
        book.unindex(p);
        if (p.state != PositionState.OPEN)
        {
            return;
        }
        if (stateOf(p.accountId) == TradingState.HALTED)
        {
            held.add(p);
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        long closeQty = inst == null ? qty : Fixed.roundDownToStep(qty, inst.stepSize);
        if (closeQty <= 0)
        {
            closeQty = qty;
        }
        p.state = PositionState.CLOSING;
        if (e.ts < circuitOpenUntil)
        {
            // the gateway's circuit is open: the close waits for it, decided then, never lost
            p.closing().reason = reason;
            p.closing().level = level;
            p.closing().triggerPrice = price;
            p.closing().qty = closeQty;
            p.closing().retryAt = circuitOpenUntil;
            book.index(p);
            return;
        }
        p.closing().retryAt = Long.MAX_VALUE;
        p.closing().attempt++;
        p.closing().clientOrderId = ClientOrderIds.of(p.id, p.closing().attempt);
        p.closing().reason = reason;
        p.closing().level = level;
        p.closing().triggerPrice = price;
        p.closing().qty = closeQty;
        p.closing().filledQty = 0;

        final Decision d = e.decisions.add(DecisionType.CLOSE, e.seq, e.ts);
        describe(d, p);
        d.side = p.side.closingSide();
        d.qty = closeQty;
        d.reason = reason;
        d.level = level;
        d.price = price;
        d.clientOrderId = p.closing().clientOrderId;
        counters.increment(Counter.CLOSES_DECIDED);
    }

    /** Sends a failed (or deferred) close again, as a new attempt with a new client order id. */
    private void resend(final EngineEvent e, final Position p)
    {
        if (e.ts < circuitOpenUntil)
        {
            p.closing().retryAt = circuitOpenUntil;
            book.index(p);
            return;
        }
        if (stateOf(p.accountId) == TradingState.HALTED)
        {
            p.closing().retryAt = e.ts + config.retryMaxMs;
            book.index(p);
            return;
        }
        p.closing().retryAt = Long.MAX_VALUE;
        p.closing().attempt++;
        p.closing().clientOrderId = ClientOrderIds.of(p.id, p.closing().attempt);
        p.closing().filledQty = 0;
        final long price = sourcePrice(p);
        final Decision d = e.decisions.add(DecisionType.CLOSE, e.seq, e.ts);
        describe(d, p);
        d.side = p.side.closingSide();
        d.qty = p.closing().qty;
        d.reason = p.closing().reason;
        d.level = p.closing().level;
        d.price = price != Fixed.NONE ? price : p.closing().triggerPrice;
        d.clientOrderId = p.closing().clientOrderId;
        counters.increment(Counter.CLOSES_DECIDED);
        counters.increment(Counter.CLOSE_RETRIES);
        book.unindex(p);
    }

    /** The retry delay after a failure: exponential in the attempt, doubling again per consecutive venue error past the threshold. */
    private long retryDelay(final int attempt)
    {
        long delay = config.retryBaseMs << Math.min(20, Math.max(0, attempt - 1));
        if (consecutiveErrors >= config.breakerSlowAfter)
        {
            delay <<= Math.min(20, consecutiveErrors - config.breakerSlowAfter + 1);
        }
        return Math.min(delay, config.retryMaxMs);
    }

    private long consumedNotional;
    private long consumedFees;

    /** Takes {@code amount} from the position's oldest lots; sets the entry basis it took. */
    private void consumeLots(final Position p, final long amount)
    {
        if (p.lots != null)
        {
            p.lots.consume(amount);
            consumedNotional = p.lots.consumedNotional;
            consumedFees = p.lots.consumedFees;
            return;
        }
        final long take = Math.min(amount, p.qty);
        consumedNotional = Fixed.mulDiv(take, p.lotPrice, Fixed.ONE, RoundingMode.HALF_UP);
        consumedFees = take == p.qty ? p.entryFees : Fixed.mulDiv(p.entryFees, take, p.qty, RoundingMode.HALF_UP);
    }

    private static void describe(final Decision d, final Position p)
    {
        d.accountId = p.accountId;
        d.symbolId = p.symbolId;
        d.positionId = p.id;
        d.positionSide = p.side;
    }

    // ================================================================ fills of the application's orders

    private void onFill(final EngineEvent e)
    {
        final Instrument inst = instrument(e.symbolId);
        if (inst == null)
        {
            reject(e, "fill for symbol without instrument definition");
            return;
        }
        counters.increment(Counter.FILLS);
        final boolean hedge = e.positionSide != null && e.positionSide != PositionSide.BOTH;
        final PositionSide slot = hedge ? e.positionSide : PositionSide.BOTH;
        final long fee = e.fee != Fixed.NONE ? e.fee
            : inst.takerFeeModel.fee(Fixed.mulDiv(e.price, e.qty, Fixed.ONE, RoundingMode.HALF_UP));
        Position p = book.find(e.accountId, e.symbolId, slot);
        long qty = e.qty;
        long feeLeft = fee;
        if (p != null && p.state == PositionState.QUARANTINED)
        {
            reject(e, "fill for quarantined position " + p.id);
            return;
        }
        if (p != null)
        {
            final boolean adds = p.isLong() == (e.side == Side.BUY);
            if (adds)
            {
                addLot(p, qty, e.price, fee);
                adjustNotional(p, Fixed.mulDiv(qty, e.price, Fixed.ONE, RoundingMode.HALF_UP));
                if (e.profileId >= 0)
                {
                    assignProfile(p, e.profileId);
                }
                armAndPublish(e, p);
                return;
            }
            // an opposite fill of the application's own reduces the position first (FIFO)
            final long reduce = Math.min(qty, p.qty);
            final long reduceFee = reduce == qty ? fee : Fixed.mulDiv(fee, reduce, qty, RoundingMode.HALF_UP);
            consumeLots(p, reduce);
            final long basis = consumedNotional;
            final long basisFees = consumedFees;
            final long exitNotional = Fixed.mulDiv(reduce, e.price, Fixed.ONE, RoundingMode.HALF_UP);
            final long gross = p.isLong() ? exitNotional - basis : basis - exitNotional;
            p.realizedPnl += gross - basisFees - reduceFee;
            realized(e, p, gross - basisFees - reduceFee, null);
            adjustNotional(p, -basis);
            p.qty -= reduce;
            p.entryNotional -= basis;
            p.entryFees -= basisFees;
            qty -= reduce;
            feeLeft -= reduceFee;
            if (p.qty == 0)
            {
                p.state = PositionState.CLOSED;
                removePosition(p);
                final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
                describe(d, p);
                d.qty = 0;
                d.detail = "closed by the application's own fill";
            }
            else if (p.state == PositionState.OPEN)
            {
                armAndPublish(e, p);
            }
            if (qty == 0 || hedge)
            {
                return;
            }
        }
        // open a new position with what is left of the fill
        final PositionSide side = hedge ? e.positionSide : (e.side == Side.BUY ? PositionSide.LONG : PositionSide.SHORT);
        if (hedge && (side == PositionSide.LONG) != (e.side == Side.BUY))
        {
            reject(e, "fill would open a " + side + " hedge position with a " + e.side + " fill");
            return;
        }
        p = book.open(e.accountId, e.symbolId, slot, side);
        if (fullScan)
        {
            scanList.add(p);
        }
        p.entryTs = e.ts;
        assignProfile(p, e.profileId);
        addLot(p, qty, e.price, feeLeft);
        adjustNotional(p, p.entryNotional);
        opened(p, e.ts);
        armAndPublish(e, p);
        if (forcedUnwindOn(p.accountId) && p.state == PositionState.OPEN)
        {
            decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, e.price, p.qty);
        }
        enforceCaps(e);
    }

    private void assignProfile(final Position p, final int profileId)
    {
        final ExitProfile named = profile(profileId);
        if (profileId >= 0 && named == null)
        {
            throw new IllegalArgumentException("unknown profile id " + profileId);
        }
        p.profile = named != null ? named : defaultProfile();
        p.profileId = named != null ? profileId : defaultProfileId;
    }

    private static void addLot(final Position p, final long qty, final long price, final long fee)
    {
        p.addLot(qty, price, fee);
        p.qty += qty;
        p.entryNotional += Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
        p.entryFees += fee;
    }

    /** Computes the position's levels from its profile, re-indexes it and writes a levels decision. */
    private void armAndPublish(final EngineEvent e, final Position p)
    {
        try
        {
            arm(p, e.ts);
        }
        catch (final RuntimeException ex)
        {
            quarantine(e, p, ex);
            return;
        }
        if (p.state == PositionState.OPEN)
        {
            book.index(p);
        }
        publishLevels(e, p);
        counters.increment(Counter.LEVELS_ARMED);
        // a level the current price already crossed fires at the next market event of the source
    }

    private void publishLevels(final EngineEvent e, final Position p)
    {
        final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.entryPrice = p.averageEntry();
        d.takeProfit = p.takeProfit;
        final RuleState r = p.rules;
        if (r != null)
        {
            d.stopLoss = p.profile.stopLossKind == ExitProfile.LevelKind.ATR ? r.atrStop : p.stopLoss;
            d.trailingStop = r.trailActive ? r.trailLevel : Fixed.NONE;
            d.breakevenStop = r.breakevenActive ? r.breakevenStop : Fixed.NONE;
            d.profitFloor = r.floorActive ? r.floorLevel : Fixed.NONE;
            d.scaleOutTarget = r.scalePrice;
            d.roiTarget = r.roiLevel;
        }
        else
        {
            d.stopLoss = p.stopLoss;
        }
    }

    /** Arms every rule of the position's profile from its current quantity, entry and fees. */
    private void arm(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long entry = p.averageEntry();
        final Instrument inst = instrument(p.symbolId);
        p.stopLoss = Fixed.NONE;
        p.takeProfit = Fixed.NONE;
        if (prof == null)
        {
            refreshKeys(p);
            return;
        }
        final boolean advanced = prof.hasTrailing() || prof.hasBreakeven() || prof.hasProfitFloor() || prof.hasScaleOut()
            || prof.hasTimeRules() || prof.stopLossKind == ExitProfile.LevelKind.ATR;
        if (advanced && p.rules == null)
        {
            p.rules = new RuleState();
            p.rules.initialQty = p.qty;
        }
        else if (!advanced)
        {
            p.rules = null;
        }
        switch (prof.stopLossKind)
        {
            case PRICE:
                p.stopLoss = Fixed.roundToTick(prof.stopLossValue, inst.tickSize, isLong);
                break;
            case PCT:
                p.stopLoss = LevelSolver.percentLevel(entry, prof.stopLossValue, !isLong, isLong, inst.tickSize);
                break;
            case NET:
                p.stopLoss = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    -prof.stopLossValue, inst.tickSize);
                break;
            case ATR:
                armVolatility(p);
                break;
            default:
                break;
        }
        armTakeProfit(p);
        final RuleState r = p.rules;
        if (r != null)
        {
            r.initialQty = Math.max(r.initialQty, p.qty);
            armTrailing(p, entry);
            armBreakeven(p);
            armFloor(p);
            armScale(p);
            armTime(p, ts);
        }
        refreshKeys(p);
    }

    private void armTakeProfit(final Position p)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long entry = p.averageEntry();
        final Instrument inst = instrument(p.symbolId);
        switch (prof.takeProfitKind)
        {
            case PRICE:
                p.takeProfit = Fixed.roundToTick(prof.takeProfitValue, inst.tickSize, isLong);
                break;
            case PCT:
                p.takeProfit = LevelSolver.percentLevel(entry, prof.takeProfitValue, isLong, isLong, inst.tickSize);
                break;
            case NET:
                p.takeProfit = LevelSolver.solveNet(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    prof.takeProfitValue, inst.tickSize);
                break;
            case RISK_REWARD:
            {
                final long stop = prof.stopLossKind == ExitProfile.LevelKind.ATR ? p.rules.atrStop : p.stopLoss;
                if (stop != Fixed.NONE)
                {
                    final long distance = Math.abs(entry - stop);
                    final long move = Fixed.mulDiv(distance, prof.takeProfitValue, Fixed.ONE, RoundingMode.HALF_UP);
                    p.takeProfit = Fixed.roundToTick(isLong ? entry + move : entry - move, inst.tickSize, isLong);
                }
                break;
            }
            default:
                break;
        }
    }

    private void armVolatility(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (r.volatility == null)
        {
            r.volatility = tracker(p.symbolId, prof.source, prof.barSeconds, prof.atrBars);
            r.volatility.positions.add(p);
        }
        if (prof.atrTrailing)
        {
            if (r.atrPeak == Fixed.NONE)
            {
                r.atrPeak = p.averageEntry();
            }
            ratchetAtrStop(p);
        }
        else
        {
            r.atrStop = Fixed.NONE;
            armAtrStop(p);
        }
    }

    private void armTrailing(final Position p, final long entry)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasTrailing())
        {
            return;
        }
        final boolean isLong = p.isLong();
        final Instrument inst = instrument(p.symbolId);
        switch (prof.trailingActivationKind)
        {
            case PRICE:
                r.trailActivation = prof.trailingActivationValue;
                break;
            case PCT:
            {
                final long factor = isLong ? HUNDRED + prof.trailingActivationValue : HUNDRED - prof.trailingActivationValue;
                r.trailActivation = Fixed.mulDiv(entry, factor, HUNDRED, isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
                break;
            }
            case NET:
                r.trailActivation = LevelSolver.exactThreshold(isLong, p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                    prof.trailingActivationValue);
                break;
            default:
                r.trailActivation = Fixed.NONE;
                break;
        }
        if (!r.trailActive)
        {
            // the peak counts from entry, the entry price included
            if (r.trailActivation == Fixed.NONE || crossesUp(isLong, entry, r.trailActivation))
            {
                r.trailActive = true;
                r.peak = entry;
                r.trailLevel = trailingLevel(p, entry);
            }
        }
        else
        {
            r.trailLevel = trailingLevel(p, r.peak);
        }
    }

    /**
     * The trailing level for a peak, unrounded: exact to eight decimals in the position's favour, so
     * "price ≤ level" means exactly "price ≤ peak × (1 − callback)" (Binance's TRAILING_STOP_MARKET).
     */
    private long trailingLevel(final Position p, final long peak)
    {
        final ExitProfile prof = p.profile;
        final boolean isLong = p.isLong();
        final long v = prof.trailingDistanceValue;
        switch (prof.trailingDistanceKind)
        {
            case CALLBACK_PCT:
                return Fixed.mulDiv(peak, isLong ? HUNDRED - v : HUNDRED + v, HUNDRED, isLong ? RoundingMode.FLOOR : RoundingMode.CEILING);
            case OFFSET_BPS:
            {
                final long tenThousand = Fixed.of(10_000);
                return Fixed.mulDiv(peak, isLong ? tenThousand - v : tenThousand + v, tenThousand,
                    isLong ? RoundingMode.FLOOR : RoundingMode.CEILING);
            }
            case OFFSET:
                return isLong ? peak - v : peak + v;
            case OFFSET_TICKS:
            {
                final long distance = Fixed.mulDiv(v, instrument(p.symbolId).tickSize, Fixed.ONE, RoundingMode.HALF_UP);
                return isLong ? peak - distance : peak + distance;
            }
            default:
                return Fixed.NONE;
        }
    }

    private void armBreakeven(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasBreakeven() || r.breakevenActive)
        {
            if (r.breakevenActive)
            {
                activateBreakeven(p);
            }
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final long target = prof.breakevenTriggerKind == ExitProfile.ActivationKind.PCT
            ? Fixed.mulDiv(p.entryNotional, prof.breakevenTriggerValue, HUNDRED, RoundingMode.CEILING)
            : prof.breakevenTriggerValue;
        r.breakevenTrigger = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, target);
    }

    private void armFloor(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (!prof.hasProfitFloor())
        {
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        if (r.floorActive)
        {
            r.floorLevel = LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
                prof.floorNetProfit, inst.tickSize);
            return;
        }
        r.floorActivation = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel,
            prof.floorActivationNetProfit);
    }

    private void armScale(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (r.scaleIndex >= prof.scaleOutKinds.length)
        {
            r.scalePrice = Fixed.NONE;
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final long value = prof.scaleOutValues[r.scaleIndex];
        r.scalePrice = prof.scaleOutKinds[r.scaleIndex] == ExitProfile.LevelKind.PCT
            ? LevelSolver.percentLevel(p.averageEntry(), value, p.isLong(), p.isLong(), inst.tickSize)
            : LevelSolver.solveNet(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, value, inst.tickSize);
    }

    private void armTime(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        r.timeoutAt = prof.maxHoldMinutes > 0 ? p.entryTs + prof.maxHoldMinutes * MINUTE : Long.MAX_VALUE;
        r.roiIndex = -1;
        r.roiLevel = Fixed.NONE;
        r.nextRoiAt = prof.roiMinutes.length > 0 ? p.entryTs + prof.roiMinutes[0] * MINUTE : Long.MAX_VALUE;
        if (r.nextRoiAt <= ts)
        {
            advanceRoi(p, ts);
        }
    }

    /** Moves to the ROI entry in force at {@code ts}: the target is the price where net profit % reaches it. */
    private void advanceRoi(final Position p, final long ts)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        final long elapsedMinutesTs = ts - p.entryTs;
        int i = r.roiIndex;
        while (i + 1 < prof.roiMinutes.length && prof.roiMinutes[i + 1] * MINUTE <= elapsedMinutesTs)
        {
            i++;
        }
        r.roiIndex = i;
        r.nextRoiAt = i + 1 < prof.roiMinutes.length ? p.entryTs + prof.roiMinutes[i + 1] * MINUTE : Long.MAX_VALUE;
        if (i < 0)
        {
            r.roiLevel = Fixed.NONE;
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final long target = Fixed.mulDiv(p.entryNotional, prof.roiPct[i], HUNDRED, RoundingMode.CEILING);
        r.roiLevel = LevelSolver.exactThreshold(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, target);
    }

    /**
     * The stop key is the tightest stop-family level (a long's highest) and names the rule it comes from;
     * ties go to the rule of higher priority. The target key is the nearest upward threshold.
     */
    private static void refreshKeys(final Position p)
    {
        final boolean isLong = p.isLong();
        long stop = Fixed.NONE;
        ExitReason reason = null;
        final RuleState r = p.rules;
        final boolean atrKind = p.profile != null && p.profile.stopLossKind == ExitProfile.LevelKind.ATR;
        // candidates in priority order: a later one replaces only if strictly tighter
        if (p.stopLoss != Fixed.NONE)
        {
            stop = p.stopLoss;
            reason = ExitReason.STOP_LOSS;
        }
        if (r != null)
        {
            if (atrKind && r.atrStop != Fixed.NONE && tighter(isLong, r.atrStop, stop))
            {
                stop = r.atrStop;
                reason = ExitReason.VOLATILITY_STOP;
            }
            if (r.trailActive && tighter(isLong, r.trailLevel, stop))
            {
                stop = r.trailLevel;
                reason = ExitReason.TRAILING_STOP;
            }
            if (r.breakevenActive && tighter(isLong, r.breakevenStop, stop))
            {
                stop = r.breakevenStop;
                reason = ExitReason.BREAKEVEN;
            }
            if (r.floorActive && tighter(isLong, r.floorLevel, stop))
            {
                stop = r.floorLevel;
                reason = ExitReason.PROFIT_FLOOR;
            }
        }
        p.stopKey = stop;
        p.stopReason = reason;

        long target = p.takeProfit;
        if (r != null)
        {
            target = nearer(isLong, target, r.scalePrice);
            target = nearer(isLong, target, r.roiLevel);
            if (!r.trailActive)
            {
                target = nearer(isLong, target, r.trailActivation);
            }
            if (!r.breakevenActive)
            {
                target = nearer(isLong, target, r.breakevenTrigger);
            }
            if (!r.floorActive)
            {
                target = nearer(isLong, target, r.floorActivation);
            }
        }
        p.targetKey = target;
    }

    private static boolean tighter(final boolean isLong, final long candidate, final long current)
    {
        if (candidate == Fixed.NONE)
        {
            return false;
        }
        return current == Fixed.NONE || (isLong ? candidate > current : candidate < current);
    }

    private static long nearer(final boolean isLong, final long a, final long b)
    {
        if (a == Fixed.NONE)
        {
            return b;
        }
        if (b == Fixed.NONE)
        {
            return a;
        }
        return isLong ? Math.min(a, b) : Math.max(a, b);
    }

    private void quarantine(final EngineEvent e, final Position p, final Throwable cause)
    {
        book.unindex(p);
        p.state = PositionState.QUARANTINED;
        counters.increment(Counter.ERRORS);
        counters.increment(Counter.POSITIONS_QUARANTINED);
        final Decision d = e.decisions.add(DecisionType.QUARANTINE, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private void reject(final EngineEvent e, final String why)
    {
        counters.increment(Counter.INPUTS_REJECTED);
        final Decision d = e.decisions.add(DecisionType.REJECTED, e.seq, e.ts);
        d.accountId = e.accountId;
        d.symbolId = e.symbolId;
        d.detail = e.type + ": " + why;
    }

    // ================================================================ the venue's answers to close orders

    private void onOrderFill(final EngineEvent e)
    {
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state == PositionState.CLOSED)
        {
            reject(e, "fill for unknown or closed position of " + ClientOrderIds.toString(e.clientOrderId));
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final dev.exitengine.core.position.CloseState c = p.close;
        if (p.state != PositionState.CLOSING || c == null || c.clientOrderId != e.clientOrderId)
        {
            // a fill of an order already complete, failed or superseded: applying it would count an exit twice;
            // if the venue really did fill more, its next snapshot corrects the quantity
            reject(e, "fill for " + ClientOrderIds.toString(e.clientOrderId) + " which is not the close in flight (duplicate or late)");
            return;
        }
        final long fillQty = Math.min(e.qty, Math.min(p.qty, c.qty - c.filledQty));
        if (fillQty <= 0)
        {
            reject(e, "fill for " + ClientOrderIds.toString(e.clientOrderId) + " beyond the order's quantity");
            return;
        }
        final long notional = Fixed.mulDiv(fillQty, e.price, Fixed.ONE, RoundingMode.HALF_UP);
        final long fee = e.fee != Fixed.NONE ? e.fee : inst.takerFeeModel.fee(notional);
        consecutiveErrors = 0;
        consumeLots(p, fillQty);
        adjustNotional(p, -consumedNotional);
        p.closing().exitEntryNotional += consumedNotional;
        p.closing().exitEntryFees += consumedFees;
        p.entryNotional -= consumedNotional;
        p.entryFees -= consumedFees;
        p.qty -= fillQty;
        p.closing().exitQty += fillQty;
        p.closing().exitNotional += notional;
        p.closing().exitFees += fee;
        c.filledQty += fillQty;
        if (p.qty == 0)
        {
            completeExit(e, p, true);
        }
        else if (p.state == PositionState.CLOSING && p.closing().filledQty >= p.closing().qty)
        {
            // this close is done and quantity is left: a scale-out level, or dust below the step size
            completeExit(e, p, false);
        }
    }

    private void completeExit(final EngineEvent e, final Position p, final boolean whole)
    {
        final long fees = p.closing().exitEntryFees + p.closing().exitFees;
        final long gross = p.isLong() ? p.closing().exitNotional - p.closing().exitEntryNotional : p.closing().exitEntryNotional - p.closing().exitNotional;
        final Decision d = e.decisions.add(DecisionType.EXIT, e.seq, e.ts);
        describe(d, p);
        d.reason = p.closing().reason;
        d.qty = p.closing().exitQty;
        d.entryPrice = Fixed.mulDiv(p.closing().exitEntryNotional, Fixed.ONE, p.closing().exitQty, RoundingMode.HALF_UP);
        d.exitPrice = Fixed.mulDiv(p.closing().exitNotional, Fixed.ONE, p.closing().exitQty, RoundingMode.HALF_UP);
        d.fees = fees;
        d.netPnl = gross - fees;
        d.level = p.closing().level;
        d.price = p.closing().triggerPrice;
        d.clientOrderId = p.closing().clientOrderId;
        if (p.closing().level != Fixed.NONE)
        {
            // slippage against the level, positive when the fill was worse than the level
            d.slippage = p.isLong() ? p.closing().level - d.exitPrice : d.exitPrice - p.closing().level;
        }
        counters.increment(Counter.EXITS);
        if (p.closing().reason != null)
        {
            counters.incrementExit(p.closing().reason);
        }
        realized(e, p, d.netPnl, p.closing().reason);
        p.closing().resetExit();
        if (whole)
        {
            p.state = PositionState.CLOSED;
            removePosition(p);
            flushRiskNote(e);
            return;
        }
        // a partial exit: the rest stays open with its stop
        p.state = PositionState.OPEN;
        final RuleState r = p.rules;
        if (p.closing().reason == ExitReason.PARTIAL_TAKE_PROFIT && r != null)
        {
            r.scaleIndex++;
            r.scaledOut = true;
            armScale(p);
            if (p.profile.breakevenAfterFirstScaleOut && !r.breakevenActive)
            {
                activateBreakeven(p);
            }
        }
        refreshKeys(p);
        book.index(p);
        publishLevels(e, p);
        if (forcedUnwindOn(p.accountId))
        {
            decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, lastTradeOf(p.symbolId), p.qty);
        }
    }

    private void onOrderFailed(final EngineEvent e)
    {
        final boolean rejected = e.type == EventType.ORDER_REJECT;
        counters.increment(rejected ? Counter.CLOSES_REJECTED : Counter.CLOSES_EXPIRED);
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state != PositionState.CLOSING || p.closing().clientOrderId != e.clientOrderId || p.retryAt() != Long.MAX_VALUE)
        {
            return;
        }
        if (rejected && positionGone(e.text))
        {
            // the venue says there is nothing to reduce: the position is gone, not the order failed
            reconcileDrop(e, p, "venue reports no position: " + e.text);
            consecutiveErrors = 0;
            return;
        }
        consecutiveErrors++;
        if (consecutiveErrors >= config.breakerOpenAfter)
        {
            circuitOpenUntil = e.ts + config.breakerPauseMs;
            final Decision r = e.decisions.add(DecisionType.RISK, e.seq, e.ts);
            r.detail = "gateway circuit open until " + circuitOpenUntil + " after " + consecutiveErrors + " consecutive errors";
        }
        final long delay = retryDelay(p.closing().attempt);
        p.closing().retryAt = Math.max(e.ts + delay, circuitOpenUntil);
        final Decision d = e.decisions.add(DecisionType.CLOSE_FAILED, e.seq, e.ts);
        describe(d, p);
        d.clientOrderId = e.clientOrderId;
        d.reason = p.closing().reason;
        d.qty = p.closing().qty - p.closing().filledQty;
        d.detail = (rejected ? "rejected: " + e.text : "expired") + "; retry at " + p.retryAt();
        if (p.closing().filledQty > 0)
        {
            // part of this attempt filled: the retry closes what is left
            p.closing().qty = p.qty;
        }
        book.index(p);
    }

    /** Binance answers -2022 (ReduceOnly Order is rejected) when there is no position left to reduce. */
    private static boolean positionGone(final String reason)
    {
        if (reason == null)
        {
            return false;
        }
        final String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("-2022") || r.contains("reduceonly order is rejected") || r.contains("position_gone")
            || r.contains("no position");
    }

    private void reconcileDrop(final EngineEvent e, final Position p, final String why)
    {
        final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
        describe(d, p);
        d.qty = 0;
        d.detail = why + " (was " + Fixed.toString(p.qty) + ")";
        counters.increment(Counter.RECONCILIATIONS);
        p.state = PositionState.CLOSED;
        removePosition(p);
    }

    // ================================================================ reconciliation with the exchange's truth

    private void onSnapshot(final EngineEvent e)
    {
        final Snapshot snap = e.snapshot();
        final int account = e.accountId;
        final boolean[] matched = new boolean[snap.size()];
        // engine positions of the account, in id order: corrected or dropped
        for (final Position p : accountPositions(account))
        {
            if (p.state == PositionState.CLOSED)
            {
                continue;
            }
            int found = -1;
            for (int i = 0; i < snap.size(); i++)
            {
                if (!matched[i] && snap.symbolIds[i] == p.symbolId && slotMatches(p, snap.sides[i], snap.qty[i]))
                {
                    found = i;
                    break;
                }
            }
            if (found < 0)
            {
                reconcileDrop(e, p, "vanished at the exchange");
                continue;
            }
            matched[found] = true;
            final long exchangeQty = Math.abs(snap.qty[found]);
            if (exchangeQty != p.qty && p.state == PositionState.OPEN)
            {
                final long before = p.qty;
                if (exchangeQty < p.qty)
                {
                    consumeLots(p, p.qty - exchangeQty);
                    adjustNotional(p, -consumedNotional);
                    p.entryNotional -= consumedNotional;
                    p.entryFees -= consumedFees;
                    p.qty = exchangeQty;
                }
                else
                {
                    final long add = exchangeQty - p.qty;
                    final Instrument inst = instrument(p.symbolId);
                    final long price = snap.entryPrice[found];
                    final long fee = inst.takerFeeModel.fee(Fixed.mulDiv(add, price, Fixed.ONE, RoundingMode.HALF_UP));
                    addLot(p, add, price, fee);
                    adjustNotional(p, Fixed.mulDiv(add, price, Fixed.ONE, RoundingMode.HALF_UP));
                }
                final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
                describe(d, p);
                d.qty = p.qty;
                d.entryPrice = p.averageEntry();
                d.detail = "quantity corrected from " + Fixed.toString(before) + " to " + Fixed.toString(exchangeQty);
                counters.increment(Counter.RECONCILIATIONS);
                armAndPublish(e, p);
            }
        }
        // exchange positions the engine did not know: adopted with the default profile
        for (int i = 0; i < snap.size(); i++)
        {
            if (matched[i] || snap.qty[i] == 0)
            {
                continue;
            }
            final Instrument inst = instrument(snap.symbolIds[i]);
            if (inst == null)
            {
                continue;
            }
            final PositionSide slot = snap.sides[i];
            final PositionSide side = slot == PositionSide.BOTH ? (snap.qty[i] > 0 ? PositionSide.LONG : PositionSide.SHORT) : slot;
            final long qty = Math.abs(snap.qty[i]);
            final Position p = book.open(account, snap.symbolIds[i], slot, side);
            if (fullScan)
            {
                scanList.add(p);
            }
            p.entryTs = e.ts;
            assignProfile(p, -1);
            final long fee = inst.takerFeeModel.fee(Fixed.mulDiv(qty, snap.entryPrice[i], Fixed.ONE, RoundingMode.HALF_UP));
            addLot(p, qty, snap.entryPrice[i], fee);
            adjustNotional(p, p.entryNotional);
            opened(p, e.ts);
            final Decision d = e.decisions.add(DecisionType.RECONCILE, e.seq, e.ts);
            describe(d, p);
            d.qty = qty;
            d.entryPrice = snap.entryPrice[i];
            d.detail = "adopted from the exchange with profile " + p.profile.name;
            counters.increment(Counter.RECONCILIATIONS);
            armAndPublish(e, p);
            if (forcedUnwindOn(account) && p.state == PositionState.OPEN)
            {
                decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, lastTradeOf(p.symbolId), p.qty);
            }
        }
        enforceCaps(e);
    }

    private static boolean slotMatches(final Position p, final PositionSide snapSide, final long snapQty)
    {
        if (snapSide == PositionSide.BOTH)
        {
            return !p.hedge && (snapQty > 0) == p.isLong();
        }
        return p.hedge && p.side == snapSide;
    }

    // ================================================================ risk controls

    /** Every per-account array grows here, together, so none can be shorter than another. */
    private void ensureAccount(final int accountId)
    {
        if (accountId >= accountOpen.length)
        {
            final int n = Math.max(accountId + 1, accountOpen.length * 2);
            accountState = Arrays.copyOf(accountState, n);
            forcedUnwind = Arrays.copyOf(forcedUnwind, n);
            accountOpen = Arrays.copyOf(accountOpen, n);
            accountNotional = Arrays.copyOf(accountNotional, n);
            accountRealized = Arrays.copyOf(accountRealized, n);
            accountPeak = Arrays.copyOf(accountPeak, n);
            cooldownUntil = Arrays.copyOf(cooldownUntil, n);
            recentEntries = Arrays.copyOf(recentEntries, n);
            recentStops = Arrays.copyOf(recentStops, n);
        }
    }

    private void ensureRisk(final int accountId, final int symbolId)
    {
        ensureAccount(accountId);
        if (symbolId >= symbolOpen.length)
        {
            symbolOpen = Arrays.copyOf(symbolOpen, Math.max(symbolId + 1, symbolOpen.length * 2));
        }
    }

    private void adjustNotional(final Position p, final long delta)
    {
        ensureRisk(p.accountId, p.symbolId);
        accountNotional[p.accountId] += delta;
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
    }

    /** A new position: counted against the caps; five within the window start the rapid-entry cooldown. */
    private void opened(final Position p, final long ts)
    {
        ensureRisk(p.accountId, p.symbolId);
        accountOpen[p.accountId]++;
        symbolOpen[p.symbolId]++;
        globalOpen++;
        capBreached |= (config.maxPositionsPerAccount > 0 && accountOpen[p.accountId] > config.maxPositionsPerAccount)
            || (config.maxPositionsPerSymbol > 0 && symbolOpen[p.symbolId] > config.maxPositionsPerSymbol)
            || (config.maxPositionsGlobal > 0 && globalOpen > config.maxPositionsGlobal);
        counters.set(Counter.POSITIONS_TRACKED, book.size());
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
        riskView.symbolOpen(p.symbolId, symbolOpen[p.symbolId]);
        riskView.global(globalOpen, globalState, ts);
        if (config.rapidEntryCount > 0 && recordWithin(recentEntries, p.accountId, config.rapidEntryCount, ts, config.rapidEntryWindowMs))
        {
            startCooldown(p.accountId, ts + config.rapidEntryCooldownMs, config.rapidEntryCount + " new positions within "
                + config.rapidEntryWindowMs + " ms");
        }
    }

    /** Records {@code ts} in the account's ring; true when the ring now holds {@code count} times within the window. */
    private static boolean recordWithin(final long[][] rings, final int accountId, final int count, final long ts, final long window)
    {
        long[] ring = rings[accountId];
        if (ring == null)
        {
            // count timestamps, then how many were ever recorded
            ring = new long[count + 1];
            Arrays.fill(ring, 0, count, Long.MIN_VALUE / 2);
            rings[accountId] = ring;
        }
        final int head = (int)(ring[count] % count);
        ring[head] = ts;
        ring[count]++;
        final long oldest = ring[(head + 1) % count];
        return ring[count] >= count && ts - oldest < window;
    }

    private void startCooldown(final int accountId, final long until, final String why)
    {
        cooldownUntil[accountId] = Math.max(cooldownUntil[accountId], until);
        riskView.cooldownUntil(accountId, cooldownUntil[accountId]);
        pendingRiskNote = "account cooldown until " + until + ": " + why;
        pendingRiskAccount = accountId;
    }

    private String pendingRiskNote;
    private int pendingRiskAccount = -1;

    private void flushRiskNote(final EngineEvent e)
    {
        if (pendingRiskNote != null)
        {
            final Decision d = e.decisions.add(DecisionType.RISK, e.seq, e.ts);
            d.accountId = pendingRiskAccount;
            d.detail = pendingRiskNote;
            pendingRiskNote = null;
            pendingRiskAccount = -1;
        }
    }

    /** A position leaves the book: no longer counted against the caps. */
    private void removePosition(final Position p)
    {
        book.remove(p);
        ensureRisk(p.accountId, p.symbolId);
        accountOpen[p.accountId]--;
        symbolOpen[p.symbolId]--;
        globalOpen--;
        accountNotional[p.accountId] -= p.entryNotional;
        counters.set(Counter.POSITIONS_TRACKED, book.size());
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
        riskView.symbolOpen(p.symbolId, symbolOpen[p.symbolId]);
        riskView.global(globalOpen, globalState, 0);
    }

    /** Realized net PnL of an account: protections (stop-loss cooldown, drawdown) watch it. */
    private void realized(final EngineEvent e, final Position p, final long net, final ExitReason reason)
    {
        final int a = p.accountId;
        ensureRisk(a, p.symbolId);
        accountRealized[a] += net;
        accountPeak[a] = Math.max(accountPeak[a], accountRealized[a]);
        if (reason == ExitReason.STOP_LOSS && config.stopLossCooldownCount > 0
            && recordWithin(recentStops, a, config.stopLossCooldownCount, e.ts, config.stopLossWindowMs))
        {
            startCooldown(a, e.ts + config.stopLossCooldownMs, config.stopLossCooldownCount + " stop-losses within "
                + config.stopLossWindowMs + " ms");
        }
        if (config.maxDrawdown > 0 && accountPeak[a] - accountRealized[a] >= config.maxDrawdown && stateOf(a) == TradingState.ACTIVE)
        {
            ensureAccount(a);
            accountState[a] = TradingState.REDUCING;
            riskView.accountState(a, TradingState.REDUCING);
            pendingRiskNote = "drawdown " + Fixed.toString(accountPeak[a] - accountRealized[a]) + " reached maxDrawdown "
                + Fixed.toString(config.maxDrawdown) + ": account REDUCING (exits only)";
            pendingRiskAccount = a;
        }
    }

    /**
     * Hard caps: an account, a symbol or the whole book over its cap (after a reconciliation, or an entry
     * the application made anyway) closes its smallest positions by notional first, reason RISK_LIMIT.
     */
    private void enforceCaps(final EngineEvent e)
    {
        if (!capBreached)
        {
            flushRiskNote(e);
            return;
        }
        capBreached = false;
        final boolean accountOver = config.maxPositionsPerAccount > 0 && anyOver(accountOpen, config.maxPositionsPerAccount);
        final boolean symbolOver = config.maxPositionsPerSymbol > 0 && anyOver(symbolOpen, config.maxPositionsPerSymbol);
        final boolean globalOver = config.maxPositionsGlobal > 0 && globalOpen > config.maxPositionsGlobal;
        if (accountOver || symbolOver || globalOver)
        {
            final List<Position> open = new ArrayList<>();
            for (final Position p : book.all())
            {
                if (p.state == PositionState.OPEN)
                {
                    open.add(p);
                }
            }
            open.sort((a, b) ->
            {
                final int c = Long.compare(currentNotional(a), currentNotional(b));
                return c != 0 ? c : Long.compare(a.id, b.id);
            });
            final int[] acc = new int[accountOpen.length];
            final int[] sym = new int[symbolOpen.length];
            int all = 0;
            for (final Position p : open)
            {
                acc[p.accountId]++;
                sym[p.symbolId]++;
                all++;
            }
            for (final Position p : open)
            {
                final boolean over = (config.maxPositionsPerAccount > 0 && acc[p.accountId] > config.maxPositionsPerAccount)
                    || (config.maxPositionsPerSymbol > 0 && sym[p.symbolId] > config.maxPositionsPerSymbol)
                    || (config.maxPositionsGlobal > 0 && all > config.maxPositionsGlobal);
                if (over)
                {
                    decideClose(e, p, ExitReason.RISK_LIMIT, Fixed.NONE, lastTradeOf(p.symbolId), p.qty);
                    acc[p.accountId]--;
                    sym[p.symbolId]--;
                    all--;
                }
            }
        }
        flushRiskNote(e);
    }

    private static boolean anyOver(final int[] counts, final int cap)
    {
        for (final int c : counts)
        {
            if (c > cap)
            {
                return true;
            }
        }
        return false;
    }

    private long currentNotional(final Position p)
    {
        final long last = lastTradeOf(p.symbolId);
        return last == Fixed.NONE ? p.entryNotional : Fixed.mulDiv(p.qty, last, Fixed.ONE, RoundingMode.HALF_UP);
    }

    // ================================================================ commands

    private void onCommand(final EngineEvent e)
    {
        final CommandType c = e.command;
        switch (c)
        {
            case FORCED_UNWIND:
                ensureAccount(e.accountId);
                forcedUnwind[e.accountId] = e.on;
                if (e.on)
                {
                    for (final Position p : accountPositions(e.accountId))
                    {
                        if (p.state == PositionState.OPEN)
                        {
                            decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, lastTradeOf(p.symbolId), p.qty);
                        }
                    }
                }
                break;
            case TRADING_STATE:
                if (e.accountId < 0)
                {
                    globalState = e.tradingState;
                    riskView.global(globalOpen, globalState, e.ts);
                }
                else
                {
                    ensureAccount(e.accountId);
                    accountState[e.accountId] = e.tradingState;
                    riskView.accountState(e.accountId, e.tradingState);
                }
                releaseHeld();
                break;
            case MANUAL_CLOSE:
            {
                final Position p = findForCommand(e);
                if (p == null)
                {
                    reject(e, "manual close: no open position");
                }
                else if (p.state == PositionState.OPEN)
                {
                    decideClose(e, p, ExitReason.MANUAL, Fixed.NONE, lastTradeOf(p.symbolId), p.qty);
                }
                break;
            }
            case SET_PROFILE:
            {
                final Position p = findForCommand(e);
                if (p == null)
                {
                    reject(e, "set profile: no open position");
                    break;
                }
                if (profile(e.profileId) == null)
                {
                    reject(e, "set profile: unknown profile");
                    break;
                }
                assignProfile(p, e.profileId);
                p.rules = null;
                if (p.state == PositionState.OPEN)
                {
                    armAndPublish(e, p);
                }
                break;
            }
            default:
                break;
        }
    }

    /** Positions held back while HALTED go back into their ladders once their account may trade again. */
    private void releaseHeld()
    {
        for (int i = held.size() - 1; i >= 0; i--)
        {
            final Position p = held.get(i);
            if (p.state != PositionState.OPEN)
            {
                held.remove(i);
            }
            else if (stateOf(p.accountId) != TradingState.HALTED)
            {
                held.remove(i);
                refreshKeys(p);
                book.index(p);
            }
        }
    }

    private Position findForCommand(final EngineEvent e)
    {
        if (e.positionSide == PositionSide.BOTH || e.positionSide == null)
        {
            final Position oneWay = book.find(e.accountId, e.symbolId, PositionSide.BOTH);
            if (oneWay != null)
            {
                return oneWay;
            }
            final Position l = book.find(e.accountId, e.symbolId, PositionSide.LONG);
            return l != null ? l : book.find(e.accountId, e.symbolId, PositionSide.SHORT);
        }
        return book.find(e.accountId, e.symbolId, e.positionSide);
    }

    private List<Position> accountPositions(final int accountId)
    {
        final List<Position> out = new ArrayList<>();
        for (final Position p : book.all())
        {
            if (p.accountId == accountId)
            {
                out.add(p);
            }
        }
        return out;
    }

    private long lastTradeOf(final int symbolId)
    {
        return symbolId < lastTrade.length && lastTrade[symbolId] != 0 ? lastTrade[symbolId] : Fixed.NONE;
    }

    private boolean forcedUnwindOn(final int accountId)
    {
        return accountId >= 0 && accountId < forcedUnwind.length && forcedUnwind[accountId];
    }

}
