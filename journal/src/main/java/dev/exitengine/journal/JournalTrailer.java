package dev.exitengine.journal;

import org.agrona.DirectBuffer;

/**
 * The trailer at the end of every journal document of format 3 and later (little-endian):
 * <pre>
 *  inputs:   | records ... | feed line (8) | inputs of that line (4) | CRC-32C of all before it (4) |
 *  outputs:  | records ... | CRC-32C of the records (4) |
 *  header:   | header ...  | CRC-32C of the header (4) |
 * </pre>
 * The checksum finds a flipped byte anywhere in a document; the feed position ({@code JournalPort.feedPosition})
 * tells a resumed run where its feed goes on: after the given number of inputs of that line.
 */
public final class JournalTrailer
{
    /** The format that added the trailer: documents of older journals have none. */
    public static final int SINCE_FORMAT = 3;
    public static final int CRC_LENGTH = 4;
    public static final int INPUT_LENGTH = 8 + 4 + CRC_LENGTH;
    /** Where the feed position starts, counted back from the document's end. */
    public static final int FEED_LINE_FROM_END = INPUT_LENGTH;
    public static final int INPUTS_OF_LINE_FROM_END = 4 + CRC_LENGTH;
    public static final int OUTPUT_LENGTH = CRC_LENGTH;
    public static final int HEADER_LENGTH = CRC_LENGTH;

    private JournalTrailer()
    {
    }

    /**
     * Computes CRC-32C (the JDK's, on its intrinsic) of buffer ranges without allocating: a buffer with a
     * direct {@link java.nio.ByteBuffer} behind it is read in place, others through a scratch array. One per thread.
     */
    public static final class Crc
    {
        private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        private byte[] scratch = new byte[256];
        private final java.nio.ByteBuffer position = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);

        /** The CRC-32C of {@code length} bytes at {@code offset}. */
        public int of(final DirectBuffer buffer, final int offset, final int length)
        {
            crc.reset();
            update(buffer, offset, length);
            return (int)crc.getValue();
        }

        /** The CRC-32C of an inputs document: {@code length} bytes of records at {@code offset}, then the feed position. */
        public int of(final DirectBuffer buffer, final int offset, final int length, final long feedLine, final int inputsOfLine)
        {
            crc.reset();
            update(buffer, offset, length);
            position.clear();
            position.putLong(feedLine).putInt(inputsOfLine).flip();
            crc.update(position);
            return (int)crc.getValue();
        }

        private void update(final DirectBuffer buffer, final int offset, final int length)
        {
            final java.nio.ByteBuffer bb = buffer.byteBuffer();
            if (bb != null && bb.isDirect() && buffer.wrapAdjustment() == 0 && offset + length <= bb.capacity())
            {
                // the buffer's own ByteBuffer, wrapped whole (an engine batch): read in place; its position and limit are
                // not used by the buffer, which works on the address
                bb.limit(offset + length).position(offset);
                crc.update(bb);
                bb.clear();
            }
            else
            {
                if (scratch.length < length)
                {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                buffer.getBytes(offset, scratch, 0, length);
                crc.update(scratch, 0, length);
            }
        }
    }
}
