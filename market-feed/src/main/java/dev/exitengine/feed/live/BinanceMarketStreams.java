package dev.exitengine.feed.live;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live market data of Binance USDⓈ-M futures, ready for the engine's ingress: opens one
 * {@link MarketStreamClient} per combined-stream URL ({@link StreamUrls}), decodes every message on the
 * receiving thread into fixed binary records in an Agrona ring, and lets the ingress thread
 * {@link #drain} them to a by-id {@link MarketEventSink}. An accepted event is never dropped: when the
 * ring is full the receiving thread waits (counted in {@link #ringFullWaits()}).
 * <p>
 * <b>Why Netty</b> (not the JDK's {@code java.net.http.WebSocket}, not Java-WebSocket): the JDK client
 * hands text over as decoded UTF-16 {@code CharSequence} fragments, so every message allocates and is
 * decoded twice; Netty reads into pooled direct buffers, and {@link WebSocketFrameReader} passes each
 * message's bytes straight to {@link MarketFrameDecoder}, which parses prices into fixed-point longs and
 * matches symbols by their bytes, so a message costs no {@code String} and no garbage (measured: zero
 * bytes allocated per frame on the receiving thread). Netty also gives the socket options that matter
 * ({@code TCP_NODELAY}: a quote must not wait for Nagle), {@code IdleStateHandler} for our pings and the
 * idle watchdog, event-loop scheduling for backoff and the 24-hour rotation without threads of our own,
 * and TLS through its {@code SslContext}. All clients share one event-loop thread: on a small machine the
 * engine's cores stay free.
 * <p>
 * <b>Each event once.</b> A rotation's overlap delivers the same events on two connections, and a server
 * may repeat itself after a reconnect; every decoder checks one shared {@link StreamSequences}: a quote or
 * mark not newer than the last one delivered for its symbol and stream is dropped, and a trade whose id was
 * already delivered ({@link #duplicatesDropped()}); a trade the old connection of an overlap carried alone,
 * read after a newer one from the new connection, is delivered late ({@link #lateTradesDelivered()}), and
 * one too far below the newest to tell is dropped ({@link #tradesTooOld()}).
 * That state needs no lock because the one event-loop thread is where every connection's events meet.
 */
public final class BinanceMarketStreams implements AutoCloseable
{
    /** Ring capacity by default: 1 MiB, about 25,000 events of 40 bytes with their headers. */
    public static final int DEFAULT_RING_BYTES = 1 << 20;

    /** One thread: every client, and so every decoder and {@link #sequences}, runs on it. */
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final StreamSequences sequences = new StreamSequences();
    private final MarketEventRing ring;
    private final List<MarketStreamClient> clients = new ArrayList<>();
    private final List<MarketFrameDecoder> decoders = new ArrayList<>();

    /**
     * Streams {@code streams} ({@code aggTrade}, {@code bookTicker}, {@code markPrice}, {@code markPrice@1s})
     * of {@code symbols} from {@code wsUrl} ({@code wss://fstream.binance.com}); every symbol must be
     * registered in {@code table}, whose ids the events carry. Nothing is opened before {@link #start()}.
     */
    public BinanceMarketStreams(final String wsUrl, final List<String> symbols, final List<String> streams, final SymbolTable table,
        final StreamSettings settings, final int ringBytes)
    {
        for (final String symbol : symbols)
        {
            if (table.find(symbol) < 0)
            {
                throw new IllegalArgumentException("symbol " + symbol + " is not registered in the symbol table");
            }
        }
        ring = new MarketEventRing(ringBytes);
        for (final URI url : StreamUrls.of(wsUrl, symbols, streams, StreamUrls.STREAMS_PER_CONNECTION))
        {
            final MarketFrameDecoder decoder = new MarketFrameDecoder(table, false, ring.writer(), sequences);
            decoders.add(decoder);
            clients.add(new MarketStreamClient(url, decoder, group, settings));
        }
    }

    /** Opens every connection (asynchronously). */
    public void start()
    {
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            // the leak detector samples one buffer in 128 with a stack trace: an allocation on the receive thread.
            // The client releases every buffer it reads (the frame reader's tests pin it); set the property to look
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        clients.forEach(MarketStreamClient::start);
    }

    /** Publishes up to {@code limit} received events to {@code sink}, in arrival order; call from the ingress thread only. */
    public int drain(final MarketEventSink sink, final int limit)
    {
        return ring.drain(sink, limit);
    }

    /** The clients, one per URL, each with its {@link MarketStreamClient#status()}. */
    public List<MarketStreamClient> clients()
    {
        return Collections.unmodifiableList(clients);
    }

    /** Whether every connection is up. */
    public boolean connected()
    {
        for (final MarketStreamClient client : clients)
        {
            if (!client.status().connected())
            {
                return false;
            }
        }
        return !clients.isEmpty();
    }

    /** Times a receiving thread found the ring full and waited for {@link #drain}. */
    public long ringFullWaits()
    {
        return ring.fullWaits();
    }

    /** Events of symbols not in the table, skipped (read on the receiving thread: a snapshot, not exact). */
    public long unknownSymbols()
    {
        long sum = 0;
        for (final MarketFrameDecoder decoder : decoders)
        {
            sum += decoder.unknownSymbols();
        }
        return sum;
    }

    /** Events dropped as already delivered (rotation overlaps, repeats): a quote or mark not newer than the last, a trade id seen. */
    public long duplicatesDropped()
    {
        return sequences.duplicates();
    }

    /** Trades delivered out of order: below the newest id of their stream, not delivered before (a rotation's old connection). */
    public long lateTradesDelivered()
    {
        return sequences.lateDelivered();
    }

    /** Trades dropped because their id was too far below the newest of their stream to tell whether they were delivered. */
    public long tradesTooOld()
    {
        return sequences.tooOld();
    }

    /** Stops intake: closes the connections and the event loop; waiting writers give up. */
    @Override
    public void close()
    {
        ring.close();
        clients.forEach(MarketStreamClient::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
