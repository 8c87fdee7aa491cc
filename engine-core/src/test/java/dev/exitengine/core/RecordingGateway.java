package dev.exitengine.core;

import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;

import java.util.ArrayList;
import java.util.List;

/** Test venue: records close orders and fills each at the next trade of its symbol, taker fee left to the engine. */
public final class RecordingGateway implements OrderGateway
{
    public final List<String> sent = new ArrayList<>();
    private final List<long[]> pending = new ArrayList<>();
    private GatewayResponses responses;

    @Override
    public void bind(final GatewayResponses responses)
    {
        this.responses = responses;
    }

    @Override
    public void send(final CloseOrder order)
    {
        sent.add(order.clientOrderIdText() + " " + order.side + " " + order.qty);
        pending.add(new long[] {order.clientOrderId, order.seq, order.symbolId, order.qty});
    }

    @Override
    public void onMarketEvent(final EngineEvent e)
    {
        if (e.type != EventType.TRADE)
        {
            return;
        }
        pending.removeIf(o ->
        {
            if (o[2] == e.symbolId && e.seq > o[1])
            {
                responses.fill(e.ts, o[0], o[3], e.price, dev.exitengine.core.num.Fixed.NONE);
                return true;
            }
            return false;
        });
    }
}
