package dev.exitengine.tools.live;

import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.Ingress;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.feed.JsonLinesFeed;
import dev.exitengine.feed.live.BinanceMarketStreams;
import dev.exitengine.feed.live.MarketEventSink;
import dev.exitengine.feed.live.StreamSettings;
import dev.exitengine.feed.live.SymbolTable;
import dev.exitengine.gateway.binance.BinanceAccount;
import dev.exitengine.gateway.binance.VenueInbox;
import dev.exitengine.tools.ConfigFile;

import dev.exitengine.core.api.Counter;
import dev.exitengine.feed.live.MarketStreamClient;
import dev.exitengine.feed.live.StreamStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What runs around the engine in the live process, and who may touch what: the venue's market streams
 * (their own event-loop thread, decoding into a ring), the admin endpoint (its own threads, reading only
 * what the engine publishes), the intake of admin lines and the stale-symbol watch. The ingress thread
 * calls the {@code drain…} and {@link #timer} methods; nothing here touches engine state.
 */
final class LiveServices implements AutoCloseable
{
    private final ConfigFile config;
    private final Path journalDir;
    private final EngineCounters counters;
    private final LineIntake intake = new LineIntake(1024, 10_000);
    private final AtomicLong adminLines = new AtomicLong();
    private final PositionsView positions = new PositionsView();
    private AdminServer admin;
    private BinanceMarketStreams streams;
    private StaleSymbols stale;
    private MarketPublisher publisher;
    private long marketEvents;
    /** When the wall-clock timer is next due; MIN_VALUE before the first duty-cycle pass. */
    private long nextTimerMs = Long.MIN_VALUE;
    private boolean intakeStopped;
    private List<BinanceAccount> accounts = List.of();
    private VenueInbox inbox;

    LiveServices(final ConfigFile config, final Path journalDir, final EngineCounters counters)
    {
        this.config = config;
        this.journalDir = journalDir;
        this.counters = counters;
    }

    /** Listeners the engine must call on its output thread (the admin endpoint's view of open positions). */
    List<DecisionListener> listeners()
    {
        return List.of(positions);
    }

    /**
     * Where the market events the streams decoded go, by the ids {@link #symbolId} gives: the engine's
     * ingress in a single process, the cluster's ingress in a member ({@link ClusteredLiveProcess}).
     */
    public interface MarketTarget extends MarketEventSink
    {
        int symbolId(String symbol);
    }

    /** The single process's target: the engine's own ingress, by its symbol ids. */
    static MarketTarget ingressTarget(final Ingress ingress)
    {
        return new MarketTarget()
        {
            @Override
            public int symbolId(final String symbol)
            {
                return ingress.symbolId(symbol);
            }

            @Override
            public void quote(final int symbolId, final long ts, final long bid, final long ask)
            {
                ingress.publishQuote(symbolId, ts, bid, ask);
            }

            @Override
            public void trade(final int symbolId, final long ts, final long price, final long qty)
            {
                ingress.publishTrade(symbolId, ts, price, qty);
            }

            @Override
            public void mark(final int symbolId, final long ts, final long price)
            {
                ingress.publishMark(symbolId, ts, price);
            }
        };
    }

    /**
     * Opens the streams and the admin endpoint once the engine runs: market events go to {@code target}
     * (symbol ids come from it); the engine is read for the admin endpoint's figures only.
     */
    void start(final ExitEngine engine, final MarketTarget target, final PrintStream errors, final List<BinanceAccount> venueAccounts,
        final VenueInbox venueInbox) throws IOException
    {
        accounts = venueAccounts;
        inbox = venueInbox;
        journalFailure = engine::journalFailure;
        final VenueSection venue = config.venue;
        final SymbolTable table = new SymbolTable();
        final int[] indexById = new int[venue.symbols.size() == 0 ? 1 : 1 + maxId(target, venue.symbols)];
        for (int i = 0; i < venue.symbols.size(); i++)
        {
            final int id = target.symbolId(venue.symbols.get(i));
            table.register(venue.symbols.get(i), id);
            indexById[id] = i;
        }
        stale = new StaleSymbols(venue.symbols, venue.staleAfterMs, counters, System.currentTimeMillis());
        publisher = new MarketPublisher(target, stale, indexById);
        streams = new BinanceMarketStreams(venue.wsUrl, venue.symbols, venue.streams, table, StreamSettings.DEFAULTS,
            BinanceMarketStreams.DEFAULT_RING_BYTES);
        streams.start();
        startAdmin(engine);
    }

    private void startAdmin(final ExitEngine engine) throws IOException
    {
        final AdminToken token = AdminToken.create(journalDir);
        final EngineMetrics metrics = new EngineMetrics(counters, () -> counters.get(Counter.RING_REMAINING),
            () -> counters.get(Counter.EVENTS) - counters.get(Counter.INPUTS_JOURNALED), this::health,
            () -> engine.tickToDecision().copy(), () -> engine.tickToOrder().copy());
        final AdminSection a = config.admin;
        admin = new AdminServer(new InetSocketAddress(InetAddress.getByName(a.host), a.port), this::health, metrics, positions,
            line -> intake.submit(line, adminLines.incrementAndGet()), token);
    }

    /** What /health shows: the engine's counters, each stream's connection and the age of its last message, stale symbols. */
    private java.util.function.Supplier<String> journalFailure;

    HealthSnapshot health()
    {
        final HealthSnapshot.Builder b = HealthSnapshot.builder().counters(counters);
        final long now = System.currentTimeMillis();
        if (streams != null)
        {
            for (final MarketStreamClient c : streams.clients())
            {
                final StreamStatus st = c.status();
                final long last = st.lastMessageMillis();
                b.stream(c.uri().getRawPath() + "?" + c.uri().getRawQuery(), st.connected(), last <= 0 ? -1 : now - last);
            }
        }
        if (stale != null)
        {
            stale.stale().forEach(b::staleSymbol);
        }
        for (final BinanceAccount a : accounts)
        {
            b.stream("account " + a.name() + " WebSocket API", a.wsApiUp(), -1);
            b.stream("account " + a.name() + " user data stream", a.stream() != null && a.stream().connected(), -1);
            if (a.safetyStops() != null && a.safetyStops().counts().lastError != null)
            {
                b.fault(a.safetyStops().counts().lastError);
            }
            if (a.stream() != null && a.stream().lastError() != null)
            {
                b.fault("account " + a.name() + ": " + a.stream().lastError());
            }
        }
        if (inbox != null && inbox.refused() > 0)
        {
            b.fault(inbox.refused() + " venue input(s) refused: the inbox was full");
        }
        final String journal = journalFailure == null ? null : journalFailure.get();
        if (journal != null)
        {
            // positions are still protected, but nothing is journaled: a crash now could not be resumed
            b.fault("journal not writing: " + journal);
        }
        return b.build();
    }

    private static int maxId(final MarketTarget target, final List<String> symbols)
    {
        int max = 0;
        for (final String s : symbols)
        {
            max = Math.max(max, target.symbolId(s));
        }
        return max;
    }

    /** Where the admin endpoint listens, {@code 127.0.0.1:PORT}. */
    String adminAddress()
    {
        return admin == null ? "(not started)" : "127.0.0.1:" + admin.port();
    }

    /** The admin endpoint's port (0 before it started). */
    int adminPort()
    {
        return admin == null ? 0 : admin.port();
    }

    /** Ingress thread: publishes up to {@code limit} market events the streams decoded, seen at wall-clock {@code nowMs}. */
    int drainMarket(final long nowMs, final int limit)
    {
        if (streams == null)
        {
            return 0;
        }
        publisher.nowMs = nowMs;
        final int n = streams.drain(publisher, limit);
        marketEvents += n;
        return n;
    }

    /** Ingress thread: publishes up to {@code limit} inputs the accounts' threads have for the engine (fills, snapshots). */
    int drainVenue(final InputSink inputs, final int limit)
    {
        return inbox == null ? 0 : inbox.drain(inputs, limit);
    }

    /** Ingress thread: drops up to {@code limit} inputs the accounts' threads have (a cluster follower's). */
    int discardVenue(final int limit)
    {
        return inbox == null ? 0 : inbox.discard(limit);
    }

    /** Ingress thread: applies up to {@code limit} lines posted to the admin endpoint. */
    int drainAdmin(final JsonLinesFeed parser, final InputSink inputs, final int limit)
    {
        return intake.drain(parser, inputs, limit);
    }

    /**
     * Ingress thread, every duty-cycle pass: once {@code venue.timerMs} passed since the last time, hands the
     * venue's clock ({@link #venueTime}, once known) to {@code timer} and flags the stale symbols. Returns 1
     * when it was due (work done), else 0.
     */
    int timer(final long nowMs, final LongConsumer timer)
    {
        if (nextTimerMs == Long.MIN_VALUE)
        {
            nextTimerMs = nowMs + config.venue.timerMs;
        }
        if (nowMs < nextTimerMs)
        {
            return 0;
        }
        final long venueTime = venueTime(nowMs);
        if (venueTime != Long.MIN_VALUE)
        {
            timer.accept(venueTime);
        }
        if (stale != null)
        {
            stale.check(nowMs);
        }
        nextTimerMs = nowMs + config.venue.timerMs;
        return 1;
    }

    long marketEvents()
    {
        return marketEvents;
    }

    /**
     * The venue's clock now: the wall clock moved by how far the latest market event's own time was from
     * the wall clock when it was published (0 before the first), never behind that event. Timer inputs carry
     * it, so a local clock that runs ahead of the exchange's cannot make the market's events look late.
     * {@code Long.MIN_VALUE} until the first market event: the venue's clock is not known yet.
     */
    long venueTime(final long nowMs)
    {
        return publisher == null ? Long.MIN_VALUE : publisher.venueTime(nowMs);
    }

    /** Stops taking in: no new market frames, admin lines refused; what was taken is still drained. */
    void stopIntake()
    {
        intake.close();
        if (streams != null && !intakeStopped)
        {
            intakeStopped = true;
            streams.close();
        }
    }

    @Override
    public void close()
    {
        stopIntake();
        if (admin != null)
        {
            admin.close();
        }
    }

    /** Market events from the streams' ring to the target, by id, noting each symbol's latest event for staleness. */
    private static final class MarketPublisher implements MarketEventSink
    {
        private final MarketTarget target;
        private final StaleSymbols stale;
        private final int[] indexById;
        private long nowMs;
        private long latestTs = Long.MIN_VALUE;
        private long offsetMs;

        MarketPublisher(final MarketTarget target, final StaleSymbols stale, final int[] indexById)
        {
            this.target = target;
            this.stale = stale;
            this.indexById = indexById;
        }

        @Override
        public void quote(final int symbolId, final long ts, final long bid, final long ask)
        {
            target.quote(symbolId, ts, bid, ask);
            seen(symbolId, ts);
        }

        @Override
        public void trade(final int symbolId, final long ts, final long price, final long qty)
        {
            target.trade(symbolId, ts, price, qty);
            seen(symbolId, ts);
        }

        @Override
        public void mark(final int symbolId, final long ts, final long price)
        {
            target.mark(symbolId, ts, price);
            seen(symbolId, ts);
        }

        /** The duty cycle reads the clock once per pass, not once per event: a TTL of seconds needs no finer time. */
        private void seen(final int symbolId, final long ts)
        {
            if (ts > latestTs)
            {
                latestTs = ts;
                offsetMs = ts - nowMs;
            }
            stale.seen(indexById[symbolId], nowMs);
        }

        long venueTime(final long wallMs)
        {
            return latestTs == Long.MIN_VALUE ? Long.MIN_VALUE : Math.max(latestTs, wallMs + offsetMs);
        }
    }
}
