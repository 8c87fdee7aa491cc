package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
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
import dev.exitengine.core.position.SymbolLadders;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.LevelSolver;
import org.HdrHistogram.Histogram;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The position-evaluation handler: owns every position, applies fills, arms exit levels, evaluates
 * each market event against the per-symbol ladders and writes its decisions onto the event. The only
 * thread that touches position state. A rule or data error on one position quarantines that
 * position; the others go on.
 */
public final class PositionEvaluator implements EventHandler<EngineEvent>
{
    private final PositionBook book = new PositionBook();
    private final EngineCounters counters;
    private final Histogram tickToDecision;
    private Instrument[] instruments = new Instrument[16];
    private ExitProfile[] profiles = new ExitProfile[16];
    private final String defaultProfileName;
    private int defaultProfileId = -1;
    private final ExitProfile builtInDefault;

    private long[] lastPrice = new long[16];
    private TradingState globalState = TradingState.ACTIVE;
    private TradingState[] accountState = new TradingState[16];
    private boolean[] forcedUnwind = new boolean[16];

    public PositionEvaluator(final EngineCounters counters, final Histogram tickToDecision, final String defaultProfileName,
        final ExitProfile builtInDefault)
    {
        this.counters = counters;
        this.tickToDecision = tickToDecision;
        this.defaultProfileName = defaultProfileName;
        this.builtInDefault = builtInDefault;
    }

    public PositionBook book()
    {
        return book;
    }

    @Override
    public void onEvent(final EngineEvent e, final long sequence, final boolean endOfBatch)
    {
        switch (e.type)
        {
            case TRADE:
            case MARK:
                onMarket(e, e.type == dev.exitengine.core.event.EventType.TRADE ? TriggerSource.LAST : TriggerSource.MARK,
                    e.price, e.price);
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
                break;
            case ORDER_REJECT:
            case ORDER_EXPIRED:
                onOrderFailed(e);
                break;
            case INSTRUMENT:
                defineInstrument(e);
                break;
            case PROFILE:
                defineProfile(e.profileId, e.profile());
                break;
            case COMMAND:
                onCommand(e);
                break;
            case TIMER:
            case POSITION_SNAPSHOT:
            default:
                break;
        }
        counters.set(Counter.LAST_EVENT_TS, e.ts);
    }

    // ---------------------------------------------------------------- definitions

    private void defineInstrument(final EngineEvent e)
    {
        defineInstrument(e.symbolId, e.tickSize, e.stepSize, e.minQty, e.makerFee, e.takerFee);
    }

