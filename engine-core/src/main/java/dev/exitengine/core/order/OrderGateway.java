package dev.exitengine.core.order;

import dev.exitengine.core.event.EngineEvent;

/**
 * The port to a venue. {@link #send} and {@link #onMarketEvent} are called on the close-order handler's
 * thread, in ring order; the gateway answers through the {@link GatewayResponses} it was bound to, which
 * the ingress turns into ring events (so every answer is an input, journaled and replayable).
 */
public interface OrderGateway extends AutoCloseable
{
    /** Called once before the engine starts. */
    void bind(GatewayResponses responses);

    /** Sends a close order. Must not block the handler for long. */
    void send(CloseOrder order);

    /** Every market event, after the evaluator saw it (a simulated venue fills against these). */
    default void onMarketEvent(final EngineEvent event)
    {
    }

    @Override
    default void close()
    {
    }

    /** A gateway that sends nothing: replays and what-ifs, where the venue's answers come from the journal. */
    OrderGateway NONE = new OrderGateway()
    {
        @Override
        public void bind(final GatewayResponses responses)
        {
        }

        @Override
        public void send(final CloseOrder order)
        {
        }
    };
}
