package dev.exitengine.gateway.binance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * A minimal WebSocket server on 127.0.0.1 for the gateway's tests: accepts any path under {@code /}, records
 * each connection's request URI, answers pings (Netty's protocol handler) and hands each text message to the test.
 */
final class LocalWsServer implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<String> uris = new CopyOnWriteArrayList<>();
    private final List<Channel> open = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Channel server;
    private volatile BiConsumer<Channel, String> onText;
    private volatile boolean deaf;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    LocalWsServer(final BiConsumer<Channel, String> onText)
    {
        this.onText = onText;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketServerProtocolHandler("/", null, false, 1 << 20, false, true), new Frames());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** {@code ws://127.0.0.1:P}. */
    String url()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort();
    }

    void onText(final BiConsumer<Channel, String> handler)
    {
        onText = handler;
    }

    List<String> uris()
    {
        return List.copyOf(uris);
    }

    List<String> received()
    {
        return List.copyOf(received);
    }

    int openCount()
    {
        return open.size();
    }

    /** Sends {@code text} to every open connection. */
    void broadcast(final String text)
    {
        open.forEach(ch -> ch.writeAndFlush(new TextWebSocketFrame(text)));
    }

    /** While deaf, pings are dropped unanswered (and counted). */
    void deaf(final boolean deaf)
    {
        this.deaf = deaf;
    }

    int pings()
    {
        return pings.get();
    }

    /** Drops every open connection without a close frame. */
    void dropAll()
    {
        open.forEach(Channel::close);
    }

    static boolean await(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        if (group.isShuttingDown())
        {
            return;
        }
        server.close().syncUninterruptibly();
        open.forEach(Channel::close);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                uris.add(((WebSocketServerProtocolHandler.HandshakeComplete)event).requestUri());
                final Channel ch = ctx.channel();
                open.add(ch);
                ctx.pipeline().addAfter("wsdecoder", "pings", new io.netty.channel.ChannelInboundHandlerAdapter()
                {
                    @Override
                    public void channelRead(final ChannelHandlerContext c, final Object msg)
                    {
                        if (msg instanceof io.netty.handler.codec.http.websocketx.PingWebSocketFrame)
                        {
                            pings.incrementAndGet();
                            if (deaf)
                            {
                                ((io.netty.handler.codec.http.websocketx.PingWebSocketFrame)msg).release();
                                return;
                            }
                        }
                        c.fireChannelRead(msg);
                    }
                });
                ch.closeFuture().addListener(f -> open.remove(ch));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final String text = frame.text();
            received.add(text);
            final BiConsumer<Channel, String> handler = onText;
            if (handler != null)
            {
                handler.accept(ctx.channel(), text);
            }
        }
    }
}
