package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A local stand-in for Binance USDⓈ-M accounts, for tests of any module: REST ({@code /fapi/...}), the
 * WebSocket API ({@value #WS_API_PATH}) and user data streams ({@value #USER_STREAM_PATH}{@code ?listenKey=K})
 * on one ephemeral port of 127.0.0.1. Every signed request is verified as Binance does (API key, timestamp
 * within {@code recvWindow} of {@link #serverTime()}, HMAC-SHA256 signature through {@link RequestSigner}),
 * orders are checked like Binance checks them (position mode, reduce-only, step grid, client order id) and
 * MARKET orders fill at the symbol's {@linkplain #fillPrice fill price}, pushing {@code ORDER_TRADE_UPDATE}
 * NEW, then TRADE, then {@code ACCOUNT_UPDATE} on the account's user streams, shaped like Binance's. Every
 * request is {@linkplain #requests() recorded}; {@link #faults()} injects Binance's failures.
 * <p>
 * State is guarded by one lock: requests are served one at a time, and a test may configure the venue from
 * any thread. HMAC-SHA256 accounts, and Ed25519 ones (their secret the PEM private key).
 */
public final class LocalTradingVenue implements AutoCloseable
{
    /** The WebSocket API's path. */
    public static final String WS_API_PATH = "/ws-fapi/v1";
    /** The user data stream's path; the key goes in the {@code listenKey} query parameter. */
    public static final String USER_STREAM_PATH = "/private/ws";
    /** Open conditional (algo) orders allowed per account, across all symbols. */
    public static final int MAX_OPEN_ALGO_ORDERS = 200;
    /** A listenKey lives this long after its last POST or PUT. */
    public static final long LISTEN_KEY_VALIDITY_MS = 60 * 60_000L;
    /** Every account's USDT wallet balance to begin with. */
    public static final BigDecimal INITIAL_BALANCE = new BigDecimal("10000");

    /** Binance's pattern for client order ids (36 characters at most). */
    static final Pattern CLIENT_ID = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> CONDITIONAL_TYPES =
        Set.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET");
    private static final BigDecimal DEFAULT_MAKER = new BigDecimal("0.000200");
    private static final BigDecimal DEFAULT_TAKER = new BigDecimal("0.000500");
    private static final String NEW_ORDER = "/fapi/v1/order";
    private static final String ALGO_ORDER = "/fapi/v1/algoOrder";
    private static final String LISTEN_KEY = "/fapi/v1/listenKey";

    /** One request as received: {@code transport} REST or WS; for WS, {@code method} is the WebSocket API method and {@code path} {@value #WS_API_PATH}. */
    public record Request(String transport, String method, String path, Map<String, String> params, String apiKey,
        boolean signatureVerified, long receivedAtMillis)
    {
        /** Whether this request asked for a new order ({@code POST /fapi/v1/order} or {@code order.place}). */
        public boolean placesOrder()
        {
            return "POST".equals(method) && NEW_ORDER.equals(path) || "order.place".equals(method);
        }
    }

    /** An order the venue accepted (whatever it then answered), with its status once placed: FILLED, EXPIRED or NEW. */
    public record PlacedOrder(String account, String transport, long orderId, String clientOrderId, String symbol, String side,
        String positionSide, String type, String timeInForce, BigDecimal quantity, BigDecimal price, boolean reduceOnly, String status)
    {
    }

    /** A symbol's filters; prices and quantities are written with the decimals of the tick and the step as given ("0.10": 2). */
    public record Instrument(String symbol, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQty, BigDecimal minNotional)
    {
        int priceScale()
        {
            return Math.max(0, tickSize.scale());
        }

        int qtyScale()
        {
            return Math.max(0, stepSize.scale());
        }

        String price(final BigDecimal p)
        {
            return p.setScale(Math.max(priceScale(), p.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
        }

        String qty(final BigDecimal q)
        {
            return q.setScale(Math.max(qtyScale(), q.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
        }
    }

    private final Object lock = new Object();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final TradingVenueFaults faults = new TradingVenueFaults(this, lock);
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, BigDecimal> fillPrices = new HashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<PlacedOrder> placed = new ArrayList<>();
    private final List<String> userEvents = new ArrayList<>();
    private final Map<Channel, Subscriber> userStreams = new LinkedHashMap<>();
    private final List<Channel> wsApi = new ArrayList<>();
    private final ArrayDeque<long[]> weights = new ArrayDeque<>();
    private volatile long serverTimeOffset;
    private long nextOrderId = 8_389_765_000L;
    private long nextTradeId = 5_000_000L;
    private long nextAlgoId = 3_000_000L;
    private long bannedUntil;
    private int banStatus;
    private String banMessage;

    private record Subscriber(Account account, String listenKey)
    {
    }

    private LocalTradingVenue()
    {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Handler());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /**
     * A venue on an ephemeral port of 127.0.0.1 with no accounts and two instruments: BTCUSDT (tick 0.10,
     * step 0.001, min qty 0.001, min notional 100) and ETHUSDT (0.01, 0.001, 0.001, 20); no fill prices.
     */
    public static LocalTradingVenue start()
    {
        final LocalTradingVenue venue = new LocalTradingVenue();
        venue.instrument("BTCUSDT", "0.10", "0.001", "0.001", "100");
        venue.instrument("ETHUSDT", "0.01", "0.001", "0.001", "20");
        return venue;
    }

    /** {@code http://127.0.0.1:P}, the base URL of the REST API. */
    public String restUrl()
    {
        return "http://127.0.0.1:" + port();
    }

    /** {@code ws://127.0.0.1:P/ws-fapi/v1}, the WebSocket API. */
    public String wsApiUrl()
    {
        return wsUrl() + WS_API_PATH;
    }

    /** {@code ws://127.0.0.1:P}, the base URL of the user data stream ({@code /private/ws?listenKey=K}). */
    public String wsUrl()
    {
        return "ws://127.0.0.1:" + port();
    }

    /** {@code ws://127.0.0.1:P/private/ws?listenKey=K}. */
    public String userStreamUrl(final String listenKey)
    {
        return wsUrl() + USER_STREAM_PATH + "?listenKey=" + listenKey;
    }

    private int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /** A new one-way account with {@link #INITIAL_BALANCE} USDT, no positions, the default commission (0.02% maker, 0.05% taker). */
    public Account account(final String name, final String apiKey, final String hmacSecret)
    {
        final Account account = new Account(name, apiKey, hmacSecret);
        synchronized (lock)
        {
            if (accounts.containsKey(apiKey))
            {
                throw new IllegalArgumentException("API key of " + name + " is already used by " + accounts.get(apiKey).name);
            }
            accounts.put(apiKey, account);
        }
        return account;
    }

    /** Adds or replaces a symbol, as {@code exchangeInfo} lists it and orders are checked against it. */
    public LocalTradingVenue instrument(final String symbol, final String tickSize, final String stepSize, final String minQty,
        final String minNotional)
    {
        synchronized (lock)
        {
            instruments.put(symbol, new Instrument(symbol, new BigDecimal(tickSize), new BigDecimal(stepSize), new BigDecimal(minQty),
                new BigDecimal(minNotional)));
        }
        return this;
    }

    /** The price MARKET orders of {@code symbol} fill at, and LIMIT orders fill at when they cross it. */
    public LocalTradingVenue fillPrice(final String symbol, final String price)
    {
        synchronized (lock)
        {
            fillPrices.put(symbol, new BigDecimal(price));
        }
        return this;
    }

    /** Server time = local clock + {@code offsetMillis} (positive: the venue's clock is ahead). */
    public LocalTradingVenue serverTimeOffset(final long offsetMillis)
    {
        serverTimeOffset = offsetMillis;
        return this;
    }

    /** The venue's clock, as {@code GET /fapi/v1/time} answers it. */
    public long serverTime()
    {
        return System.currentTimeMillis() + serverTimeOffset;
    }

    /** The fault injection API. */
    public TradingVenueFaults faults()
    {
        return faults;
    }

    /** Every request received so far, in order (REST and WebSocket API, rejected ones included). */
    public List<Request> requests()
    {
        synchronized (lock)
        {
            return List.copyOf(requests);
        }
    }

    /** The requests that asked for a new order ({@link Request#placesOrder()}), in order. */
    public List<Request> orderRequests()
    {
        synchronized (lock)
        {
            return requests.stream().filter(Request::placesOrder).toList();
        }
    }

    /** Every order the venue accepted from a request, in order; fills pushed by {@link #pushEntryFill} are not among them. */
    public List<PlacedOrder> ordersPlaced()
    {
        synchronized (lock)
        {
            return List.copyOf(placed);
        }
    }

    /** Every user data stream event generated, for any account, in order, whether a connection was there to receive it or not. */
    public List<String> userEvents()
    {
        synchronized (lock)
        {
            return List.copyOf(userEvents);
        }
    }

    /** User data stream connections open now. */
    public int userStreamConnections()
    {
        synchronized (lock)
        {
            return userStreams.size();
        }
    }

    /** WebSocket API connections open now. */
    public int wsApiConnections()
    {
        synchronized (lock)
        {
            return wsApi.size();
        }
    }

    /** Waits up to {@code timeout} until at least {@code n} user data stream connections are open; whether they were. */
    public boolean awaitUserStreams(final int n, final Duration timeout)
    {
        return await(() -> userStreamConnections() >= n, timeout);
    }

    /**
     * An order the user placed outside the engine (on the web, say): a MARKET order with client order id
     * {@code web_…} filled at {@code price}, opening or adding to (or reducing) the position, with the same
     * events as any fill. Returns its client order id.
     */
    public String pushEntryFill(final Account account, final String symbol, final String side, final String positionSide,
        final String qty, final String price)
    {
        synchronized (lock)
        {
            final Instrument ins = instrument(symbol);
            if (account.hedge == "BOTH".equals(positionSide) || !Set.of("BOTH", "LONG", "SHORT").contains(positionSide))
            {
                throw new IllegalArgumentException(account.name + " is " + (account.hedge ? "hedge" : "one-way")
                    + " mode: positionSide " + positionSide + " does not fit");
            }
            final long now = serverTime();
            final Order order = new Order(account, nextOrderId++, "web_" + randomAlphanumeric(16), ins, side, positionSide, "MARKET",
                "GTC", new BigDecimal(qty), BigDecimal.ZERO, false, now);
            account.orders.add(order);
            final List<String> events = new ArrayList<>();
            events.add(orderEvent(order, "NEW", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, now));
            fill(order, new BigDecimal(price), events, now);
            push(account, events);
            return order.clientOrderId;
        }
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One account: its key and secret, its position mode, positions, commission rates and listenKey. */
    public final class Account
    {
        private final String name;
        private final String apiKey;
        private final String secret;
        private final RequestSigner verifier;
        private final Map<String, Position> positions = new LinkedHashMap<>();
        private final Map<String, BigDecimal[]> commissions = new HashMap<>();
        private final List<Order> orders = new ArrayList<>();
        private final List<Algo> algos = new ArrayList<>();
        private final ArrayDeque<Long> orderTimes = new ArrayDeque<>();
        private boolean hedge;
        private BigDecimal wallet = INITIAL_BALANCE;
        private String listenKey;
        private long listenKeyExpiresAt;

        private Account(final String name, final String apiKey, final String secret)
        {
            this.name = name;
            this.apiKey = apiKey;
            this.secret = secret;
            this.verifier = new RequestSigner(credentials());
        }

        public String name()
        {
            return name;
        }

        public String apiKey()
        {
            return apiKey;
        }

        /** Credentials for a client of this account (a fresh object each call; sign with {@code new RequestSigner(...)}). */
        public ApiCredentials credentials()
        {
            return ApiCredentials.of(name, apiKey, secret, "LocalTradingVenue");
        }

        /** Hedge mode ({@code dualSidePosition=true}) or one-way. */
        public Account hedgeMode(final boolean dualSidePosition)
        {
            synchronized (lock)
            {
                hedge = dualSidePosition;
            }
            return this;
        }

        public boolean hedgeMode()
        {
            synchronized (lock)
            {
                return hedge;
            }
        }

        /** Sets the position on ({@code symbol}, {@code positionSide}): signed amount (SHORT and one-way shorts negative) and entry price. */
        public Account position(final String symbol, final String positionSide, final String amount, final String entryPrice)
        {
            synchronized (lock)
            {
                final Position p = position(symbol, positionSide);
                p.amount = new BigDecimal(amount);
                p.entry = new BigDecimal(entryPrice);
                p.updateTime = serverTime();
            }
            return this;
        }

        /** The signed amount of the position on ({@code symbol}, {@code positionSide}); zero if none. */
        public BigDecimal positionAmount(final String symbol, final String positionSide)
        {
            synchronized (lock)
            {
                final Position p = positions.get(symbol + ":" + positionSide);
                return p == null ? BigDecimal.ZERO : p.amount;
            }
        }

        /** The entry price of the position on ({@code symbol}, {@code positionSide}); zero if none. */
        public BigDecimal entryPrice(final String symbol, final String positionSide)
        {
            synchronized (lock)
            {
                final Position p = positions.get(symbol + ":" + positionSide);
                return p == null ? BigDecimal.ZERO : p.entry;
            }
        }

        /** The maker and taker commission rates of {@code symbol} (fractions: 0.0005 is 0.05%). */
        public Account commission(final String symbol, final String maker, final String taker)
        {
            synchronized (lock)
            {
                commissions.put(symbol, new BigDecimal[] {new BigDecimal(maker), new BigDecimal(taker)});
            }
            return this;
        }

        /** The USDT wallet balance: the initial balance plus realized PnL less commissions. */
        public BigDecimal walletBalance()
        {
            synchronized (lock)
            {
                return wallet;
            }
        }

        /** The live listenKey, or null if none was created or it expired. */
        public String listenKey()
        {
            synchronized (lock)
            {
                return listenKeyLive() ? listenKey : null;
            }
        }

        private boolean listenKeyLive()
        {
            return listenKey != null && System.currentTimeMillis() < listenKeyExpiresAt;
        }

        private Position position(final String symbol, final String positionSide)
        {
            return positions.computeIfAbsent(symbol + ":" + positionSide, k -> new Position(symbol, positionSide));
        }

        private BigDecimal[] rates(final String symbol)
        {
            return commissions.getOrDefault(symbol, new BigDecimal[] {DEFAULT_MAKER, DEFAULT_TAKER});
        }

        private int orders(final long sinceMillis)
        {
            int n = 0;
            for (final long t : orderTimes)
            {
                n += t > sinceMillis ? 1 : 0;
            }
            return n;
        }

        @Override
        public String toString()
        {
            return "Account[" + name + "]";
        }
    }

    private static final class Position
    {
        final String symbol;
        final String side;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal entry = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        long updateTime;

        Position(final String symbol, final String side)
        {
            this.symbol = symbol;
            this.side = side;
        }

        /** Applies a fill of signed {@code delta} at {@code price}; returns the realized PnL. */
        BigDecimal apply(final BigDecimal delta, final BigDecimal price, final long now)
        {
            BigDecimal rp = BigDecimal.ZERO;
            final BigDecimal after = amount.add(delta);
            if (amount.signum() == 0 || amount.signum() == delta.signum())
            {
                entry = amount.abs().multiply(entry).add(delta.abs().multiply(price)).divide(after.abs(), MathContext.DECIMAL64)
                    .stripTrailingZeros();
            }
            else
            {
                final BigDecimal closed = amount.abs().min(delta.abs());
                rp = price.subtract(entry).multiply(closed).multiply(BigDecimal.valueOf(amount.signum()));
                if (after.signum() == 0)
                {
                    entry = BigDecimal.ZERO;
                }
                else if (after.signum() != amount.signum())
                {
                    entry = price;
                }
            }
            amount = after;
            realized = realized.add(rp);
            updateTime = now;
            return rp;
        }
    }

    private static final class Order
    {
        final Account account;
        final long orderId;
        final String clientOrderId;
        final Instrument instrument;
        final String side;
        final String positionSide;
        final String type;
        final String timeInForce;
        final BigDecimal quantity;
        final BigDecimal price;
        final boolean reduceOnly;
        final long time;
        String status = "NEW";
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal avgPrice = BigDecimal.ZERO;
        BigDecimal cumQuote = BigDecimal.ZERO;
        long updateTime;

        Order(final Account account, final long orderId, final String clientOrderId, final Instrument instrument, final String side,
            final String positionSide, final String type, final String timeInForce, final BigDecimal quantity, final BigDecimal price,
            final boolean reduceOnly, final long time)
        {
            this.account = account;
            this.orderId = orderId;
            this.clientOrderId = clientOrderId;
            this.instrument = instrument;
            this.side = side;
            this.positionSide = positionSide;
            this.type = type;
            this.timeInForce = timeInForce;
            this.quantity = quantity;
            this.price = price;
            this.reduceOnly = reduceOnly;
            this.time = time;
            this.updateTime = time;
        }

        boolean open()
        {
            return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
        }
    }

    private static final class Algo
    {
        long algoId;
        String clientAlgoId;
        Instrument instrument;
        String type;
        String side;
        String positionSide;
        BigDecimal triggerPrice;
        BigDecimal quantity;
        boolean closePosition;
        boolean reduceOnly;
        String workingType;
        String status = "NEW";
        long createTime;
        long updateTime;
    }

    /** A refusal as Binance answers it. */
    private static final class Reject extends RuntimeException
    {
        final int httpStatus;
        final int code;

        Reject(final int httpStatus, final int code, final String msg)
        {
            super(msg, null, false, false);
            this.httpStatus = httpStatus;
            this.code = code;
        }
    }

    private static Reject reject(final int code, final String msg)
    {
        return new Reject(400, code, msg);
    }

    private static Reject mandatory(final String param)
    {
        return reject(-1102, "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    /** One request being served. */
    private static final class Call
    {
        final String transport;
        final String method;
        final String path;
        final Map<String, String> params;
        final String apiKey;
        final long receivedAt = System.currentTimeMillis();
        boolean verified;
        Account account;
        boolean countsOrders;

        Call(final String transport, final String method, final String path, final Map<String, String> params, final String apiKey)
        {
            this.transport = transport;
            this.method = method;
            this.path = path;
            this.params = params;
            this.apiKey = apiKey;
        }

        Request toRequest()
        {
            return new Request(transport, method, path, Collections.unmodifiableMap(params), apiKey, verified, receivedAt);
        }
    }

    /** How a request is answered: HTTP or a WebSocket API response. */
    private interface Reply
    {
        void ok(String result);

        void error(int status, int code, String msg, int retryAfterSeconds);

        void drop();

        void later(long delayMillis, Runnable action);

        default void error(final Reject r)
        {
            error(r.httpStatus, r.code, r.getMessage(), 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Authentication and limits

    private Account apiKeyAccount(final Call call)
    {
        if (call.apiKey == null || call.apiKey.isEmpty())
        {
            throw reject(-2014, "API-key format invalid.");
        }
        final Account a = accounts.get(call.apiKey);
        if (a == null)
        {
            throw reject(-2015, "Invalid API-key, IP, or permissions for action, request ip: 127.0.0.1");
        }
        call.account = a;
        return a;
    }

    /** Checks a SIGNED request whose signature payload (everything but {@code signature}) is {@code payload}. */
    private Account authenticate(final Call call, final String payload)
    {
        final Account a = apiKeyAccount(call);
        final String signature = call.params.get("signature");
        // HMAC: hex, either case; Ed25519 (deterministic, so signing again is verifying): Base64, exactly
        final String expected = signature == null ? null : a.verifier.sign(payload);
        call.verified = signature != null && (a.verifier.credentials().type() == ApiCredentials.KeyType.HMAC_SHA256
            ? expected.equalsIgnoreCase(signature) : expected.equals(signature));
        final String timestamp = call.params.get("timestamp");
        final long ts;
        final long recvWindow;
        try
        {
            ts = Long.parseLong(timestamp);
        }
        catch (final NumberFormatException | NullPointerException ex)
        {
            throw mandatory("timestamp");
        }
        try
        {
            recvWindow = Long.parseLong(call.params.getOrDefault("recvWindow", "5000"));
        }
        catch (final NumberFormatException ex)
        {
            throw mandatory("recvWindow");
        }
        if (recvWindow > 60_000 || recvWindow < 1)
        {
            throw reject(-1131, "recvWindow must be less than 60000");
        }
        final long now = serverTime();
        if (ts >= now + 1000)
        {
            throw reject(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (now - ts > recvWindow)
        {
            throw reject(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        if (signature == null)
        {
            throw mandatory("signature");
        }
        if (!call.verified)
        {
            throw reject(-1022, "Signature for this request is not valid.");
        }
        return a;
    }

    private static String withoutSignature(final String raw)
    {
        if (raw.isEmpty())
        {
            return raw;
        }
        final StringBuilder sb = new StringBuilder(raw.length());
        for (final String pair : raw.split("&"))
        {
            if (!pair.startsWith("signature="))
            {
                if (sb.length() > 0)
                {
                    sb.append('&');
                }
                sb.append(pair);
            }
        }
        return sb.toString();
    }

    private void weigh(final int weight)
    {
        final long now = System.currentTimeMillis();
        while (!weights.isEmpty() && weights.peekFirst()[0] <= now - 60_000)
        {
            weights.pollFirst();
        }
        final int limit = faults.weightLimit1m();
        if (usedWeight() + weight > limit)
        {
            throw new Reject(429, -1003, "Too many requests; current limit of IP(127.0.0.1) is " + limit
                + " requests per minute. Please use the websocket for live updates to avoid polling the API.");
        }
        weights.addLast(new long[] {now, weight});
    }

    private int usedWeight()
    {
        final long since = System.currentTimeMillis() - 60_000;
        int used = 0;
        for (final long[] w : weights)
        {
            used += w[0] > since ? (int)w[1] : 0;
        }
        return used;
    }

    void liftBan()
    {
        bannedUntil = 0;
    }

    /** Counts an order request of {@code call}'s account, or refuses it with -1015 when a limit would be crossed. */
    private void countOrder(final Call call)
    {
        final Account a = call.account;
        final long now = System.currentTimeMillis();
        while (!a.orderTimes.isEmpty() && a.orderTimes.peekFirst() <= now - 60_000)
        {
            a.orderTimes.pollFirst();
        }
        if (a.orders(now - 10_000) + 1 > faults.orderLimit10s())
        {
            throw new Reject(429, -1015, "Too many new orders; current limit is " + faults.orderLimit10s() + " orders per TEN_SECONDS.");
        }
        if (a.orders(now - 60_000) + 1 > faults.orderLimit1m())
        {
            throw new Reject(429, -1015, "Too many new orders; current limit is " + faults.orderLimit1m() + " orders per MINUTE.");
        }
        a.orderTimes.addLast(now);
        call.countsOrders = true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // REST

    private void rest(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final String uri = request.uri();
        final QueryStringDecoder decoder = new QueryStringDecoder(uri);
        final String rawQuery = uri.indexOf('?') < 0 ? "" : uri.substring(uri.indexOf('?') + 1);
        final String body = request.content().toString(StandardCharsets.UTF_8);
        final Map<String, String> params = new LinkedHashMap<>();
        decoder.parameters().forEach((k, v) -> params.put(k, v.get(0)));
        if (!body.isEmpty())
        {
            new QueryStringDecoder(body, false).parameters().forEach((k, v) -> params.putIfAbsent(k, v.get(0)));
        }
        final String method = request.method().name();
        final Call call = new Call("REST", method, decoder.path(), params, request.headers().get("X-MBX-APIKEY"));
        final RestReply reply = new RestReply(ctx, request, call);
        synchronized (lock)
        {
            try
            {
                route(call, withoutSignature(rawQuery) + withoutSignature(body), reply);
            }
            catch (final Reject r)
            {
                reply.error(r);
            }
            finally
            {
                requests.add(call.toRequest());
            }
        }
    }

    private void route(final Call call, final String payload, final Reply reply)
    {
        final String key = call.method + " " + call.path;
        switch (key)
        {
            case "GET /fapi/v1/time" ->
            {
                weigh(1);
                reply.ok("{\"serverTime\":" + serverTime() + "}");
            }
            case "GET /fapi/v1/exchangeInfo" ->
            {
                weigh(1);
                reply.ok(exchangeInfo());
            }
            case "POST " + LISTEN_KEY, "PUT " + LISTEN_KEY, "DELETE " + LISTEN_KEY ->
            {
                weigh(1);
                reply.ok(listenKey(call.method, apiKeyAccount(call)));
            }
            default -> signed(key, call, payload, reply);
        }
    }

    private void signed(final String key, final Call call, final String payload, final Reply reply)
    {
        switch (key)
        {
            case "GET /fapi/v1/positionSide/dual" ->
            {
                weigh(30);
                reply.ok("{\"dualSidePosition\":" + authenticate(call, payload).hedge + "}");
            }
            case "GET /fapi/v1/commissionRate" ->
            {
                weigh(20);
                reply.ok(commissionRate(authenticate(call, payload), call.params));
            }
            case "GET /fapi/v3/positionRisk", "GET /fapi/v2/positionRisk" ->
            {
                weigh(5);
                reply.ok(positionRisk(authenticate(call, payload), call.params.get("symbol"), call.path.contains("/v2/")));
            }
            case "GET /fapi/v1/openOrders" ->
            {
                weigh(call.params.containsKey("symbol") ? 1 : 40);
                reply.ok(openOrders(authenticate(call, payload), call.params.get("symbol")));
            }
            case "GET /fapi/v1/openAlgoOrders" ->
            {
                weigh(call.params.containsKey("symbol") ? 1 : 40);
                reply.ok(openAlgoOrders(authenticate(call, payload), call.params.get("symbol")));
            }
            case "POST " + NEW_ORDER ->
            {
                weigh(0);
                authenticate(call, payload);
                orderRequest(call, reply);
            }
            case "GET " + NEW_ORDER ->
            {
                weigh(1);
                reply.ok(orderJson(findOrder(authenticate(call, payload), call.params, -2013, "Order does not exist."), true, true));
            }
            case "DELETE " + NEW_ORDER ->
            {
                weigh(1);
                reply.ok(cancel(authenticate(call, payload), call.params));
            }
            case "POST " + ALGO_ORDER ->
            {
                weigh(0);
                authenticate(call, payload);
                countOrder(call);
                reply.ok(placeAlgo(call.account, call.params));
            }
            case "DELETE " + ALGO_ORDER ->
            {
                weigh(1);
                reply.ok(cancelAlgo(authenticate(call, payload), call.params));
            }
            default -> throw new Reject(404, -5000, "Path " + call.path + ", Method " + call.method + " is invalid");
        }
    }

    private final class RestReply implements Reply
    {
        private final ChannelHandlerContext ctx;
        private final HttpVersion version;
        private final Call call;
        private final boolean keepAlive;

        RestReply(final ChannelHandlerContext ctx, final FullHttpRequest request, final Call call)
        {
            this.ctx = ctx;
            this.version = request.protocolVersion();
            this.call = call;
            this.keepAlive = HttpUtil.isKeepAlive(request);
        }

        @Override
        public void ok(final String result)
        {
            send(200, result, 0);
        }

        @Override
        public void error(final int status, final int code, final String msg, final int retryAfterSeconds)
        {
            send(status, new Obj().n("code", code).s("msg", msg).toString(), retryAfterSeconds);
        }

        @Override
        public void drop()
        {
            ctx.close();
        }

        @Override
        public void later(final long delayMillis, final Runnable action)
        {
            ctx.executor().schedule(() ->
            {
                synchronized (lock)
                {
                    action.run();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }

        private void send(final int status, final String json, final int retryAfterSeconds)
        {
            final byte[] body = json.getBytes(StandardCharsets.UTF_8);
            final FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            HttpUtil.setKeepAlive(response, keepAlive);
            synchronized (lock)
            {
                response.headers().set("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight()));
                if (call.countsOrders)
                {
                    final long now = System.currentTimeMillis();
                    response.headers().set("X-MBX-ORDER-COUNT-10S", Integer.toString(call.account.orders(now - 10_000)))
                        .set("X-MBX-ORDER-COUNT-1M", Integer.toString(call.account.orders(now - 60_000)));
                }
            }
            if (retryAfterSeconds > 0)
            {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds));
            }
            if (keepAlive)
            {
                ctx.writeAndFlush(response);
            }
            else
            {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Orders

    /** A new order request, authenticated: ban, limits, armed fault, then the order itself. */
    private void orderRequest(final Call call, final Reply reply)
    {
        final long now = System.currentTimeMillis();
        if (now < bannedUntil)
        {
            reply.error(banStatus, -1003, banMessage, (int)((bannedUntil - now + 999) / 1000));
            return;
        }
        final TradingVenueFaults.Armed fault = faults.take(call.params.get("type"));
        if (fault != null && fault.kind() == TradingVenueFaults.Kind.RETRY_AFTER)
        {
            bannedUntil = now + fault.retryAfterSeconds() * 1000L;
            banStatus = fault.httpStatus();
            banMessage = fault.msg();
            reply.error(fault.httpStatus(), fault.code(), fault.msg(), fault.retryAfterSeconds());
            return;
        }
        countOrder(call);
        if (fault != null && !fault.executed())
        {
            answerFault(fault, reply);
            return;
        }
        final Placement p;
        try
        {
            p = place(call.account, call.params, call.transport);
        }
        catch (final Reject r)
        {
            if (fault == null || fault.kind() == TradingVenueFaults.Kind.FILL_BEFORE_ANSWER
                || fault.kind() == TradingVenueFaults.Kind.DUPLICATE_FILL)
            {
                reply.error(r);
            }
            else
            {
                answerFault(fault, reply);
            }
            return;
        }
        final String result = orderJson(p.order, p.result, false);
        if (fault == null)
        {
            reply.ok(result);
            push(call.account, p.events);
            return;
        }
        switch (fault.kind())
        {
            case FILL_BEFORE_ANSWER ->
            {
                push(call.account, p.events);
                reply.later(TradingVenueFaults.FILL_BEFORE_ANSWER_DELAY_MS, () -> reply.ok(result));
            }
            case DUPLICATE_FILL ->
            {
                reply.ok(result);
                final List<String> events = new ArrayList<>(p.events);
                if (p.tradeEvent >= 0)
                {
                    events.add(p.tradeEvent + 1, events.get(p.tradeEvent));
                }
                push(call.account, events);
            }
            default ->
            {
                answerFault(fault, reply);
                push(call.account, p.events);
            }
        }
    }

    private static void answerFault(final TradingVenueFaults.Armed fault, final Reply reply)
    {
        switch (fault.kind())
        {
            case ANSWER -> reply.error(fault.httpStatus(), fault.code(), fault.msg(), 0);
            case DROP_CONNECTION -> reply.drop();
            default ->
            {
                // SWALLOW: no answer at all
            }
        }
    }

    private record Placement(Order order, boolean result, List<String> events, int tradeEvent)
    {
    }

    private Instrument instrument(final String symbol)
    {
        final Instrument ins = instruments.get(symbol);
        if (ins == null)
        {
            throw reject(-1121, "Invalid symbol.");
        }
        return ins;
    }

    private static String required(final Map<String, String> params, final String name)
    {
        final String v = params.get(name);
        if (v == null || v.isEmpty())
        {
            throw mandatory(name);
        }
        return v;
    }

    private static BigDecimal decimal(final Map<String, String> params, final String name)
    {
        try
        {
            return new BigDecimal(required(params, name));
        }
        catch (final NumberFormatException ex)
        {
            throw mandatory(name);
        }
    }

    private static String positionSide(final Account a, final Map<String, String> params)
    {
        final String ps = params.getOrDefault("positionSide", "BOTH");
        if (!Set.of("BOTH", "LONG", "SHORT").contains(ps))
        {
            throw reject(-4006, "Invalid position side.");
        }
        if (a.hedge == "BOTH".equals(ps))
        {
            throw reject(-4061, "Order's position side does not match user's setting.");
        }
        return ps;
    }

    private static boolean reduceOnly(final Account a, final Map<String, String> params)
    {
        final String ro = params.get("reduceOnly");
        if (ro == null)
        {
            return false;
        }
        if (a.hedge)
        {
            throw reject(-1106, "Parameter 'reduceOnly' sent when not required.");
        }
        if (!"true".equalsIgnoreCase(ro) && !"false".equalsIgnoreCase(ro))
        {
            throw reject(-1130, "Data sent for parameter 'reduceOnly' is not valid.");
        }
        return Boolean.parseBoolean(ro.toLowerCase());
    }

    private static BigDecimal quantity(final Instrument ins, final BigDecimal qty)
    {
        if (qty.signum() <= 0)
        {
            throw reject(-4003, "Quantity less than or equal to zero.");
        }
        if (qty.remainder(ins.stepSize()).signum() != 0)
        {
            throw reject(-1111, "Precision is over the maximum defined for this asset.");
        }
        if (qty.compareTo(ins.minQty()) < 0)
        {
            throw reject(-4004, "Quantity less than min quantity.");
        }
        return qty;
    }

    private static BigDecimal price(final Instrument ins, final BigDecimal price)
    {
        if (price.signum() <= 0)
        {
            throw reject(-4001, "Price less than 0.");
        }
        if (price.remainder(ins.tickSize()).signum() != 0)
        {
            throw reject(-4014, "Price not increased by tick size.");
        }
        return price;
    }

    private static String clientId(final Map<String, String> params, final String name, final boolean duplicate, final String generated)
    {
        final String id = params.get(name);
        if (id == null)
        {
            return generated;
        }
        if (!CLIENT_ID.matcher(id).matches())
        {
            throw reject(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
        }
        if (duplicate)
        {
            throw reject(-4116, "ClientOrderId is duplicated.");
        }
        return id;
    }

    private Placement place(final Account a, final Map<String, String> params, final String transport)
    {
        final Instrument ins = instrument(required(params, "symbol"));
        final String side = required(params, "side");
        if (!"BUY".equals(side) && !"SELL".equals(side))
        {
            throw reject(-1117, "Invalid side.");
        }
        final String type = required(params, "type");
        if (CONDITIONAL_TYPES.contains(type))
        {
            throw reject(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }
        if (!"MARKET".equals(type) && !"LIMIT".equals(type))
        {
            throw reject(-1116, "Invalid orderType.");
        }
        final String ps = positionSide(a, params);
        final boolean reduceOnly = reduceOnly(a, params);
        final BigDecimal qty = quantity(ins, decimal(params, "quantity"));
        final String tif;
        final BigDecimal price;
        if ("LIMIT".equals(type))
        {
            tif = required(params, "timeInForce");
            if (!Set.of("GTC", "IOC", "FOK", "GTX").contains(tif))
            {
                throw reject(-1115, "Invalid timeInForce.");
            }
            price = price(ins, decimal(params, "price"));
        }
        else
        {
            if (params.containsKey("price"))
            {
                throw reject(-1106, "Parameter 'price' sent when not required.");
            }
            tif = "GTC";
            price = BigDecimal.ZERO;
        }
        final String wanted = params.get("newClientOrderId");
        final boolean duplicate = wanted != null && a.orders.stream().anyMatch(o -> o.open() && o.clientOrderId.equals(wanted));
        final long id = nextOrderId;
        final String cid = clientId(params, "newClientOrderId", duplicate, "venue" + id);
        final String respType = params.getOrDefault("newOrderRespType", "ACK");
        if (!"ACK".equals(respType) && !"RESULT".equals(respType))
        {
            throw reject(-1130, "Data sent for parameter 'newOrderRespType' is not valid.");
        }
        final BigDecimal fillAt = fillPrices.get(ins.symbol());
        if ("MARKET".equals(type) && fillAt == null)
        {
            throw reject(-1000, "LocalTradingVenue has no fill price for " + ins.symbol() + "; the test must call fillPrice first.");
        }
        final boolean crosses = "MARKET".equals(type)
            || fillAt != null && ("BUY".equals(side) ? price.compareTo(fillAt) >= 0 : price.compareTo(fillAt) <= 0);
        final Position pos = a.position(ins.symbol(), ps);
        final boolean closing = reduceOnly || a.hedge && ("LONG".equals(ps) == "SELL".equals(side));
        if (closing)
        {
            final int sideSign = "BUY".equals(side) ? 1 : -1;
            if (pos.amount.signum() == 0 || pos.amount.signum() == sideSign || qty.compareTo(pos.amount.abs()) > 0)
            {
                throw reject(-2022, "ReduceOnly Order is rejected.");
            }
        }
        else
        {
            final BigDecimal ref = "MARKET".equals(type) ? fillAt : price;
            if (qty.multiply(ref).compareTo(ins.minNotional()) < 0)
            {
                throw reject(-4164, "Order's notional must be no smaller than " + ins.minNotional().toPlainString()
                    + " (unless you choose reduce only).");
            }
        }
        if ("GTX".equals(tif) && crosses)
        {
            throw reject(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");
        }
        nextOrderId++;
        final long now = serverTime();
        final Order order = new Order(a, id, cid, ins, side, ps, type, tif, qty, price, reduceOnly, now);
        a.orders.add(order);
        final List<String> events = new ArrayList<>();
        events.add(orderEvent(order, "NEW", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, now));
        int tradeEvent = -1;
        if (crosses)
        {
            tradeEvent = events.size();
            fill(order, fillAt, events, now);
        }
        else if ("IOC".equals(tif) || "FOK".equals(tif))
        {
            order.status = "EXPIRED";
            events.add(orderEvent(order, "EXPIRED", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, now));
        }
        placed.add(new PlacedOrder(a.name, transport, id, cid, ins.symbol(), side, ps, type, tif, qty, price, reduceOnly, order.status));
        return new Placement(order, "RESULT".equals(respType), events, tradeEvent);
    }

    /** Fills all of {@code order} at {@code price}: position, wallet, the TRADE event and the ACCOUNT_UPDATE. */
    private void fill(final Order order, final BigDecimal price, final List<String> events, final long now)
    {
        final Account a = order.account;
        final Instrument ins = order.instrument;
        final Position pos = a.position(ins.symbol(), order.positionSide);
        final BigDecimal qty = order.quantity;
        final BigDecimal rp = pos.apply("BUY".equals(order.side) ? qty : qty.negate(), price, now);
        final BigDecimal commission = qty.multiply(price).multiply(a.rates(ins.symbol())[1]).setScale(8, RoundingMode.HALF_UP);
        a.wallet = a.wallet.add(rp).subtract(commission);
        order.executedQty = qty;
        order.avgPrice = price;
        order.cumQuote = qty.multiply(price);
        order.status = "FILLED";
        order.updateTime = now;
        events.add(orderEvent(order, "TRADE", qty, price, commission, nextTradeId++, rp, now));
        events.add(accountUpdate(a, pos, price, now));
    }

    private Order findOrder(final Account a, final Map<String, String> params, final int code, final String msg)
    {
        final String symbol = required(params, "symbol");
        final String orderId = params.get("orderId");
        final String cid = params.get("origClientOrderId");
        if (orderId == null && cid == null)
        {
            throw reject(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        for (int i = a.orders.size() - 1; i >= 0; i--)
        {
            final Order o = a.orders.get(i);
            if (o.instrument.symbol().equals(symbol)
                && (orderId != null ? Long.toString(o.orderId).equals(orderId) : o.clientOrderId.equals(cid)))
            {
                return o;
            }
        }
        throw reject(code, msg);
    }

    private String cancel(final Account a, final Map<String, String> params)
    {
        final Order o = findOrder(a, params, -2011, "Unknown order sent.");
        if (!o.open())
        {
            throw reject(-2011, "Unknown order sent.");
        }
        final long now = serverTime();
        o.status = "CANCELED";
        o.updateTime = now;
        push(a, List.of(orderEvent(o, "CANCELED", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, now)));
        return orderJson(o, true, false);
    }

    private String placeAlgo(final Account a, final Map<String, String> params)
    {
        if (!"CONDITIONAL".equals(required(params, "algoType")))
        {
            throw reject(-1130, "Data sent for parameter 'algoType' is not valid.");
        }
        final Instrument ins = instrument(required(params, "symbol"));
        final String side = required(params, "side");
        if (!"BUY".equals(side) && !"SELL".equals(side))
        {
            throw reject(-1117, "Invalid side.");
        }
        final String type = required(params, "type");
        if (!"STOP_MARKET".equals(type) && !"TAKE_PROFIT_MARKET".equals(type))
        {
            throw reject(-1116, "Invalid orderType.");
        }
        final String ps = positionSide(a, params);
        final boolean closePosition = "true".equalsIgnoreCase(params.get("closePosition"));
        final Algo algo = new Algo();
        if (closePosition)
        {
            if (params.containsKey("quantity"))
            {
                throw reject(-1106, "Parameter 'quantity' sent when not required.");
            }
            if (params.containsKey("reduceOnly"))
            {
                throw reject(-1106, "Parameter 'reduceOnly' sent when not required.");
            }
            if (a.hedge && ("LONG".equals(ps) == "BUY".equals(side)))
            {
                throw reject(-4061, "Order's position side does not match user's setting.");
            }
            algo.quantity = BigDecimal.ZERO;
        }
        else
        {
            algo.reduceOnly = reduceOnly(a, params);
            algo.quantity = quantity(ins, decimal(params, "quantity"));
        }
        algo.triggerPrice = price(ins, decimal(params, "triggerPrice"));
        final String wanted = params.get("clientAlgoId");
        final boolean duplicate = wanted != null && a.algos.stream().anyMatch(x -> "NEW".equals(x.status) && x.clientAlgoId.equals(wanted));
        algo.clientAlgoId = clientId(params, "clientAlgoId", duplicate, randomAlphanumeric(22));
        if (a.algos.stream().filter(x -> "NEW".equals(x.status)).count() >= MAX_OPEN_ALGO_ORDERS)
        {
            throw reject(-4045, "Reach max stop order limit.");
        }
        algo.algoId = nextAlgoId++;
        algo.instrument = ins;
        algo.type = type;
        algo.side = side;
        algo.positionSide = ps;
        algo.closePosition = closePosition;
        algo.workingType = params.getOrDefault("workingType", "CONTRACT_PRICE");
        algo.createTime = serverTime();
        algo.updateTime = algo.createTime;
        a.algos.add(algo);
        return algoJson(algo);
    }

    private String cancelAlgo(final Account a, final Map<String, String> params)
    {
        final String algoId = params.get("algoId");
        final String cid = params.get("clientAlgoId");
        if (algoId == null && cid == null)
        {
            throw reject(-1102, "Param 'clientAlgoId' or 'algoId' must be sent, but both were empty/null!");
        }
        for (final Algo x : a.algos)
        {
            if ("NEW".equals(x.status) && (algoId != null ? Long.toString(x.algoId).equals(algoId) : x.clientAlgoId.equals(cid)))
            {
                x.status = "CANCELED";
                x.updateTime = serverTime();
                return new Obj().n("algoId", x.algoId).s("clientAlgoId", x.clientAlgoId).s("code", "200").s("msg", "success").toString();
            }
        }
        throw reject(-2011, "Unknown order sent.");
    }

    // ---------------------------------------------------------------------------------------------------------
    // User data stream

    private String listenKey(final String method, final Account a)
    {
        final long now = System.currentTimeMillis();
        switch (method)
        {
            case "POST" ->
            {
                if (!a.listenKeyLive())
                {
                    a.listenKey = randomAlphanumeric(64);
                }
                a.listenKeyExpiresAt = now + LISTEN_KEY_VALIDITY_MS;
            }
            case "PUT" ->
            {
                if (!a.listenKeyLive())
                {
                    throw reject(-1125, "This listenKey does not exist. Please use POST /fapi/v1/listenKey to recreate listenKey");
                }
                a.listenKeyExpiresAt = now + LISTEN_KEY_VALIDITY_MS;
            }
            default ->
            {
                a.listenKeyExpiresAt = 0;
                dropUserStreams(a);
                return "{}";
            }
        }
        return new Obj().s("listenKey", a.listenKey).toString();
    }

    /** Sends {@code events} to the live streams of {@code account} and records them. Under the lock. */
    private void push(final Account account, final List<String> events)
    {
        userEvents.addAll(events);
        if (!account.listenKeyLive())
        {
            return;
        }
        for (final Map.Entry<Channel, Subscriber> e : userStreams.entrySet())
        {
            if (e.getValue().account() == account && e.getValue().listenKey().equals(account.listenKey))
            {
                for (final String event : events)
                {
                    e.getKey().write(new TextWebSocketFrame(event));
                }
                e.getKey().flush();
            }
        }
    }

    void dropUserStreams(final Account account)
    {
        final List<Channel> drop = new ArrayList<>();
        synchronized (lock)
        {
            userStreams.forEach((ch, s) ->
            {
                if (account == null || s.account() == account)
                {
                    drop.add(ch);
                }
            });
        }
        drop.forEach(Channel::close);
    }

    void expireListenKey(final Account account)
    {
        synchronized (lock)
        {
            if (account.listenKeyLive())
            {
                push(account, List.of(new Obj().s("e", "listenKeyExpired").n("E", serverTime()).s("listenKey", account.listenKey).toString()));
            }
            account.listenKeyExpiresAt = 0;
        }
    }

    void dropWsApiConnections()
    {
        final List<Channel> drop;
        synchronized (lock)
        {
            drop = List.copyOf(wsApi);
        }
        drop.forEach(Channel::close);
    }

    // ---------------------------------------------------------------------------------------------------------
    // WebSocket API

    private void wsApiMessage(final Channel channel, final String text)
    {
        String id = "null";
        String method = null;
        final Map<String, String> params = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String field = p.currentName();
                final JsonToken t = p.nextToken();
                if ("id".equals(field))
                {
                    id = t == JsonToken.VALUE_STRING ? new Obj().quote(p.getText()) : p.getText();
                }
                else if ("method".equals(field))
                {
                    method = p.getText();
                }
                else if ("params".equals(field) && t == JsonToken.START_OBJECT)
                {
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String name = p.currentName();
                        p.nextToken();
                        params.put(name, p.getText());
                    }
                }
                else
                {
                    p.skipChildren();
                }
            }
        }
        catch (final IOException ex)
        {
            new WsReply(channel, id, null).error(400, -1000, "Malformed request.", 0);
            return;
        }
        final Call call = new Call("WS", method, WS_API_PATH, params, params.get("apiKey"));
        final WsReply reply = new WsReply(channel, id, call);
        synchronized (lock)
        {
            try
            {
                wsApiCall(call, reply);
            }
            catch (final Reject r)
            {
                reply.error(r);
            }
            finally
            {
                requests.add(call.toRequest());
            }
        }
    }

    private void wsApiCall(final Call call, final Reply reply)
    {
        final String payload = RequestSigner.webSocketPayload(call.params);
        switch (call.method == null ? "" : call.method)
        {
            case "order.place" ->
            {
                weigh(0);
                authenticate(call, payload);
                orderRequest(call, reply);
            }
            case "order.status" ->
            {
                weigh(1);
                reply.ok(orderJson(findOrder(authenticate(call, payload), call.params, -2013, "Order does not exist."), true, true));
            }
            case "order.cancel" ->
            {
                weigh(1);
                reply.ok(cancel(authenticate(call, payload), call.params));
            }
            case "userDataStream.start" ->
            {
                weigh(1);
                reply.ok(listenKey("POST", apiKeyAccount(call)));
            }
            case "userDataStream.ping" ->
            {
                weigh(1);
                reply.ok(listenKey("PUT", apiKeyAccount(call)));
            }
            case "userDataStream.stop" ->
            {
                weigh(1);
                reply.ok(listenKey("DELETE", apiKeyAccount(call)));
            }
            default -> throw reject(-1000, "Unknown method '" + call.method + "'.");
        }
    }

    private final class WsReply implements Reply
    {
        private final Channel channel;
        private final String id;
        private final Call call;

        WsReply(final Channel channel, final String id, final Call call)
        {
            this.channel = channel;
            this.id = id;
            this.call = call;
        }

        @Override
        public void ok(final String result)
        {
            channel.writeAndFlush(new TextWebSocketFrame(new Obj().raw("id", id).n("status", 200).raw("result", result)
                .raw("rateLimits", rateLimits()).toString()));
        }

        @Override
        public void error(final int status, final int code, final String msg, final int retryAfterSeconds)
        {
            final Obj error = new Obj().n("code", code).s("msg", msg);
            if (retryAfterSeconds > 0)
            {
                error.raw("data", new Obj().n("retryAfter", System.currentTimeMillis() + retryAfterSeconds * 1000L).toString());
            }
            channel.writeAndFlush(new TextWebSocketFrame(new Obj().raw("id", id).n("status", status).raw("error", error.toString())
                .raw("rateLimits", rateLimits()).toString()));
        }

        @Override
        public void drop()
        {
            channel.close();
        }

        @Override
        public void later(final long delayMillis, final Runnable action)
        {
            channel.eventLoop().schedule(() ->
            {
                synchronized (lock)
                {
                    action.run();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }

        private String rateLimits()
        {
            synchronized (lock)
            {
                final StringBuilder sb = new StringBuilder(256).append('[');
                sb.append(new Obj().s("rateLimitType", "REQUEST_WEIGHT").s("interval", "MINUTE").n("intervalNum", 1)
                    .n("limit", Math.min(2400, faults.weightLimit1m())).n("count", usedWeight()));
                if (call != null && call.account != null && call.countsOrders)
                {
                    final long now = System.currentTimeMillis();
                    sb.append(',').append(new Obj().s("rateLimitType", "ORDERS").s("interval", "SECOND").n("intervalNum", 10)
                        .n("limit", Math.min(300, faults.orderLimit10s())).n("count", call.account.orders(now - 10_000)));
                    sb.append(',').append(new Obj().s("rateLimitType", "ORDERS").s("interval", "MINUTE").n("intervalNum", 1)
                        .n("limit", Math.min(1200, faults.orderLimit1m())).n("count", call.account.orders(now - 60_000)));
                }
                return sb.append(']').toString();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Netty

    private final class Handler extends SimpleChannelInboundHandler<Object>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof FullHttpRequest request)
            {
                if ("websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE)))
                {
                    upgrade(ctx, request);
                }
                else
                {
                    rest(ctx, request);
                }
                return;
            }
            final WebSocketFrame frame = (WebSocketFrame)msg;
            if (frame instanceof PingWebSocketFrame)
            {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
            else if (frame instanceof CloseWebSocketFrame)
            {
                ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
            }
            else if (frame instanceof TextWebSocketFrame text)
            {
                final boolean api;
                synchronized (lock)
                {
                    api = wsApi.contains(ctx.channel());
                }
                if (api)
                {
                    wsApiMessage(ctx.channel(), text.text());
                }
            }
        }

        private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final String uri = request.uri();
            final QueryStringDecoder query = new QueryStringDecoder(uri);
            final Channel channel = ctx.channel();
            final Subscriber subscriber;
            if (WS_API_PATH.equals(query.path()))
            {
                subscriber = null;
            }
            else if (USER_STREAM_PATH.equals(query.path()))
            {
                final List<String> keys = query.parameters().get("listenKey");
                final String key = keys == null ? null : keys.get(0);
                synchronized (lock)
                {
                    subscriber = accounts.values().stream().filter(a -> a.listenKeyLive() && a.listenKey.equals(key))
                        .findFirst().map(a -> new Subscriber(a, key)).orElse(null);
                }
                if (subscriber == null)
                {
                    refuse(ctx, request, 400, "{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}");
                    return;
                }
            }
            else
            {
                refuse(ctx, request, 404, "{\"code\":-5000,\"msg\":\"Path not found\"}");
                return;
            }
            final WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory("ws://127.0.0.1" + uri, null, false, 1 << 20).newHandshaker(request);
            if (handshaker == null)
            {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                return;
            }
            handshaker.handshake(channel, request).addListener(f ->
            {
                if (!f.isSuccess())
                {
                    return;
                }
                synchronized (lock)
                {
                    if (subscriber == null)
                    {
                        wsApi.add(channel);
                    }
                    else
                    {
                        userStreams.put(channel, subscriber);
                    }
                }
                channel.closeFuture().addListener(c ->
                {
                    synchronized (lock)
                    {
                        wsApi.remove(channel);
                        userStreams.remove(channel);
                    }
                });
            });
        }

        private void refuse(final ChannelHandlerContext ctx, final FullHttpRequest request, final int status, final String json)
        {
            final byte[] body = json.getBytes(StandardCharsets.UTF_8);
            final FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON

    private String exchangeInfo()
    {
        final List<String> symbols = new ArrayList<>();
        for (final Instrument i : instruments.values())
        {
            final String base = i.symbol().endsWith("USDT") ? i.symbol().substring(0, i.symbol().length() - 4) : i.symbol();
            final String filters = "[" + String.join(",",
                new Obj().s("filterType", "PRICE_FILTER").s("minPrice", i.tickSize().toPlainString()).s("maxPrice", "4529764")
                    .s("tickSize", i.tickSize().toPlainString()).toString(),
                new Obj().s("filterType", "LOT_SIZE").s("minQty", i.minQty().toPlainString()).s("maxQty", "1000")
                    .s("stepSize", i.stepSize().toPlainString()).toString(),
                new Obj().s("filterType", "MARKET_LOT_SIZE").s("minQty", i.minQty().toPlainString()).s("maxQty", "120")
                    .s("stepSize", i.stepSize().toPlainString()).toString(),
                new Obj().s("filterType", "MAX_NUM_ORDERS").n("limit", 200).toString(),
                new Obj().s("filterType", "MIN_NOTIONAL").s("notional", i.minNotional().toPlainString()).toString(),
                new Obj().s("filterType", "PERCENT_PRICE").s("multiplierUp", "1.0500").s("multiplierDown", "0.9500")
                    .s("multiplierDecimal", "4").toString()) + "]";
            symbols.add(new Obj().s("symbol", i.symbol()).s("pair", i.symbol()).s("contractType", "PERPETUAL")
                .n("deliveryDate", 4133404800000L).n("onboardDate", 1569398400000L).s("status", "TRADING").s("baseAsset", base)
                .s("quoteAsset", "USDT").s("marginAsset", "USDT").n("pricePrecision", i.priceScale())
                .n("quantityPrecision", i.qtyScale()).n("baseAssetPrecision", 8).n("quotePrecision", 8).s("underlyingType", "COIN")
                .s("triggerProtect", "0.0500").s("liquidationFee", "0.012500").s("marketTakeBound", "0.05")
                .raw("filters", filters)
                .raw("orderTypes", "[\"LIMIT\",\"MARKET\",\"STOP\",\"STOP_MARKET\",\"TAKE_PROFIT\",\"TAKE_PROFIT_MARKET\",\"TRAILING_STOP_MARKET\"]")
                .raw("timeInForce", "[\"GTC\",\"IOC\",\"FOK\",\"GTX\",\"GTD\"]").toString());
        }
        final String rateLimits = "[" + String.join(",",
            new Obj().s("rateLimitType", "REQUEST_WEIGHT").s("interval", "MINUTE").n("intervalNum", 1)
                .n("limit", Math.min(2400, faults.weightLimit1m())).toString(),
            new Obj().s("rateLimitType", "ORDERS").s("interval", "MINUTE").n("intervalNum", 1)
                .n("limit", Math.min(1200, faults.orderLimit1m())).toString(),
            new Obj().s("rateLimitType", "ORDERS").s("interval", "SECOND").n("intervalNum", 10)
                .n("limit", Math.min(300, faults.orderLimit10s())).toString()) + "]";
        return new Obj().s("timezone", "UTC").n("serverTime", serverTime()).raw("rateLimits", rateLimits).raw("exchangeFilters", "[]")
            .raw("assets", "[]").raw("symbols", "[" + String.join(",", symbols) + "]").toString();
    }

    private String commissionRate(final Account a, final Map<String, String> params)
    {
        final String symbol = instrument(required(params, "symbol")).symbol();
        final BigDecimal[] r = a.rates(symbol);
        return new Obj().s("symbol", symbol).s("makerCommissionRate", r[0].toPlainString()).s("takerCommissionRate", r[1].toPlainString())
            .s("rpiCommissionRate", "0").toString();
    }

    private String positionRisk(final Account a, final String symbol, final boolean v2)
    {
        final List<String> out = new ArrayList<>();
        for (final Position p : a.positions.values())
        {
            if (p.amount.signum() == 0 || symbol != null && !symbol.equals(p.symbol))
            {
                continue;
            }
            final BigDecimal mark = fillPrices.getOrDefault(p.symbol, p.entry);
            final Obj o = new Obj().s("symbol", p.symbol).s("positionSide", p.side).s("positionAmt", p.amount.toPlainString())
                .s("entryPrice", p.entry.toPlainString()).s("breakEvenPrice", p.entry.toPlainString()).s("markPrice", mark.toPlainString())
                .s("unRealizedProfit", mark.subtract(p.entry).multiply(p.amount).setScale(8, RoundingMode.HALF_UP).toPlainString())
                .s("liquidationPrice", "0").s("isolatedMargin", "0").s("notional", p.amount.multiply(mark).toPlainString())
                .s("marginAsset", "USDT").s("isolatedWallet", "0").s("initialMargin", "0").s("maintMargin", "0")
                .s("positionInitialMargin", "0").s("openOrderInitialMargin", "0").n("adl", 0).s("bidNotional", "0")
                .s("askNotional", "0").n("updateTime", p.updateTime);
            if (v2)
            {
                o.s("leverage", "20").s("maxNotionalValue", "1000000").s("marginType", "cross").s("isAutoAddMargin", "false")
                    .s("isolated", "false").n("adlQuantile", 0);
            }
            out.add(o.toString());
        }
        return "[" + String.join(",", out) + "]";
    }

    private String openOrders(final Account a, final String symbol)
    {
        final List<String> out = new ArrayList<>();
        for (final Order o : a.orders)
        {
            if (o.open() && (symbol == null || symbol.equals(o.instrument.symbol())))
            {
                out.add(orderJson(o, true, true));
            }
        }
        return "[" + String.join(",", out) + "]";
    }

    private String openAlgoOrders(final Account a, final String symbol)
    {
        final List<String> out = new ArrayList<>();
        for (final Algo x : a.algos)
        {
            if ("NEW".equals(x.status) && (symbol == null || symbol.equals(x.instrument.symbol())))
            {
                out.add(algoJson(x));
            }
        }
        return "[" + String.join(",", out) + "]";
    }

    /** The REST shape of an order: as now ({@code result}) or as just acknowledged (NEW, nothing executed); {@code time} for queries. */
    private static String orderJson(final Order o, final boolean result, final boolean time)
    {
        final Instrument i = o.instrument;
        final boolean asNow = result || time;
        final Obj obj = new Obj().s("clientOrderId", o.clientOrderId)
            .s("cumQty", i.qty(asNow ? o.executedQty : BigDecimal.ZERO))
            .s("cumQuote", i.price(asNow ? o.cumQuote : BigDecimal.ZERO))
            .s("executedQty", i.qty(asNow ? o.executedQty : BigDecimal.ZERO))
            .n("orderId", o.orderId)
            .s("avgPrice", i.price(asNow ? o.avgPrice : BigDecimal.ZERO))
            .s("origQty", i.qty(o.quantity))
            .s("price", o.price.signum() == 0 ? "0" : i.price(o.price))
            .b("reduceOnly", o.reduceOnly)
            .s("side", o.side)
            .s("positionSide", o.positionSide)
            .s("status", asNow ? o.status : "NEW")
            .s("stopPrice", "0")
            .b("closePosition", false)
            .s("symbol", i.symbol())
            .s("timeInForce", o.timeInForce)
            .s("type", o.type)
            .s("origType", o.type);
        if (time)
        {
            obj.n("time", o.time);
        }
        return obj.n("updateTime", asNow ? o.updateTime : o.time).s("workingType", "CONTRACT_PRICE").b("priceProtect", false)
            .s("priceMatch", "NONE").s("selfTradePreventionMode", "EXPIRE_MAKER").n("goodTillDate", 0).toString();
    }

    private static String algoJson(final Algo x)
    {
        final Instrument i = x.instrument;
        return new Obj().n("algoId", x.algoId).s("clientAlgoId", x.clientAlgoId).s("algoType", "CONDITIONAL").s("orderType", x.type)
            .s("symbol", i.symbol()).s("side", x.side).s("positionSide", x.positionSide).s("timeInForce", "GTC")
            .s("quantity", x.quantity.signum() == 0 ? "0" : i.qty(x.quantity)).s("algoStatus", x.status)
            .s("triggerPrice", i.price(x.triggerPrice)).s("price", "0").s("icebergQuantity", null)
            .s("selfTradePreventionMode", "EXPIRE_MAKER").s("workingType", x.workingType).s("priceMatch", "NONE")
            .b("closePosition", x.closePosition).b("priceProtect", false).b("reduceOnly", x.reduceOnly).s("activatePrice", "")
            .s("callbackRate", "").n("createTime", x.createTime).n("updateTime", x.updateTime).n("triggerTime", 0).n("goodTillDate", 0)
            .toString();
    }

    /** {@code ORDER_TRADE_UPDATE} as Binance pushes it (the fixtures' field order). */
    private static String orderEvent(final Order o, final String execution, final BigDecimal lastQty, final BigDecimal lastPrice,
        final BigDecimal commission, final long tradeId, final BigDecimal realized, final long now)
    {
        final Instrument i = o.instrument;
        final Obj e = new Obj().s("s", i.symbol()).s("c", o.clientOrderId).s("S", o.side).s("o", o.type).s("f", o.timeInForce)
            .s("q", i.qty(o.quantity)).s("p", o.price.signum() == 0 ? "0" : i.price(o.price))
            .s("ap", o.avgPrice.signum() == 0 ? "0" : i.price(o.avgPrice)).s("sp", "0").s("x", execution).s("X", o.status)
            .n("i", o.orderId).s("l", lastQty.signum() == 0 ? "0" : i.qty(lastQty)).s("z", o.executedQty.signum() == 0 ? "0" : i.qty(o.executedQty))
            .s("L", lastPrice.signum() == 0 ? "0" : i.price(lastPrice)).s("N", "USDT")
            .s("n", commission.signum() == 0 ? "0" : commission.toPlainString()).n("T", now).n("t", tradeId).s("b", "0").s("a", "0")
            .b("m", false).b("R", o.reduceOnly).s("wt", "CONTRACT_PRICE").s("ot", o.type).s("ps", o.positionSide).b("cp", false)
            .b("pP", false).n("si", 0).n("ss", 0)
            .s("rp", realized.signum() == 0 ? "0" : realized.setScale(8, RoundingMode.HALF_UP).toPlainString())
            .s("V", "EXPIRE_MAKER").s("pm", "NONE").n("gtd", 0);
        return new Obj().s("e", "ORDER_TRADE_UPDATE").n("E", now).n("T", now).raw("o", e.toString()).toString();
    }

    /**
     * The position on ({@code symbol}, {@code positionSide}) changed by the venue itself, not by an order — an
     * auto-deleverage ({@code reason} "ADL"), an insurance clear …: set to {@code amount} at {@code entryPrice},
     * with its {@code ACCOUNT_UPDATE} of that reason and no ORDER_TRADE_UPDATE.
     */
    public void pushPositionChange(final Account account, final String reason, final String symbol, final String positionSide,
        final String amount, final String entryPrice)
    {
        synchronized (lock)
        {
            account.position(symbol, positionSide, amount, entryPrice);
            final Position p = account.position(symbol, positionSide);
            final String event = accountUpdate(account, p, p.entry, serverTime()).replace("\"m\":\"ORDER\"", "\"m\":\"" + reason + "\"");
            push(account, List.of(event));
        }
    }

    /** {@code ACCOUNT_UPDATE} (reason ORDER) with the wallet and the one position a fill changed. */
    private static String accountUpdate(final Account a, final Position p, final BigDecimal mark, final long now)
    {
        final String wallet = a.wallet.setScale(8, RoundingMode.HALF_UP).toPlainString();
        final String balance = new Obj().s("a", "USDT").s("wb", wallet).s("cw", wallet).s("bc", "0").toString();
        final String position = new Obj().s("s", p.symbol).s("pa", p.amount.stripTrailingZeros().toPlainString())
            .s("ep", p.entry.stripTrailingZeros().toPlainString()).s("bep", p.entry.stripTrailingZeros().toPlainString())
            .s("cr", p.realized.setScale(8, RoundingMode.HALF_UP).toPlainString())
            .s("up", mark.subtract(p.entry).multiply(p.amount).setScale(8, RoundingMode.HALF_UP).toPlainString())
            .s("mt", "cross").s("iw", "0").s("ps", p.side).toString();
        return new Obj().s("e", "ACCOUNT_UPDATE").n("T", now).n("E", now)
            .raw("a", new Obj().s("m", "ORDER").raw("B", "[" + balance + "]").raw("P", "[" + position + "]").toString()).toString();
    }

    /** A JSON object written field by field. */
    static final class Obj
    {
        private final StringBuilder sb = new StringBuilder(256).append('{');

        Obj s(final String key, final String value)
        {
            key(key);
            if (value == null)
            {
                sb.append("null");
            }
            else
            {
                sb.append(quote(value));
            }
            return this;
        }

        Obj n(final String key, final long value)
        {
            key(key);
            sb.append(value);
            return this;
        }

        Obj b(final String key, final boolean value)
        {
            key(key);
            sb.append(value);
            return this;
        }

        Obj raw(final String key, final String json)
        {
            key(key);
            sb.append(json);
            return this;
        }

        String quote(final String value)
        {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        private void key(final String key)
        {
            if (sb.length() > 1)
            {
                sb.append(',');
            }
            sb.append('"').append(key).append("\":");
        }

        @Override
        public String toString()
        {
            return sb + "}";
        }
    }

    private static String randomAlphanumeric(final int n)
    {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        final StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static boolean await(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
