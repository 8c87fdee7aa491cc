package dev.exitengine.core.order;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Venue answers on their way from gateway threads to the ingress, through an Agrona many-to-one ring
 * buffer: allocation-free for acks and fills, and the ingress stays the ring's single writer.
 */
public final class GatewayResponses
{
    public static final int ACK = 1;
    public static final int REJECT = 2;
    public static final int FILL = 3;
    public static final int EXPIRED = 4;

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
    private final ThreadLocal<UnsafeBuffer> scratchPerThread = ThreadLocal.withInitial(() -> new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));

    public GatewayResponses(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    public boolean ack(final long ts, final long clientOrderId)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(0, ts);
        b.putLong(8, clientOrderId);
        return offer(ACK, b, 16);
    }

    public boolean reject(final long ts, final long clientOrderId, final String reason)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(0, ts);
        b.putLong(8, clientOrderId);
        final byte[] text = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        final int len = Math.min(text.length, 900);
        b.putInt(16, len);
        b.putBytes(20, text, 0, len);
        return offer(REJECT, b, 20 + len);
    }

    public boolean fill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(0, ts);
        b.putLong(8, clientOrderId);
        b.putLong(16, qty);
        b.putLong(24, price);
        b.putLong(32, fee);
        return offer(FILL, b, 40);
    }

    public boolean expired(final long ts, final long clientOrderId)
    {
        final UnsafeBuffer b = scratchPerThread.get();
        b.putLong(0, ts);
        b.putLong(8, clientOrderId);
        return offer(EXPIRED, b, 16);
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
        final long ts = buffer.getLong(index);
        final long coid = buffer.getLong(index + 8);
        switch (type)
        {
            case ACK:
                handler.onAck(ts, coid);
                break;
            case REJECT:
            {
                final int len = buffer.getInt(index + 16);
                final byte[] text = new byte[len];
                buffer.getBytes(index + 20, text);
                handler.onReject(ts, coid, new String(text, StandardCharsets.UTF_8));
                break;
            }
            case FILL:
                handler.onFill(ts, coid, buffer.getLong(index + 16), buffer.getLong(index + 24), buffer.getLong(index + 32));
                break;
            case EXPIRED:
                handler.onExpired(ts, coid);
                break;
            default:
                break;
        }
    }

    public boolean isEmpty()
    {
        return ring.size() == 0;
    }
}
