package dev.exitengine.feed.live;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Binance's market-stream server: WebSocket on 127.0.0.1, an ephemeral port, paths
 * {@code /public/stream} and {@code /market/stream} only. Each accepted connection is handed to the test's
 * {@link Plan}, which sends what it likes; the server records the URIs asked for and the pongs received,
 * and answers pings unless told to be deaf.
 */
final class TestStreamServer implements AutoCloseable
{
    /** What the server does with a connection once its handshake is done. */
    interface Plan
    {
        void connected(int index, String uri, Channel channel);
    }

    final List<String> uris = new CopyOnWriteArrayList<>();
    final List<String> pongs = new CopyOnWriteArrayList<>();
    final List<Channel> open = new CopyOnWriteArrayList<>();
    volatile boolean answerPings = true;
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final Plan plan;

    TestStreamServer(final Plan plan) throws InterruptedException
    {
        this.plan = plan;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Handler());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** {@code ws://127.0.0.1:PORT}, the base URL the client is given. */
    String baseUrl()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort();
    }

    static void send(final Channel channel, final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    static void sendAll(final Channel channel, final List<String> texts)
    {
        for (final String text : texts)
        {
            channel.write(new TextWebSocketFrame(text));
        }
        channel.flush();
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object>
    {
        private WebSocketServerHandshaker handshaker;

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof FullHttpRequest)
            {
                final FullHttpRequest request = (FullHttpRequest)msg;
                final String uri = request.uri();
                if (!uri.startsWith("/public/stream?streams=") && !uri.startsWith("/market/stream?streams="))
                {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND)).channel().close();
                    return;
                }
                uris.add(uri);
                handshaker = new WebSocketServerHandshakerFactory("ws://127.0.0.1" + uri, null, false, 1 << 20).newHandshaker(request);
                final Channel channel = ctx.channel();
                handshaker.handshake(channel, request).addListener(f ->
                {
                    open.add(channel);
                    channel.closeFuture().addListener(c -> open.remove(channel));
                    plan.connected(connections.getAndIncrement(), uri, channel);
                });
                return;
            }
            final WebSocketFrame frame = (WebSocketFrame)msg;
            if (frame instanceof PingWebSocketFrame && answerPings)
            {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
            else if (frame instanceof PongWebSocketFrame)
            {
                pongs.add(frame.content().toString(StandardCharsets.UTF_8));
            }
            else if (frame instanceof CloseWebSocketFrame)
            {
                ctx.close();
            }
        }
    }

    static io.netty.buffer.ByteBuf text(final String s)
    {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
