package dev.exitengine.core.evaluator;

import com.lmax.disruptor.EventHandler;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.rules.ExitProfile;
import org.HdrHistogram.Histogram;

/**
 * The position-evaluation handler: owns every position, applies fills, arms exit levels, evaluates
 * each market event against the per-symbol ladders and writes its decisions onto the event. The only
 * thread that touches position state. A rule or data error on one position quarantines that
 * position; the others go on.
 *
 * <p>This class only dispatches: each event type goes to the one collaborator that owns its job. They
 * are final, package-private and single-threaded, each owning its state, and form a chain without
 * cycles (each takes only those created before it):
 * <pre>
 *   Definitions      instruments and profiles
 *   LastPrices       HOT: last trade, bid, ask, mark per symbol
 *   DecisionWriter   every decision shape, in one place
 *   Quarantine       takes a failing position out of evaluation
 *   TradingStates    engine and account states, forced unwind, positions held while HALTED
 *   CircuitBreaker   consecutive venue errors, pause, retry delay
 *   RiskControls     counts, notional, realized PnL, cooldowns, drawdown; publishes RiskView
 *   VolatilityStops  ATR trackers and stops
 *   RuleArming       arms levels, activations, trailing moves, ROI steps, ATR re-arming; levelsChanged
 *   CloseLifecycle   decide, resend, acks, close fills, exits, "gone" at the venue
 *   CapEnforcer      over-cap victims, smallest first
 *   MarketEvaluator  HOT: ladder tops, drains crossed levels, raises peaks, time ladder, timers
 *   EntryFills       open, add, reduce (FIFO lots), flip, hedge
 *   Reconciler       venue snapshots: adopt, correct, drop
 *   Commands         forced unwind, trading state, manual close, set profile
 * </pre>
 * State leaves through three doors only: the decisions on the event, {@link RiskView} and the counters.
 */
public final class PositionEvaluator implements EventHandler<EngineEvent>
{
    /** At most this many market events share one clock read for the tick → decision histogram. */
    public static final int TIMING_CHUNK = MarketEvaluator.TIMING_CHUNK;

    private final EngineCounters counters;
    private final RiskView riskView;
    private final PositionBook book;
    private final Definitions definitions;
    private final LastPrices prices = new LastPrices();
    private final TradingStates states;
    private final CircuitBreaker breaker;
    private final RiskControls risk;
    private final VolatilityStops volatility;
    private final CloseLifecycle closes;
    private final CapEnforcer caps;
    private final MarketEvaluator market;
    private final EntryFills fills;
    private final Reconciler reconciler;
    private final Commands commands;
    private final DecisionWriter writer;
    private final SourceFallbacks fallbacks;
    private final ExitProfile builtInDefault;

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
        this.riskView = riskView;
        this.book = new PositionBook(config.firstPositionId);
        this.builtInDefault = builtInDefault;
        fallbacks = new SourceFallbacks(counters, book, config.staleAfterMs);
        definitions = new Definitions(config.defaultProfile, builtInDefault, fallbacks);
        writer = new DecisionWriter(definitions, counters);
        final Quarantine quarantine = new Quarantine(book, counters, writer);
        states = new TradingStates(book, riskView);
        breaker = new CircuitBreaker(config);
        risk = new RiskControls(config, counters, riskView, book, states, writer);
        volatility = new VolatilityStops(definitions);
        final RuleArming arming = new RuleArming(definitions, book, volatility, writer, quarantine, counters);
        closes = new CloseLifecycle(config, counters, book, definitions, prices, states, breaker, risk, arming, writer);
        caps = new CapEnforcer(config, book, risk, prices, closes);
        market = new MarketEvaluator(counters, tickToDecision, book, prices, fallbacks, volatility, arming, closes, states,
            quarantine);
        arming.afterArming(market::closeIfAlreadyCrossed);
        fills = new EntryFills(counters, book, definitions, risk, arming, closes, caps, market, writer);
        reconciler = new Reconciler(counters, book, definitions, prices, risk, arming, closes, fills, writer);
        commands = new Commands(book, definitions, states, risk, arming, closes, writer);
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

