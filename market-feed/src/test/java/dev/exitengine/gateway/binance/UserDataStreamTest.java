package dev.exitengine.gateway.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDataStreamTest
{
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private final AtomicInteger keys = new AtomicInteger();
    private volatile boolean sameKey;
    private volatile boolean refuseKeepAlive;
    private volatile boolean refuseCreate;
    private HttpServer http;
    private LocalWsServer ws;
    private UserDataStream stream;

    @BeforeEach
    void start() throws IOException
    {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(UserDataStream.LISTEN_KEY_PATH, this::listenKey);
        http.start();
        ws = new LocalWsServer((ch, text) -> { });
    }

    @AfterEach
    void stop()
    {
        if (stream != null)
        {
            stream.close();
        }
        ws.close();
        http.stop(0);
        scheduler.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void listenKey(final HttpExchange ex) throws IOException
    {
        final String method = ex.getRequestMethod();
        final String apiKey = ex.getRequestHeaders().getFirst("X-MBX-APIKEY");
        requests.add(method + (BinanceRestTest.API_KEY.equals(apiKey) ? "" : " without the key"));
        if ("POST".equals(method))
        {
            if (refuseCreate)
            {
                reply(ex, 500, "{\"code\":-1000,\"msg\":\"An unknown error occured while processing the request.\"}");
                return;
            }
            final int n = sameKey ? Math.max(1, keys.get()) : keys.incrementAndGet();
            keys.compareAndSet(0, 1);
            reply(ex, 200, "{\"listenKey\":\"K" + n + "secretpart\"}");
        }
        else if ("PUT".equals(method) && refuseKeepAlive)
        {
            reply(ex, 400, "{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}");
        }
        else
        {
            reply(ex, 200, "{}");
        }
    }

    private static void reply(final HttpExchange ex, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private UserDataStream stream(final Duration keepAlive)
    {
        final BinanceRest rest = new BinanceRest("http://127.0.0.1:" + http.getAddress().getPort(),
            ApiCredentials.of("test", BinanceRestTest.API_KEY, BinanceRestTest.SECRET, "test"), new ServerClock(), Duration.ofSeconds(1), 5000);
        stream = new UserDataStream(rest, ws.url(), group, WsApiSessionTest.FAST, keepAlive, scheduler, new UserDataStream.Listener()
        {
            @Override
            public void onFrame(final String text)
            {
                listenerThreads.add(Thread.currentThread().getName());
                frames.add(text);
            }

            @Override
            public void onConnected(final boolean afterRotation)
            {
                listenerThreads.add(Thread.currentThread().getName());
                events.add("connected " + afterRotation);
            }

            @Override
            public void onDisconnected(final String reason)
            {
                listenerThreads.add(Thread.currentThread().getName());
                events.add("disconnected: " + reason);
            }
        });
        return stream;
    }

    private long count(final String request)
    {
        return requests.stream().filter(request::equals).count();
    }

    @Test
    void createsAKeyConnectsAndDeliversFrames()
    {
        stream(Duration.ofMinutes(30)).start();
        // the connection is up a moment before its listener and the server's handler have noted it
        assertTrue(LocalWsServer.await(() -> stream.isConnected() && !events.isEmpty() && !ws.uris().isEmpty(), WAIT), events.toString());
        assertEquals(List.of("POST"), requests);
        assertEquals(List.of("/private/ws?listenKey=K1secretpart"), ws.uris());
        assertEquals(List.of("connected false"), events);
        ws.broadcast("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1}");
        ws.broadcast("{\"e\":\"ACCOUNT_UPDATE\",\"E\":2}");
        assertTrue(LocalWsServer.await(() -> frames.size() == 2, WAIT));
        assertEquals("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1}", frames.get(0));
        assertEquals(0, stream.rotations());
        assertTrue(listenerThreads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())));
        assertEquals(1, listenerThreads.stream().distinct().count(), "one event-loop thread: " + listenerThreads);
    }

    @Test
    void keepAlivePutsOnTheInterval()
    {
        stream(Duration.ofMillis(150)).start();
        assertTrue(LocalWsServer.await(() -> count("PUT") >= 3, WAIT), requests.toString());
        assertEquals(1, count("POST"));
        assertEquals(List.of("connected false"), events);
    }

    @Test
    void aRefusedKeepAliveRotatesTheKey()
    {
        stream(Duration.ofMillis(200)).start();
        assertTrue(LocalWsServer.await(stream::isConnected, WAIT));
        refuseKeepAlive = true;
        assertTrue(LocalWsServer.await(() -> events.contains("connected true"), WAIT), events.toString());
        refuseKeepAlive = false;
        assertTrue(count("POST") >= 2);
        assertTrue(LocalWsServer.await(() -> ws.uris().size() >= 2, WAIT), ws.uris().toString());
        assertEquals("/private/ws?listenKey=K2secretpart", ws.uris().get(1));
        assertTrue(events.get(1).startsWith("disconnected: keep-alive refused: REJECTED -1125"), events.toString());
        assertTrue(stream.rotations() >= 1);
        ws.broadcast("{\"e\":\"ORDER_TRADE_UPDATE\"}");
        assertTrue(LocalWsServer.await(() -> frames.size() == 1, WAIT));
        assertKeyNowhere();
    }

    @Test
    void aServerSideDropReconnectsWithANewKeyAndSaysSo()
    {
        stream(Duration.ofMinutes(30)).start();
        assertTrue(LocalWsServer.await(() -> stream.isConnected() && ws.openCount() == 1, WAIT));
        ws.dropAll();
        assertTrue(LocalWsServer.await(() -> events.contains("connected true") && stream.isConnected(), WAIT), events.toString());
        assertEquals("connected false", events.get(0));
        assertTrue(events.get(1).startsWith("disconnected: "), events.toString());
        assertEquals(2, count("POST"));
        assertTrue(LocalWsServer.await(() -> ws.uris().size() == 2, WAIT), ws.uris().toString());
        assertEquals(1, stream.rotations());
        assertKeyNowhere();
    }

    @Test
    void rotateReconnectsEvenWhenTheKeyIsUnchanged()
    {
        sameKey = true;
        stream(Duration.ofMinutes(30)).start();
        assertTrue(LocalWsServer.await(stream::isConnected, WAIT));
        stream.rotate("listenKeyExpired");
        assertTrue(LocalWsServer.await(() -> events.contains("connected true"), WAIT), events.toString());
        // the client may hear its handshake answered before the server's handler has noted the request
        assertTrue(LocalWsServer.await(() -> ws.uris().size() == 2, WAIT), ws.uris().toString());
        assertEquals(List.of("/private/ws?listenKey=K1secretpart", "/private/ws?listenKey=K1secretpart"), ws.uris());
        assertEquals("disconnected: rotate: listenKeyExpired", events.get(1));
        assertTrue(LocalWsServer.await(() -> ws.openCount() == 1, WAIT));
    }

    @Test
    void closeDeletesTheKeyAndDoesNotReconnect()
    {
        stream(Duration.ofMinutes(30)).start();
        assertTrue(LocalWsServer.await(stream::isConnected, WAIT));
        stream.close();
        assertEquals("DELETE", requests.get(requests.size() - 1));
        assertTrue(LocalWsServer.await(() -> ws.openCount() == 0 && events.size() == 2, WAIT), events.toString());
        assertEquals("disconnected: stream closed", events.get(1));
        LocalWsServer.await(() -> false, Duration.ofMillis(200));
        assertEquals(1, ws.uris().size());
        assertEquals(1, count("POST"));
        assertFalse(stream.isConnected());
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffAndTheKeyIsInNoMessage()
    {
        refuseCreate = true;
        stream(Duration.ofMinutes(30)).start();
        assertTrue(LocalWsServer.await(() -> count("POST") >= 2, WAIT));
        assertTrue(stream.lastError().startsWith("listenKey not created"), stream.lastError());
        refuseCreate = false;
        // now the WebSocket server is gone: connects with the key in the URL fail, and the failure never names it
        ws.close();
        assertTrue(LocalWsServer.await(() -> stream.lastError() != null && stream.lastError().contains("connect"), WAIT), stream.lastError());
        assertFalse(stream.isConnected());
        assertKeyNowhere();
    }

    private void assertKeyNowhere()
    {
        for (final String text : List.of(String.valueOf(stream.lastError()), stream.toString(), String.join("|", events)))
        {
            assertFalse(text.contains("secretpart"), text);
        }
    }
}
