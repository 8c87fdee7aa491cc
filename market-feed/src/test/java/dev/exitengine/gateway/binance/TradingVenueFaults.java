package dev.exitengine.gateway.binance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The faults a {@link LocalTradingVenue} injects. Order faults are armed for the next order request (REST
 * {@code POST /fapi/v1/order} or WebSocket {@code order.place}) that passed its API key, timestamp and
 * signature checks, in the order armed: {@code faults.nextOrder().executed().answer(-1006)} answers the next
 * order with {@code -1006} after executing it. The other methods act at once (drop connections, expire a
 * listenKey) or set limits that hold until changed.
 */
public final class TradingVenueFaults
{
    enum Kind
    {
        ANSWER, RETRY_AFTER, SWALLOW, DROP_CONNECTION, FILL_BEFORE_ANSWER, DUPLICATE_FILL
    }

    /** One armed order fault. */
    record Armed(boolean marketOnly, Kind kind, boolean executed, int httpStatus, int code, String msg, int retryAfterSeconds)
    {
    }

    /** The delay of the answer after the fill was pushed, for {@link OrderFault#fillBeforeAnswer()}. */
    public static final long FILL_BEFORE_ANSWER_DELAY_MS = 100;

    private final LocalTradingVenue venue;
    private final Object lock;
    private final Deque<Armed> armed = new ArrayDeque<>();
    private int orderLimit10s = Integer.MAX_VALUE;
    private int orderLimit1m = Integer.MAX_VALUE;
    private int weightLimit1m = Integer.MAX_VALUE;

    TradingVenueFaults(final LocalTradingVenue venue, final Object lock)
    {
        this.venue = venue;
        this.lock = lock;
    }

    /** A fault for the next order request of any type. */
    public OrderFault nextOrder()
    {
        return new OrderFault(false);
    }

    /** A fault for the next MARKET order request; LIMIT orders pass it by (a {@code -4131} then an IOC LIMIT that fills). */
    public OrderFault nextMarketOrder()
    {
        return new OrderFault(true);
    }

    /**
     * Orders per account beyond {@code per10s} in 10 s or {@code per1m} in a minute are answered HTTP 429
     * {@code -1015}; Binance's own limits are 300 and 1200.
     */
    public TradingVenueFaults orderLimits(final int per10s, final int per1m)
    {
        synchronized (lock)
        {
            orderLimit10s = per10s;
            orderLimit1m = per1m;
        }
        return this;
    }

    /** Requests beyond {@code per1m} weight in a minute (all accounts: weight is per IP) are answered HTTP 429 {@code -1003}; Binance's is 2400. */
    public TradingVenueFaults weightLimit(final int per1m)
    {
        synchronized (lock)
        {
            weightLimit1m = per1m;
        }
        return this;
    }

    /** Closes every open user data stream connection (TCP close, no close frame). */
    public TradingVenueFaults dropUserStreams()
    {
        venue.dropUserStreams(null);
        return this;
    }

    /** Closes the open user data stream connections of {@code account}. */
    public TradingVenueFaults dropUserStreams(final LocalTradingVenue.Account account)
    {
        venue.dropUserStreams(account);
        return this;
    }

    /**
     * Pushes {@code listenKeyExpired} on {@code account}'s streams and expires its key: the connections stay
     * open but receive nothing more, {@code PUT /fapi/v1/listenKey} answers {@code -1125}, and a new
     * connection with the key is refused.
     */
    public TradingVenueFaults expireListenKey(final LocalTradingVenue.Account account)
    {
        venue.expireListenKey(account);
        return this;
    }

    /** Closes every open WebSocket API connection. */
    public TradingVenueFaults dropWsApiConnections()
    {
        venue.dropWsApiConnections();
        return this;
    }

    /** Disarms every order fault not yet used and lifts the limits and any ban. */
    public TradingVenueFaults clear()
    {
        synchronized (lock)
        {
            armed.clear();
            orderLimit10s = Integer.MAX_VALUE;
            orderLimit1m = Integer.MAX_VALUE;
            weightLimit1m = Integer.MAX_VALUE;
            venue.liftBan();
        }
        return this;
    }

    /** Order faults armed and not yet used. */
    public int armed()
    {
        synchronized (lock)
        {
            return armed.size();
        }
    }

    int orderLimit10s()
    {
        return orderLimit10s;
    }

    int orderLimit1m()
    {
        return orderLimit1m;
    }

    int weightLimit1m()
    {
        return weightLimit1m;
    }

    /** The first armed fault matching an order of {@code type}, removed; null if none. Under the venue's lock. */
    Armed take(final String type)
    {
        for (final Iterator<Armed> it = armed.iterator(); it.hasNext(); )
        {
            final Armed a = it.next();
            if (!a.marketOnly() || "MARKET".equals(type))
            {
                it.remove();
                return a;
            }
        }
        return null;
    }

