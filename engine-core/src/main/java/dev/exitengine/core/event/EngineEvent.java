package dev.exitengine.core.event;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

/**
 * The ring's preallocated, mutable slot. Ingress fills the input fields; the evaluator appends its
 * {@link #decisions}; the close-order handler reads them. Which fields mean something depends on
 * {@link #type}; names (symbols, accounts, profiles) travel as ids of the engine's {@code Names}.
 */
public final class EngineEvent
{
    public EventType type;
    /** 1-based input sequence number: the n-th input of the run, the same on replay. */
    public long seq;
    /** Event time, epoch milliseconds. Engine logic reads time only from here. */
    public long ts;
    /** Wall clock ({@link System#nanoTime()}) stamped at ingress; for latency measurement only. */
    public long ingressNanos;
    /**
     * The feed line this input came from (0 for venue answers and inputs without a line): the journal
     * records how far the feed had been read, so a resumed run goes on from there. Not journaled per input.
     */
    public long feedLine;

    public int symbolId;
    public int accountId;
    public int profileId;

    // market data: TRADE uses price and qty, QUOTE bid and ask, MARK price
    public long price;
    public long qty;
    public long bid;
    public long ask;

    // INSTRUMENT
    public long tickSize;
    public long stepSize;
    public long minQty;
    public long makerFee;
    public long takerFee;

    // FILL (price, qty above), ORDER_FILL (price, qty, fee, clientOrderId)
    public Side side;
    public PositionSide positionSide;
    public long fee;
    public String orderId;

    // COMMAND
    public CommandType command;
    public boolean on;
    public TradingState tradingState;

    // gateway responses
    public long clientOrderId;
    public String text;

    /** Rare, large payloads: the {@link ExitProfile} of a PROFILE event, the {@link Snapshot} of a POSITION_SNAPSHOT. */
    public Object payload;

    /** The evaluator's results, read by the close-order handler. */
    public final DecisionBuffer decisions = new DecisionBuffer();

    /**
     * Prepares the slot for a new input of {@code type}. Only what every type relies on is reset (ids,
     * references, the decisions): each publisher writes all the fields its type uses, so a tick touches
     * no more of the slot than it needs.
     */
    public void clear(final EventType type)
    {
        if (this.type != type)
        {
            // a reference store only when the type changes: an unchanged slot dirties no GC card, so a
            // stream of ticks gives the collector's refinement threads nothing to do (they would take a core)
            this.type = type;
        }
        symbolId = -1;
        accountId = -1;
        profileId = -1;
        fee = Fixed.NONE;
        // references cleared only where set: a tick sets none, so it stores none. Under G1 a null store dirties
        // no card anyway, but the parallel collector marks the card on every reference store, null or not, and
        // the card of a slot is written by the producer and read and written by the consumers' cores
        if (payload != null || orderId != null || text != null)
        {
            payload = null;
            orderId = null;
            text = null;
        }
        if (side != null || positionSide != null || command != null || tradingState != null)
        {
            side = null;
            positionSide = null;
            command = null;
            tradingState = null;
        }
        decisions.clear();
    }

    public ExitProfile profile()
    {
        return (ExitProfile)payload;
    }

    public Snapshot snapshot()
    {
        return (Snapshot)payload;
    }

    /** Copies the input fields (not the decisions) of another event. */
    public void copyInputFrom(final EngineEvent e)
    {
        type = e.type;
        seq = e.seq;
        ts = e.ts;
        ingressNanos = e.ingressNanos;
        symbolId = e.symbolId;
        accountId = e.accountId;
        profileId = e.profileId;
        price = e.price;
        qty = e.qty;
        bid = e.bid;
        ask = e.ask;
        tickSize = e.tickSize;
        stepSize = e.stepSize;
        minQty = e.minQty;
        makerFee = e.makerFee;
        takerFee = e.takerFee;
        side = e.side;
        positionSide = e.positionSide;
        fee = e.fee;
        orderId = e.orderId;
        command = e.command;
        on = e.on;
        tradingState = e.tradingState;
        clientOrderId = e.clientOrderId;
        text = e.text;
        payload = e.payload;
        decisions.clear();
    }
}
