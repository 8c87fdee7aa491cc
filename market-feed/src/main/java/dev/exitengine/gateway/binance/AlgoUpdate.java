package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;

/**
 * One {@code ALGO_UPDATE} of the user data stream (a conditional order of the Algo Service): a reusable
 * holder valid only during {@link UserStreamListener#onAlgoUpdate}. Sources disagree on which of
 * {@code T} and {@code E} is the event time; {@code E} is taken as the event time.
 */
public final class AlgoUpdate
{
    long eventTime;
    long transactionTime;
    String clientAlgoId;
    long algoId;
    String algoType;
    String orderType;
    String symbol;
    String side;
    String positionSide;
    long quantity;
    String status;
    long actualOrderId;
    long triggerPrice;
    boolean closePosition;
    boolean reduceOnly;
    String rejectReason;

    void reset()
    {
        eventTime = 0;
        transactionTime = 0;
        clientAlgoId = null;
        algoId = 0;
        algoType = null;
        orderType = null;
        symbol = null;
        side = null;
        positionSide = null;
        quantity = Fixed.NONE;
        status = null;
        actualOrderId = 0;
        triggerPrice = Fixed.NONE;
        closePosition = false;
        reduceOnly = false;
        rejectReason = null;
    }

    /** {@code E}. */
    public long eventTime()
    {
        return eventTime;
    }

    /** {@code T}. */
    public long transactionTime()
    {
        return transactionTime;
    }

    /** {@code o.caid}. */
    public String clientAlgoId()
    {
        return clientAlgoId;
    }

    /** {@code o.aid}. */
    public long algoId()
    {
        return algoId;
    }

    /** {@code o.at}: CONDITIONAL. */
    public String algoType()
    {
        return algoType;
    }

    /** {@code o.o}: STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT, TRAILING_STOP_MARKET. */
    public String orderType()
    {
        return orderType;
    }

    /** {@code o.s}. */
    public String symbol()
    {
        return symbol;
    }

    /** {@code o.S}. */
    public String side()
    {
        return side;
    }

    /** {@code o.ps}; null when absent. */
    public String positionSide()
    {
        return positionSide;
    }

    /** {@code o.q}; {@link Fixed#NONE} when absent or empty. */
    public long quantity()
    {
        return quantity;
    }

    /** {@code o.X}: NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, REJECTED, EXPIRED. */
    public String status()
    {
        return status;
    }

    /** {@code o.ai}: the real order's id once triggered; 0 when absent or empty. */
    public long actualOrderId()
    {
        return actualOrderId;
    }

    /** {@code o.tp}; {@link Fixed#NONE} when absent or empty. */
    public long triggerPrice()
    {
        return triggerPrice;
    }

    /** {@code o.cp}. */
    public boolean closePosition()
    {
        return closePosition;
    }

    /** {@code o.R}. */
    public boolean reduceOnly()
    {
        return reduceOnly;
    }

    /** {@code o.rm}: the reject reason; null when absent or empty. */
    public String rejectReason()
    {
        return rejectReason;
    }

    @Override
    public String toString()
    {
        return "AlgoUpdate{E=" + eventTime + " caid=" + clientAlgoId + " aid=" + algoId + " o=" + orderType + " s=" + symbol +
            " S=" + side + " ps=" + positionSide + " X=" + status + " ai=" + actualOrderId + " tp=" + Fixed.toString(triggerPrice) +
            " cp=" + closePosition + " rm=" + rejectReason + '}';
    }
}
