package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer bodies of Binance USDⓈ-M REST calls (and the {@code result} of their WebSocket API
 * twins) that the engine needs at start and to reconcile: text in, records out. Decimals are {@link Fixed}
 * longs (eight places), read through {@link Fixed#parse}, never {@code double}. Bad input (not JSON, a
 * required field missing, a value that does not read) throws {@link IllegalArgumentException} naming the
 * endpoint and the field; an error answer ({@code {"code":-2011,"msg":"…"}}) throws one quoting it.
 * Unknown fields are skipped; JSON {@code null} counts as absent. Off the hot path: allocates freely.
 */
public final class AccountReads
{
    public static final String SERVER_TIME = "GET /fapi/v1/time";
    public static final String POSITION_MODE = "GET /fapi/v1/positionSide/dual";
    public static final String COMMISSION_RATE = "GET /fapi/v1/commissionRate";
    public static final String POSITION_RISK = "GET /fapi/v3/positionRisk";
    public static final String OPEN_ORDERS = "GET /fapi/v1/openOrders";
    public static final String OPEN_ALGO_ORDERS = "GET /fapi/v1/openAlgoOrders";
    public static final String ORDER = "/fapi/v1/order";
    public static final String ALGO_ORDER = "/fapi/v1/algoOrder";
    public static final String LISTEN_KEY = "POST /fapi/v1/listenKey";

    private static final JsonFactory FACTORY = new JsonFactory();

    /** {@code GET /fapi/v1/commissionRate}: the account's rates for a symbol (0.0002 is 20_000). */
    public record CommissionRate(String symbol, long maker, long taker)
    {
    }

    /** One entry of {@code GET /fapi/v3/positionRisk} (or v2): {@code amount} is signed, negative for a short. */
    public record PositionRisk(String symbol, String positionSide, long amount, long entryPrice, long breakEvenPrice,
        long markPrice, long updateTime)
    {
    }

    /** One entry of {@code GET /fapi/v1/openOrders}. */
    public record OpenOrder(String symbol, long orderId, String clientOrderId, String side, String positionSide, String type,
        String status, long origQty, long executedQty, long avgPrice, boolean reduceOnly, long updateTime)
    {
    }

    /** One entry of {@code GET /fapi/v1/openAlgoOrders}; {@code triggerPrice} is {@link Fixed#NONE} when absent or empty. */
    public record OpenAlgoOrder(long algoId, String clientAlgoId, String symbol, String side, String positionSide,
        String orderType, long triggerPrice, boolean closePosition, String algoStatus)
    {
    }

    /**
     * An order as {@code POST /fapi/v1/order} (ACK or RESULT), {@code GET /fapi/v1/order} and the {@code result}
     * of WS API {@code order.place}/{@code order.status} describe it; {@code avgPrice} is {@link Fixed#NONE}
     * when the answer has none (some acks), {@code updateTime} 0.
     */
    public record OrderAnswer(String symbol, long orderId, String clientOrderId, String status, long origQty,
        long executedQty, long avgPrice, long updateTime)
    {
    }

    /** {@code POST} or {@code DELETE /fapi/v1/algoOrder}; a cancel's answer has no {@code algoStatus} (null). */
    public record AlgoOrderAnswer(long algoId, String clientAlgoId, String algoStatus)
    {
    }

    private AccountReads()
    {
    }

    /** {@code {"serverTime":1499827319559}} → the server's time in ms. */
    public static long serverTime(final String body)
    {
        return object(SERVER_TIME, body).integer("serverTime");
    }

    /** {@code {"dualSidePosition":true}} → true in hedge mode, false in one-way mode. */
    public static boolean dualSidePosition(final String body)
    {
        return object(POSITION_MODE, body).bool("dualSidePosition");
    }

    /** {@code {"symbol","makerCommissionRate","takerCommissionRate",…}}. */
    public static CommissionRate commissionRate(final String body)
    {
        final Fields f = object(COMMISSION_RATE, body);
        return new CommissionRate(f.string("symbol"), f.decimal("makerCommissionRate"), f.decimal("takerCommissionRate"));
    }

