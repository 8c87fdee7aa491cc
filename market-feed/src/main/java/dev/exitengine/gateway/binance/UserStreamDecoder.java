package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;

/**
 * Decodes frames of the Binance USDⓈ-M user data stream, raw ({@code {"e":…}}) or wrapped by a combined
 * stream ({@code {"stream":…,"data":{…}}}), into reused holders and hands each to a
 * {@link UserStreamListener}: exactly one call per frame. A frame that cannot be read is reported through
 * {@link UserStreamListener#onMalformed} naming what was wrong, never thrown; an exception thrown by the
 * listener itself is not caught. Unknown fields are skipped; field names are case-sensitive ({@code T}
 * and {@code t}, {@code X} and {@code x}, … are different fields). JSON {@code null} counts as absent.
 * Decimals go through {@link Fixed#parse} straight from the parser's characters.
 * <p>
 * Two passes per frame: the first checks the whole frame's syntax and finds the event type wherever
 * {@code e} stands, the second reads the event. Holders are allocated once, with the decoder; strings
 * are allocated per frame. Not thread-safe: one decoder per receiving thread.
 */
public final class UserStreamDecoder
{
    /** The event types this decoder reads into holders. */
    public static final String ORDER_TRADE_UPDATE = "ORDER_TRADE_UPDATE";
    public static final String TRADE_LITE = "TRADE_LITE";
    public static final String ACCOUNT_UPDATE = "ACCOUNT_UPDATE";
    public static final String ALGO_UPDATE = "ALGO_UPDATE";
    public static final String LISTEN_KEY_EXPIRED = "listenKeyExpired";

    private static final int KIND_ORDER = 1;
    private static final int KIND_TRADE_LITE = 2;
    private static final int KIND_ACCOUNT = 3;
    private static final int KIND_ALGO = 4;
    private static final int KIND_EXPIRED = 5;
    private static final int KIND_OTHER = 6;

    private static final String[] ORDER_FIELDS = {"E", "o", "o.s", "o.c", "o.i", "o.S", "o.o", "o.x", "o.X", "o.q", "o.l", "o.L", "o.z", "o.ap"};
    private static final String[] TRADE_LITE_FIELDS = {"E", "s", "c", "S", "i", "l", "L", "t"};
    private static final String[] ALGO_FIELDS = {"E", "o", "o.caid", "o.aid", "o.s", "o.X"};

    private final JsonFactory factory = new JsonFactory();
    private final OrderUpdate order = new OrderUpdate();
    private final TradeLite tradeLite = new TradeLite();
    private final AccountUpdate account = new AccountUpdate();
    private final AlgoUpdate algo = new AlgoUpdate();
    /** Typed field reading, with refusals that name the event and the field. */
    private final UserStreamFields f = new UserStreamFields();
    private final AccountUpdateReader accountReader = new AccountUpdateReader(f);
    /** The bodies below the envelopes, bound once (no allocation per event). */
    private final UserStreamFields.Body orderBody = p -> readOrder(p, order);
    private final UserStreamFields.Body algoBody = p -> readAlgo(p, algo);

    private boolean wrapped;
    private long otherEventTime;
    private String expiredListenKey;

    /** Decodes one frame (its whole text) and makes exactly one call on {@code listener}. */
    public void decode(final CharSequence frame, final UserStreamListener listener)
    {
        final String text = frame.toString();
        decode(() -> factory.createParser(text), listener);
    }

    /** Decodes one frame given as UTF-8 bytes and makes exactly one call on {@code listener}. */
    public void decode(final byte[] utf8, final int offset, final int length, final UserStreamListener listener)
    {
        decode(() -> factory.createParser(utf8, offset, length), listener);
    }

    /** A new parser over the frame, for each of the two passes. */
    private interface FrameParsers
    {
        JsonParser open() throws IOException;
    }

