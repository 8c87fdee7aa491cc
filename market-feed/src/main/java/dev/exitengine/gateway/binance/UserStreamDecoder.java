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
    private static final String[] ACCOUNT_FIELDS = {"E", "a", "a.m"};
    private static final String[] POSITION_FIELDS = {"s", "ps", "pa", "ep"};
    private static final String[] BALANCE_FIELDS = {"a", "wb"};
    private static final String[] ALGO_FIELDS = {"E", "o", "o.caid", "o.aid", "o.s", "o.X"};

    private final JsonFactory factory = new JsonFactory();
    private final OrderUpdate order = new OrderUpdate();
    private final TradeLite tradeLite = new TradeLite();
    private final AccountUpdate account = new AccountUpdate();
    private final AlgoUpdate algo = new AlgoUpdate();
    private final CharsView chars = new CharsView();

    private String eventType;
    private boolean wrapped;
    private long otherEventTime;
    private String expiredListenKey;

    /** Decodes one frame (its whole text) and makes exactly one call on {@code listener}. */
    public void decode(final CharSequence frame, final UserStreamListener listener)
    {
        final String text = frame.toString();
        final int kind;
        try
        {
            try (JsonParser p = factory.createParser(text))
            {
                findType(p);
            }
            try (JsonParser p = factory.createParser(text))
            {
                kind = readEvent(p);
            }
        }
        catch (final Malformed ex)
        {
            listener.onMalformed(ex.getMessage());
            return;
        }
        catch (final JsonProcessingException ex)
        {
            listener.onMalformed(prefixed("not valid JSON: " + ex.getOriginalMessage()));
            return;
        }
        catch (final IOException ex)
        {
            listener.onMalformed(prefixed("unreadable: " + ex.getMessage()));
            return;
        }
        dispatch(kind, listener);
    }

    /** Decodes one frame given as UTF-8 bytes and makes exactly one call on {@code listener}. */
    public void decode(final byte[] utf8, final int offset, final int length, final UserStreamListener listener)
    {
        final int kind;
        try
        {
            try (JsonParser p = factory.createParser(utf8, offset, length))
            {
                findType(p);
            }
            try (JsonParser p = factory.createParser(utf8, offset, length))
            {
                kind = readEvent(p);
            }
        }
        catch (final Malformed ex)
        {
            listener.onMalformed(ex.getMessage());
            return;
        }
        catch (final JsonProcessingException ex)
        {
            listener.onMalformed(prefixed("not valid JSON: " + ex.getOriginalMessage()));
            return;
        }
        catch (final IOException ex)
        {
            listener.onMalformed(prefixed("unreadable: " + ex.getMessage()));
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
                listener.onOtherEvent(eventType, otherEventTime);
                break;
        }
    }

    /** First pass: the whole frame is one JSON object; its (or its {@code data}'s) {@code e} is the event type. */
    private void findType(final JsonParser p) throws IOException
    {
        eventType = null;
        wrapped = false;
        if (p.nextToken() != JsonToken.START_OBJECT)
        {
            throw new Malformed("not a JSON object");
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
            throw new Malformed("content after the JSON object");
        }
        if (rawType != null)
        {
            eventType = rawType;
        }
        else if (hasData)
        {
            if (dataType == null)
            {
                throw new Malformed("missing field data.e");
            }
            eventType = dataType;
            wrapped = true;
        }
        else
        {
            throw new Malformed("missing field e");
        }
    }

    private static String typeText(final JsonParser p, final JsonToken t) throws IOException
    {
        if (t != JsonToken.VALUE_STRING || p.getTextLength() == 0)
        {
            throw new Malformed("field e is not an event type: " + p.getText());
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
        switch (eventType)
        {
            case ORDER_TRADE_UPDATE:
                readOrderUpdate(p);
                return KIND_ORDER;
            case TRADE_LITE:
                readTradeLite(p);
                return KIND_TRADE_LITE;
            case ACCOUNT_UPDATE:
                readAccountUpdate(p);
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
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "E":
                    u.eventTime = integer(p, t, "E", false);
                    seen |= present(t, 0);
                    break;
                case "T":
                    u.transactionTime = integer(p, t, "T", false);
                    break;
                case "o":
                    if (t == JsonToken.START_OBJECT)
                    {
                        seen |= 1 << 1;
                        seen |= readOrder(p, u);
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw malformed("field o is not an object");
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        require(seen, ORDER_FIELDS);
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
                    u.symbol = string(p, t, "o.s");
                    seen |= present(u.symbol, 2);
                    break;
                case "c":
                    u.clientOrderId = string(p, t, "o.c");
                    seen |= present(u.clientOrderId, 3);
                    break;
                case "i":
                    u.orderId = integer(p, t, "o.i", false);
                    seen |= present(t, 4);
                    break;
                case "S":
                    u.side = string(p, t, "o.S");
                    seen |= present(u.side, 5);
                    break;
                case "o":
                    u.orderType = string(p, t, "o.o");
                    seen |= present(u.orderType, 6);
                    break;
                case "ot":
                    u.originalType = string(p, t, "o.ot");
                    break;
                case "x":
                    u.execType = string(p, t, "o.x");
                    seen |= present(u.execType, 7);
                    break;
                case "X":
                    u.status = string(p, t, "o.X");
                    seen |= present(u.status, 8);
                    break;
                case "q":
                    u.origQty = decimal(p, t, "o.q", false);
                    seen |= present(u.origQty, 9);
                    break;
                case "l":
                    u.lastQty = decimal(p, t, "o.l", false);
                    seen |= present(u.lastQty, 10);
                    break;
                case "L":
                    u.lastPrice = decimal(p, t, "o.L", false);
                    seen |= present(u.lastPrice, 11);
                    break;
                case "z":
                    u.cumQty = decimal(p, t, "o.z", false);
                    seen |= present(u.cumQty, 12);
                    break;
                case "ap":
                    u.avgPrice = decimal(p, t, "o.ap", false);
                    seen |= present(u.avgPrice, 13);
                    break;
                case "n":
                    u.commission = decimal(p, t, "o.n", true);
                    break;
                case "N":
                    u.commissionAsset = emptyToNull(string(p, t, "o.N"));
                    break;
                case "T":
                    u.tradeTime = integer(p, t, "o.T", false);
                    break;
                case "t":
                    u.tradeId = integer(p, t, "o.t", false);
                    break;
                case "m":
                    u.maker = bool(p, t, "o.m");
                    break;
                case "R":
                    u.reduceOnly = bool(p, t, "o.R");
                    break;
                case "ps":
                    u.positionSide = string(p, t, "o.ps");
                    break;
                case "rp":
                    u.realizedPnl = orZero(decimal(p, t, "o.rp", true));
                    break;
                case "cp":
                    u.closeAll = bool(p, t, "o.cp");
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
                    u.eventTime = integer(p, t, "E", false);
                    seen |= present(t, 0);
                    break;
                case "T":
                    u.transactionTime = integer(p, t, "T", false);
                    break;
                case "s":
                    u.symbol = string(p, t, "s");
                    seen |= present(u.symbol, 1);
                    break;
                case "c":
                    u.clientOrderId = string(p, t, "c");
                    seen |= present(u.clientOrderId, 2);
                    break;
                case "S":
                    u.side = string(p, t, "S");
                    seen |= present(u.side, 3);
                    break;
                case "q":
                    u.origQty = orZero(decimal(p, t, "q", true));
                    break;
                case "p":
                    u.price = orZero(decimal(p, t, "p", true));
                    break;
                case "i":
                    u.orderId = integer(p, t, "i", false);
                    seen |= present(t, 4);
                    break;
                case "l":
                    u.lastQty = decimal(p, t, "l", false);
                    seen |= present(u.lastQty, 5);
                    break;
                case "L":
                    u.lastPrice = decimal(p, t, "L", false);
                    seen |= present(u.lastPrice, 6);
                    break;
                case "t":
                    u.tradeId = integer(p, t, "t", false);
                    seen |= present(t, 7);
                    break;
                case "m":
                    u.maker = bool(p, t, "m");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        require(seen, TRADE_LITE_FIELDS);
    }

    private void readAccountUpdate(final JsonParser p) throws IOException
    {
        final AccountUpdate u = account;
        u.reset();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "E":
                    u.eventTime = integer(p, t, "E", false);
                    seen |= present(t, 0);
                    break;
                case "T":
                    u.transactionTime = integer(p, t, "T", false);
                    break;
                case "a":
                    if (t == JsonToken.START_OBJECT)
                    {
                        seen |= 1 << 1;
                        seen |= readAccount(p, u);
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw malformed("field a is not an object");
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        require(seen, ACCOUNT_FIELDS);
    }

    private int readAccount(final JsonParser p, final AccountUpdate u) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "m":
                    u.reason = string(p, t, "a.m");
                    seen |= present(u.reason, 2);
                    break;
                case "S":
                    u.fundingSymbol = t == JsonToken.VALUE_STRING ? emptyToNull(p.getText()) : skip(p);
                    break;
                case "B":
                    if (t == JsonToken.START_ARRAY)
                    {
                        while (p.nextToken() == JsonToken.START_OBJECT)
                        {
                            readBalance(p, u.addBalance(), u.balanceCount() - 1);
                        }
                        expectArrayEnd(p, "a.B");
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw malformed("field a.B is not an array");
                    }
                    break;
                case "P":
                    if (t == JsonToken.START_ARRAY)
                    {
                        while (p.nextToken() == JsonToken.START_OBJECT)
                        {
                            readPosition(p, u.addPosition(), u.positionCount() - 1);
                        }
                        expectArrayEnd(p, "a.P");
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw malformed("field a.P is not an array");
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return seen;
    }

    private void readPosition(final JsonParser p, final AccountUpdate.Position e, final int index) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "s":
                    e.symbol = string(p, t, "a.P.s");
                    seen |= present(e.symbol, 0);
                    break;
                case "ps":
                    e.positionSide = string(p, t, "a.P.ps");
                    seen |= present(e.positionSide, 1);
                    break;
                case "pa":
                    e.amount = decimal(p, t, "a.P.pa", false);
                    seen |= present(e.amount, 2);
                    break;
                case "ep":
                    e.entryPrice = decimal(p, t, "a.P.ep", false);
                    seen |= present(e.entryPrice, 3);
                    break;
                case "bep":
                    e.breakEvenPrice = decimal(p, t, "a.P.bep", true);
                    break;
                case "up":
                    e.unrealizedPnl = decimal(p, t, "a.P.up", true);
                    break;
                case "cr":
                    e.accumulatedRealized = decimal(p, t, "a.P.cr", true);
                    break;
                case "mt":
                    e.marginType = string(p, t, "a.P.mt");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        requireEntry(seen, POSITION_FIELDS, "a.P", index);
    }

    private void readBalance(final JsonParser p, final AccountUpdate.Balance e, final int index) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "a":
                    e.asset = string(p, t, "a.B.a");
                    seen |= present(e.asset, 0);
                    break;
                case "wb":
                    e.walletBalance = decimal(p, t, "a.B.wb", false);
                    seen |= present(e.walletBalance, 1);
                    break;
                case "cw":
                    e.crossWalletBalance = decimal(p, t, "a.B.cw", true);
                    break;
                case "bc":
                    e.balanceChange = decimal(p, t, "a.B.bc", true);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        requireEntry(seen, BALANCE_FIELDS, "a.B", index);
    }

    private void readAlgoUpdate(final JsonParser p) throws IOException
    {
        final AlgoUpdate u = algo;
        u.reset();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "E":
                    u.eventTime = integer(p, t, "E", false);
                    seen |= present(t, 0);
                    break;
                case "T":
                    u.transactionTime = integer(p, t, "T", false);
                    break;
                case "o":
                    if (t == JsonToken.START_OBJECT)
                    {
                        seen |= 1 << 1;
                        seen |= readAlgo(p, u);
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw malformed("field o is not an object");
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        require(seen, ALGO_FIELDS);
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
                    u.clientAlgoId = string(p, t, "o.caid");
                    seen |= present(u.clientAlgoId, 2);
                    break;
                case "aid":
                    u.algoId = integer(p, t, "o.aid", false);
                    seen |= present(t, 3);
                    break;
                case "at":
                    u.algoType = string(p, t, "o.at");
                    break;
                case "o":
                    u.orderType = string(p, t, "o.o");
                    break;
                case "s":
                    u.symbol = string(p, t, "o.s");
                    seen |= present(u.symbol, 4);
                    break;
                case "S":
                    u.side = string(p, t, "o.S");
                    break;
                case "ps":
                    u.positionSide = string(p, t, "o.ps");
                    break;
                case "q":
                    u.quantity = decimal(p, t, "o.q", true);
                    break;
                case "X":
                    u.status = string(p, t, "o.X");
                    seen |= present(u.status, 5);
                    break;
                case "ai":
                    u.actualOrderId = integer(p, t, "o.ai", true);
                    break;
                case "tp":
                    u.triggerPrice = decimal(p, t, "o.tp", true);
                    break;
                case "cp":
                    u.closePosition = bool(p, t, "o.cp");
                    break;
                case "R":
                    u.reduceOnly = bool(p, t, "o.R");
                    break;
                case "rm":
                    u.rejectReason = emptyToNull(string(p, t, "o.rm"));
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
                otherEventTime = integer(p, t, "E", false);
                seen |= present(t, 0);
            }
            else if ("listenKey".equals(name))
            {
                expiredListenKey = string(p, t, "listenKey");
            }
            else
            {
                p.skipChildren();
            }
        }
        if (seen == 0)
        {
            throw malformed("missing field E");
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

    // ---------------------------------------------------------------- values

    private long integer(final JsonParser p, final JsonToken t, final String field, final boolean emptyIsZero) throws IOException
    {
        if (t == JsonToken.VALUE_NUMBER_INT)
        {
            if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG)
            {
                throw malformed("bad integer in field " + field + ": " + p.getText());
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING)
        {
            final char[] buf = p.getTextCharacters();
            final int off = p.getTextOffset();
            final int len = p.getTextLength();
            if (len == 0 && emptyIsZero)
            {
                return 0;
            }
            final long value = parseLong(buf, off, len);
            if (value == Long.MIN_VALUE)
            {
                throw malformed("bad integer in field " + field + ": '" + p.getText() + "'");
            }
            return value;
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return 0;
        }
        throw malformed("field " + field + " is not an integer: " + p.getText());
    }

    /** Long.MIN_VALUE when not an integer or out of range. */
    private static long parseLong(final char[] buf, final int off, final int len)
    {
        int i = off;
        final int end = off + len;
        boolean negative = false;
        if (i < end && buf[i] == '-')
        {
            negative = true;
            i++;
        }
        if (i == end || end - i > 18)
        {
            return Long.MIN_VALUE;
        }
        long v = 0;
        while (i < end)
        {
            final char c = buf[i++];
            if (c < '0' || c > '9')
            {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    /** A decimal given as a string or a plain number; {@link Fixed#NONE} for null (and for "" when {@code emptyIsAbsent}). */
    private long decimal(final JsonParser p, final JsonToken t, final String field, final boolean emptyIsAbsent) throws IOException
    {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)
        {
            final int len = p.getTextLength();
            if (len == 0 && emptyIsAbsent)
            {
                return Fixed.NONE;
            }
            chars.wrap(p.getTextCharacters(), p.getTextOffset(), len);
            try
            {
                return Fixed.parse(chars);
            }
            catch (final NumberFormatException ex)
            {
                throw malformed("bad decimal in field " + field + ": '" + p.getText() + "' (" + ex.getMessage() + ')');
            }
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return Fixed.NONE;
        }
        throw malformed("field " + field + " is not a decimal: " + p.getText());
    }

    private String string(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        if (t == JsonToken.VALUE_STRING)
        {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL)
        {
            return null;
        }
        throw malformed("field " + field + " is not a string: " + p.getText());
    }

    private boolean bool(final JsonParser p, final JsonToken t, final String field) throws IOException
    {
        if (t == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL)
        {
            return false;
        }
        throw malformed("field " + field + " is not a boolean: " + p.getText());
    }

    private static String skip(final JsonParser p) throws IOException
    {
        p.skipChildren();
        return null;
    }

    private void expectArrayEnd(final JsonParser p, final String field)
    {
        if (p.currentToken() != JsonToken.END_ARRAY)
        {
            throw malformed("field " + field + " holds something other than objects");
        }
    }

    private static String emptyToNull(final String s)
    {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long orZero(final long fixed)
    {
        return fixed == Fixed.NONE ? 0 : fixed;
    }

    private static int present(final JsonToken t, final int bit)
    {
        return t == JsonToken.VALUE_NULL ? 0 : 1 << bit;
    }

    private static int present(final String value, final int bit)
    {
        return value == null ? 0 : 1 << bit;
    }

    private static int present(final long fixed, final int bit)
    {
        return fixed == Fixed.NONE ? 0 : 1 << bit;
    }

    private void require(final int seen, final String[] fields)
    {
        for (int bit = 0; bit < fields.length; bit++)
        {
            if ((seen & (1 << bit)) == 0)
            {
                throw malformed("missing field " + fields[bit]);
            }
        }
    }

    private void requireEntry(final int seen, final String[] fields, final String array, final int index)
    {
        for (int bit = 0; bit < fields.length; bit++)
        {
            if ((seen & (1 << bit)) == 0)
            {
                throw malformed("missing field " + array + '[' + index + "]." + fields[bit]);
            }
        }
    }

    private Malformed malformed(final String what)
    {
        return new Malformed(prefixed(what));
    }

    private String prefixed(final String what)
    {
        return eventType == null ? what : eventType + ": " + what;
    }

    /** Thrown inside the decoder only, turned into {@link UserStreamListener#onMalformed}; no stack trace. */
    private static final class Malformed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Malformed(final String message)
        {
            super(message, null, false, false);
        }
    }

    /** A window on the parser's characters, so that a decimal is parsed without a String. */
    private static final class CharsView implements CharSequence
    {
        private char[] buf;
        private int offset;
        private int length;

        void wrap(final char[] buf, final int offset, final int length)
        {
            this.buf = buf;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(final int index)
        {
            return buf[offset + index];
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            return new String(buf, offset + start, end - start);
        }

        @Override
        public String toString()
        {
            return new String(buf, offset, length);
        }
    }
}
