package dev.exitengine.feed.live;

import dev.exitengine.feed.FeedInput;
import dev.exitengine.feed.WsCaptureFeed;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A local stand-in for Binance USDⓈ-M futures, for tests and benchmarks of any module: WebSocket market
 * streams at {@code /public/stream} and {@code /market/stream} (combined-stream URLs, each connection's
 * {@code streams} query recorded) and {@code GET /fapi/v1/exchangeInfo} over HTTP, both on 127.0.0.1 and
 * ephemeral ports. Frames are {@linkplain #broadcast broadcast} to the connections whose path serves their
 * stream, as the venue routes them; a test may also take each connection as it opens ({@link #start(Plan)}).
 * It answers pings with pongs unless {@linkplain #deaf deaf}, and sends nothing at all while
 * {@linkplain #quiet quiet}.
 */
public final class LocalBinanceVenue implements AutoCloseable
{
    /** What the venue does with a connection once its handshake is done, besides what it is told later. */
    public interface Plan
    {
        /** Connection {@code index} (0 for the first) asked for {@code uri} ({@code /market/stream?streams=...}). */
        void connected(int index, String uri, Channel channel);
    }

    /** The REST path answered. */
    public static final String EXCHANGE_INFO_PATH = "/fapi/v1/exchangeInfo";

    private static final String PUBLIC = "/public/stream";
    private static final String MARKET = "/market/stream";

    private final List<String> uris = new CopyOnWriteArrayList<>();
    private final List<String> streamQueries = new CopyOnWriteArrayList<>();
    private final List<String> pongs = new CopyOnWriteArrayList<>();
    private final List<Channel> publicOpen = new CopyOnWriteArrayList<>();
    private final List<Channel> marketOpen = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Plan plan;
    private final Channel ws;
    private final Channel rest;
    private volatile boolean deaf;
    private volatile boolean quiet;
    private volatile int exchangeInfoStatus = 200;
    private volatile byte[] exchangeInfo = "{\"symbols\":[]}".getBytes(StandardCharsets.UTF_8);

    private LocalBinanceVenue(final Plan plan)
    {
        this.plan = plan;
        ws = bind(WebSocketHandler::new);
        rest = bind(RestHandler::new);
    }

    /** A venue listening on two ephemeral ports of 127.0.0.1, serving {@code {"symbols":[]}} as exchangeInfo until told otherwise. */
    public static LocalBinanceVenue start()
    {
        return new LocalBinanceVenue((i, uri, ch) -> { });
    }

    /** A venue that also hands every new connection to {@code plan}. */
    public static LocalBinanceVenue start(final Plan plan)
    {
        return new LocalBinanceVenue(plan);
    }

    private Channel bind(final Supplier<ChannelHandler> handler)
    {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), handler.get());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** {@code ws://127.0.0.1:P}, the base URL of the market streams. */
    public String wsUrl()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)ws.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:Q}, the base URL of the REST API. */
    public String restUrl()
    {
        return "http://127.0.0.1:" + ((InetSocketAddress)rest.localAddress()).getPort();
    }

    /** The body of every later {@code GET /fapi/v1/exchangeInfo}, with status 200. */
    public void exchangeInfo(final byte[] json)
    {
        exchangeInfo(200, json);
    }

    /** The status and body of every later {@code GET /fapi/v1/exchangeInfo} (an error, or not JSON at all). */
    public void exchangeInfo(final int status, final byte[] body)
    {
        exchangeInfo = body.clone();
        exchangeInfoStatus = status;
    }

    /** WebSocket connections accepted so far (their handshake done), open or not. */
    public int connections()
    {
        return connections.get();
    }

    /** WebSocket connections open now. */
    public int openConnections()
    {
        return publicOpen.size() + marketOpen.size();
    }

    /** The {@code streams} query of each accepted connection, in order ({@code btcusdt@aggTrade/btcusdt@markPrice@1s}). */
    public List<String> streamQueries()
    {
        return List.copyOf(streamQueries);
    }

    /** The request URI of each accepted connection, in order ({@code /market/stream?streams=...}). */
    public List<String> uris()
    {
        return List.copyOf(uris);
    }

    /** The payload of each pong received, as text, in order. */
    public List<String> pongs()
    {
        return List.copyOf(pongs);
    }

    /** Waits up to {@code timeout} until at least {@code n} connections have been accepted in all; whether they were. */
    public boolean awaitConnections(final int n, final Duration timeout)
    {
        return await(() -> connections() >= n, timeout);
    }

    /** Waits up to {@code timeout} until at least {@code n} connections are open at once; whether they were. */
    public boolean awaitOpen(final int n, final Duration timeout)
    {
        return await(() -> openConnections() >= n, timeout);
    }

    private static boolean await(final BooleanSupplier condition, final Duration timeout)
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
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Sends {@code frame} to every open connection whose path serves it: a combined-stream frame by its
     * {@code stream} name ({@code @bookTicker}, {@code @depth}: {@code /public}; the rest: {@code /market}),
     * a bare payload by its event type {@code e} the same way.
     */
    public void broadcast(final String frame)
    {
        broadcastAll(List.of(frame));
    }

    /** Sends {@code frames} in order, each as {@link #broadcast} would, flushing once per connection. */
    public void broadcastAll(final List<String> frames)
    {
        if (quiet)
        {
            return;
        }
        final List<Channel> publics = List.copyOf(publicOpen);
        final List<Channel> markets = List.copyOf(marketOpen);
        for (final String frame : frames)
        {
            for (final Channel channel : servesPublic(frame) ? publics : markets)
            {
                channel.write(new TextWebSocketFrame(frame));
            }
        }
        publics.forEach(Channel::flush);
        markets.forEach(Channel::flush);
    }

    /** Sends {@code text} as a text frame to every open connection as it is: for malformed or unexpected messages. */
    public void sendRaw(final String text)
    {
        if (quiet)
        {
            return;
        }
        publicOpen.forEach(ch -> send(ch, text));
        marketOpen.forEach(ch -> send(ch, text));
    }

    /** Closes every open connection (the TCP connection, no close frame), as a venue that drops its clients. */
    public void dropConnections()
    {
        final List<Channel> open = new ArrayList<>(publicOpen);
        open.addAll(marketOpen);
        open.forEach(ch -> ch.close().syncUninterruptibly());
    }

    /** While {@code deaf}, pings are not answered. */
    public void deaf(final boolean deaf)
    {
        this.deaf = deaf;
    }

    /** While {@code quiet}, nothing is sent: no frames broadcast, no pongs. */
    public void quiet(final boolean quiet)
    {
        this.quiet = quiet;
    }

    /** Sends {@code text} as one text frame on {@code channel}. */
    public static void send(final Channel channel, final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** Sends {@code texts} as text frames on {@code channel}, flushed once. */
    public static void sendAll(final Channel channel, final List<String> texts)
    {
        for (final String text : texts)
        {
            channel.write(new TextWebSocketFrame(text));
        }
        channel.flush();
    }

    /** {@code s} as a UTF-8 buffer, for a frame built by hand. */
    public static ByteBuf text(final String s)
    {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /**
     * Up to {@code max} stream frames of the bundled capture ({@link WsCaptureFeed#BUNDLED_RESOURCE}, lines
     * {@code <receive ns> <JSON>}), the JSON only, in order: combined-stream frames of BTCUSDT book tickers
     * and trades.
     */
    public static List<String> captureFrames(final int max)
    {
        final List<String> frames = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(
            FeedInput.classpath(WsCaptureFeed.BUNDLED_RESOURCE).openStream(), java.nio.charset.StandardCharsets.UTF_8)))
        {
            String line;
            while (frames.size() < max && (line = in.readLine()) != null)
            {
                if (line.contains("\"stream\""))
                {
                    frames.add(line.substring(line.indexOf(' ') + 1));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading " + WsCaptureFeed.BUNDLED_RESOURCE, ex);
        }
        return frames;
    }

    /** Whether Binance serves {@code frame} on {@code /public}: by its stream name, else by its event type. */
    static boolean servesPublic(final String frame)
    {
        final String name = field(frame, "\"stream\":\"");
        final String routed = name != null ? name : field(frame, "\"e\":\"");
        return routed != null && (routed.contains("bookTicker") || routed.contains("depth"));
    }

    private static String field(final String frame, final String key)
    {
        final int at = frame.indexOf(key);
        if (at < 0)
        {
            return null;
        }
        final int start = at + key.length();
        final int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    @Override
    public void close()
    {
        ws.close().syncUninterruptibly();
        rest.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void respond(final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponseStatus status, final byte[] body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            if (request.method() == HttpMethod.GET && EXCHANGE_INFO_PATH.equals(new QueryStringDecoder(request.uri()).path()))
            {
                respond(ctx, request, HttpResponseStatus.valueOf(exchangeInfoStatus), exchangeInfo);
            }
            else
            {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "{\"code\":-5000,\"msg\":\"Path not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private final class WebSocketHandler extends SimpleChannelInboundHandler<Object>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof FullHttpRequest)
            {
                handshake(ctx, (FullHttpRequest)msg);
                return;
            }
            final WebSocketFrame frame = (WebSocketFrame)msg;
            if (frame instanceof PingWebSocketFrame)
            {
                if (!deaf && !quiet)
                {
                    ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
                }
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

        private void handshake(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final String uri = request.uri();
            final QueryStringDecoder query = new QueryStringDecoder(uri);
            final List<String> streams = query.parameters().get("streams");
            final boolean isPublic = PUBLIC.equals(query.path());
            if (!isPublic && !MARKET.equals(query.path()) || streams == null || streams.size() != 1)
            {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, new byte[0]);
                return;
            }
            final WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory("ws://127.0.0.1" + uri, null, false, 1 << 20).newHandshaker(request);
            final Channel channel = ctx.channel();
            handshaker.handshake(channel, request).addListener(f ->
            {
                final List<Channel> open = isPublic ? publicOpen : marketOpen;
                open.add(channel);
                channel.closeFuture().addListener(c -> open.remove(channel));
                uris.add(uri);
                streamQueries.add(streams.get(0));
                plan.connected(connections.getAndIncrement(), uri, channel);
            });
        }
    }
}
