package dev.exitengine.core.event;

import dev.exitengine.core.num.Fixed;

/**
 * One decision of the evaluator, preallocated and reused: it rides on the ring event to the
 * close-order handler, which sends, journals and publishes it. Absent values are {@link Fixed#NONE}.
 */
public final class Decision
{
    public DecisionType type;
    /** Sequence number and event time of the input that caused the decision. */
    public long seq;
    public long ts;
    public int accountId;
    public int symbolId;
    public long positionId;
    public PositionSide positionSide;
    public long qty;
    public long entryPrice;
    // levels
    public long takeProfit;
    public long stopLoss;
    public long trailingStop;
    public long breakevenStop;
    public long profitFloor;
    public long scaleOutTarget;
    public long roiTarget;
    // close
    public Side side;
    public ExitReason reason;
    public long level;
    public long price;
    public long clientOrderId;
    /**
     * The instrument's grid and taker fee when the close was decided (0 without an instrument): what the
     * output handler hands the gateway, so it reads no state of the evaluator's. Not journaled.
     */
    public long tickSize;
    public long stepSize;
    public long takerFee;
    // exit
    public long exitPrice;
    public long fees;
    public long netPnl;
    public long slippage;
    /** Free text for REJECTED / QUARANTINE / RECONCILE / CLOSE_FAILED lines. */
    public String detail;

    public void reset(final DecisionType type, final long seq, final long ts)
    {
        this.type = type;
        this.seq = seq;
        this.ts = ts;
        accountId = -1;
        symbolId = -1;
        positionId = -1;
        positionSide = null;
        qty = Fixed.NONE;
        entryPrice = Fixed.NONE;
        takeProfit = Fixed.NONE;
        stopLoss = Fixed.NONE;
        trailingStop = Fixed.NONE;
        breakevenStop = Fixed.NONE;
        profitFloor = Fixed.NONE;
        scaleOutTarget = Fixed.NONE;
        roiTarget = Fixed.NONE;
        side = null;
        reason = null;
        level = Fixed.NONE;
        price = Fixed.NONE;
        clientOrderId = 0;
        tickSize = 0;
        stepSize = 0;
        takerFee = 0;
        exitPrice = Fixed.NONE;
        fees = Fixed.NONE;
        netPnl = Fixed.NONE;
        slippage = Fixed.NONE;
        detail = null;
    }

    public void copyFrom(final Decision d)
    {
        type = d.type;
        seq = d.seq;
        ts = d.ts;
        accountId = d.accountId;
        symbolId = d.symbolId;
        positionId = d.positionId;
        positionSide = d.positionSide;
        qty = d.qty;
        entryPrice = d.entryPrice;
        takeProfit = d.takeProfit;
        stopLoss = d.stopLoss;
        trailingStop = d.trailingStop;
        breakevenStop = d.breakevenStop;
        profitFloor = d.profitFloor;
        scaleOutTarget = d.scaleOutTarget;
        roiTarget = d.roiTarget;
        side = d.side;
        reason = d.reason;
        level = d.level;
        price = d.price;
        clientOrderId = d.clientOrderId;
        tickSize = d.tickSize;
        stepSize = d.stepSize;
        takerFee = d.takerFee;
        exitPrice = d.exitPrice;
        fees = d.fees;
        netPnl = d.netPnl;
        slippage = d.slippage;
        detail = d.detail;
    }
}