    /** Binance's message for the codes a test is likely to inject. */
    static String message(final int code)
    {
        return switch (code)
        {
            case -1000 -> "An unknown error occurred while processing the request.";
            case -1003 -> "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.";
            case -1006 -> "An unexpected response was received from the message bus. Execution status unknown.";
            case -1007 -> "Timeout waiting for response from backend server. Send status unknown; execution status unknown.";
            case -1008 -> "Request throttled by system-level protection. Reduce-only/close-position orders are exempt. Please try again.";
            case -1015 -> "Too many new orders.";
            case -1021 -> "Timestamp for this request is outside of the recvWindow.";
            case -1022 -> "Signature for this request is not valid.";
            case -2019 -> "Margin is insufficient.";
            case -2022 -> "ReduceOnly Order is rejected.";
            case -4116 -> "ClientOrderId is duplicated.";
            case -4118 -> "ReduceOnly Order Failed. Please check your existing position and open orders";
            case -4131 -> "The counterparty's best price does not meet the PERCENT_PRICE filter limit.";
            case -5028 -> "Timestamp for this request is outside of the ME recvWindow.";
            default -> "Injected error " + code + ".";
        };
    }

    /** Arms one fault for the next matching order; each terminal method arms it and returns the faults. */
    public final class OrderFault
    {
        private final boolean marketOnly;
        private boolean executed;

        private OrderFault(final boolean marketOnly)
        {
            this.marketOnly = marketOnly;
        }

        /** The venue executes the order (fills it, pushes its events) and then answers with the fault. */
        public OrderFault executed()
        {
            return executed(true);
        }

        /**
         * Whether the venue executes the order before the fault (default false). Only {@link #answer},
         * {@link #swallow()} and {@link #dropConnection()} heed it; a ban never executes, the fill faults always do.
         */
        public OrderFault executed(final boolean executed)
        {
            this.executed = executed;
            return this;
        }

        /** Answers HTTP 400 (WebSocket status 400) with {@code code} and Binance's message for it. */
        public TradingVenueFaults answer(final int code)
        {
            return answer(400, code);
        }

        /** Answers HTTP {@code httpStatus} with {@code code} and Binance's message for it. */
        public TradingVenueFaults answer(final int httpStatus, final int code)
        {
            return arm(new Armed(marketOnly, Kind.ANSWER, executed, httpStatus, code, message(code), 0));
        }

        /** Answers HTTP {@code httpStatus} (503: "Unknown error…", the order may have executed) with code {@code -1000}. */
        public TradingVenueFaults status(final int httpStatus)
        {
            return arm(new Armed(marketOnly, Kind.ANSWER, executed, httpStatus, -1000,
                "Unknown error, please check your request or try again later.", 0));
        }

        /**
         * Answers HTTP {@code httpStatus} (429, or 418 for a ban) with {@code -1003} and {@code Retry-After: seconds},
         * and refuses every order the same way until {@code seconds} have passed. Never executes.
         */
        public TradingVenueFaults retryAfter(final int httpStatus, final int seconds)
        {
            final String msg = httpStatus == 418
                ? "Way too many requests; IP(127.0.0.1) banned until " + (System.currentTimeMillis() + seconds * 1000L)
                    + ". Please use the websocket for live updates to avoid bans."
                : message(-1003);
            return arm(new Armed(marketOnly, Kind.RETRY_AFTER, false, httpStatus, -1003, msg, seconds));
        }

        /** Never answers (the client times out); REST keeps the connection open. */
        public TradingVenueFaults swallow()
        {
            return arm(new Armed(marketOnly, Kind.SWALLOW, executed, 0, 0, null, 0));
        }

        /** Closes the connection the order came on (REST or WebSocket API) after receiving it, without an answer. */
        public TradingVenueFaults dropConnection()
        {
            return arm(new Armed(marketOnly, Kind.DROP_CONNECTION, executed, 0, 0, null, 0));
        }

        /** Executes the order, pushes its events on the user stream, and answers {@value TradingVenueFaults#FILL_BEFORE_ANSWER_DELAY_MS} ms later. */
        public TradingVenueFaults fillBeforeAnswer()
        {
            return arm(new Armed(marketOnly, Kind.FILL_BEFORE_ANSWER, true, 0, 0, null, 0));
        }

        /** Executes the order and pushes its TRADE {@code ORDER_TRADE_UPDATE} twice (the same trade id {@code t}). */
        public TradingVenueFaults duplicateFill()
        {
            return arm(new Armed(marketOnly, Kind.DUPLICATE_FILL, true, 0, 0, null, 0));
        }

        private TradingVenueFaults arm(final Armed fault)
        {
            synchronized (lock)
            {
                armed.add(fault);
            }
            return TradingVenueFaults.this;
        }
    }
}
