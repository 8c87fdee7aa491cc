package dev.exitengine.gateway.binance;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * One account's close orders, from the engine's hand-over to the venue's last word on them (BINANCE.md
 * §3, §5). A close goes as a reduce-only MARKET order over the WebSocket API, or over REST while that is
 * down — never both, and never again before the venue has said what became of it:
 * <ul>
 * <li>{@code -1006}, {@code -1007}, HTTP 503, a timeout or a connection lost with the order out: the
 *     outcome is unknown. The order is looked up by {@code origClientOrderId} (again, with back-off, until
 *     the venue answers): found, it is followed (its fills come on the user stream); not found, it never
 *     reached the book and the engine is told it was refused, so it retries as a new attempt.</li>
 * <li>{@code -1021}: the server-time offset is measured again and the same order sent again (refused, it
 *     was never placed), at most {@link #CLOCK_RETRIES} times.</li>
 * <li>HTTP 429 or 418: nothing goes out until {@code Retry-After} has passed (1 s, doubling, when not
 *     given); then the waiting closes go first, all of them reduce-only.</li>
 * <li>{@code -2022}: position and open orders are read again: a position gone is reported to the engine
 *     as a snapshot (it drops it); one still there is a refusal the engine retries.</li>
 * <li>{@code -4131}: the same close again as an IOC LIMIT at the edge of the symbol's price band.</li>
 * <li>anything else is a refusal with the venue's code and message; the engine's circuit breaker decides.</li>
 * </ul>
 * Orders are also kept under the account's order-count limits by the counts the venue reports
 * ({@link OrderBudget}): a close that would cross one waits for its window to roll over.
 * All of it runs on the account's venue thread ({@code venue}); answers reach the engine through
 * {@link GatewayResponses} (journaled there as inputs). Fills are not taken from order answers but from
 * the user stream ({@link AccountStream}), which carries the real commission.
 */
public final class AccountOrders
{
    /** How many times a close refused for its timestamp is sent again after a clock resync. */
    static final int CLOCK_RETRIES = 3;
    /** The first wait before looking an order of unknown outcome up, doubling to {@link #MAX_LOOKUP_DELAY_MS}. */
    static final long FIRST_LOOKUP_DELAY_MS = 500;
    static final long MAX_LOOKUP_DELAY_MS = 10_000;

    /** A close the engine handed over, copied (the engine reuses its order object), and what the venue said of it. */
    static final class Ticket
    {
        final CloseOrder order = new CloseOrder();
        final String clientOrderId;
        long limitPrice = Fixed.NONE;
        int clockRetries;
        int lookups;
        boolean acked;
        boolean unknown;
        /** A resumed run's close in flight, not yet looked up ({@link #recover}). */
        boolean restarted;
        /** How much the user stream has reported filled. */
        long filledQty;

        Ticket(final CloseOrder o)
        {
            order.clientOrderId = o.clientOrderId;
            order.seq = o.seq;
            order.ts = o.ts;
            order.accountId = o.accountId;
            order.account = o.account;
            order.symbolId = o.symbolId;
            order.symbol = o.symbol;
            order.side = o.side;
            order.positionSide = o.positionSide;
            order.qty = o.qty;
            order.reason = o.reason;
            order.tickSize = o.tickSize;
            order.stepSize = o.stepSize;
            order.takerFee = o.takerFee;
            clientOrderId = ClientOrderIds.toString(o.clientOrderId);
        }
    }

    private final String account;
    private final BinanceRest rest;
    private final WsApiSession wsApi;
    private final ScheduledExecutorService venue;
    private final LongSupplier wallClock;
    private final IntToLongFunction markPrice;
    private final PositionCheck positionCheck;
    private final Map<Long, Ticket> open = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private GatewayResponses responses;
    private CloseOrderRequests requests;
    private PriceBands bands = PriceBands.none();
    private long holdUntilMs;
    private long holdMs;
    private final Counts counts = new Counts();
    private final OrderBudget budget = new OrderBudget();

    /** What happened to the account's closes, for /health and the summary. */
    public static final class Counts
    {
        public final AtomicLong sentWebSocket = new AtomicLong();
        public final AtomicLong sentRest = new AtomicLong();
        public final AtomicLong unknownOutcomes = new AtomicLong();
        public final AtomicLong lookups = new AtomicLong();
        public final AtomicLong clockResyncs = new AtomicLong();
        public final AtomicLong backOffs = new AtomicLong();
        public final AtomicLong bandFallbacks = new AtomicLong();
        public final AtomicLong rejected = new AtomicLong();
    }

    /** Re-reads a symbol's position after a {@code -2022}: true when the position the close was for is gone (and reported). */
    public interface PositionCheck
    {
        boolean positionGone(CloseOrder order);
    }

    public AccountOrders(final String account, final BinanceRest rest, final WsApiSession wsApi, final ScheduledExecutorService venue,
        final LongSupplier wallClock, final IntToLongFunction markPrice, final PositionCheck positionCheck)
    {
        this.account = account;
        this.rest = rest;
        this.wsApi = wsApi;
        this.venue = venue;
        this.wallClock = wallClock;
        this.markPrice = markPrice;
        this.positionCheck = positionCheck;
    }

    /** Before the first close: where answers go, how closes are written for this account, its price bands. */
    public void ready(final GatewayResponses responses, final CloseOrderRequests requests, final PriceBands bands)
    {
        this.responses = responses;
        this.requests = requests;
        this.bands = bands;
    }

    public Counts counts()
    {
        return counts;
    }

    /** The close with this client order id, if it is still out (user stream thread and venue thread). */
    Ticket ticket(final long clientOrderId)
    {
        return open.get(clientOrderId);
    }

    /** Closes still out: the re-read after a user-stream rotation looks each one up. */
    Iterable<Ticket> openTickets()
    {
        return open.values();
    }

    /**
     * A close refused because its position is gone at the venue ({@code -2022}, confirmed by a re-read): it
     * ends as expired, before the positions that drop the position are handed over. Venue thread.
     */
    void goneAtVenue(final CloseOrder order)
    {
        open.remove(order.clientOrderId);
        responses.expired(wallClock.getAsLong(), order.clientOrderId);
    }

    /** The venue is done with this close (filled, expired, cancelled): forget it. */
    void finished(final long clientOrderId)
    {
        open.remove(clientOrderId);
    }

    /** Engine's close-order thread: copies the close and hands it to the venue thread. */
    public void send(final CloseOrder order)
    {
        final Ticket t = new Ticket(order);
        open.put(order.clientOrderId, t);
        venue.execute(() -> place(t));
    }

    /** Venue thread: sends the close now, or when a back-off ends. */
    void place(final Ticket t)
    {
        final long now = wallClock.getAsLong();
        final long wait = Math.max(holdUntilMs - now, budget.waitMs(now));
        if (wait > 0)
        {
            venue.schedule(() -> place(t), wait, TimeUnit.MILLISECONDS);
            return;
        }
        budget.spend();
        final String json;
        try
        {
            if (wsApi != null && wsApi.isUp())
            {
                final String id = account + "-" + requestIds.incrementAndGet();
                json = t.limitPrice == Fixed.NONE ? requests.webSocketRequest(t.order, id) : requests.webSocketLimitRequest(t.order, id, t.limitPrice);
                if (wsApi.send(id, json, answer -> venue.execute(() -> onWebSocketAnswer(t, answer)),
                    noAnswer -> venue.execute(() -> onError(t, noAnswer))))
                {
                    counts.sentWebSocket.incrementAndGet();
                    return;
                }
                // the session went down between the look and the send: nothing was sent, REST takes it
            }
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(t, "not sent: " + ex.getMessage());
            return;
        }
        placeOverRest(t);
    }

    private void placeOverRest(final Ticket t)
    {
        final Map<String, String> params;
        try
        {
            params = new LinkedHashMap<>(requests.params(t.order, 0, t.limitPrice));
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(t, "not sent: " + ex.getMessage());
            return;
        }
        // BinanceRest stamps and signs signed requests itself
        params.remove("timestamp");
        params.remove("recvWindow");
        counts.sentRest.incrementAndGet();
        final RestAnswer a = rest.post(CloseOrderRequests.PATH, params, BinanceRest.Security.SIGNED);
        budget.fromHeaders(a.orderCount10s(), a.orderCount1m(), wallClock.getAsLong());
        if (a.ok())
        {
            onPlaced(t);
        }
        else
        {
            onError(t, a.error());
        }
    }

    /** Venue thread: the WebSocket API's answer to an {@code order.place}. */
    void onWebSocketAnswer(final Ticket t, final String answer)
    {
        final WsApiResponse r;
        try
        {
            r = WsApiResponse.parse(answer);
        }
        catch (final IllegalArgumentException ex)
        {
            // an answer that cannot be read says nothing of the order: its outcome is unknown
            onError(t, VenueErrors.timeout("order.place " + t.clientOrderId + ": unreadable answer (" + ex.getMessage() + ")"));
            return;
        }
        budget.fromRateLimits(r.rateLimits(), wallClock.getAsLong());
        if (r.ok())
        {
            onPlaced(t);
        }
        else
        {
            onError(t, VenueErrors.ofWebSocket(answer));
        }
    }

    private void onPlaced(final Ticket t)
    {
        holdMs = 0;
        if (!t.acked)
        {
            t.acked = true;
            responses.ack(wallClock.getAsLong(), t.order.clientOrderId);
        }
    }

    private void onError(final Ticket t, final VenueError error)
    {
        switch (error.action())
        {
            case UNKNOWN_OUTCOME:
                counts.unknownOutcomes.incrementAndGet();
                t.unknown = true;
                scheduleLookup(t);
                break;
            case RESYNC_CLOCK_AND_RETRY:
                counts.clockResyncs.incrementAndGet();
                if (t.clockRetries++ < CLOCK_RETRIES)
                {
                    rest.syncClock();
                    place(t);
                }
                else
                {
                    refuse(t, error + " (after " + CLOCK_RETRIES + " clock resyncs)");
                }
                break;
            case BACK_OFF:
                counts.backOffs.incrementAndGet();
                holdMs = error.retryAfterSeconds() > 0 ? error.retryAfterSeconds() * 1_000 : Math.min(60_000, Math.max(1_000, holdMs * 2));
                holdUntilMs = wallClock.getAsLong() + holdMs;
                place(t);
                break;
            case REREAD_POSITION:
                if (!positionCheck.positionGone(t.order))
                {
                    refuse(t, error.toString());
                }
                break;
            case IOC_LIMIT_AT_BAND:
            {
                final long mark = markPrice.applyAsLong(t.order.symbolId);
                if (t.limitPrice != Fixed.NONE || mark <= 0)
                {
                    refuse(t, error + (mark <= 0 ? " (no mark price for an IOC LIMIT at the band's edge)" : ""));
                    break;
                }
                counts.bandFallbacks.incrementAndGet();
                t.limitPrice = bands.edge(t.order.symbol, t.order.side, mark);
                place(t);
                break;
            }
            default:
                refuse(t, error.toString());
                break;
        }
    }

    private void refuse(final Ticket t, final String reason)
    {
        counts.rejected.incrementAndGet();
        open.remove(t.order.clientOrderId);
        responses.reject(wallClock.getAsLong(), t.order.clientOrderId, reason);
    }

    private void scheduleLookup(final Ticket t)
    {
        final long delay = Math.min(MAX_LOOKUP_DELAY_MS, FIRST_LOOKUP_DELAY_MS << Math.min(t.lookups, 10));
        venue.schedule(() -> lookUp(t), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * A resumed run's close that the journal shows sent, without an outcome ({@link
     * dev.exitengine.core.order.OrderGateway#recover}): kept, to be looked up by its client id once the
     * account's user stream is up ({@link #lookUpRestarted}), before anything else is done with it.
     */
    public void recover(final CloseOrder order)
    {
        final Ticket t = new Ticket(order);
        t.filledQty = order.filledQty;
        t.unknown = true;
        t.restarted = true;
        open.put(order.clientOrderId, t);
    }

    /**
     * A close handed to {@link #recover} while the account is already open (a cluster member that has just
     * become leader): looked up on the venue thread now, not at the next connect of the user stream; a
     * look-up the connect already made is not made again.
     */
    public void lookUpNow(final long clientOrderId)
    {
        venue.execute(() ->
        {
            final Ticket t = open.get(clientOrderId);
            if (t != null && t.restarted && t.lookups == 0)
            {
                lookUpRestarted(t);
            }
        });
    }

    /**
     * Venue thread, the user stream up: what the venue has of a resumed run's close. Fills not yet heard
     * are handed over, its end too; a close the venue never got is sent now, under the same id; one still
     * working is left to the stream. Tried again later when the venue does not answer.
     */
    void lookUpRestarted(final Ticket t)
    {
        t.lookups++;
        counts.lookups.incrementAndGet();
        final RestAnswer a = query(t);
        if (a.noAnswer() || a.status() >= 500 || a.status() == 429 || a.status() == 418)
        {
            venue.schedule(() -> lookUpRestarted(t), Math.min(MAX_LOOKUP_DELAY_MS, FIRST_LOOKUP_DELAY_MS << Math.min(t.lookups, 10)),
                TimeUnit.MILLISECONDS);
            return;
        }
        if (!a.ok())
        {
            final VenueError e = a.error();
            if (e.code() == -2013 || e.code() == -2011)
            {
                // it never reached the venue: the decision stands, so it goes out now
                t.restarted = false;
                t.unknown = false;
                place(t);
            }
            else
            {
                if (e.action() == VenueAction.RESYNC_CLOCK_AND_RETRY)
                {
                    rest.syncClock();
                }
                venue.schedule(() -> lookUpRestarted(t), FIRST_LOOKUP_DELAY_MS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        t.restarted = false;
        t.unknown = false;
        catchUp(t, AccountReads.order(a.body()));
    }

    /**
     * What the venue says of a close now ({@code GET /fapi/v1/order}), against what the engine heard: fills
     * it missed (at the order's average price, the taker rate), and its end. Venue thread.
     */
    void catchUp(final Ticket t, final AccountReads.OrderAnswer o)
    {
        onPlaced(t);
        final long missed = o.executedQty() - t.filledQty;
        if (missed > 0)
        {
            t.filledQty += missed;
            final long notional = Fixed.mulDiv(missed, o.avgPrice(), Fixed.ONE, java.math.RoundingMode.HALF_UP);
            final long fee = Fixed.mulDiv(notional, t.order.takerFee, Fixed.ONE, java.math.RoundingMode.HALF_UP);
            responses.fill(o.updateTime(), t.order.clientOrderId, missed, o.avgPrice(), fee);
        }
        if ("FILLED".equals(o.status()))
        {
            finished(t.order.clientOrderId);
        }
        else if ("CANCELED".equals(o.status()) || "EXPIRED".equals(o.status()) || "EXPIRED_IN_MATCH".equals(o.status())
            || "REJECTED".equals(o.status()))
        {
            finished(t.order.clientOrderId);
            responses.expired(o.updateTime(), t.order.clientOrderId);
        }
    }

    /** {@code GET /fapi/v1/order} of the close by its client id: what the venue has of it now. */
    RestAnswer query(final Ticket t)
    {
        return rest.get(CloseOrderRequests.PATH, Map.of("symbol", t.order.symbol, "origClientOrderId", t.clientOrderId),
            BinanceRest.Security.SIGNED);
    }

    /** Venue thread: what became of a close whose outcome was unknown; looked up until the venue says. */
    void lookUp(final Ticket t)
    {
        if (!open.containsKey(t.order.clientOrderId))
        {
            return;
        }
        t.lookups++;
        counts.lookups.incrementAndGet();
        final RestAnswer a = query(t);
        if (a.noAnswer() || a.status() >= 500 || a.status() == 429 || a.status() == 418)
        {
            scheduleLookup(t);
            return;
        }
        if (!a.ok())
        {
            final VenueError e = a.error();
            if (e.code() == -2013 || e.code() == -2011)
            {
                // never reached the book: refused, the engine retries as a new attempt
                refuse(t, "not placed (looked up after an unknown outcome): " + e);
            }
            else if (e.action() == VenueAction.RESYNC_CLOCK_AND_RETRY)
            {
                rest.syncClock();
                scheduleLookup(t);
            }
            else
            {
                scheduleLookup(t);
            }
            return;
        }
        final AccountReads.OrderAnswer o = AccountReads.order(a.body());
        t.unknown = false;
        onPlaced(t);
        switch (o.status())
        {
            case "CANCELED":
            case "EXPIRED":
            case "EXPIRED_IN_MATCH":
            case "REJECTED":
                if (o.executedQty() == 0)
                {
                    open.remove(t.order.clientOrderId);
                    responses.expired(wallClock.getAsLong(), t.order.clientOrderId);
                }
                // else: its fills and its end come on the user stream (or the rotation's re-read)
                break;
            default:
                // NEW, PARTIALLY_FILLED, FILLED: the user stream brings the fills
                break;
        }
    }
}