    /** The positions of {@code GET /fapi/v3/positionRisk} (or v2, the same fields) with a non-zero amount, in order. */
    public static List<PositionRisk> positions(final String body)
    {
        final List<Fields> all = array(POSITION_RISK, body);
        final List<PositionRisk> out = new ArrayList<>(all.size());
        for (final Fields f : all)
        {
            final PositionRisk p = new PositionRisk(f.string("symbol"), f.string("positionSide"), f.decimal("positionAmt"),
                f.decimal("entryPrice"), f.decimal("breakEvenPrice"), f.decimal("markPrice"), f.integer("updateTime"));
            if (p.amount() != 0)
            {
                out.add(p);
            }
        }
        return out;
    }

    /** The orders of {@code GET /fapi/v1/openOrders}, in order. */
    public static List<OpenOrder> openOrders(final String body)
    {
        final List<Fields> all = array(OPEN_ORDERS, body);
        final List<OpenOrder> out = new ArrayList<>(all.size());
        for (final Fields f : all)
        {
            out.add(new OpenOrder(f.string("symbol"), f.integer("orderId"), f.string("clientOrderId"), f.string("side"),
                f.string("positionSide"), f.string("type"), f.string("status"), f.decimal("origQty"), f.decimal("executedQty"),
                f.decimal("avgPrice"), f.bool("reduceOnly"), f.integer("updateTime")));
        }
        return out;
    }

    /** The conditional orders of {@code GET /fapi/v1/openAlgoOrders} (a JSON array), in order. */
    public static List<OpenAlgoOrder> openAlgoOrders(final String body)
    {
        final List<Fields> all = array(OPEN_ALGO_ORDERS, body);
        final List<OpenAlgoOrder> out = new ArrayList<>(all.size());
        for (final Fields f : all)
        {
            out.add(new OpenAlgoOrder(f.integer("algoId"), f.string("clientAlgoId"), f.string("symbol"), f.string("side"),
                f.string("positionSide"), f.string("orderType"), f.optionalDecimal("triggerPrice"),
                f.optionalBool("closePosition"), f.string("algoStatus")));
        }
        return out;
    }

    /** An order answer: REST {@code POST}/{@code GET /fapi/v1/order}, or a WS API {@code result} object. */
    public static OrderAnswer order(final String body)
    {
        final Fields f = object(ORDER, body);
        return new OrderAnswer(f.string("symbol"), f.integer("orderId"), f.string("clientOrderId"), f.string("status"),
            f.decimal("origQty"), f.decimal("executedQty"), f.optionalDecimal("avgPrice"), f.optionalInteger("updateTime"));
    }

    /** An algo order answer: {@code POST} (with {@code algoStatus}) or {@code DELETE /fapi/v1/algoOrder} (without). */
    public static AlgoOrderAnswer algoOrder(final String body)
    {
        final Fields f = object(ALGO_ORDER, body);
        return new AlgoOrderAnswer(f.integer("algoId"), f.string("clientAlgoId"), f.optionalString("algoStatus"));
    }

    /** {@code {"listenKey":"…"}} (also the {@code result} of WS API {@code userDataStream.start}). */
    public static String listenKey(final String body)
    {
        return object(LISTEN_KEY, body).string("listenKey");
    }

    // ---------------------------------------------------------------- reading

