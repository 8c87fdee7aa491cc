package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluator's collaborators wired by hand the way {@link PositionEvaluator}'s constructor wires them,
 * up to {@link CloseLifecycle}, with one instrument (symbol 0: tick 0.01, step 0.001, min 0.001, maker
 * 0.0002, taker 0.0004) and a configuration with explicit values. Positions are opened the way
 * {@code EntryFills.open} opens them, then armed from their profile.
 */
final class EvaluatorFixture
{
    static final long T0 = 1_723_161_600_000L;
    static final int SYMBOL = 0;
    static final long TICK = Fixed.parse("0.01");
    static final long STEP = Fixed.parse("0.001");
    static final long MIN_QTY = Fixed.parse("0.001");
    static final long MAKER = Fixed.parse("0.0002");
    static final long TAKER = Fixed.parse("0.0004");

    final EngineConfig config;
    final EngineCounters counters = EngineCounters.inMemory();
    final RiskView riskView = new RiskView();
    final PositionBook book = new PositionBook();
    final Definitions definitions;
    final LastPrices prices = new LastPrices();
    final DecisionWriter writer;
    final Quarantine quarantine;
    final TradingStates states;
    final CircuitBreaker breaker;
    final RiskControls risk;
    final VolatilityStops volatility;
    final RuleArming arming;
    final CloseLifecycle closes;
    private long seq;

    EvaluatorFixture(final EngineConfig config)
    {
        this.config = config;
        definitions = new Definitions(config.defaultProfile, EngineConfig.builtInDefaultProfile());
        writer = new DecisionWriter(definitions, counters);
        quarantine = new Quarantine(book, counters, writer);
        states = new TradingStates(book, riskView);
        breaker = new CircuitBreaker(config);
        risk = new RiskControls(config, counters, riskView, book, states, writer);
        volatility = new VolatilityStops(definitions);
        arming = new RuleArming(definitions, book, volatility, writer, quarantine, counters);
        closes = new CloseLifecycle(config, counters, book, definitions, prices, states, breaker, risk, arming, writer);
        defineInstrument(SYMBOL, TICK, STEP, MIN_QTY, MAKER, TAKER);
    }

    /** A configuration with every cap, cooldown and limit off and the breaker values of the defaults, spelled out. */
    static EngineConfig quietConfig()
    {
        final EngineConfig c = new EngineConfig();
        c.defaultProfile = "default";
        c.maxPositionsPerAccount = 0;
        c.maxPositionsPerSymbol = 0;
        c.maxPositionsGlobal = 0;
        c.rapidEntryCount = 0;
        c.stopLossCooldownCount = 0;
        c.maxDrawdown = 0;
        c.retryBaseMs = 200;
        c.retryMaxMs = 10_000;
        c.breakerSlowAfter = 3;
        c.breakerOpenAfter = 5;
        c.breakerPauseMs = 30_000;
        return c;
    }

    void defineInstrument(final int symbolId, final long tick, final long step, final long minQty, final long maker, final long taker)
    {
        definitions.defineInstrument(symbolId, tick, step, minQty, maker, taker);
        prices.ensureCapacity(definitions.symbolCapacity());
        volatility.ensureCapacity(definitions.symbolCapacity());
    }

    /** A fresh event of {@code type} at {@code ts}, with the next sequence number. */
    EngineEvent event(final EventType type, final long ts)
    {
        final EngineEvent e = new EngineEvent();
        e.clear(type);
        e.seq = ++seq;
        e.ts = ts;
        return e;
    }

    /** Opens and arms a position (one-way slot) as an entry fill would, with an explicit entry fee. */
    Position open(final int accountId, final int symbolId, final PositionSide side, final int profileId, final String qty,
        final String price, final String fee, final long ts)
    {
        final EngineEvent e = event(EventType.FILL, ts);
        final Position p = book.open(accountId, symbolId, PositionSide.BOTH, side);
        p.entryTs = ts;
        definitions.assignProfile(p, profileId);
        EntryFills.addLot(p, Fixed.parse(qty), Fixed.parse(price), Fixed.parse(fee));
        risk.adjustNotional(p, p.entryNotional);
        risk.opened(p, ts);
        arming.armAndPublish(e, p);
        return p;
    }

    Position openLong(final int accountId, final String qty, final String price, final String fee, final long ts)
    {
        return open(accountId, SYMBOL, PositionSide.LONG, -1, qty, price, fee, ts);
    }

    /** A close order's fill from the venue. */
    EngineEvent orderFill(final long clientOrderId, final String qty, final String price, final long fee, final long ts)
    {
        final EngineEvent e = event(EventType.ORDER_FILL, ts);
        e.clientOrderId = clientOrderId;
        e.qty = Fixed.parse(qty);
        e.price = Fixed.parse(price);
        e.fee = fee;
        closes.onFill(e);
        return e;
    }

    /** A close order's reject from the venue. */
    EngineEvent orderReject(final long clientOrderId, final String text, final long ts)
    {
        final EngineEvent e = event(EventType.ORDER_REJECT, ts);
        e.clientOrderId = clientOrderId;
        e.text = text;
        closes.onFailed(e);
        return e;
    }

    EngineEvent orderExpired(final long clientOrderId, final long ts)
    {
        final EngineEvent e = event(EventType.ORDER_EXPIRED, ts);
        e.clientOrderId = clientOrderId;
        closes.onFailed(e);
        return e;
    }

    static List<Decision> of(final EngineEvent e, final DecisionType type)
    {
        final List<Decision> out = new ArrayList<>();
        for (int i = 0; i < e.decisions.size(); i++)
        {
            if (e.decisions.get(i).type == type)
            {
                out.add(e.decisions.get(i));
            }
        }
        return out;
    }

    static Decision only(final EngineEvent e, final DecisionType type)
    {
        final List<Decision> found = of(e, type);
        if (found.size() != 1)
        {
            throw new AssertionError("expected one " + type + " decision, found " + found.size() + " of " + e.decisions.size());
        }
        return found.get(0);
    }
}
