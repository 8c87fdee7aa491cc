package dev.exitengine.feed.live;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.exitengine.feed.live.RecordedEvents.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receiving thread allocates nothing per frame: read, frame, decode, ring, all in steady state. */
@Timeout(20)
class ReceiveAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    /** Counts what is drained without allocating. */
    private static final class Counting implements MarketEventSink
    {
        volatile long events;
        long priceSum;

        @Override
        public void quote(final int symbolId, final long ts, final long bid, final long ask)
        {
            priceSum += bid;
            events++;
        }

        @Override
        public void trade(final int symbolId, final long ts, final long price, final long qty)
        {
            priceSum += price;
            events++;
        }

        @Override
        public void mark(final int symbolId, final long ts, final long price)
        {
            priceSum += price;
            events++;
        }
    }

    @Test
    void zeroBytesPerFrameOnTheReceivingThread() throws Exception
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final List<String> frames = LocalBinanceVenue.captureFrames(WARM_UP);
        assertEquals(WARM_UP, frames.size());
        final AtomicReference<Channel> serverSide = new AtomicReference<>();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final MarketEventRing ring = new MarketEventRing(1 << 20);
        final SymbolTable symbols = new SymbolTable();
        symbols.register("BTCUSDT", 0);
        final Counting counting = new Counting();
        try (LocalBinanceVenue venue = LocalBinanceVenue.start((i, uri, ch) -> serverSide.set(ch));
             MarketStreamClient client = new MarketStreamClient(URI.create(venue.wsUrl() + "/public/stream?streams=btcusdt@bookTicker"),
                 new MarketFrameDecoder(symbols, false, ring.writer()), group, MarketStreamClientTest.FAST))
        {
            final long loopThread = group.submit(() -> Thread.currentThread().getId()).get();
            client.start();
            await(5000, "the connection", () -> serverSide.get() != null && client.status().connected());
            long expected = 0;
            for (int round = 0; round < 3; round++)
            {
                expected += send(serverSide.get(), frames, client, ring, counting, expected);
            }
            final long before = threads.getThreadAllocatedBytes(loopThread);
            final long sent = send(serverSide.get(), frames.subList(0, MEASURED), client, ring, counting, expected);
            final long allocated = threads.getThreadAllocatedBytes(loopThread) - before;
            System.out.printf("receive thread: %d bytes over %d frames, %.4f bytes/frame%n", allocated, sent, allocated / (double)sent);
            assertTrue(allocated / (double)sent < 1.0, allocated + " bytes allocated over " + sent + " frames");
            assertEquals(0, client.status().malformed());
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Sends {@code frames}, drains until every event (one a frame) is through; returns the frames sent. */
    private static long send(final Channel server, final List<String> frames, final MarketStreamClient client, final MarketEventRing ring,
        final Counting counting, final long before) throws InterruptedException
    {
        final long framesBefore = client.status().frames();
        LocalBinanceVenue.sendAll(server, frames);
        final long target = before + frames.size();
        await(10_000, "events drained", () ->
        {
            ring.drain(counting, 1000);
            return counting.events >= target && client.status().frames() == framesBefore + frames.size();
        });
        return frames.size();
    }
}