    private static Fields object(final String endpoint, final String body)
    {
        try (JsonParser p = FACTORY.createParser(body == null ? "" : body))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IllegalArgumentException(endpoint + ": not a JSON object: " + abbreviate(body));
            }
            final Fields f = read(p, endpoint);
            trailing(p, endpoint);
            f.refuseError();
            return f;
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(endpoint + ": not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(endpoint + ": unreadable: " + ex.getMessage(), ex);
        }
    }

    private static List<Fields> array(final String endpoint, final String body)
    {
        try (JsonParser p = FACTORY.createParser(body == null ? "" : body))
        {
            final JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT)
            {
                read(p, endpoint).refuseError();
                throw new IllegalArgumentException(endpoint + ": not a JSON array: " + abbreviate(body));
            }
            if (first != JsonToken.START_ARRAY)
            {
                throw new IllegalArgumentException(endpoint + ": not a JSON array: " + abbreviate(body));
            }
            final List<Fields> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT)
            {
                out.add(read(p, endpoint + " [" + out.size() + "]"));
            }
            if (t != JsonToken.END_ARRAY)
            {
                throw new IllegalArgumentException(endpoint + " [" + out.size() + "]: not a JSON object");
            }
            trailing(p, endpoint);
            return out;
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(endpoint + ": not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(endpoint + ": unreadable: " + ex.getMessage(), ex);
        }
    }

    private static void trailing(final JsonParser p, final String endpoint) throws IOException
    {
        if (p.nextToken() != null)
        {
            throw new IllegalArgumentException(endpoint + ": content after the JSON value");
        }
    }

    /** The scalar fields of the object the parser stands on (its START_OBJECT read); nested values are skipped. */
    private static Fields read(final JsonParser p, final String where) throws IOException
    {
        final Fields f = new Fields(where);
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            if (t.isScalarValue() && t != JsonToken.VALUE_NULL)
            {
                f.values.put(name, p.getText());
            }
            else
            {
                p.skipChildren();
            }
        }
        return f;
    }

    private static String abbreviate(final String body)
    {
        if (body == null)
        {
            return "null";
        }
        return body.length() <= 120 ? body : body.substring(0, 120) + "…";
    }

    /** One object's scalar fields as text, and where it came from for error messages. */
    private static final class Fields
    {
        private final String where;
        private final Map<String, String> values = new HashMap<>();

        Fields(final String where)
        {
            this.where = where;
        }

        void refuseError()
        {
            final String code = values.get("code");
            if (code != null && code.startsWith("-"))
            {
                throw new IllegalArgumentException(where + ": error answer " + code + ' ' + values.getOrDefault("msg", ""));
            }
        }

        String string(final String name)
        {
            final String v = values.get(name);
            if (v == null)
            {
                throw missing(name);
            }
            return v;
        }

        String optionalString(final String name)
        {
            final String v = values.get(name);
            return v == null || v.isEmpty() ? null : v;
        }

        long decimal(final String name)
        {
            return parseDecimal(name, string(name));
        }

        long optionalDecimal(final String name)
        {
            final String v = values.get(name);
            return v == null || v.isEmpty() ? Fixed.NONE : parseDecimal(name, v);
        }

        private long parseDecimal(final String name, final String v)
        {
            try
            {
                return Fixed.parse(v);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + ": bad decimal in field " + name + ": '" + v + "' (" + ex.getMessage() + ')');
            }
        }

        long integer(final String name)
        {
            return parseInteger(name, string(name));
        }

        long optionalInteger(final String name)
        {
            final String v = values.get(name);
            return v == null || v.isEmpty() ? 0 : parseInteger(name, v);
        }

        private long parseInteger(final String name, final String v)
        {
            try
            {
                return Long.parseLong(v);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + ": bad integer in field " + name + ": '" + v + '\'');
            }
        }

        boolean bool(final String name)
        {
            return parseBool(name, string(name));
        }

        boolean optionalBool(final String name)
        {
            final String v = values.get(name);
            return v != null && parseBool(name, v);
        }

        private boolean parseBool(final String name, final String v)
        {
            if ("true".equals(v))
            {
                return true;
            }
            if ("false".equals(v))
            {
                return false;
            }
            throw new IllegalArgumentException(where + ": field " + name + " is not a boolean: '" + v + '\'');
        }

        private IllegalArgumentException missing(final String name)
        {
            return new IllegalArgumentException(where + ": missing field " + name);
        }
    }
}
