package dev.exitengine.gateway.binance;

import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.feed.live.StreamSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

/**
 * One Binance USDⓈ-M account the engine protects: its REST client, WebSocket API session and user data
 * stream, and the one venue thread ({@code venue-NAME}) that places its closes, follows up on them and
 * re-reads the account after a rotation. Life: {@link #bootstrap} reads the account (before the engine is
 * built: the fee rates go into its instruments), {@link #bind} hands it the engine's answer path,
 * {@link #open} adopts the positions and opens the connections, {@link #close} stops it all.
 */
public final class BinanceAccount implements AutoCloseable
{
    /** Where and who: URLs (local ones for tests), the credentials, the watched symbols and their profiles. */
    public record Settings(String name, ApiCredentials credentials, String restUrl, String wsUrl, String wsApiUrl, long recvWindowMs,
        List<String> symbols, Map<String, String> profileBySymbol, String defaultProfile, Duration requestTimeout, SafetyStop safetyStop,
        Map<String, Long> tickSizes)
    {
    }

    /** The venue-side safety stop: {@code distancePct} beyond the engine's stop, moved at most every {@code minMoveMs}; null: none. */
    public record SafetyStop(long distancePct, long minMoveMs)
    {
    }

    /** listenKey keep-alive: every 30 minutes, as NautilusTrader and hummingbot do (the key lives 60). */
    static final Duration USER_STREAM_KEEP_ALIVE = Duration.ofMinutes(30);

    private final Settings settings;
    private final ServerClock clock = new ServerClock();
    private final ScheduledExecutorService venue;
    /** The account's own network thread: its WebSocket API session and user data stream, apart from every other account's. */
    private final EventLoopGroup loop;
    private final BinanceRest rest;
    private final WsApiSession wsApi;
    private final AccountBootstrap reads;
    private final VenueInbox inbox;
    private AccountOrders orders;
    private AccountStream stream;
    private UserDataStream userStream;
    private AccountBootstrap.AccountState state;
    private SafetyStops safetyStops;
    private ScheduledExecutorService safetyThread;
    /** Whether {@link #open} ran: a close to recover is then looked up at once, not at the stream's next connect. */
    private volatile boolean opened;

