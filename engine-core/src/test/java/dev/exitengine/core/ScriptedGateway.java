package dev.exitengine.core;

import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;

import java.util.ArrayList;
import java.util.List;

/** Test venue that only records: the test scripts every answer as an input line would. */
final class ScriptedGateway implements OrderGateway
{
    final List<String> sent = new ArrayList<>();

    @Override
    public void bind(final GatewayResponses responses)
    {
    }

    @Override
    public void send(final CloseOrder order)
    {
        sent.add(order.clientOrderIdText());
    }
}
