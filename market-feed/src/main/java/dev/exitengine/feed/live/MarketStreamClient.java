package dev.exitengine.feed.live;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one WebSocket stream open to a {@code ws://} or {@code wss://} URL and feeds every text message
 * to a {@link MarketFrameDecoder}, on one event-loop thread. Reconnects after a drop or an idle timeout
 * with exponential backoff and jitter, every connect spaced by a {@link ConnectLimiter}; replaces the
 * connection before the venue's 24-hour cut by opening the new one first and closing the old one only
 * once the new one is up, so no message is missed (those of the short overlap come twice; a decoder given
 * {@link StreamSequences} drops the repeats). What it does is in {@link #status()}, readable from any thread.
 */
public final class MarketStreamClient implements AutoCloseable
{
    private final URI uri;
    private final String host;
    private final int port;
    private final SslContext ssl;
    private final MarketFrameDecoder decoder;
    private final StreamSettings settings;
    private final EventLoop loop;
    private final StreamStatus status = new StreamStatus();
    private Channel active;
    private Channel pending;
    private int failures;
    private volatile boolean closed;
    private volatile String lastError;

    /** A client of {@code uri} decoding with {@code decoder}, run on one event loop of {@code group}. */
    public MarketStreamClient(final URI uri, final MarketFrameDecoder decoder, final EventLoopGroup group, final StreamSettings settings)
    {
        final String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme))
        {
            throw new IllegalArgumentException("not a ws:// or wss:// URL: " + uri);
        }
        this.uri = uri;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : "wss".equals(scheme) ? 443 : 80;
        this.ssl = "wss".equals(scheme) ? clientSsl() : null;
        this.decoder = decoder;
        this.settings = settings;
        this.loop = group.next();
    }

    /** Opens the connection (asynchronously, through the connect limiter). */
    public void start()
    {
        loop.execute(this::connect);
    }

    /** Closes the connections; no reconnect follows. */
    @Override
    public void close()
    {
        closed = true;
        loop.execute(() ->
        {
            closeQuietly(active);
            closeQuietly(pending);
        });
    }

    public URI uri()
    {
        return uri;
    }

    /** The event-loop thread this client runs on. */
    EventLoop loop()
    {
        return loop;
    }

    public StreamStatus status()
    {
        return status;
    }

    /** The last connection problem, for operators; null when there was none. */
    public String lastError()
    {
        return lastError;
    }

    // ---------------------------------------------------------------- connection life, on the event loop

    private void connect()
    {
        if (closed || pending != null)
        {
            return;
        }
        final long wait = settings.limiter.reserve(System.nanoTime());
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            // Netty 4.2's default (adaptive) allocator slices a new java.nio buffer per read: ~50 bytes a frame
            // when frames come one per read; the pooled allocator reuses them
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, settings.idleTimeout.toMillis()))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    pipeline(ch);
                }
            });
        final Channel channel = bootstrap.register().channel();
        pending = channel;
        channel.closeFuture().addListener(f -> closed(channel));
        loop.schedule(() ->
        {
            if (closed || pending != channel)
            {
                channel.close();
                return;
            }
            final ChannelFuture connecting = channel.connect(new java.net.InetSocketAddress(host, port));
            connecting.addListener(f ->
            {
                if (!f.isSuccess())
                {
                    failed(channel, "connect: " + f.cause());
                    channel.close();
                }
            });
        }, wait, TimeUnit.NANOSECONDS);
    }

    private void pipeline(final SocketChannel ch)
    {
        if (ssl != null)
        {
            final SslHandler handler = ssl.newHandler(ch.alloc(), host, port);
            final SSLEngine engine = handler.engine();
            final SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            ch.pipeline().addLast(handler);
        }
        ch.pipeline().addLast(
            new IdleStateHandler(settings.idleTimeout.toMillis(), settings.pingInterval.toMillis(), 0, TimeUnit.MILLISECONDS),
            new HttpClientCodec(),
            new HttpObjectAggregator(1 << 16),
            new StreamConnection(this, WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
                EmptyHttpHeaders.INSTANCE, settings.maxMessageBytes), settings));
    }

    /** The handshake of {@code channel} is done: it becomes the stream, replacing any older connection. */
    void opened(final Channel channel)
    {
        if (channel != pending || closed)
        {
            channel.close();
            return;
        }
        pending = null;
        final Channel old = active;
        active = channel;
        failures = 0;
        status.connected = true;
        if (old != null)
        {
            status.rotations++;
            loop.schedule(() -> old.close(), settings.overlap.toNanos(), TimeUnit.NANOSECONDS);
        }
        loop.schedule(() -> rotate(channel), settings.maxAge.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rotate(final Channel channel)
    {
        if (channel == active && !closed)
        {
            connect();
        }
    }

    private void closed(final Channel channel)
    {
        if (channel == active)
        {
            active = null;
            status.connected = false;
            if (!closed && pending == null)
            {
                reconnect();
            }
        }
        else if (channel == pending)
        {
            pending = null;
            if (!closed)
            {
                if (active == null)
                {
                    reconnect();
                }
                else
                {
                    final Channel current = active;
                    loop.schedule(() -> rotate(current), settings.backoffNanos(failures++, ThreadLocalRandom.current().nextDouble()),
                        TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void reconnect()
    {
        status.reconnects++;
        final long delay = settings.backoffNanos(failures++, ThreadLocalRandom.current().nextDouble());
        loop.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- what a connection reports

    void message(final Channel channel, final ByteBuf buffer, final int index, final int length)
    {
        heard(channel);
        status.frames++;
        if (decoder.decode(buffer, index, length) == MarketFrameDecoder.MALFORMED)
        {
            status.malformed++;
        }
    }

    void message(final Channel channel, final byte[] bytes, final int length)
    {
        heard(channel);
        status.frames++;
        if (decoder.decode(bytes, 0, length) == MarketFrameDecoder.MALFORMED)
        {
            status.malformed++;
        }
    }

    void heard(final Channel channel)
    {
        status.lastMessageMillis = System.currentTimeMillis();
    }

    void unsupported(final Channel channel, final String what)
    {
        heard(channel);
        status.frames++;
        status.malformed++;
        lastError = "unsupported: " + what;
    }

    void idle(final Channel channel)
    {
        status.idleTimeouts++;
        lastError = "nothing received for " + settings.idleTimeout;
    }

    void failed(final Channel channel, final String why)
    {
        lastError = why;
    }

    void sendRefused()
    {
        status.sendsRefused++;
    }

    private static void closeQuietly(final Channel channel)
    {
        if (channel != null)
        {
            channel.close();
        }
    }

    private static SslContext clientSsl()
    {
        try
        {
            return SslContextBuilder.forClient().build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot set up TLS for wss://", ex);
        }
    }
}
