package dev.exitengine.feed.live;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads the frames a WebSocket server sends (RFC 6455, unmasked) from the channel's pooled buffers,
 * allocating nothing per frame: a whole unfragmented text frame is handed over in place; a fragmented
 * message (continuation frames) or a frame split across reads is gathered in one reused array. Netty's own
 * decoder makes a frame object per message, which is what this replaces once the handshake is done.
 */
final class WebSocketFrameReader extends ChannelInboundHandlerAdapter
{
    /** What the reader found. */
    interface Frames
    {
        void text(ByteBuf buffer, int index, int length);

        void text(byte[] bytes, int length);

        void binary();

        void ping(byte[] payload, int length);

        void pong();

        void close();

        void protocolError(String why);
    }

    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final Frames frames;
    private final int maxMessageBytes;
    private final byte[] header = new byte[10];
    private final byte[] control = new byte[125];
    private byte[] message = new byte[1 << 14];
    private int headerRead;
    private boolean inFrame;
    private int opcode;
    private boolean fin;
    private int remaining;
    private int filled;
    private int messageFill;
    private int messageOpcode = -1;
    private boolean failed;

    WebSocketFrameReader(final Frames frames, final int maxMessageBytes)
    {
        this.frames = frames;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof ByteBuf))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final ByteBuf in = (ByteBuf)msg;
        try
        {
            while (in.isReadable() && !failed)
            {
                if (inFrame)
                {
                    payload(in);
                }
                else if (headerRead > 0 || !wholeTextFrame(in))
                {
                    header(in);
                }
            }
        }
        finally
        {
            in.release();
        }
    }

    /** A whole, unfragmented text frame at the reader index is decoded in place. */
    private boolean wholeTextFrame(final ByteBuf in)
    {
        final int at = in.readerIndex();
        final int readable = in.readableBytes();
        if (readable < 2 || messageOpcode != -1)
        {
            return false;
        }
        final int b0 = in.getByte(at) & 0xFF;
        final int b1 = in.getByte(at + 1) & 0xFF;
        if (b0 != (0x80 | TEXT) || (b1 & 0x80) != 0)
        {
            return false;
        }
        final int len7 = b1 & 0x7F;
        final int headerLength = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        if (readable < headerLength)
        {
            return false;
        }
        final long length = len7 == 126 ? in.getUnsignedShort(at + 2) : len7 == 127 ? in.getLong(at + 2) : len7;
        if (length < 0 || length > maxMessageBytes || length > readable - headerLength)
        {
            return false;
        }
        in.skipBytes(headerLength + (int)length);
        frames.text(in, at + headerLength, (int)length);
        return true;
    }

    private void header(final ByteBuf in)
    {
        header[headerRead++] = in.readByte();
        if (headerRead < 2)
        {
            return;
        }
        final int len7 = header[1] & 0x7F;
        final int headerLength = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        if (headerRead < headerLength)
        {
            return;
        }
        headerRead = 0;
        long length = len7;
        if (len7 >= 126)
        {
            length = 0;
            for (int i = 2; i < headerLength; i++)
            {
                length = length << 8 | (header[i] & 0xFF);
            }
        }
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0F;
        if (startFrame(length))
        {
            inFrame = true;
            remaining = (int)length;
            filled = 0;
            if (remaining == 0)
            {
                endFrame();
            }
        }
    }

    private boolean startFrame(final long length)
    {
        if ((header[0] & 0x70) != 0 || (header[1] & 0x80) != 0)
        {
            return fail("reserved bits set or a masked frame from the server");
        }
        if (opcode >= CLOSE)
        {
            if (opcode > PONG || !fin || length > control.length)
            {
                return fail("bad control frame, opcode " + opcode);
            }
            return true;
        }
        if (opcode > BINARY || (opcode == CONTINUATION) != (messageOpcode != -1))
        {
            return fail("unexpected data frame, opcode " + opcode);
        }
        final long total = (opcode == CONTINUATION ? messageFill : 0) + length;
        if (length < 0 || total > maxMessageBytes)
        {
            return fail("message longer than " + maxMessageBytes + " bytes");
        }
        if (total > message.length)
        {
            final byte[] bigger = new byte[(int)Math.min(maxMessageBytes, Math.max(total, message.length * 2L))];
            System.arraycopy(message, 0, bigger, 0, messageFill);
            message = bigger;
        }
        if (opcode != CONTINUATION)
        {
            messageOpcode = opcode;
            messageFill = 0;
        }
        return true;
    }

    private void payload(final ByteBuf in)
    {
        final int n = Math.min(remaining, in.readableBytes());
        if (opcode >= CLOSE)
        {
            in.readBytes(control, filled, n);
            filled += n;
        }
        else
        {
            in.readBytes(message, messageFill, n);
            messageFill += n;
        }
        remaining -= n;
        if (remaining == 0)
        {
            endFrame();
        }
    }

    private void endFrame()
    {
        inFrame = false;
        switch (opcode)
        {
            case PING: frames.ping(control, filled); return;
            case PONG: frames.pong(); return;
            case CLOSE: frames.close(); return;
            default: break;
        }
        if (fin)
        {
            final int kind = messageOpcode;
            final int length = messageFill;
            messageOpcode = -1;
            messageFill = 0;
            if (kind == TEXT)
            {
                frames.text(message, length);
            }
            else
            {
                frames.binary();
            }
        }
    }

    private boolean fail(final String why)
    {
        failed = true;
        frames.protocolError(why);
        return false;
    }
}
