package dev.exitengine.gateway.binance;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.GatewayResponses;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One account's user data stream, read into the engine's inputs (BINANCE.md §2):
 * <ul>
 * <li>{@code ORDER_TRADE_UPDATE} with {@code x == TRADE}: a fill, once per (symbol, trade id). Of the
 *     engine's own close (its client order id) it is that order's fill; of any other order — the
 *     application's entries, a close from the web, a liquidation, ADL, the venue-side stop — an entry or
 *     outside fill that opens, adds to or reduces the position. The fee is the real commission {@code n}
 *     (the taker rate × notional when the venue leaves it out or charges another asset).</li>
 * <li>the end of an engine close that filled nothing ({@code EXPIRED}, {@code CANCELED}): the engine is
 *     told it expired, and retries.</li>
 * <li>{@code listenKeyExpired}: the stream is rotated. After every rotation and reconnect the closes still
 *     out are looked up and the positions read again over REST, in that order (fills first, so the
 *     snapshot that follows them matches what the engine then holds).</li>
 * </ul>
 * Fills of the engine's closes go through {@link GatewayResponses}; everything else through the
 * {@link VenueInbox}, which the ingress thread drains. Runs on the stream's thread, except the re-read,
 * which runs on the account's venue thread.
 */
public final class AccountStream implements UserStreamListener, UserDataStream.Listener
{
    private final String account;
    private final List<String> symbols;
    private final Map<String, String> profileBySymbol;
    private final String defaultProfile;
    private final VenueInbox inbox;
    private final AccountOrders orders;
    private final AccountBootstrap reads;
    private final ScheduledExecutorService venue;
    private final LongSupplier wallClock;
    private final UserStreamDecoder decoder = new UserStreamDecoder();
    private final SeenTrades seen = new SeenTrades(10_000);
    private GatewayResponses responses;
    private Map<String, AccountReads.CommissionRate> fees = Map.of();
    private PositionMode mode = PositionMode.ONE_WAY;
    private volatile UserDataStream stream;
    private volatile boolean connected;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong outsideFills = new AtomicLong();
    private final AtomicLong ownFills = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private volatile String lastError;
    private volatile boolean resuming;
    private final java.util.concurrent.atomic.AtomicBoolean rereadPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong accountRereads = new java.util.concurrent.atomic.AtomicLong();

    public AccountStream(final String account, final List<String> symbols, final Map<String, String> profileBySymbol,
        final String defaultProfile, final VenueInbox inbox, final AccountOrders orders, final AccountBootstrap reads,
        final ScheduledExecutorService venue, final LongSupplier wallClock)
    {
        this.account = account;
        this.symbols = symbols;
        this.profileBySymbol = profileBySymbol;
        this.defaultProfile = defaultProfile;
        this.inbox = inbox;
        this.orders = orders;
        this.reads = reads;
        this.venue = venue;
        this.wallClock = wallClock;
    }

    /** Before the stream opens: where own fills go, the fee rates for fills without a commission, the position mode. */
    public void ready(final GatewayResponses responses, final Map<String, AccountReads.CommissionRate> fees, final PositionMode mode,
        final UserDataStream stream)
    {
        this.responses = responses;
        this.fees = fees;
        this.mode = mode;
        this.stream = stream;
    }

    @Override
    public void onFrame(final String text)
    {
        decoder.decode(text, this);
    }

    /**
     * A resumed run: once the stream is first up, its closes in flight are looked up and the positions read
     * ({@link #recover}), as after a rotation, so that a fill of a close sent again is heard on the stream.
     */
    public void resuming()
    {
        resuming = true;
    }

    @Override
    public void onConnected(final boolean afterRotation)
    {
        connected = true;
        if (afterRotation)
        {
            rotations.incrementAndGet();
        }
        if (afterRotation || resuming)
        {
            resuming = false;
            venue.execute(this::recover);
        }
    }

    @Override
    public void onDisconnected(final String reason)
    {
        connected = false;
        lastError = reason;
    }

    public boolean connected()
    {
        return connected;
    }

