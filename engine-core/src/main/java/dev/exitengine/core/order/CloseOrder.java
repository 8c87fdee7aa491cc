package dev.exitengine.core.order;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;

/**
 * A reduce-only market order to close a position, as handed to an {@link OrderGateway}. Reused from
 * order to order: a gateway copies what it keeps.
 */
public final class CloseOrder
{
    public long clientOrderId;
    public long seq;
    public long ts;
    public int accountId;
    public String account;
    public int symbolId;
    public String symbol;
    public Side side;
    public PositionSide positionSide;
    public long qty;
    /** What of {@link #qty} has filled already: 0 for an order sent now; a resumed run's look-up knows more ({@link OrderGateway#recover}). */
    public long filledQty;
    public ExitReason reason;
    public long tickSize;
    public long stepSize;
    public long takerFee;
    public final boolean reduceOnly = true;

    public String clientOrderIdText()
    {
        return ClientOrderIds.toString(clientOrderId);
    }
}
