package dev.exitengine.core.codec;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Little-endian reads and writes at a buffer's address without Agrona's bounds check on every access: for the
 * codec's hot paths, which check a record's bounds once, against the buffer's capacity, before they touch it.
 * Replay spent a third of its record walk in the per-access checks. Heap and direct buffers alike
 * ({@link DirectBuffer#byteArray()} is null for the latter, and the address is then absolute).
 */
final class RawBytes
{
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private RawBytes()
    {
    }

    static long getLong(final DirectBuffer buf, final int index)
    {
        final long v = UnsafeApi.getLong(buf.byteArray(), buf.addressOffset() + index);
        return NATIVE_LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    static int getInt(final DirectBuffer buf, final int index)
    {
        final int v = UnsafeApi.getInt(buf.byteArray(), buf.addressOffset() + index);
        return NATIVE_LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static void putLong(final DirectBuffer buf, final int index, final long value)
    {
        UnsafeApi.putLong(buf.byteArray(), buf.addressOffset() + index, NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    static void putInt(final DirectBuffer buf, final int index, final int value)
    {
        UnsafeApi.putInt(buf.byteArray(), buf.addressOffset() + index, NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }
}