    private void decode(final FrameParsers frame, final UserStreamListener listener)
    {
        final int kind;
        try
        {
            try (JsonParser p = frame.open())
            {
                findType(p);
            }
            try (JsonParser p = frame.open())
            {
                kind = readEvent(p);
            }
        }
        catch (final UserStreamFields.Malformed ex)
        {
            listener.onMalformed(ex.getMessage());
            return;
        }
        catch (final JsonProcessingException ex)
        {
            listener.onMalformed(f.prefixed("not valid JSON: " + ex.getOriginalMessage()));
            return;
        }
        catch (final IOException ex)
        {
            listener.onMalformed(f.prefixed("unreadable: " + ex.getMessage()));
            return;
        }
        dispatch(kind, listener);
    }

    private void dispatch(final int kind, final UserStreamListener listener)
    {
        switch (kind)
        {
            case KIND_ORDER:
                listener.onOrderUpdate(order);
                break;
            case KIND_TRADE_LITE:
                listener.onTradeLite(tradeLite);
                break;
            case KIND_ACCOUNT:
                listener.onAccountUpdate(account);
                break;
            case KIND_ALGO:
                listener.onAlgoUpdate(algo);
                break;
            case KIND_EXPIRED:
                listener.onListenKeyExpired(otherEventTime, expiredListenKey);
                break;
            default:
                listener.onOtherEvent(f.eventType, otherEventTime);
                break;
        }
    }

