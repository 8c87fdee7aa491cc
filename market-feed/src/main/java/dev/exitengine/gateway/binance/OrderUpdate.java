package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;

/**
 * One {@code ORDER_TRADE_UPDATE} of the user data stream: a reusable holder the {@link UserStreamDecoder}
 * fills in place for each frame, valid only during {@link UserStreamListener#onOrderUpdate}; copy what you
 * keep. Decimals are {@link Fixed} longs (eight places).
 */
public final class OrderUpdate
{
    /** The prefix of the client order id of a liquidation's order. */
    public static final String LIQUIDATION_PREFIX = "autoclose-";
    /** The prefix of the client order id of an auto-deleveraging order. */
    public static final String ADL_PREFIX = "adl_autoclose";
    /** The prefix of the client order id of a settlement close. */
    public static final String SETTLEMENT_PREFIX = "settlement_autoclose-";

    long eventTime;
    long transactionTime;
    String symbol;
    String clientOrderId;
    long orderId;
    String side;
    String orderType;
    String originalType;
    String execType;
    String status;
    long origQty;
    long lastQty;
    long lastPrice;
    long cumQty;
    long avgPrice;
    long commission;
    String commissionAsset;
    long tradeTime;
    long tradeId;
    boolean maker;
    boolean reduceOnly;
    String positionSide;
    long realizedPnl;
    boolean closeAll;

    void reset()
    {
        eventTime = 0;
        transactionTime = 0;
        symbol = null;
        clientOrderId = null;
        orderId = 0;
        side = null;
        orderType = null;
        originalType = null;
        execType = null;
        status = null;
        origQty = 0;
        lastQty = 0;
        lastPrice = 0;
        cumQty = 0;
        avgPrice = 0;
        commission = Fixed.NONE;
        commissionAsset = null;
        tradeTime = 0;
        tradeId = 0;
        maker = false;
        reduceOnly = false;
        positionSide = null;
        realizedPnl = 0;
        closeAll = false;
    }

    /** {@code E}: when the event was sent (ms). */
    public long eventTime()
    {
        return eventTime;
    }

    /** {@code T} of the event (ms). */
    public long transactionTime()
    {
        return transactionTime;
    }

    /** {@code o.s}. */
    public String symbol()
    {
        return symbol;
    }

    /** {@code o.c}. */
    public String clientOrderId()
    {
        return clientOrderId;
    }

    /** {@code o.i}. */
    public long orderId()
    {
        return orderId;
    }

    /** {@code o.S}: BUY or SELL. */
    public String side()
    {
        return side;
    }

    /** {@code o.o}: MARKET, LIMIT, …. */
    public String orderType()
    {
        return orderType;
    }

    /** {@code o.ot}; null when absent. */
    public String originalType()
    {
        return originalType;
    }

    /** {@code o.x}: NEW, CANCELED, CALCULATED, EXPIRED, TRADE, AMENDMENT. */
    public String execType()
    {
        return execType;
    }

    /** {@code o.X}: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH. */
    public String status()
    {
        return status;
    }

    /** {@code o.q}. */
    public long origQty()
    {
        return origQty;
    }

    /** {@code o.l}: the quantity of this fill. */
    public long lastQty()
    {
        return lastQty;
    }

    /** {@code o.L}: the price of this fill. */
    public long lastPrice()
    {
        return lastPrice;
    }

    /** {@code o.z}: the cumulative filled quantity. */
    public long cumQty()
    {
        return cumQty;
    }

    /** {@code o.ap}. */
    public long avgPrice()
    {
        return avgPrice;
    }

    /** {@code o.n}; {@link Fixed#NONE} when absent. */
    public long commission()
    {
        return commission;
    }

    /** {@code o.N}; null when absent. */
    public String commissionAsset()
    {
        return commissionAsset;
    }

    /** {@code o.T}: the trade time (ms); 0 when absent. */
    public long tradeTime()
    {
        return tradeTime;
    }

    /** {@code o.t}: 0 means no trade. */
    public long tradeId()
    {
        return tradeId;
    }

    /** {@code o.m}. */
    public boolean maker()
    {
        return maker;
    }

    /** {@code o.R}. */
    public boolean reduceOnly()
    {
        return reduceOnly;
    }

    /** {@code o.ps}: BOTH, LONG or SHORT; null when absent. */
    public String positionSide()
    {
        return positionSide;
    }

    /** {@code o.rp}; 0 when absent. */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /** {@code o.cp}. */
    public boolean closeAll()
    {
        return closeAll;
    }

    /** A fill to count: {@code x == TRADE}. */
    public boolean isTrade()
    {
        return "TRADE".equals(execType);
    }

    /** The exchange's liquidation order: {@code c} starts with {@code autoclose-}. */
    public boolean isLiquidation()
    {
        return clientOrderId != null && clientOrderId.startsWith(LIQUIDATION_PREFIX);
    }

    /** Auto-deleveraging: {@code c} starts with {@code adl_autoclose}. */
    public boolean isAdl()
    {
        return clientOrderId != null && clientOrderId.startsWith(ADL_PREFIX);
    }

    /** A settlement close: {@code c} starts with {@code settlement_autoclose-}. */
    public boolean isSettlement()
    {
        return clientOrderId != null && clientOrderId.startsWith(SETTLEMENT_PREFIX);
    }

    @Override
    public String toString()
    {
        return "OrderUpdate{E=" + eventTime + " s=" + symbol + " c=" + clientOrderId + " i=" + orderId + " S=" + side +
            " o=" + orderType + " x=" + execType + " X=" + status + " q=" + Fixed.toString(origQty) +
            " l=" + Fixed.toString(lastQty) + " L=" + Fixed.toString(lastPrice) + " z=" + Fixed.toString(cumQty) +
            " n=" + Fixed.toString(commission) + " N=" + commissionAsset + " t=" + tradeId + " ps=" + positionSide +
            " rp=" + Fixed.toString(realizedPnl) + '}';
    }
}
