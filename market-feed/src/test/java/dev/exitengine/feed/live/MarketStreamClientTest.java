package dev.exitengine.feed.live;

import dev.exitengine.core.num.Fixed;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.exitengine.feed.live.RecordedEvents.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class MarketStreamClientTest
{
    static final StreamSettings FAST = StreamSettings.DEFAULTS
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.2)
        .withLimiter(new ConnectLimiter(TimeUnit.MILLISECONDS.toNanos(5)));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final RecordedEvents events = new RecordedEvents();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception
    {
        for (final AutoCloseable c : closing)
        {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static String aggTrade(final int seq)
    {
        return "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + (seq + 1) + ",\"a\":" + seq + ",\"s\":\"BTCUSDT\"," +
            "\"p\":\"61800." + (seq % 10) + "\",\"q\":\"0.00" + (1 + seq % 9) + "\",\"T\":" + seq + ",\"m\":true}}";
    }

    static List<String> aggTrades(final int from, final int to)
    {
        final List<String> frames = new ArrayList<>();
        for (int seq = from; seq < to; seq++)
        {
            frames.add(aggTrade(seq));
        }
        return frames;
    }

    private static List<String> expectedTrades(final int from, final int to)
    {
        final List<String> expected = new ArrayList<>();
        for (int seq = from; seq < to; seq++)
        {
            expected.add("trade 7 " + seq + " " + Fixed.toString(Fixed.parse("61800." + seq % 10)) + " 0.00" + (1 + seq % 9));
        }
        return expected;
    }

    private final StreamSequences sequences = new StreamSequences();

    private MarketStreamClient client(final LocalBinanceVenue venue, final StreamSettings settings)
    {
        final SymbolTable symbols = new SymbolTable();
        symbols.register("BTCUSDT", 7);
        final MarketStreamClient client = new MarketStreamClient(URI.create(venue.wsUrl() + "/market/stream?streams=btcusdt@aggTrade"),
            new MarketFrameDecoder(symbols, false, events, sequences), group, settings);
        closing.add(0, client);
        client.start();
        return client;
    }

    /** Trades 0 to 49 on the first connection, which is then dropped; trades {@code resumeAt} to 99 on the second. */
    private static LocalBinanceVenue.Plan dropsAfterFiftyThenResumesAt(final int resumeAt)
    {
        return (i, uri, ch) ->
        {
            if (i == 0)
            {
                LocalBinanceVenue.sendAll(ch, aggTrades(0, 50));
                ch.close();
            }
            else if (i == 1)
            {
                LocalBinanceVenue.sendAll(ch, aggTrades(resumeAt, 100));
            }
        };
    }

    private LocalBinanceVenue venue(final LocalBinanceVenue.Plan plan)
    {
        final LocalBinanceVenue venue = LocalBinanceVenue.start(plan);
        closing.add(venue);
        return venue;
    }

    @Test
    void everyFrameArrivesInOrderAsATradeOfTheRegisteredId() throws Exception
    {
        final LocalBinanceVenue venue = venue((i, uri, ch) ->
        {
            ch.writeAndFlush(new PingWebSocketFrame(LocalBinanceVenue.text("are you there")));
            LocalBinanceVenue.sendAll(ch, aggTrades(0, 500));
        });
        final MarketStreamClient client = client(venue, FAST);
        await(5000, "500 trades", () -> events.size() == 500);
        assertEquals(expectedTrades(0, 500), events.events());
        assertEquals(List.of("/market/stream?streams=btcusdt@aggTrade"), venue.uris());
        await(2000, "the pong", () -> venue.pongs().size() == 1);
        assertEquals("are you there", venue.pongs().get(0));
        assertTrue(client.status().connected());
        assertEquals(500, client.status().frames());
        assertTrue(client.status().lastMessageMillis() > 0);
    }

    @Test
    void aDroppedConnectionReconnectsAndLaterFramesArriveOnce() throws Exception
    {
        final LocalBinanceVenue venue = venue(dropsAfterFiftyThenResumesAt(50));
        final MarketStreamClient client = client(venue, FAST);
        await(5000, "100 trades", () -> events.size() == 100);
        Thread.sleep(50);
        assertEquals(expectedTrades(0, 100), events.events());
        assertEquals(1, client.status().reconnects());
        assertEquals(2, venue.uris().size());
    }

    @Test
    void aServerThatRepeatsItsLastTwentyFramesAfterAReconnectDeliversEachOnce() throws Exception
    {
        final LocalBinanceVenue venue = venue(dropsAfterFiftyThenResumesAt(30));
        final MarketStreamClient client = client(venue, FAST);
        await(5000, "120 frames", () -> client.status().frames() == 120);
        assertEquals(expectedTrades(0, 100), events.events());
        assertEquals(20, sequences.duplicates());
    }

    @Test
    void aServerThatGoesQuietAndIgnoresPingsIsReplaced() throws Exception
    {
        final LocalBinanceVenue venue = venue((i, uri, ch) -> LocalBinanceVenue.sendAll(ch, aggTrades(i * 10, i * 10 + 10)));
        venue.deaf(true);
        final MarketStreamClient client = client(venue, FAST.withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(300)));
        await(5000, "the second connection's trades", () -> events.size() >= 20);
        assertEquals(expectedTrades(0, 20), events.events().subList(0, 20));
        assertTrue(client.status().idleTimeouts() >= 1);
        assertTrue(client.status().reconnects() >= 1);
    }

    @Test
    void malformedFramesAreCountedAndSkippedAndLaterFramesArrive() throws Exception
    {
        final LocalBinanceVenue venue = venue((i, uri, ch) -> LocalBinanceVenue.sendAll(ch, List.of(
            aggTrade(0),
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",",
            aggTrade(1),
            "{\"e\":\"aggTrade\",\"T\":5,\"s\":\"BTCUSDT\",\"p\":\"0\",\"q\":\"1\"}",
            "{\"e\":\"aggTrade\",\"T\":5,\"s\":\"DOGEUSDT\",\"p\":\"1\",\"q\":\"1\"}",
            "{\"result\":null,\"id\":1}",
            aggTrade(2))));
        final MarketStreamClient client = client(venue, FAST);
        await(5000, "3 trades", () -> events.size() == 3);
        await(1000, "7 frames", () -> client.status().frames() == 7);
        assertEquals(expectedTrades(0, 3), events.events());
        assertEquals(2, client.status().malformed());
        assertTrue(client.status().connected());
    }

    @Test
    void aMessageInContinuationFramesWithAPingBetweenIsReassembledIntoOne() throws Exception
    {
        final StringBuilder array = new StringBuilder("{\"stream\":\"btcusdt@aggTrade\",\"data\":[");
        for (int seq = 0; seq < 300; seq++)
        {
            final String frame = aggTrade(seq);
            array.append(seq == 0 ? "" : ",").append(frame, frame.indexOf("\"data\":") + 7, frame.length() - 1);
        }
        final String message = array.append("]}").toString();
        assertTrue(message.length() > 1 << 14, "longer than the reader's first buffer");
        final int third = message.length() / 3;
        final LocalBinanceVenue venue = venue((i, uri, ch) ->
        {
            ch.write(new TextWebSocketFrame(false, 0, LocalBinanceVenue.text(message.substring(0, third))));
            ch.write(new ContinuationWebSocketFrame(false, 0, LocalBinanceVenue.text(message.substring(third, 2 * third))));
            ch.write(new PingWebSocketFrame(LocalBinanceVenue.text("between")));
            ch.write(new ContinuationWebSocketFrame(true, 0, LocalBinanceVenue.text(message.substring(2 * third))));
            LocalBinanceVenue.sendAll(ch, aggTrades(300, 301));
        });
        final MarketStreamClient client = client(venue, FAST);
        await(5000, "301 trades", () -> events.size() == 301);
        assertEquals(expectedTrades(0, 301), events.events());
        assertEquals(2, client.status().frames(), "one message of three frames, then one of one");
        await(2000, "the pong between the fragments", () -> venue.pongs().size() == 1);
        assertEquals("between", venue.pongs().get(0));
        assertEquals(0, client.status().reconnects());
    }

    @Test
    void aMessageOverTheMaximumResetsTheConnectionAndTheNextConnectionsFramesArrive() throws Exception
    {
        final String big = "{\"stream\":\"btcusdt@aggTrade\",\"data\":[" + String.join(",", java.util.Collections.nCopies(20, "{}")) +
            "]}" + " ".repeat(1024);
        final LocalBinanceVenue venue = venue((i, uri, ch) ->
        {
            if (i == 0)
            {
                LocalBinanceVenue.sendAll(ch, List.of(aggTrade(0), big, aggTrade(1)));
            }
            else
            {
                LocalBinanceVenue.sendAll(ch, aggTrades(2, 4));
            }
        });
        final MarketStreamClient client = client(venue, FAST.withMaxMessageBytes(1024));
        await(5000, "the trades before the big message and after the reconnect", () -> events.size() == 3);
        assertEquals(List.of(expectedTrades(0, 1).get(0), expectedTrades(2, 3).get(0), expectedTrades(3, 4).get(0)), events.events(),
            "the frame after the big one, on the reset connection, is lost");
        assertEquals("message longer than 1024 bytes", client.lastError());
        assertEquals(1, client.status().reconnects());
        assertEquals(3, client.status().frames());
        assertEquals(2, venue.connections());
    }

    /** A 1 kHz broadcast through two rotations; returns the sequences received, in order, once the last one sent is in. */
    private List<Integer> broadcastThroughTwoRotations() throws InterruptedException
    {
        final AtomicInteger seq = new AtomicInteger();
        final LocalBinanceVenue venue = venue((i, uri, ch) -> { });
        final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        closing.add(ticker::shutdownNow);
        ticker.scheduleAtFixedRate(() ->
        {
            if (venue.openConnections() > 0)
            {
                venue.broadcast(aggTrade(seq.getAndIncrement()));
            }
        }, 1, 1, TimeUnit.MILLISECONDS);
        final MarketStreamClient client = client(venue, FAST.withRotation(Duration.ofMillis(250), Duration.ofMillis(50)));
        await(8000, "two rotations", () -> client.status().rotations() >= 2);
        final int last = seq.get();
        await(3000, "the frames sent so far", () -> receivedInOrder().contains(last - 1));
        assertEquals(0, client.status().reconnects());
        assertTrue(venue.uris().size() >= 3);
        assertTrue(sequences.duplicates() > 0, "the overlaps repeated frames, and they were dropped");
        return receivedInOrder();
    }

    /**
     * A frame the venue sent only to the old connection (just before the new one was subscribed) can be read
     * after the new connection's first, newer frame when both sockets are ready in the same event-loop turn:
     * a trade is then delivered late, out of order, and counted; every other frame arrives in order.
     */
    @Test
    void rotationDeliversNoFrameTwiceAndOnlyLateOnesOutOfOrder() throws Exception
    {
        final List<Integer> received = broadcastThroughTwoRotations();
        assertEquals(received.size(), new java.util.HashSet<>(received).size(), "no frame twice: " + received);
        int highest = Integer.MIN_VALUE;
        int late = 0;
        for (final int seq : received)
        {
            if (seq < highest)
            {
                late++;
            }
            highest = Math.max(highest, seq);
        }
        assertEquals(sequences.lateDelivered(), late, "every frame below the highest before it was counted as late");
        assertEquals(0, sequences.tooOld());
    }

    /** Every frame broadcast from the first one received on is delivered: late ones too, none twice. */
    @Test
    void rotationLosesNoFrame() throws Exception
    {
        final List<Integer> received = broadcastThroughTwoRotations();
        final List<Integer> sorted = new ArrayList<>(received);
        java.util.Collections.sort(sorted);
        final int first = sorted.get(0);
        assertEquals(first, received.get(0), "the first frame is not a late one");
        for (int i = 0; i < sorted.size(); i++)
        {
            assertEquals(first + i, sorted.get(i), "frame " + i + " after the first: none missing, none twice");
        }
    }

    private List<Integer> receivedInOrder()
    {
        final List<Integer> seqs = new ArrayList<>();
        for (final String e : events.events())
        {
            seqs.add(Integer.parseInt(e.split(" ")[2]));
        }
        return seqs;
    }
}
