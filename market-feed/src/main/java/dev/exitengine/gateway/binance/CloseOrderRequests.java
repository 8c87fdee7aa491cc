package dev.exitengine.gateway.binance;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.CloseOrder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account's reduce-only MARKET closes as Binance USDⓈ-M requests: the signed query of
 * {@code POST /fapi/v1/order} and the WebSocket API's {@code order.place}. One-way accounts mark a close
 * {@code reduceOnly=true}; hedge accounts name its {@code positionSide} and send no {@code reduceOnly}.
 * The quantity is rounded down to the step and written with exactly the step's decimals ({@code 0.010} for
 * a step of 0.001), as Binance's own examples write it. The client order id is the engine's
 * {@code xe-<position>-<attempt>} (at most 24 characters), so an unknown outcome can be looked up by
 * {@code origClientOrderId}. It does not make a resend safe: Binance refuses a duplicate id only while the
 * first order is still open ({@code -4116}), and a MARKET close is not open for long — so an order whose
 * outcome is unknown is looked up, never sent again blindly ({@link AccountOrders}). Same thread as its signer.
 */
public final class CloseOrderRequests
{
    /** The REST path of a new order. */
    public static final String PATH = "/fapi/v1/order";
    /** Binance's default; at most 60000. */
    public static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    /** Binance allows 36 characters of this alphabet; its portfolio-margin API and hummingbot keep to 32. */
    static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,32}$");
    /** Integers in Binance's documentation, JSON numbers in the WebSocket request; decimals stay strings, exactly as signed. */
    private static final Set<String> INTEGER_PARAMS = Set.of("recvWindow", "timestamp");

    private final RequestSigner signer;
    private final ServerClock clock;
    private final PositionMode mode;
    private final String recvWindow;

    public CloseOrderRequests(final RequestSigner signer, final ServerClock clock, final PositionMode mode, final long recvWindowMs)
    {
        if (recvWindowMs < 1 || recvWindowMs > 60_000)
        {
            throw new IllegalArgumentException("recvWindow must be 1 to 60000 ms, was " + recvWindowMs);
        }
        this.signer = signer;
        this.clock = clock;
        this.mode = mode;
        this.recvWindow = Long.toString(recvWindowMs);
    }

    /**
     * A-Z and 0-9, 1 to 32 of them (no regex on the order path): symbols outside this alphabet would need
     * percent-encoding, whose signing rule for USDⓈ-M is unconfirmed.
     */
    private static boolean isSymbol(final String symbol)
    {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 32)
        {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'))
            {
                return false;
            }
        }
        return true;
    }

    /** The parameters of the close, unsigned, in the order the REST query carries them. */
    public Map<String, String> params(final CloseOrder order, final long timestamp)
    {
        return params(order, timestamp, Fixed.NONE);
    }

    /**
     * The parameters of the close as a MARKET order, or — {@code limitPrice} given — as an IOC LIMIT at that
     * price (on the tick grid: rounded toward the side's better price, so a price at the edge of the venue's
     * band stays inside it), the fallback when a MARKET close on a thin book breaks the band ({@code -4131}).
     */
    public Map<String, String> params(final CloseOrder order, final long timestamp, final long limitPrice)
    {
        final String symbol = order.symbol;
        if (!isSymbol(symbol))
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + ": symbol '" + symbol + "' is not A-Z and 0-9");
        }
        final PositionSide positionSide = order.positionSide == null ? PositionSide.BOTH : order.positionSide;
        if (positionSide != PositionSide.BOTH && order.side != positionSide.closingSide())
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + " " + symbol + ": " + order.side
                + " does not close a " + positionSide + " position");
        }
        if (mode == PositionMode.HEDGE && positionSide == PositionSide.BOTH)
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + " " + symbol
                + ": a hedge-mode account needs positionSide LONG or SHORT, not BOTH");
        }
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        p.put("side", order.side.name());
        if (mode == PositionMode.HEDGE)
        {
            p.put("positionSide", positionSide.name());
        }
        if (limitPrice == Fixed.NONE)
        {
            p.put("type", "MARKET");
        }
        else
        {
            p.put("type", "LIMIT");
            p.put("timeInForce", "IOC");
            p.put("price", price(order, limitPrice));
        }
        p.put("quantity", quantity(order));
        if (mode == PositionMode.ONE_WAY)
        {
            p.put("reduceOnly", "true");
        }
        p.put("newClientOrderId", clientOrderId(order.clientOrderId));
        p.put("newOrderRespType", "RESULT");
        p.put("recvWindow", recvWindow);
        p.put("timestamp", Long.toString(timestamp));
        return p;
    }

    /** The signed query of {@code POST /fapi/v1/order}, stamped with the venue's time now. */
    public String restQuery(final CloseOrder order)
    {
        return restQuery(order, clock.now());
    }

    /** The signed query of {@code POST /fapi/v1/order}: parameters in order, {@code signature} last. */
    public String restQuery(final CloseOrder order, final long timestamp)
    {
        return signer.signedQuery(RequestSigner.query(params(order, timestamp)));
    }

    /** The WebSocket API {@code order.place} request, stamped with the venue's time now. */
    public String webSocketRequest(final CloseOrder order, final String requestId)
    {
        return webSocketRequest(order, requestId, clock.now());
    }

    /**
     * The WebSocket API {@code order.place} request: parameters with {@code apiKey}, sorted by name, then the
     * {@code signature} over them. {@code requestId} matches the answer to the request on the connection.
     */
    public String webSocketRequest(final CloseOrder order, final String requestId, final long timestamp)
    {
        return signedWebSocketRequest("order.place", requestId, params(order, timestamp));
    }

    /** The {@code order.place} request of an IOC LIMIT close at {@code limitPrice}, stamped with the venue's time now. */
    public String webSocketLimitRequest(final CloseOrder order, final String requestId, final long limitPrice)
    {
        return signedWebSocketRequest("order.place", requestId, params(order, clock.now(), limitPrice));
    }

    /** The signed query of {@code POST /fapi/v1/order} for an IOC LIMIT close at {@code limitPrice}. */
    public String restLimitQuery(final CloseOrder order, final long limitPrice)
    {
        return signer.signedQuery(RequestSigner.query(params(order, clock.now(), limitPrice)));
    }

    /** The {@code order.status} request of the close with {@code clientOrderId}: what became of it. */
    public String webSocketStatusRequest(final String symbol, final String clientOrderId, final String requestId)
    {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        p.put("origClientOrderId", clientOrderId);
        p.put("recvWindow", recvWindow);
        p.put("timestamp", Long.toString(clock.now()));
        return signedWebSocketRequest("order.status", requestId, p);
    }

    /**
     * A signed WebSocket API request: {@code params} with {@code apiKey}, sorted by name, then the
     * {@code signature} over them (all parameters but the signature, sorted, as the WebSocket API requires).
     */
    public String signedWebSocketRequest(final String method, final String requestId, final Map<String, String> unsigned)
    {
        final Map<String, String> params = new TreeMap<>(unsigned);
        params.put("apiKey", signer.credentials().apiKey());
        final String signature = signer.webSocketSignature(params);
        // written by hand: every value is ASCII of a known alphabet, and a JSON generator per request cost more
        // than the rest of the request together (measured by the quick profile's order section)
        final StringBuilder out = new StringBuilder(512);
        out.append("{\"id\":");
        jsonString(out, requestId);
        out.append(",\"method\":");
        jsonString(out, method);
        out.append(",\"params\":{");
        for (final Map.Entry<String, String> e : params.entrySet())
        {
            jsonString(out, e.getKey());
            out.append(':');
            if (INTEGER_PARAMS.contains(e.getKey()))
            {
                out.append(Long.parseLong(e.getValue()));
            }
            else
            {
                jsonString(out, e.getValue());
            }
            out.append(',');
        }
        out.append("\"signature\":");
        jsonString(out, signature);
        out.append("}}");
        return out.toString();
    }

    /** {@code text} as a JSON string: quotes, backslashes and control characters escaped. */
    private static void jsonString(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The close's quantity on the step grid, rounded down, with the step's decimals; refuses less than one step. */
    static String quantity(final CloseOrder order)
    {
        if (order.stepSize <= 0)
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + " " + order.symbol + ": no step size");
        }
        final long qty = Fixed.roundDownToStep(order.qty, order.stepSize);
        if (qty <= 0)
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + " " + order.symbol + ": quantity "
                + Fixed.toString(order.qty) + " is less than one step of " + Fixed.toString(order.stepSize));
        }
        return plain(qty, decimals(order.stepSize));
    }

    /** {@code price} on the close's tick grid, rounded toward the better price for its side (a SELL up, a BUY down). */
    static String price(final CloseOrder order, final long price)
    {
        if (order.tickSize <= 0 || price <= 0)
        {
            throw new IllegalArgumentException("close " + order.clientOrderIdText() + " " + order.symbol + ": no tick size or price");
        }
        final long down = Fixed.roundDownToStep(price, order.tickSize);
        final long onGrid = order.side == dev.exitengine.core.event.Side.BUY || down == price ? down : down + order.tickSize;
        return plain(onGrid, decimals(order.tickSize));
    }

    /** The decimals a grid step of fixed-point {@code step} has (0.001 → 3, 1 → 0). */
    static int decimals(final long step)
    {
        int d = Fixed.SCALE_DIGITS;
        long v = step;
        while (d > 0 && v % 10 == 0)
        {
            v /= 10;
            d--;
        }
        return d;
    }

    /** A positive fixed-point value on a grid of {@code decimals} decimals, written with exactly those. */
    static String plain(final long value, final int decimals)
    {
        final StringBuilder sb = new StringBuilder(24).append(value / Fixed.ONE);
        if (decimals > 0)
        {
            final String frac = Long.toString(Fixed.ONE + value % Fixed.ONE); // a leading 1 keeps the zeros: 1xxxxxxxx
            sb.append('.').append(frac, 1, 1 + decimals);
        }
        return sb.toString();
    }

    /** What {@link #CLIENT_ORDER_ID} says, without a regex on the order path. */
    static boolean isClientOrderId(final String text)
    {
        if (text.isEmpty() || text.length() > 32)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '/' || c == '_'
                || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /** The engine's client order id as Binance takes it; refuses one outside its alphabet or over 32 characters. */
    static String clientOrderId(final long clientOrderId)
    {
        final String text = ClientOrderIds.toString(clientOrderId);
        if (!isClientOrderId(text))
        {
            throw new IllegalArgumentException("client order id '" + text + "' is not 1 to 32 of [.A-Z:/a-z0-9_-]");
        }
        return text;
    }
}