    public BinanceAccount(final Settings settings, final VenueInbox inbox)
    {
        this.settings = settings;
        this.inbox = inbox;
        venue = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "venue-" + settings.name());
            t.setDaemon(true);
            return t;
        });
        rest = new BinanceRest(settings.restUrl(), settings.credentials(), clock, settings.requestTimeout(), settings.recvWindowMs());
        loop = new MultiThreadIoEventLoopGroup(1, r ->
        {
            final Thread t = new Thread(r, "venue-io-" + settings.name());
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        wsApi = new WsApiSession(java.net.URI.create(settings.wsApiUrl()), loop, StreamSettings.DEFAULTS, settings.requestTimeout(), null);
        reads = new AccountBootstrap(settings.name(), rest);
    }

    public String name()
    {
        return settings.name();
    }

    /** Reads the account over REST (clock, mode, bands, fees, positions, open orders); throws naming what failed. */
    public AccountBootstrap.AccountState bootstrap()
    {
        state = reads.read(settings.symbols());
        if (settings.safetyStop() != null)
        {
            // a thread of its own: placing or moving a safety stop never holds up a close on the venue thread
            safetyThread = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "safety-" + settings.name());
                t.setDaemon(true);
                return t;
            });
            safetyStops = new SafetyStops(settings.name(), rest, safetyThread, System::currentTimeMillis, settings.safetyStop().distancePct(),
                settings.safetyStop().minMoveMs(), settings.tickSizes(), state.mode());
        }
        return state;
    }

    public AccountBootstrap.AccountState state()
    {
        return state;
    }

    /** The engine's answer path and the gateway's mark prices; before {@link #open}. */
    void bind(final GatewayResponses responses, final IntToLongFunction markPrice)
    {
        orders = new AccountOrders(settings.name(), rest, wsApi, venue, clock::now, markPrice, this::positionGone);
        orders.ready(responses, new CloseOrderRequests(new RequestSigner(settings.credentials()), clock, state.mode(), settings.recvWindowMs()),
            state.bands());
        stream = new AccountStream(settings.name(), settings.symbols(), settings.profileBySymbol(), settings.defaultProfile(), inbox, orders,
            reads, venue, clock::now);
        // its own scheduler thread: a slow listenKey call never holds up a close on the venue thread
        userStream = new UserDataStream(rest, settings.wsUrl(), loop, StreamSettings.DEFAULTS, USER_STREAM_KEEP_ALIVE, stream);
        stream.ready(responses, state.fees(), state.mode(), userStream);
    }

    /** The account's venue-side safety stops, or null when the configuration asks for none. */
    public SafetyStops safetyStops()
    {
        return safetyStops;
    }

    /** Adopts the positions read at bootstrap (a snapshot, each with its symbol's profile), then opens the connections. */
    public void open()
    {
        open(false);
    }

    /**
     * As {@link #open()}; for a resumed run ({@code resumed}) the positions go in only once the user stream
     * is up and the closes in flight were looked up ({@link AccountStream#resuming}), read then, and without
     * a profile each: the engine knows them from its journal, and setting a profile again would re-arm their
     * rules from scratch.
     */
    public void open(final boolean resumed)
    {
        if (resumed)
        {
            stream.resuming();
        }
        else
        {
            stream.publishSnapshot(state.positions(), true);
        }
        wsApi.connect();
        userStream.start();
        opened = true;
    }

    /**
     * What becomes of the safety stops an earlier process left on the venue: a resumed run takes them back
     * (its positions keep their numbers), a fresh one cancels them. Before the engine starts.
     */
    public void takeOverSafetyStops(final boolean resumed)
    {
        if (safetyStops != null)
        {
            if (resumed)
            {
                safetyStops.adopt(state.openAlgoOrders());
            }
            else
            {
                safetyStops.cancelLeftOver(state.openAlgoOrders());
            }
        }
    }

    void send(final CloseOrder order)
    {
        orders.send(order);
    }

    /** A resumed run's close in flight: looked up at the venue ({@link AccountOrders#recover}). */
    void recover(final CloseOrder order)
    {
        orders.recover(order);
        if (opened)
        {
            orders.lookUpNow(order.clientOrderId);
        }
    }

    /**
     * Reads the account's positions again and hands them to the engine as one snapshot, on the venue thread
     * (a cluster member that has just become leader: what its followers' streams heard was not forwarded).
     * {@code assignProfiles}: each position then gets its symbol's profile, as at a first start.
     */
    public void rereadPositions(final boolean assignProfiles)
    {
        stream.rereadPositions(assignProfiles);
    }

    /** After a {@code -2022}: reads the account's positions again; a position gone is handed to the engine as a snapshot. */
    private boolean positionGone(final CloseOrder order)
    {
        final List<AccountReads.PositionRisk> now = reads.positions(settings.symbols());
        boolean found = false;
        for (final AccountReads.PositionRisk p : now)
        {
            if (p.symbol().equals(order.symbol) && (state.mode() == PositionMode.ONE_WAY || p.positionSide().equals(order.positionSide.name())))
            {
                found = true;
            }
        }
        if (!found)
        {
            // the close ends first (the engine keeps a position whose close is out), then the snapshot drops the position
            orders.goneAtVenue(order);
            stream.publishSnapshot(now, false);
        }
        return !found;
    }

    public AccountOrders.Counts orderCounts()
    {
        return orders == null ? new AccountOrders.Counts() : orders.counts();
    }

    public AccountStream stream()
    {
        return stream;
    }

    public boolean wsApiUp()
    {
        return wsApi.isUp();
    }

    @Override
    public void close()
    {
        // the connections first: what they still report (a request failed by the close) finds the venue thread running
        if (userStream != null)
        {
            userStream.close();
        }
        wsApi.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2_000);
        venue.shutdown();
        if (safetyThread != null)
        {
            safetyThread.shutdown();
        }
        try
        {
            venue.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