    /** First pass: the whole frame is one JSON object; its (or its {@code data}'s) {@code e} is the event type. */
    private void findType(final JsonParser p) throws IOException
    {
        f.eventType = null;
        wrapped = false;
        if (p.nextToken() != JsonToken.START_OBJECT)
        {
            throw new UserStreamFields.Malformed("not a JSON object");
        }
        String rawType = null;
        String dataType = null;
        boolean hasData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            if ("e".equals(name))
            {
                rawType = typeText(p, t);
            }
            else if ("data".equals(name) && t == JsonToken.START_OBJECT)
            {
                hasData = true;
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String inner = p.currentName();
                    final JsonToken it = p.nextToken();
                    if ("e".equals(inner))
                    {
                        dataType = typeText(p, it);
                    }
                    else
                    {
                        p.skipChildren();
                    }
                }
            }
            else
            {
                p.skipChildren();
            }
        }
        if (p.nextToken() != null)
        {
            throw new UserStreamFields.Malformed("content after the JSON object");
        }
        if (rawType != null)
        {
            f.eventType = rawType;
        }
        else if (hasData)
        {
            if (dataType == null)
            {
                throw new UserStreamFields.Malformed("missing field data.e");
            }
            f.eventType = dataType;
            wrapped = true;
        }
        else
        {
            throw new UserStreamFields.Malformed("missing field e");
        }
    }

    private static String typeText(final JsonParser p, final JsonToken t) throws IOException
    {
        if (t != JsonToken.VALUE_STRING || p.getTextLength() == 0)
        {
            throw new UserStreamFields.Malformed("field e is not an event type: " + p.getText());
        }
        return p.getText();
    }

    /** Second pass: positions on the event object and reads it by its type. */
    private int readEvent(final JsonParser p) throws IOException
    {
        p.nextToken();
        if (wrapped)
        {
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken t = p.nextToken();
                if ("data".equals(name) && t == JsonToken.START_OBJECT)
                {
                    break;
                }
                p.skipChildren();
            }
        }
        switch (f.eventType)
        {
            case ORDER_TRADE_UPDATE:
                readOrderUpdate(p);
                return KIND_ORDER;
            case TRADE_LITE:
                readTradeLite(p);
                return KIND_TRADE_LITE;
            case ACCOUNT_UPDATE:
                accountReader.read(p, account);
                return KIND_ACCOUNT;
            case ALGO_UPDATE:
                readAlgoUpdate(p);
                return KIND_ALGO;
            case LISTEN_KEY_EXPIRED:
                readListenKeyExpired(p);
                return KIND_EXPIRED;
            default:
                readOther(p);
                return KIND_OTHER;
        }
    }

    private void readOrderUpdate(final JsonParser p) throws IOException
    {
        final OrderUpdate u = order;
        u.reset();
        final int seen = f.envelope(p, "o", orderBody);
        u.eventTime = f.eventTime;
        u.transactionTime = f.transactionTime;
        f.require(seen, ORDER_FIELDS);
    }

    private int readOrder(final JsonParser p, final OrderUpdate u) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "s":
                    u.symbol = f.string(p, t, "o.s");
                    seen |= UserStreamFields.present(u.symbol, 2);
                    break;
                case "c":
                    u.clientOrderId = f.string(p, t, "o.c");
                    seen |= UserStreamFields.present(u.clientOrderId, 3);
                    break;
                case "i":
                    u.orderId = f.integer(p, t, "o.i", false);
                    seen |= UserStreamFields.present(t, 4);
                    break;
                case "S":
                    u.side = f.string(p, t, "o.S");
                    seen |= UserStreamFields.present(u.side, 5);
                    break;
                case "o":
                    u.orderType = f.string(p, t, "o.o");
                    seen |= UserStreamFields.present(u.orderType, 6);
                    break;
                case "ot":
                    u.originalType = f.string(p, t, "o.ot");
                    break;
                case "x":
                    u.execType = f.string(p, t, "o.x");
                    seen |= UserStreamFields.present(u.execType, 7);
                    break;
                case "X":
                    u.status = f.string(p, t, "o.X");
                    seen |= UserStreamFields.present(u.status, 8);
                    break;
                case "q":
                    u.origQty = f.decimal(p, t, "o.q", false);
                    seen |= UserStreamFields.present(u.origQty, 9);
                    break;
                case "l":
                    u.lastQty = f.decimal(p, t, "o.l", false);
                    seen |= UserStreamFields.present(u.lastQty, 10);
                    break;
                case "L":
                    u.lastPrice = f.decimal(p, t, "o.L", false);
                    seen |= UserStreamFields.present(u.lastPrice, 11);
                    break;
                case "z":
                    u.cumQty = f.decimal(p, t, "o.z", false);
                    seen |= UserStreamFields.present(u.cumQty, 12);
                    break;
                case "ap":
                    u.avgPrice = f.decimal(p, t, "o.ap", false);
                    seen |= UserStreamFields.present(u.avgPrice, 13);
                    break;
                case "n":
                    u.commission = f.decimal(p, t, "o.n", true);
                    break;
                case "N":
                    u.commissionAsset = UserStreamFields.emptyToNull(f.string(p, t, "o.N"));
                    break;
                case "T":
                    u.tradeTime = f.integer(p, t, "o.T", false);
                    break;
                case "t":
                    u.tradeId = f.integer(p, t, "o.t", false);
                    break;
                case "m":
                    u.maker = f.bool(p, t, "o.m");
                    break;
                case "R":
                    u.reduceOnly = f.bool(p, t, "o.R");
                    break;
                case "ps":
                    u.positionSide = f.string(p, t, "o.ps");
                    break;
                case "rp":
                    u.realizedPnl = UserStreamFields.orZero(f.decimal(p, t, "o.rp", true));
                    break;
                case "cp":
                    u.closeAll = f.bool(p, t, "o.cp");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return seen;
    }

    private void readTradeLite(final JsonParser p) throws IOException
    {
        final TradeLite u = tradeLite;
        u.reset();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "E":
                    u.eventTime = f.integer(p, t, "E", false);
                    seen |= UserStreamFields.present(t, 0);
                    break;
                case "T":
                    u.transactionTime = f.integer(p, t, "T", false);
                    break;
                case "s":
                    u.symbol = f.string(p, t, "s");
                    seen |= UserStreamFields.present(u.symbol, 1);
                    break;
                case "c":
                    u.clientOrderId = f.string(p, t, "c");
                    seen |= UserStreamFields.present(u.clientOrderId, 2);
                    break;
                case "S":
                    u.side = f.string(p, t, "S");
                    seen |= UserStreamFields.present(u.side, 3);
                    break;
                case "q":
                    u.origQty = UserStreamFields.orZero(f.decimal(p, t, "q", true));
                    break;
                case "p":
                    u.price = UserStreamFields.orZero(f.decimal(p, t, "p", true));
                    break;
                case "i":
                    u.orderId = f.integer(p, t, "i", false);
                    seen |= UserStreamFields.present(t, 4);
                    break;
                case "l":
                    u.lastQty = f.decimal(p, t, "l", false);
                    seen |= UserStreamFields.present(u.lastQty, 5);
                    break;
                case "L":
                    u.lastPrice = f.decimal(p, t, "L", false);
                    seen |= UserStreamFields.present(u.lastPrice, 6);
                    break;
                case "t":
                    u.tradeId = f.integer(p, t, "t", false);
                    seen |= UserStreamFields.present(t, 7);
                    break;
                case "m":
                    u.maker = f.bool(p, t, "m");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        f.require(seen, TRADE_LITE_FIELDS);
    }

    private void readAlgoUpdate(final JsonParser p) throws IOException
    {
        final AlgoUpdate u = algo;
        u.reset();
        final int seen = f.envelope(p, "o", algoBody);
        u.eventTime = f.eventTime;
        u.transactionTime = f.transactionTime;
        f.require(seen, ALGO_FIELDS);
    }

    private int readAlgo(final JsonParser p, final AlgoUpdate u) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "caid":
                    u.clientAlgoId = f.string(p, t, "o.caid");
                    seen |= UserStreamFields.present(u.clientAlgoId, 2);
                    break;
                case "aid":
                    u.algoId = f.integer(p, t, "o.aid", false);
                    seen |= UserStreamFields.present(t, 3);
                    break;
                case "at":
                    u.algoType = f.string(p, t, "o.at");
                    break;
                case "o":
                    u.orderType = f.string(p, t, "o.o");
                    break;
                case "s":
                    u.symbol = f.string(p, t, "o.s");
                    seen |= UserStreamFields.present(u.symbol, 4);
                    break;
                case "S":
                    u.side = f.string(p, t, "o.S");
                    break;
                case "ps":
                    u.positionSide = f.string(p, t, "o.ps");
                    break;
                case "q":
                    u.quantity = f.decimal(p, t, "o.q", true);
                    break;
                case "X":
                    u.status = f.string(p, t, "o.X");
                    seen |= UserStreamFields.present(u.status, 5);
                    break;
                case "ai":
                    u.actualOrderId = f.integer(p, t, "o.ai", true);
                    break;
                case "tp":
                    u.triggerPrice = f.decimal(p, t, "o.tp", true);
                    break;
                case "cp":
                    u.closePosition = f.bool(p, t, "o.cp");
                    break;
                case "R":
                    u.reduceOnly = f.bool(p, t, "o.R");
                    break;
                case "rm":
                    u.rejectReason = UserStreamFields.emptyToNull(f.string(p, t, "o.rm"));
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return seen;
    }

    private void readListenKeyExpired(final JsonParser p) throws IOException
    {
        otherEventTime = 0;
        expiredListenKey = null;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            if ("E".equals(name))
            {
                otherEventTime = f.integer(p, t, "E", false);
                seen |= UserStreamFields.present(t, 0);
            }
            else if ("listenKey".equals(name))
            {
                expiredListenKey = f.string(p, t, "listenKey");
            }
            else
            {
                p.skipChildren();
            }
        }
        if (seen == 0)
        {
            throw f.malformed("missing field E");
        }
    }

    private void readOther(final JsonParser p) throws IOException
    {
        otherEventTime = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            if ("E".equals(name) && t == JsonToken.VALUE_NUMBER_INT)
            {
                otherEventTime = p.getLongValue();
            }
            else
            {
                p.skipChildren();
            }
        }
    }
}
