package dev.exitengine.gateway.binance;

import dev.exitengine.feed.live.ConnectLimiter;
import dev.exitengine.feed.live.StreamSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsApiSessionTest
{
    static final StreamSettings FAST = StreamSettings.DEFAULTS
        .withKeepAlive(Duration.ofMillis(500), Duration.ofSeconds(3))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.2)
        .withLimiter(new ConnectLimiter(TimeUnit.MILLISECONDS.toNanos(1)));
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final Map<String, VenueError> noAnswers = new ConcurrentHashMap<>();
    private final List<String> callbackThreads = new CopyOnWriteArrayList<>();
    private LocalWsServer server;
    private WsApiSession session;

    @AfterEach
    void stop()
    {
        if (session != null)
        {
            session.close();
        }
        if (server != null)
        {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private WsApiSession session(final Duration requestTimeout)
    {
        return session(requestTimeout, FAST);
    }

    private WsApiSession session(final Duration requestTimeout, final StreamSettings settings)
    {
        session = new WsApiSession(URI.create(server.url() + "/ws-fapi/v1"), group, settings, requestTimeout, new WsApiSession.StateListener()
        {
            @Override
            public void onUp()
            {
                events.add("up");
            }

            @Override
            public void onDown(final String reason)
            {
                events.add("down: " + reason);
            }
        });
        return session;
    }

    private boolean send(final String id)
    {
        return session.send(id, "{\"id\":\"" + id + "\",\"method\":\"order.place\",\"params\":{}}",
            json ->
            {
                callbackThreads.add(Thread.currentThread().getName());
                responses.put(id, json);
            },
            error ->
            {
                callbackThreads.add(Thread.currentThread().getName());
                noAnswers.put(id, error);
            });
    }

    @Test
    void theConnectionIsReplacedBeforeTheVenuesCutWithoutAnyRequestLostOrTheSessionGoingDown()
    {
        // answers come 300 ms late: a request sent just before the rotation is answered on its old connection
        server = new LocalWsServer((ch, text) -> ch.eventLoop().schedule(
            () -> ch.writeAndFlush(new TextWebSocketFrame("{\"id\":\"" + WsApiSession.responseId(text) + "\",\"status\":200}")),
            300, TimeUnit.MILLISECONDS));
        session(Duration.ofSeconds(4), FAST.withRotation(Duration.ofMillis(600), Duration.ofMillis(100))).connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int sent = 0;
        while (session.rotations() < 2 && System.nanoTime() < deadline)
        {
            assertTrue(send("r" + sent++), "a request is always taken: the session never goes down for a rotation");
            LocalWsServer.await(() -> false, Duration.ofMillis(50));
        }
        assertTrue(session.rotations() >= 2, "rotations: " + session.rotations());
        final int total = sent;
        assertTrue(LocalWsServer.await(() -> responses.size() == total, WAIT), responses.size() + " of " + total + " answered");
        assertTrue(noAnswers.isEmpty(), noAnswers.toString());
        assertEquals(List.of("up"), events, "never down");
        assertTrue(LocalWsServer.await(() -> server.openCount() == 1, WAIT), "the replaced connections closed: " + server.openCount());
    }

    @Test
    void responsesAreMatchedByIdOutOfOrder()
    {
        final List<String> ids = new CopyOnWriteArrayList<>();
        server = new LocalWsServer((ch, text) ->
        {
            ids.add(WsApiSession.responseId(text));
            if (ids.size() == 3)
            {
                for (int i = 2; i >= 0; i--)
                {
                    ch.writeAndFlush(new TextWebSocketFrame("{\"status\":200,\"result\":{\"orderId\":" + i + "},\"id\":\"" + ids.get(i)
                        + "\",\"rateLimits\":[]}"));
                }
            }
        });
        session(Duration.ofSeconds(2)).connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        assertEquals(List.of("up"), events);
        assertTrue(send("a"));
        assertTrue(send("b"));
        assertTrue(send("c"));
        assertThrows(IllegalArgumentException.class, () -> send("a"));
        assertTrue(LocalWsServer.await(() -> responses.size() == 3, WAIT));
        assertTrue(responses.get("a").contains("\"orderId\":0"));
        assertTrue(responses.get("b").contains("\"orderId\":1"));
        assertTrue(responses.get("c").contains("\"orderId\":2"));
        assertTrue(noAnswers.isEmpty());
        assertEquals(0, session.pendingCount());
        assertTrue(callbackThreads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())));
    }

    @Test
    void aRequestWhoseAnswerNeverComesTimesOutAsUnknownOutcome()
    {
        server = new LocalWsServer((ch, text) -> { });
        session(Duration.ofMillis(300)).connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        final long t0 = System.nanoTime();
        assertTrue(send("lost-1"));
        assertTrue(LocalWsServer.await(() -> noAnswers.containsKey("lost-1"), WAIT));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250));
        final VenueError error = noAnswers.get("lost-1");
        assertEquals(VenueAction.UNKNOWN_OUTCOME, error.action());
        assertTrue(error.message().contains("no response"), error.message());
        assertNull(responses.get("lost-1"));

        // the answer that comes after the timeout matches nothing and is counted, not delivered
        server.broadcast("{\"id\":\"lost-1\",\"status\":200,\"result\":{}}");
        assertTrue(LocalWsServer.await(() -> session.unmatched() == 1, WAIT));
        assertNull(responses.get("lost-1"));
        assertTrue(session.isUp());
    }

    @Test
    void aDropFailsPendingRequestsAsUnknownAndTheSessionReconnects()
    {
        server = new LocalWsServer((ch, text) -> { });
        session(Duration.ofSeconds(4)).connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        assertTrue(send("p1"));
        assertTrue(send("p2"));
        assertTrue(LocalWsServer.await(() -> server.received().size() == 2, WAIT));
        server.dropAll();
        assertTrue(LocalWsServer.await(() -> noAnswers.size() == 2, WAIT));
        for (final VenueError error : noAnswers.values())
        {
            assertEquals(VenueAction.UNKNOWN_OUTCOME, error.action());
            assertTrue(error.message().contains("connection lost"), error.message());
        }
        assertEquals(0, session.pendingCount());
        assertTrue(LocalWsServer.await(() -> events.size() >= 3 && session.isUp(), WAIT), events.toString());
        assertEquals("up", events.get(0));
        assertTrue(events.get(1).startsWith("down: "), events.toString());
        assertEquals("up", events.get(2));
        // the client may hear its handshake answered before the server's handler has noted the request
        assertTrue(LocalWsServer.await(() -> server.uris().size() == 2, WAIT), server.uris().toString());
        assertEquals("/ws-fapi/v1", server.uris().get(1));

        server.onText((ch, text) -> ch.writeAndFlush(new TextWebSocketFrame("{\"id\":\"" + WsApiSession.responseId(text) + "\",\"status\":200}")));
        assertTrue(send("after"));
        assertTrue(LocalWsServer.await(() -> responses.containsKey("after"), WAIT));
    }

    @Test
    void aSendWhileDownFailsAtOnce()
    {
        server = new LocalWsServer((ch, text) -> { });
        session(Duration.ofSeconds(1));
        assertFalse(session.isUp());
        assertFalse(send("early"));
        session.connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        server.close();
        server = null;
        assertTrue(LocalWsServer.await(() -> !session.isUp(), WAIT));
        assertFalse(send("while-down"));
        assertTrue(responses.isEmpty());
        assertTrue(noAnswers.isEmpty(), "a refused send calls nothing back");
        assertEquals(0, session.pendingCount());
    }

    @Test
    void theSessionPingsAndASilentServerIsTakenForDead()
    {
        server = new LocalWsServer((ch, text) -> { });
        session = new WsApiSession(URI.create(server.url() + "/ws-fapi/v1"), group,
            FAST.withKeepAlive(Duration.ofMillis(150), Duration.ofMillis(600)), Duration.ofSeconds(1), new WsApiSession.StateListener()
            {
                @Override
                public void onUp()
                {
                    events.add("up");
                }

                @Override
                public void onDown(final String reason)
                {
                    events.add("down: " + reason);
                }
            });
        session.connect();
        assertTrue(LocalWsServer.await(session::isUp, WAIT));
        // the server sends nothing of its own: the session's pings and their pongs keep it alive past the idle timeout
        LocalWsServer.await(() -> false, Duration.ofMillis(1000));
        assertTrue(server.pings() >= 3, "pings " + server.pings());
        assertEquals(List.of("up"), events);
        server.deaf(true);
        assertTrue(LocalWsServer.await(() -> events.size() >= 2, WAIT), events.toString());
        assertTrue(events.get(1).contains("idle"), events.toString());
        server.deaf(false);
        assertTrue(LocalWsServer.await(() -> events.size() >= 3 && session.isUp(), WAIT), events.toString());
    }

    @Test
    void responseIdIsReadFromStringOrNumberAtTheTopLevel()
    {
        assertEquals("x1", WsApiSession.responseId("{\"result\":{\"id\":\"inner\"},\"id\":\"x1\"}"));
        assertEquals("42", WsApiSession.responseId("{\"id\":42,\"status\":200}"));
        assertNull(WsApiSession.responseId("{\"status\":200}"));
        assertNull(WsApiSession.responseId("not json"));
    }
}
