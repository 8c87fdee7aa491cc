package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A feed read ahead on a thread of its own makes the very calls, in the very order, that it makes read in place. */
class ReadAheadFeedTest
{
    private static final String[] LINES = {
        "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}",
        "{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
        "{\"type\":\"quote\",\"ts\":1723161256401,\"symbol\":\"BTCUSDT\",\"bid\":\"50010.4\",\"ask\":\"50010.5\"}",
        "{\"type\":\"trade\",\"ts\":1723161256400,\"symbol\":\"BTCUSDT\",\"price\":\"50010.5\",\"qty\":\"0.002\"}",
        "{\"type\":\"mark\",\"ts\":1723161256402,\"symbol\":\"BTCUSDT\",\"price\":\"50009.9\"}",
        "{\"type\":\"fill\",\"ts\":1723161256322,\"account\":\"a1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":\"0.01\",\"price\":\"50000\","
            + "\"fee\":\"0.2\",\"orderId\":\"e1\",\"profile\":\"usd10\"}",
        "{\"type\":\"command\",\"ts\":1723161256500,\"command\":\"FORCED_UNWIND\",\"account\":\"a1\",\"on\":true}",
        "{\"type\":\"timer\",\"ts\":1723161257000}",
        "{\"type\":\"ack\",\"ts\":100,\"clientOrderId\":\"x-1\"}",
        "{\"type\":\"reject\",\"ts\":101,\"clientOrderId\":\"x-1\",\"reason\":\"ReduceOnly Order is rejected\"}",
        "{\"type\":\"orderFill\",\"ts\":102,\"clientOrderId\":\"x-1\",\"qty\":\"0.004\",\"price\":\"51041.0\",\"fee\":\"0.0816656\"}",
        "{\"type\":\"expired\",\"ts\":104,\"clientOrderId\":\"x-2\"}",
        "{\"type\":\"snapshot\",\"ts\":5,\"account\":\"a1\",\"positions\":[{\"symbol\":\"BTCUSDT\",\"qty\":\"1\",\"entryPrice\":\"50000\"}]}",
        "{\"type\":\"bogus\",\"ts\":6}",
        "",
        "{\"ts\":7,\"type\":\"trade\",\"symbol\":\"ETHUSDT\",\"price\":2500.5, \"qty\":\"1\"}",
    };