    @Override
    public void onEvent(final EngineEvent e, final long sequence, final boolean endOfBatch)
    {
        switch (e.type)
        {
            case TRADE:
                market.onTrade(e);
                break;
            case MARK:
                market.onMark(e);
                break;
            case QUOTE:
                market.onQuote(e);
                break;
            case FILL:
                fills.onFill(e);
                // a cooldown or drawdown limit a fill started is noted on that fill's event
                risk.flushNote(e);
                break;
            case ORDER_FILL:
                closes.onFill(e);
                break;
            case ORDER_ACK:
                closes.onAck();
                break;
            case ORDER_REJECT:
            case ORDER_EXPIRED:
                closes.onFailed(e);
                break;
            case INSTRUMENT:
                defineInstrument(e.symbolId, e.tickSize, e.stepSize, e.minQty, e.makerFee, e.takerFee);
                break;
            case PROFILE:
                defineProfile(e.profileId, e.profile());
                break;
            case COMMAND:
                commands.onCommand(e);
                break;
            case TIMER:
                market.onTimer(e);
                if (e.decisions.size() > 1)
                {
                    e.decisions.sortByPosition();
                }
                caps.enforce(e);
                break;
            case POSITION_SNAPSHOT:
                reconciler.onSnapshot(e);
                caps.enforce(e);
                break;
            default:
                break;
        }
        counters.set(Counter.LAST_EVENT_TS, e.ts);
        if (endOfBatch)
        {
            market.endOfBatch();
        }
    }