    @Override
    public void onMalformed(final String reason)
    {
        malformed.incrementAndGet();
        lastError = "malformed user-stream frame: " + reason;
    }

    /**
     * A position changed for a reason other than an order of the account's (ADL, a liquidation, the insurance
     * fund, a margin transfer …): the positions are read again, whole, and handed to the engine as a snapshot
     * (the event lists only the positions that changed, which is not a snapshot). One re-read at a time; an
     * ORDER update is left alone, its fills come as ORDER_TRADE_UPDATE.
     */
    @Override
    public void onAccountUpdate(final AccountUpdate update)
    {
        if ("ORDER".equals(update.reason()))
        {
            return;
        }
        boolean ours = false;
        for (int i = 0; i < update.positionCount() && !ours; i++)
        {
            ours = symbols.contains(update.position(i).symbol());
        }
        if (ours && rereadPending.compareAndSet(false, true))
        {
            accountRereads.incrementAndGet();
            venue.execute(this::rereadAfterUpdate);
        }
    }

    /** Any thread: the positions read again on the venue thread and handed to the engine as a snapshot. */
    public void rereadPositions(final boolean assignProfiles)
    {
        venue.execute(() -> reread(assignProfiles));
    }

    private void rereadAfterUpdate()
    {
        rereadPending.set(false);
        reread(false);
    }