    private static String text(final int copies)
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < copies; i++)
        {
            for (final String line : LINES)
            {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void theCallsAreTheFeedsOwnInTheirOrderAcrossManyTurnsOfTheRing() throws IOException
    {
        final String text = text(2_000); // 32,000 lines: many turns of a 4,096-call ring
        final Calls direct = new Calls();
        final long directCount = new JsonLinesFeed(FeedInput.text("f.jsonl", text), FeedOptions.continueOnError()).run(direct);
        final Calls ahead = new Calls();
        final long aheadCount = new ReadAheadFeed(new JsonLinesFeed(FeedInput.text("f.jsonl", text), FeedOptions.continueOnError())).run(ahead);
        assertEquals(directCount, aheadCount);
        assertEquals(direct.calls.size(), ahead.calls.size());
        assertEquals(direct.calls, ahead.calls);
        assertTrue(direct.calls.stream().anyMatch(c -> c.startsWith("rejected ")), "bad lines are in the test");
        assertTrue(direct.calls.stream().anyMatch(c -> c.startsWith("snapshot ")), "snapshots are in the test");
    }

    @Test
    void theFeedsFailureArrivesAfterEveryCallBeforeIt()
    {
        final String text = text(300);
        final Calls direct = new Calls();
        final FeedException expected = assertThrows(FeedException.class,
            () -> new JsonLinesFeed(FeedInput.text("f.jsonl", text), FeedOptions.stopOnError()).run(direct));
        final Calls ahead = new Calls();
        final FeedException thrown = assertThrows(FeedException.class,
            () -> new ReadAheadFeed(new JsonLinesFeed(FeedInput.text("f.jsonl", text), FeedOptions.stopOnError())).run(ahead));
        assertEquals(expected.getMessage(), thrown.getMessage());
        assertEquals(direct.calls, ahead.calls);
    }

    @Test
    void theSinksRefusalStopsTheReaderAndLeavesRunAsItIs() throws InterruptedException
    {
        final IllegalStateException refusal = new IllegalStateException("stop here");
        final Calls ahead = new Calls()
        {
            @Override
            protected void add(final String call)
            {
                super.add(call);
                if (calls.size() == 5_000)
                {
                    throw refusal;
                }
            }
        };
        final ReadAheadFeed feed = new ReadAheadFeed(new JsonLinesFeed(FeedInput.text("f.jsonl", text(10_000)), FeedOptions.continueOnError()));
        assertSame(refusal, assertThrows(IllegalStateException.class, () -> feed.run(ahead)));
        assertEquals(5_000, ahead.calls.size());
        // the reader's thread is gone once run returns
        final List<Thread> readers = new ArrayList<>();
        Thread.getAllStackTraces().keySet().forEach(t -> { if (t.getName().equals("feed-reader") && t.isAlive()) readers.add(t); });
        assertTrue(readers.isEmpty(), "reader threads still alive: " + readers);
    }

    /** Every call as text, in one list: a {@link RecordingSink}'s, with the line positions and rejects. */
    private static class Calls implements InputSink
    {
        final List<String> calls = new ArrayList<>();
        private final RecordingSink inner = new RecordingSink();

        protected void add(final String call)
        {
            calls.add(call);
        }

        private void last()
        {
            add(inner.events.get(inner.events.size() - 1));
        }

        @Override
        public void position(final String source, final long line)
        {
            add("position " + source + ":" + line);
        }

        @Override
        public void rejected(final String where, final String what)
        {
            add("rejected " + where + " " + what);
        }

        @Override
        public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
            final long takerFee)
        {
            inner.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
            last();
        }

        @Override
        public void profile(final dev.exitengine.core.rules.ExitProfile profile)
        {
            inner.profile(profile);
            last();
        }

        @Override
        public void trade(final long ts, final String symbol, final long price, final long qty)
        {
            inner.trade(ts, symbol, price, qty);
            last();
        }

        @Override
        public void quote(final long ts, final String symbol, final long bid, final long ask)
        {
            inner.quote(ts, symbol, bid, ask);
            last();
        }

        @Override
        public void mark(final long ts, final String symbol, final long price)
        {
            inner.mark(ts, symbol, price);
            last();
        }

        @Override
        public void fill(final long ts, final String account, final String symbol, final dev.exitengine.core.event.Side side,
            final dev.exitengine.core.event.PositionSide positionSide, final long qty, final long price, final long fee, final String orderId,
            final String profile)
        {
            inner.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
            last();
        }

        @Override
        public void command(final long ts, final dev.exitengine.core.ingest.Command command)
        {
            inner.command(ts, command);
            last();
        }

        @Override
        public void timer(final long ts)
        {
            inner.timer(ts);
            last();
        }

        @Override
        public void orderAck(final long ts, final String clientOrderId)
        {
            inner.orderAck(ts, clientOrderId);
            last();
        }

        @Override
        public void orderReject(final long ts, final String clientOrderId, final String reason)
        {
            inner.orderReject(ts, clientOrderId, reason);
            last();
        }

        @Override
        public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
        {
            inner.orderFill(ts, clientOrderId, qty, price, fee);
            last();
        }

        @Override
        public void orderExpired(final long ts, final String clientOrderId)
        {
            inner.orderExpired(ts, clientOrderId);
            last();
        }

        @Override
        public void positionSnapshot(final long ts, final String account, final List<dev.exitengine.core.ingest.SnapshotPosition> positions)
        {
            inner.positionSnapshot(ts, account, positions);
            last();
        }
    }
}
