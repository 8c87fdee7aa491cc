package dev.exitengine.core.order;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.exitengine.core.order.GatewayResponseLayout.*;

/**
 * Venue answers on their way from gateway threads to the ingress, through an Agrona many-to-one ring
 * buffer: allocation-free for acks and fills, and the ingress stays the ring's single writer. Each answer's
 * layout is drawn in {@link GatewayResponseLayout}.
 */
public final class GatewayResponses
{
    public static final int ACK = GatewayResponseLayout.ACK;
    public static final int REJECT = GatewayResponseLayout.REJECT;
    public static final int FILL = GatewayResponseLayout.FILL;
    public static final int EXPIRED = GatewayResponseLayout.EXPIRED;

    /** What the ingress does with each answer. */
    public interface Handler
    {
        void onAck(long ts, long clientOrderId);

        void onReject(long ts, long clientOrderId, String reason);

        void onFill(long ts, long clientOrderId, long qty, long price, long fee);

        void onExpired(long ts, long clientOrderId);
    }

    /**
     * How many times an answer is offered to a full buffer, spinning between tries while the ingress
     * thread drains it, before the gateway is told the answer was not taken.
     */
    private static final int OFFER_ATTEMPTS = 1_000_000;

    private final ManyToOneRingBuffer ring;
    private Handler handler;
    private final org.agrona.concurrent.MessageHandler dispatcher = this::dispatch;
    private final ThreadLocal<UnsafeBuffer> scratchPerThread = ThreadLocal.withInitial(() -> new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH_CAPACITY)));

    public GatewayResponses(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    public boolean ack(final long ts, final long clientOrderId)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(TS_OFFSET, ts);
        b.putLong(CLIENT_ORDER_ID_OFFSET, clientOrderId);
        return offer(ACK, b, ID_ONLY_LENGTH);
    }

    public boolean reject(final long ts, final long clientOrderId, final String reason)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(TS_OFFSET, ts);
        b.putLong(CLIENT_ORDER_ID_OFFSET, clientOrderId);
        final byte[] text = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        final int len = Math.min(text.length, MAX_REASON_BYTES);
        b.putInt(REJECT_REASON_LENGTH_OFFSET, len);
        b.putBytes(REJECT_REASON_OFFSET, text, 0, len);
        return offer(REJECT, b, REJECT_REASON_OFFSET + len);
    }

    public boolean fill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(TS_OFFSET, ts);
        b.putLong(CLIENT_ORDER_ID_OFFSET, clientOrderId);
        b.putLong(FILL_QTY_OFFSET, qty);
        b.putLong(FILL_PRICE_OFFSET, price);
        b.putLong(FILL_FEE_OFFSET, fee);
        return offer(FILL, b, FILL_LENGTH);
    }

    public boolean expired(final long ts, final long clientOrderId)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(TS_OFFSET, ts);
        b.putLong(CLIENT_ORDER_ID_OFFSET, clientOrderId);
        return offer(EXPIRED, b, ID_ONLY_LENGTH);
    }

    private boolean offer(final int type, final DirectBuffer b, final int length)
    {
        for (int i = 0; i < OFFER_ATTEMPTS; i++)
        {
            if (ring.write(type, b, 0, length))
            {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Drains what is waiting into {@code handler}; returns how many answers it read. Ingress thread only. */
    public int drain(final Handler handler)
    {
        this.handler = handler;
        return ring.read(dispatcher);
    }

    private void dispatch(final int type, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        final long ts = buffer.getLong(index); // at TS_OFFSET, 0
        final long coid = buffer.getLong(index + CLIENT_ORDER_ID_OFFSET);
        switch (type)
        {
            case ACK:
                handler.onAck(ts, coid);
                break;
            case REJECT:
            {
                final int len = buffer.getInt(index + REJECT_REASON_LENGTH_OFFSET);
                final byte[] text = new byte[len];
                buffer.getBytes(index + REJECT_REASON_OFFSET, text);
                handler.onReject(ts, coid, new String(text, StandardCharsets.UTF_8));
                break;
            }
            case FILL:
                handler.onFill(ts, coid, buffer.getLong(index + FILL_QTY_OFFSET), buffer.getLong(index + FILL_PRICE_OFFSET),
                    buffer.getLong(index + FILL_FEE_OFFSET));
                break;
            case EXPIRED:
                handler.onExpired(ts, coid);
                break;
            default:
                break;
        }
    }

    private int takeType;
    private long takeOrderId;
    private long takeQty;
    private long takePrice;
    private final org.agrona.concurrent.ControlledMessageHandler taker = (type, buffer, index, length) ->
        type == takeType && buffer.getLong(index + CLIENT_ORDER_ID_OFFSET) == takeOrderId
            && (type != FILL || buffer.getLong(index + FILL_QTY_OFFSET) == takeQty && buffer.getLong(index + FILL_PRICE_OFFSET) == takePrice)
            ? org.agrona.concurrent.ControlledMessageHandler.Action.COMMIT
            : org.agrona.concurrent.ControlledMessageHandler.Action.ABORT;

    /**
     * Takes the oldest waiting answer off, unread, when it is this one ({@code qty} and {@code price} are
     * compared for fills only); leaves it otherwise. Ingress thread only (a resumed run's re-derived answers).
     *
     * @return whether it was taken
     */
    public boolean takeIfOldest(final int type, final long clientOrderId, final long qty, final long price)
    {
        takeType = type;
        takeOrderId = clientOrderId;
        takeQty = qty;
        takePrice = price;
        return ring.controlledRead(taker, 1) == 1;
    }

    public boolean isEmpty()
    {
        return ring.size() == 0;
    }
}