    /** Defines (or redefines) a symbol's grid and fees; every per-symbol table grows with the instruments. */
    public void defineInstrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        definitions.defineInstrument(symbolId, tickSize, stepSize, minQty, makerFee, takerFee);
        prices.ensureCapacity(definitions.symbolCapacity());
        volatility.ensureCapacity(definitions.symbolCapacity());
    }

    public void defineProfile(final int profileId, final ExitProfile profile)
    {
        definitions.defineProfile(profileId, profile);
    }

    public Instrument instrument(final int symbolId)
    {
        return definitions.instrument(symbolId);
    }

    public PositionBook book()
    {
        return book;
    }

    /**
     * The last price of the position's trigger source now (a long at the bid, a short at the ask), or
     * {@code Fixed.NONE}: what it is valued at. For tools, on a quiet engine.
     */
    public long sourcePrice(final dev.exitengine.core.position.Position p)
    {
        return prices.sourcePrice(p);
    }

    public RiskView riskView()
    {
        return riskView;
    }

    /**
     * Switches to reference evaluation by full scan: each market event visits every open position of
     * its symbol, in id order, with the same per-position rules. Set before the first fill. For tests that
     * hold the ladders to it, and for benchmarks of what a polling monitor costs.
     */
    public void fullScan(final boolean on)
    {
        market.fullScan(on);
    }

    /**
     * A levels decision for every open position, in id order, added to {@code into}'s decisions (its seq and ts
     * theirs): for listeners that keep a view of the open positions when a state was restored without the decisions
     * that built it (a cluster member started from a snapshot). Changes no state. On a quiet engine.
     */
    public void levelsOfOpen(final EngineEvent into)
    {
        for (final dev.exitengine.core.position.Position p : book.all())
        {
            writer.levels(into, p);
        }
    }

    /**
     * Every close sent and not yet answered in full (a position CLOSING with no resend pending), as the
     * order that went out, with what of it has filled so far ({@link dev.exitengine.core.order.CloseOrder#filledQty}):
     * a resumed run hands them to a real venue's gateway to look up. Account and symbol names are left to
     * the caller. Call it on the evaluator's thread or on a quiet engine.
     *
     * @return how many there were
     */
    public int closesInFlight(final long ts, final java.util.function.Consumer<dev.exitengine.core.order.CloseOrder> each)
    {
        final dev.exitengine.core.order.CloseOrder o = new dev.exitengine.core.order.CloseOrder();
        int n = 0;
        for (final dev.exitengine.core.position.Position p : book.all())
        {
            if (p.state != dev.exitengine.core.position.PositionState.CLOSING || p.retryAt() != Long.MAX_VALUE)
            {
                continue;
            }
            final dev.exitengine.core.position.CloseState c = p.closing();
            final Instrument inst = definitions.instrument(p.symbolId);
            o.clientOrderId = c.clientOrderId;
            o.seq = 0;
            o.ts = ts;
            o.accountId = p.accountId;
            o.symbolId = p.symbolId;
            o.side = p.side.closingSide();
            o.positionSide = p.side;
            o.qty = c.qty;
            o.filledQty = c.filledQty;
            o.reason = c.reason;
            o.tickSize = inst == null ? 0 : inst.tickSize;
            o.stepSize = inst == null ? 0 : inst.stepSize;
            o.takerFee = inst == null ? 0 : inst.takerFee;
            each.accept(o);
            n++;
        }
        return n;
    }

    /**
     * A hash of everything the evaluator holds (positions, definitions, last prices, trading states, risk,
     * circuit, volatility), in a fixed order: two evaluators that saw the same inputs have equal hashes.
     * Read it on the evaluator's thread, or after the engine stopped.
     */
    public long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, book.stateHash());
        h = StateHash.mix(h, definitions.stateHash());
        h = StateHash.mix(h, prices.stateHash());
        h = StateHash.mix(h, states.stateHash());
        h = StateHash.mix(h, breaker.stateHash());
        h = StateHash.mix(h, risk.stateHash());
        return StateHash.mix(h, volatility.stateHash());
    }

    // ------------------------------------------------------------------ snapshots

    private static final int SECTION = 0x4556414C; // "EVAL"

    /**
     * Writes everything the evaluator holds (see {@link #stateHash} for what; plus what the hash leaves out:
     * lots' notional, exit fill prices, fallback watch lists, the published risk view). Call it on the
     * evaluator's thread or on a quiet engine. Objects shared by reference are written once: the profile pool
     * first, then the volatility trackers, the book, and the parts that refer to positions.
     */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        final dev.exitengine.core.position.StateRefs refs = new dev.exitengine.core.position.StateRefs(builtInDefault, book);
        definitions.numberProfiles(refs);
        volatility.numberTrackers(refs);
        fallbacks.keepReferences(refs);
        states.keepReferences(refs);
        book.forEach(p -> refs.profile(p.profile));
        for (final dev.exitengine.core.position.Position p : refs.extraPositions())
        {
            refs.profile(p.profile);
        }
        w.section(SECTION);
        final java.util.List<ExitProfile> pool = refs.profiles();
        w.putInt(pool.size());
        for (final ExitProfile p : pool)
        {
            w.putString(p.encode());
        }
        volatility.snapshotTrackersTo(w);
        book.snapshotTo(w, refs);
        volatility.snapshotFollowersTo(w, refs);
        fallbacks.snapshotTo(w, refs);
        definitions.snapshotTo(w, refs);
        prices.snapshotTo(w);
        states.snapshotTo(w, refs);
        breaker.snapshotTo(w);
        risk.snapshotTo(w);
        riskView.snapshotTo(w);
    }

    /** Restores what {@link #snapshotTo} wrote into this evaluator, which must not have handled an event yet. */
    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final dev.exitengine.core.position.StateRefs refs = new dev.exitengine.core.position.StateRefs(builtInDefault, book);
        r.section(SECTION, "evaluator");
        final int pool = r.getInt();
        for (int i = 0; i < pool; i++)
        {
            refs.addProfile(ExitProfile.decode(r.getString()));
        }
        volatility.restoreTrackersFrom(r, refs);
        book.restoreFrom(r, refs);
        volatility.restoreFollowersFrom(r, refs);
        fallbacks.restoreFrom(r, refs);
        definitions.restoreFrom(r, refs);
        prices.restoreFrom(r);
        // every per-symbol table holds the instruments restored
        prices.ensureCapacity(definitions.symbolCapacity());
        volatility.ensureCapacity(definitions.symbolCapacity());
        states.restoreFrom(r, refs);
        breaker.restoreFrom(r);
        risk.restoreFrom(r);
        riskView.restoreFrom(r);
    }
}
