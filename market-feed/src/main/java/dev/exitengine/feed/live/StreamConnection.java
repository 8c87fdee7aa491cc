package dev.exitengine.feed.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One WebSocket connection of a {@link MarketStreamClient}: does the opening handshake, then swaps Netty's
 * frame decoder for the allocation-free {@link WebSocketFrameReader} and hands each text message to the
 * client. Answers the server's pings, pings on its own when it has sent nothing for a while, and closes
 * the connection when nothing at all arrived for the idle timeout; every send stays within the venue's
 * rate ({@link SendBudget}). Lives on the client's event-loop thread.
 */
final class StreamConnection extends ChannelInboundHandlerAdapter implements WebSocketFrameReader.Frames
{
    private final MarketStreamClient client;
    private final WebSocketClientHandshaker handshaker;
    private final SendBudget sends;
    private final int maxMessageBytes;
    private Channel channel;

    StreamConnection(final MarketStreamClient client, final WebSocketClientHandshaker handshaker, final StreamSettings settings)
    {
        this.client = client;
        this.handshaker = handshaker;
        this.sends = new SendBudget(settings.maxSendsPerSecond);
        this.maxMessageBytes = settings.maxMessageBytes;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        sends.trySend(System.nanoTime()); // the handshake request is a message too
        handshaker.handshake(channel);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof FullHttpResponse && !handshaker.isHandshakeComplete())
        {
            final FullHttpResponse response = (FullHttpResponse)msg;
            try
            {
                handshaker.finishHandshake(channel, response);
            }
            catch (final RuntimeException ex)
            {
                client.failed(channel, "handshake: " + ex.getMessage());
                channel.close();
                return;
            }
            finally
            {
                response.release();
            }
            // finishHandshake has taken the HTTP aggregator out and put Netty's frame decoder in: ours replaces it
            ctx.pipeline().replace("ws-decoder", "ws-frames", new WebSocketFrameReader(this, maxMessageBytes));
            client.opened(channel);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof IdleStateEvent)
        {
            if (((IdleStateEvent)event).state() == IdleState.READER_IDLE)
            {
                client.idle(channel);
                channel.close();
            }
            else if (handshaker.isHandshakeComplete() && send())
            {
                channel.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        client.failed(channel, String.valueOf(cause.getMessage()));
        ctx.close();
    }

    @Override
    public void text(final ByteBuf buffer, final int index, final int length)
    {
        client.message(channel, buffer, index, length);
    }

    @Override
    public void text(final byte[] bytes, final int length)
    {
        client.message(channel, bytes, length);
    }

    @Override
    public void binary()
    {
        client.unsupported(channel, "a binary message");
    }

    @Override
    public void ping(final byte[] payload, final int length)
    {
        client.heard(channel);
        if (send())
        {
            channel.writeAndFlush(new PongWebSocketFrame(Unpooled.copiedBuffer(payload, 0, length)));
        }
    }

    @Override
    public void pong()
    {
        client.heard(channel);
    }

    @Override
    public void close()
    {
        channel.close();
    }

    @Override
    public void protocolError(final String why)
    {
        client.failed(channel, why);
        channel.close();
    }

    private boolean send()
    {
        if (sends.trySend(System.nanoTime()))
        {
            return true;
        }
        client.sendRefused();
        return false;
    }
}
