package dev.exitengine.gateway.binance;

import dev.exitengine.feed.live.StreamSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection to a {@code ws://} or {@code wss://} URL on a Netty event loop, for
 * {@link WsApiSession} and {@link UserDataStream}: the connect waits for the {@link StreamSettings}' connect
 * limiter, Netty's protocol handler does the handshake, answers the server's pings and the close handshake,
 * continuation frames are joined, the connection pings when it has sent nothing for the ping interval and
 * is closed when it heard nothing at all for the idle timeout. Reports, on the event loop, the handshake
 * done, each text message, and the close (once, with its reason, also for a connect that failed).
 * Reasons have {@code secret} (a listenKey in the URL) replaced by {@code ***}. No reconnect: the owner decides.
 */
final class WebSocketLink
{
    /** What a connection reports, on its event loop. */
    interface Handler
    {
        void opened(Channel channel);

        void text(Channel channel, String text);

        /** The connection is closed; {@code wasOpen} whether its handshake had been done. */
        void closed(Channel channel, String reason, boolean wasOpen);
    }

    private static volatile SslContext clientSsl;

    private WebSocketLink()
    {
    }

    /** Starts a connection to {@code uri} on {@code loop}; returns its channel at once (registered, connecting after the limiter's wait). */
    static Channel connect(final EventLoop loop, final URI uri, final StreamSettings settings, final Handler handler, final String secret)
    {
        final String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme))
        {
            throw new IllegalArgumentException("not a ws:// or wss:// URL");
        }
        final String host = uri.getHost();
        final int port = uri.getPort() > 0 ? uri.getPort() : "wss".equals(scheme) ? 443 : 80;
        final SslContext ssl = "wss".equals(scheme) ? clientSsl() : null;
        final Connection connection = new Connection(handler, secret);
        final int idleMs = (int)Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis());
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(settings.maxMessageBytes())
            .handshakeTimeoutMillis(idleMs)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, idleMs)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        final SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
                        final SSLEngine engine = tls.engine();
                        final SSLParameters parameters = engine.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(parameters);
                        ch.pipeline().addLast(tls);
                    }
                    ch.pipeline().addLast(
                        new IdleStateHandler(settings.idleTimeout().toMillis(), settings.pingInterval().toMillis(), 0,
                            TimeUnit.MILLISECONDS),
                        new HttpClientCodec(),
                        new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(config),
                        new WebSocketFrameAggregator(settings.maxMessageBytes()),
                        connection);
                }
            });
        final Channel channel = bootstrap.register().channel();
        channel.closeFuture().addListener(f -> connection.closed(channel));
        final long wait = settings.limiter().reserve(System.nanoTime());
        loop.schedule(() ->
        {
            if (!channel.isOpen())
            {
                return;
            }
            channel.connect(new InetSocketAddress(host, port)).addListener(f ->
            {
                if (!f.isSuccess())
                {
                    connection.reason("connect failed (" + f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage() + ")");
                    channel.close();
                }
            });
        }, wait, TimeUnit.NANOSECONDS);
        return channel;
    }

    /** Closes {@code channel} giving {@code reason} for the close report. */
    static void close(final Channel channel, final String reason)
    {
        channel.eventLoop().execute(() ->
        {
            final Connection connection = channel.pipeline().get(Connection.class);
            if (connection != null)
            {
                connection.reason(reason);
            }
            channel.close();
        });
    }

    private static SslContext clientSsl()
    {
        SslContext ssl = clientSsl;
        if (ssl == null)
        {
            try
            {
                ssl = SslContextBuilder.forClient().build();
            }
            catch (final SSLException ex)
            {
                throw new IllegalStateException("cannot set up TLS for wss://", ex);
            }
            clientSsl = ssl;
        }
        return ssl;
    }

    /** The last handler of one connection's pipeline. */
    private static final class Connection extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final Handler handler;
        private final String secret;
        private boolean open;
        private boolean reported;
        private String reason;

        Connection(final Handler handler, final String secret)
        {
            this.handler = handler;
            this.secret = secret;
        }

        void reason(final String why)
        {
            if (reason == null)
            {
                reason = redact(why);
            }
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                open = true;
                handler.opened(ctx.channel());
            }
            else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                reason("handshake timed out");
            }
            else if (event instanceof IdleStateEvent)
            {
                if (((IdleStateEvent)event).state() == IdleState.READER_IDLE)
                {
                    reason("nothing heard for the idle timeout");
                    ctx.close();
                }
                else if (open)
                {
                    ctx.writeAndFlush(new PingWebSocketFrame());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof TextWebSocketFrame)
            {
                handler.text(ctx.channel(), ((TextWebSocketFrame)frame).text());
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            reason("closed by the server or the network");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            reason(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            ctx.close();
        }

        void closed(final Channel channel)
        {
            if (!reported)
            {
                reported = true;
                reason("closed");
                handler.closed(channel, reason, open);
            }
        }

        private String redact(final String why)
        {
            final String text = String.valueOf(why);
            return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
        }
    }
}