    /** Defines (or redefines) a symbol's grid and fees. */
    public void defineInstrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        if (symbolId >= instruments.length)
        {
            instruments = java.util.Arrays.copyOf(instruments, Math.max(symbolId + 1, instruments.length * 2));
            lastPrice = java.util.Arrays.copyOf(lastPrice, instruments.length);
        }
        instruments[symbolId] = new Instrument(symbolId, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    public void defineProfile(final int profileId, final ExitProfile profile)
    {
        if (profileId >= profiles.length)
        {
            profiles = java.util.Arrays.copyOf(profiles, Math.max(profileId + 1, profiles.length * 2));
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
        if (profileId >= 0 && profileId < profiles.length && profiles[profileId] != null)
        {
            return profiles[profileId];
        }
        return null;
    }

    private ExitProfile defaultProfile()
    {
        final ExitProfile p = profile(defaultProfileId);
        return p != null ? p : builtInDefault;
    }

    // ---------------------------------------------------------------- market events: the hot path

    private void onMarket(final EngineEvent e, final TriggerSource source, final long longPrice, final long shortPrice)
    {
        counters.increment(Counter.TICKS);
        final int symbolId = e.symbolId;
        if (symbolId < lastPrice.length && e.type == dev.exitengine.core.event.EventType.TRADE)
        {
            lastPrice[symbolId] = e.price;
        }
        final SymbolLadders ladders = book.ladders(symbolId);
        if (ladders != null && globalState != TradingState.HALTED)
        {
            if (longPrice > 0)
            {
                drainStops(e, ladders.stops(source, true), true, longPrice);
                drainTargets(e, ladders.targets(source, true), true, longPrice);
            }
            if (shortPrice > 0)
            {
                drainStops(e, ladders.stops(source, false), false, shortPrice);
                drainTargets(e, ladders.targets(source, false), false, shortPrice);
            }
        }
        if (tickToDecision != null && e.ingressNanos != 0)
        {
            final long nanos = System.nanoTime() - e.ingressNanos;
            if (nanos > 0)
            {
                tickToDecision.recordValue(Math.min(nanos, tickToDecision.getHighestTrackableValue()));
            }
        }
    }

    private void drainStops(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null)
        {
            final long level = heap.peekKey();
            if (isLong ? price > level : price < level)
            {
                return;
            }
            if (!closable(p))
            {
                book.unindex(p);
                continue;
            }
            decideClose(e, p, ExitReason.STOP_LOSS, level, price, p.qty);
        }
    }

    private void drainTargets(final EngineEvent e, final LevelHeap heap, final boolean isLong, final long price)
    {
        Position p;
        while ((p = heap.peek()) != null)
        {
            final long level = heap.peekKey();
            if (isLong ? price < level : price > level)
            {
                return;
            }
            if (!closable(p))
            {
                book.unindex(p);
                continue;
            }
            decideClose(e, p, ExitReason.TAKE_PROFIT, level, price, p.qty);
        }
    }

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
        final Instrument inst = instrument(p.symbolId);
        long closeQty = inst == null ? qty : Fixed.roundDownToStep(qty, inst.stepSize);
        if (closeQty <= 0)
        {
            closeQty = qty;
        }
        p.state = PositionState.CLOSING;
        p.attempt++;
        p.clientOrderId = ClientOrderIds.of(p.id, p.attempt);
        p.closeReason = reason;
        p.closeLevel = level;
        p.triggerPrice = price;
        p.closeQty = closeQty;
        p.closeFilledQty = 0;

        final Decision d = e.decisions.add(DecisionType.CLOSE, e.seq, e.ts);
        describe(d, p);
        d.side = p.side.closingSide();
        d.qty = closeQty;
        d.reason = reason;
        d.level = level;
        d.price = price;
        d.clientOrderId = p.clientOrderId;
        counters.increment(Counter.CLOSES_DECIDED);
    }

    private static void describe(final Decision d, final Position p)
    {
        d.accountId = p.accountId;
        d.symbolId = p.symbolId;
        d.positionId = p.id;
        d.positionSide = p.side;
    }