    private void reread(final boolean assignProfiles)
    {
        try
        {
            publishSnapshot(reads.positions(symbols), assignProfiles);
        }
        catch (final RuntimeException ex)
        {
            lastError = "positions re-read: " + ex.getMessage();
            if (assignProfiles)
            {
                final Runnable again = () -> reread(true);
                venue.schedule(again, 2, java.util.concurrent.TimeUnit.SECONDS);
            }
            else if (rereadPending.compareAndSet(false, true))
            {
                venue.schedule(this::rereadAfterUpdate, 2, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** Positions re-read because an account update changed one for a reason other than an order. */
    public long accountRereads()
    {
        return accountRereads.get();
    }

    @Override
    public void onListenKeyExpired(final long eventTime, final String listenKey)
    {
        final UserDataStream s = stream;
        if (s != null)
        {
            s.rotate("listenKeyExpired");
        }
    }

    @Override
    public void onOrderUpdate(final OrderUpdate u)
    {
        if (!symbols.contains(u.symbol()))
        {
            return;
        }
        final long coid = engineOrderId(u.clientOrderId());
        if (u.isTrade())
        {
            if (u.lastQty() <= 0 || !seen.firstTime(u.symbol(), u.tradeId()))
            {
                return;
            }
            final long fee = fee(u);
            final long ts = u.tradeTime() > 0 ? u.tradeTime() : u.eventTime();
            if (coid >= 0)
            {
                ownFills.incrementAndGet();
                final AccountOrders.Ticket t = orders.ticket(coid);
                if (t != null)
                {
                    t.filledQty += u.lastQty();
                }
                responses.fill(ts, coid, u.lastQty(), u.lastPrice(), fee);
            }
            else
            {
                outsideFills.incrementAndGet();
                outsideFill(ts, u.symbol(), Side.valueOf(u.side()), positionSide(u.positionSide()), u.lastQty(), u.lastPrice(), fee,
                    "binance-" + u.orderId() + "-" + u.tradeId());
            }
        }
        if (coid >= 0)
        {
            switch (u.status())
            {
                case "FILLED":
                    orders.finished(coid);
                    break;
                case "CANCELED":
                case "EXPIRED":
                case "EXPIRED_IN_MATCH":
                    orders.finished(coid);
                    // what it filled came before this on the stream; the engine retries what is left
                    responses.expired(u.eventTime(), coid);
                    break;
                default:
                    break;
            }
        }
    }

    /** The engine's client order id, or -1 for any other order's. */
    static long engineOrderId(final String clientOrderId)
    {
        if (clientOrderId == null || !clientOrderId.startsWith("xe-"))
        {
            return -1;
        }
        try
        {
            return ClientOrderIds.parse(clientOrderId);
        }
        catch (final IllegalArgumentException ex)
        {
            return -1;
        }
    }

    private PositionSide positionSide(final String ps)
    {
        if (mode == PositionMode.ONE_WAY || ps == null)
        {
            return PositionSide.BOTH;
        }
        return PositionSide.valueOf(ps);
    }

    /** The fill's real commission when charged in USDT, else the symbol's taker rate × notional. */
    private long fee(final OrderUpdate u)
    {
        if (u.commission() != Fixed.NONE && (u.commissionAsset() == null || "USDT".equals(u.commissionAsset())))
        {
            return Math.abs(u.commission());
        }
        final AccountReads.CommissionRate rate = fees.get(u.symbol());
        if (rate == null)
        {
            return Fixed.NONE;
        }
        final long notional = Fixed.mulDiv(u.lastQty(), u.lastPrice(), Fixed.ONE, RoundingMode.HALF_UP);
        return Fixed.mulDiv(notional, rate.taker(), Fixed.ONE, RoundingMode.HALF_UP);
    }

    private void outsideFill(final long ts, final String symbol, final Side side, final PositionSide positionSide, final long qty,
        final long price, final long fee, final String orderId)
    {
        final String profile = profileBySymbol.getOrDefault(symbol, defaultProfile);
        inbox.offer(sink -> sink.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile));
    }

    /**
     * Venue thread, after a rotation or reconnect (or the first connect of a resumed run): closes still out are looked up (a fill the stream lost
     * is passed on from the order's executed quantity at its average price), then the positions are read
     * and handed to the engine as the account's snapshot.
     */
    void recover()
    {
        try
        {
            for (final AccountOrders.Ticket t : orders.openTickets())
            {
                if (t.restarted)
                {
                    orders.lookUpRestarted(t);
                    continue;
                }
                final RestAnswer a = orders.query(t);
                if (a.noAnswer() || a.status() != 200)
                {
                    continue;
                }
                orders.catchUp(t, AccountReads.order(a.body()));
            }
            publishSnapshot(reads.positions(symbols), false);
        }
        catch (final RuntimeException ex)
        {
            lastError = "re-read after rotation: " + ex.getMessage();
            venue.schedule(this::recover, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * The account's positions as the venue has them, as one snapshot input. At start ({@code assignProfiles})
     * each then gets its symbol's profile from {@code profileBySymbol}; a re-read does not, as setting a
     * profile again would re-arm a position's rules (its trailing peak, its time rules) from scratch.
     */
    public void publishSnapshot(final List<AccountReads.PositionRisk> positions, final boolean assignProfiles)
    {
        final List<SnapshotPosition> snap = new ArrayList<>();
        for (final AccountReads.PositionRisk p : positions)
        {
            final PositionSide side = mode == PositionMode.ONE_WAY ? PositionSide.BOTH : PositionSide.valueOf(p.positionSide());
            snap.add(new SnapshotPosition(p.symbol(), side, side == PositionSide.BOTH ? p.amount() : Math.abs(p.amount()), p.entryPrice()));
        }
        final long ts = wallClock.getAsLong();
        final Consumer<InputSink> input = sink ->
        {
            sink.positionSnapshot(ts, account, snap);
            for (final SnapshotPosition p : assignProfiles ? snap : List.<SnapshotPosition>of())
            {
                final String profile = profileBySymbol.get(p.symbol);
                if (profile != null)
                {
                    sink.command(ts, dev.exitengine.core.ingest.Command.setProfile(account, p.symbol, p.positionSide, profile));
                }
            }
        };
        inbox.offer(input);
    }

    public long malformed()
    {
        return malformed.get();
    }

    public long duplicates()
    {
        return seen.duplicates();
    }

    public long outsideFills()
    {
        return outsideFills.get();
    }

    public long ownFills()
    {
        return ownFills.get();
    }

    public long rotations()
    {
        return rotations.get();
    }

    public String lastError()
    {
        return lastError;
    }
}
