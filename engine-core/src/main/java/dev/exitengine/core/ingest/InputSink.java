package dev.exitengine.core.ingest;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * Where feeds deliver what they read. Every value is fixed-point ({@link dev.exitengine.core.num.Fixed});
 * {@code ts} is event time in epoch milliseconds. The engine's ingress implements this; tests record it.
 * Feeds call it from one thread only.
 */
public interface InputSink
{
    void instrument(String symbol, long tickSize, long stepSize, long minQty, long makerFee, long takerFee);

    void profile(ExitProfile profile);

    void trade(long ts, String symbol, long price, long qty);

    void quote(long ts, String symbol, long bid, long ask);

    void mark(long ts, String symbol, long price);

    /**
     * A fill of the application's own order. {@code fee} is {@link dev.exitengine.core.num.Fixed#NONE}
     * when the fill did not say (the taker rate applies); {@code profile} null means the default profile.
     */
    void fill(long ts, String account, String symbol, Side side, PositionSide positionSide, long qty, long price, long fee,
        String orderId, String profile);

    void command(long ts, Command command);

    /**
     * Whether the last {@link #command} was accepted, for a sink that records commands (a state store keeps
     * only what the engine took). A sink that refuses nothing says true.
     */
    default boolean commandAccepted()
    {
        return true;
    }

    void timer(long ts);

    /** Venue accepted a close order. */
    void orderAck(long ts, String clientOrderId);

    /** Venue refused a close order. */
    void orderReject(long ts, String clientOrderId, String reason);

    /** A close order filled, wholly or partly; {@code fee} NONE means the taker rate. */
    void orderFill(long ts, String clientOrderId, long qty, long price, long fee);

    /** A close order expired unfilled (or its rest did). */
    void orderExpired(long ts, String clientOrderId);

    /** The exchange's positions of one account: the source of truth for reconciliation. */
    void positionSnapshot(long ts, String account, List<SnapshotPosition> positions);

    /**
     * Where the next inputs come from (file and line), so that anything refused downstream is reported
     * with its place. Feeds call it before each line; it allocates nothing.
     */
    default void position(final String source, final long line)
    {
    }

    /**
     * A line or message the feed could not accept. {@code where} names the source and line
     * ("events.jsonl:17"), {@code what} the field and the problem. Counted; never silent.
     */
    void rejected(String where, String what);
}
