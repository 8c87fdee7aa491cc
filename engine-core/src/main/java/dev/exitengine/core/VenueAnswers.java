package dev.exitengine.core;

import dev.exitengine.core.order.GatewayResponses;

/**
 * Venue answers (acks, rejects, fills, expiries) waiting in {@link GatewayResponses}, published by id
 * through the {@link Ingress} between inputs, on its thread: gateways never write to the ring.
 */
final class VenueAnswers implements GatewayResponses.Handler
{
    private final GatewayResponses responses;
    private final Ingress ingress;
    private boolean draining;

    VenueAnswers(final GatewayResponses responses, final Ingress ingress)
    {
        this.responses = responses;
        this.ingress = ingress;
    }

    boolean waiting()
    {
        return !responses.isEmpty();
    }

    /**
     * Publishes waiting answers until none is left (an answer may cause an order whose answer follows
     * at once); returns how many. Events published from here never drain again: no re-entrant reads.
     */
    int poll()
    {
        if (draining)
        {
            return 0;
        }
        draining = true;
        int total = 0;
        try
        {
            int n;
            do
            {
                n = responses.drain(this);
                total += n;
            }
            while (n > 0);
        }
        finally
        {
            draining = false;
        }
        return total;
    }

    /**
     * A journaled answer a resumed run re-reads: when the gateway made the same answer again (it is the
     * oldest waiting), it is taken off, since the journal holds it already. An answer that came from a feed
     * line matches none and leaves the queue as it is.
     */
    void takeJournaled(final dev.exitengine.core.event.EngineEvent e)
    {
        final int type;
        switch (e.type)
        {
            case ORDER_ACK: type = GatewayResponses.ACK; break;
            case ORDER_REJECT: type = GatewayResponses.REJECT; break;
            case ORDER_FILL: type = GatewayResponses.FILL; break;
            default: type = GatewayResponses.EXPIRED; break;
        }
        responses.takeIfOldest(type, e.clientOrderId, e.qty, e.price);
    }

    @Override
    public void onAck(final long ts, final long clientOrderId)
    {
        ingress.publishOrderAck(ts, clientOrderId);
    }

    @Override
    public void onReject(final long ts, final long clientOrderId, final String reason)
    {
        ingress.publishOrderReject(ts, clientOrderId, reason);
    }

    @Override
    public void onFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
    {
        ingress.publishOrderFill(ts, clientOrderId, qty, price, fee);
    }

    @Override
    public void onExpired(final long ts, final long clientOrderId)
    {
        ingress.publishOrderExpired(ts, clientOrderId);
    }
}
