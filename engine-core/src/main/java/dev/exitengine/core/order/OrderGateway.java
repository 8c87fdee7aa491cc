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

    /** How the gateway comes back when a run resumes on its journal after a crash. */
    enum Recovery
    {
        /**
         * A simulated venue: it sees the re-run's orders and market events again and so comes back to the
         * state it had; its answers the journal holds already are dropped, the rest go in as inputs.
         */
        REDERIVE,
        /**
         * A real venue: the re-run sends it nothing; afterwards every close the journal leaves without an
         * outcome is handed to {@link #recover}, to be looked up at the venue, never re-sent blindly.
         */
        LOOKUP
    }

    /** How this gateway comes back on a resumed run; a real venue by default. */
    default Recovery recovery()
    {
        return Recovery.LOOKUP;
    }

    /**
     * A resumed run's close that the journal shows sent but without an outcome (a {@link Recovery#LOOKUP}
     * gateway): find out at the venue what became of it and answer as usual (a fill, an expiry, a reject);
     * when the venue never got it, send it. Called on the close-order handler's thread.
     */
    default void recover(final CloseOrder order)
    {
        send(order);
    }

    /**
     * A {@link Recovery#REDERIVE} gateway's state for a snapshot (orders waiting for a price, its random
     * draws), written on a quiet engine; a real venue keeps nothing here (its closes in flight are in the
     * evaluator's state and are looked up).
     */
    default void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.putInt(0);
    }

    /** Restores what {@link #snapshotTo} wrote, before the first input. */
    default void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final int n = r.getInt();
        if (n != 0)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: holds a simulated venue's state (" + n
                + " values), this run's venue keeps none");
        }
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

        @Override
        public Recovery recovery()
        {
            return Recovery.REDERIVE;
        }
    };
}