    // ---------------------------------------------------------------- fills of the application's orders

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
        if (p != null && p.state != PositionState.QUARANTINED)
        {
            final boolean adds = p.isLong() == (e.side == Side.BUY);
            if (adds)
            {
                addLot(p, qty, e.price, fee);
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
            p.lots.consume(reduce);
            final long basis = p.lots.consumedNotional;
            final long basisFees = p.lots.consumedFees;
            final long exitNotional = Fixed.mulDiv(reduce, e.price, Fixed.ONE, RoundingMode.HALF_UP);
            final long gross = p.isLong() ? exitNotional - basis : basis - exitNotional;
            p.realizedPnl += gross - basisFees - reduceFee;
            p.qty -= reduce;
            p.entryNotional -= basis;
            p.entryFees -= basisFees;
            qty -= reduce;
            feeLeft -= reduceFee;
            if (p.qty == 0)
            {
                book.remove(p);
                p.state = PositionState.CLOSED;
                counters.set(Counter.POSITIONS_TRACKED, book.size());
                final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
                describe(d, p);
                d.qty = 0;
                d.entryPrice = Fixed.NONE;
                d.detail = "closed by the application's own fill";
            }
            else
            {
                armAndPublish(e, p);
            }
            if (qty == 0 || hedge)
            {
                return;
            }
            p = null;
        }
        else if (p != null)
        {
            reject(e, "fill for quarantined position " + p.id);
            return;
        }
        // open a new position with what is left of the fill
        final PositionSide side = hedge ? e.positionSide : (e.side == Side.BUY ? PositionSide.LONG : PositionSide.SHORT);
        if (hedge && (side == PositionSide.LONG) != (e.side == Side.BUY))
        {
            reject(e, "fill would open a " + side + " hedge position with a " + e.side + " fill");
            return;
        }
        p = book.open(e.accountId, e.symbolId, slot, side);
        p.entryTs = e.ts;
        assignProfile(p, e.profileId);
        addLot(p, qty, e.price, feeLeft);
        counters.set(Counter.POSITIONS_TRACKED, book.size());
        armAndPublish(e, p);
        if (forcedUnwindOn(p.accountId))
        {
            decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, e.price, p.qty);
        }
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
        p.lots.add(qty, price, fee);
        p.qty += qty;
        p.entryNotional += Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
        p.entryFees += fee;
    }

    /** Computes the position's levels from its profile, re-indexes it and writes a levels decision. */
    private void armAndPublish(final EngineEvent e, final Position p)
    {
        try
        {
            arm(p);
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
        final Decision d = e.decisions.add(DecisionType.LEVELS, e.seq, e.ts);
        describe(d, p);
        d.qty = p.qty;
        d.entryPrice = p.averageEntry();
        d.takeProfit = p.takeProfit;
        d.stopLoss = p.stopLoss;
        counters.increment(Counter.LEVELS_ARMED);
    }

    private void arm(final Position p)
    {
        final ExitProfile prof = p.profile;
        final Instrument inst = instrument(p.symbolId);
        final boolean isLong = p.isLong();
        final long entry = p.averageEntry();
        p.stopLoss = Fixed.NONE;
        p.takeProfit = Fixed.NONE;
        if (prof == null)
        {
            return;
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
            default:
                break;
        }
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
                if (p.stopLoss != Fixed.NONE)
                {
                    final long distance = Math.abs(entry - p.stopLoss);
                    final long move = Fixed.mulDiv(distance, prof.takeProfitValue, Fixed.ONE, RoundingMode.HALF_UP);
                    p.takeProfit = Fixed.roundToTick(isLong ? entry + move : entry - move, inst.tickSize, isLong);
                }
                break;
            default:
                break;
        }
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

    // ---------------------------------------------------------------- the venue's answers to close orders

    private void onOrderFill(final EngineEvent e)
    {
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state == PositionState.CLOSED)
        {
            reject(e, "fill for unknown or closed position of " + ClientOrderIds.toString(e.clientOrderId));
            return;
        }
        final Instrument inst = instrument(p.symbolId);
        final long fillQty = Math.min(e.qty, p.qty);
        if (fillQty <= 0)
        {
            reject(e, "fill of non-positive quantity for " + ClientOrderIds.toString(e.clientOrderId));
            return;
        }
        final long notional = Fixed.mulDiv(fillQty, e.price, Fixed.ONE, RoundingMode.HALF_UP);
        final long fee = e.fee != Fixed.NONE ? e.fee : inst.takerFeeModel.fee(notional);
        p.lots.consume(fillQty);
        p.exitEntryNotional += p.lots.consumedNotional;
        p.exitEntryFees += p.lots.consumedFees;
        p.entryNotional -= p.lots.consumedNotional;
        p.entryFees -= p.lots.consumedFees;
        p.qty -= fillQty;
        p.exitQty += fillQty;
        p.exitNotional += notional;
        p.exitFees += fee;
        if (p.clientOrderId == e.clientOrderId)
        {
            p.closeFilledQty += fillQty;
        }
        if (p.qty == 0)
        {
            completeExit(e, p);
        }
        else if (p.state == PositionState.CLOSING && p.closeFilledQty >= p.closeQty)
        {
            // the order is done but dust below the step size is left: keep watching it
            p.state = PositionState.OPEN;
            armAndPublish(e, p);
        }
    }

    private void completeExit(final EngineEvent e, final Position p)
    {
        final long fees = p.exitEntryFees + p.exitFees;
        final long gross = p.isLong() ? p.exitNotional - p.exitEntryNotional : p.exitEntryNotional - p.exitNotional;
        final Decision d = e.decisions.add(DecisionType.EXIT, e.seq, e.ts);
        describe(d, p);
        d.reason = p.closeReason;
        d.qty = p.exitQty;
        d.entryPrice = Fixed.mulDiv(p.exitEntryNotional, Fixed.ONE, p.exitQty, RoundingMode.HALF_UP);
        d.exitPrice = Fixed.mulDiv(p.exitNotional, Fixed.ONE, p.exitQty, RoundingMode.HALF_UP);
        d.fees = fees;
        d.netPnl = gross - fees;
        d.level = p.closeLevel;
        d.price = p.triggerPrice;
        d.clientOrderId = p.clientOrderId;
        if (p.closeLevel != Fixed.NONE)
        {
            // slippage against the level, positive when the fill was worse than the level
            d.slippage = p.isLong() ? p.closeLevel - d.exitPrice : d.exitPrice - p.closeLevel;
        }
        p.state = PositionState.CLOSED;
        book.remove(p);
        counters.increment(Counter.EXITS);
        if (p.closeReason != null)
        {
            counters.incrementExit(p.closeReason);
        }
        counters.set(Counter.POSITIONS_TRACKED, book.size());
    }

    private void onOrderFailed(final EngineEvent e)
    {
        final boolean rejected = e.type == dev.exitengine.core.event.EventType.ORDER_REJECT;
        counters.increment(rejected ? Counter.CLOSES_REJECTED : Counter.CLOSES_EXPIRED);
        final Position p = book.byId(ClientOrderIds.positionId(e.clientOrderId));
        if (p == null || p.state != PositionState.CLOSING || p.clientOrderId != e.clientOrderId)
        {
            return;
        }
        final Decision d = e.decisions.add(DecisionType.CLOSE_FAILED, e.seq, e.ts);
        describe(d, p);
        d.clientOrderId = e.clientOrderId;
        d.reason = p.closeReason;
        d.detail = rejected ? "rejected: " + e.text : "expired";
        // back to open: the next market event that still crosses a level decides a new attempt
        p.state = PositionState.OPEN;
        if (forcedUnwindOn(p.accountId) || p.closeReason == ExitReason.MANUAL || p.closeReason == ExitReason.FORCED_UNWIND)
        {
            counters.increment(Counter.CLOSE_RETRIES);
            decideClose(e, p, p.closeReason, p.closeLevel, p.triggerPrice, p.qty);
            return;
        }
        book.index(p);
    }

    // ---------------------------------------------------------------- commands

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
                            decideClose(e, p, ExitReason.FORCED_UNWIND, Fixed.NONE, lastPriceOf(p.symbolId), p.qty);
                        }
                    }
                }
                break;
            case TRADING_STATE:
                if (e.accountId < 0)
                {
                    globalState = e.tradingState;
                }
                else
                {
                    ensureAccount(e.accountId);
                    accountState[e.accountId] = e.tradingState;
                }
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
                    decideClose(e, p, ExitReason.MANUAL, Fixed.NONE, lastPriceOf(p.symbolId), p.qty);
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

    private long lastPriceOf(final int symbolId)
    {
        return symbolId < lastPrice.length && lastPrice[symbolId] != 0 ? lastPrice[symbolId] : Fixed.NONE;
    }

    private boolean forcedUnwindOn(final int accountId)
    {
        return accountId >= 0 && accountId < forcedUnwind.length && forcedUnwind[accountId];
    }

    private void ensureAccount(final int accountId)
    {
        if (accountId >= accountState.length)
        {
            final int n = Math.max(accountId + 1, accountState.length * 2);
            accountState = java.util.Arrays.copyOf(accountState, n);
            forcedUnwind = java.util.Arrays.copyOf(forcedUnwind, n);
        }
    }
}
