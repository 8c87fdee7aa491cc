package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;

/**
 * One {@code TRADE_LITE} of the user data stream (a fill only: no position side, cumulative quantity,
 * status, commission or realized PnL): a reusable holder valid only during
 * {@link UserStreamListener#onTradeLite}.
 */
public final class TradeLite
{
    long eventTime;
    long transactionTime;
    String symbol;
    String clientOrderId;
    String side;
    long origQty;
    long price;
    long orderId;
    long lastQty;
    long lastPrice;
    long tradeId;
    boolean maker;

    void reset()
    {
        eventTime = 0;
        transactionTime = 0;
        symbol = null;
        clientOrderId = null;
        side = null;
        origQty = 0;
        price = 0;
        orderId = 0;
        lastQty = 0;
        lastPrice = 0;
        tradeId = 0;
        maker = false;
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

    /** {@code s}. */
    public String symbol()
    {
        return symbol;
    }

    /** {@code c}. */
    public String clientOrderId()
    {
        return clientOrderId;
    }

    /** {@code S}. */
    public String side()
    {
        return side;
    }

    /** {@code q}: the order's original quantity; 0 when absent. */
    public long origQty()
    {
        return origQty;
    }

    /** {@code p}: the order's price; 0 when absent. */
    public long price()
    {
        return price;
    }

    /** {@code i}. */
    public long orderId()
    {
        return orderId;
    }

    /** {@code l}. */
    public long lastQty()
    {
        return lastQty;
    }

    /** {@code L}. */
    public long lastPrice()
    {
        return lastPrice;
    }

    /** {@code t}. */
    public long tradeId()
    {
        return tradeId;
    }

    /** {@code m}. */
    public boolean maker()
    {
        return maker;
    }

    @Override
    public String toString()
    {
        return "TradeLite{E=" + eventTime + " s=" + symbol + " c=" + clientOrderId + " i=" + orderId + " S=" + side +
            " l=" + Fixed.toString(lastQty) + " L=" + Fixed.toString(lastPrice) + " t=" + tradeId + " m=" + maker + '}';
    }
}
