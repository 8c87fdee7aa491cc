package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads events from JSON Lines, one object a line, {@code type} saying what it is: the format of the
 * appendix of SPEC.md, kept exactly, plus the gateway responses and snapshots the appendix does not
 * show. Decimals may be JSON strings or numbers (their text is read exactly, never through
 * {@code double}); {@code ts} is epoch milliseconds, a non-negative integer. Unknown fields are ignored,
 * blank lines skipped. A line that is not valid JSON, lacks a required field, has a bad value or an
 * unknown type is rejected whole, as {@code "FILE:LINE"} with the field named, and the lines around it
 * are still delivered.
 *
 * <table>
 * <caption>Types and fields (optional fields in brackets, with their default)</caption>
 * <tr><th>type</th><th>fields</th><th>delivered as</th></tr>
 * <tr><td>instrument</td><td>symbol, tickSize &gt; 0, stepSize &gt; 0, [minQty &ge; 0 = 0], makerFee &ge; 0,
 *     takerFee &ge; 0</td><td>{@code instrument}</td></tr>
 * <tr><td>profile</td><td>name and the keys of {@link ProfileJson}</td><td>{@code profile}</td></tr>
 * <tr><td>fill</td><td>ts, account, symbol, side BUY|SELL, qty &gt; 0, price &gt; 0, [fee &ge; 0 = taker rate],
 *     orderId, [profile = default], [positionSide LONG|SHORT|BOTH = BOTH]</td><td>{@code fill}</td></tr>
 * <tr><td>trade</td><td>ts, symbol, price &gt; 0, [qty &ge; 0 = 0]</td><td>{@code trade}</td></tr>
 * <tr><td>quote</td><td>ts, symbol, bid &gt; 0, ask &gt; 0</td><td>{@code quote}</td></tr>
 * <tr><td>mark</td><td>ts, symbol, price &gt; 0</td><td>{@code mark}</td></tr>
 * <tr><td>command</td><td>ts, command, and by command:<br>
 *     FORCED_UNWIND: account, on (true|false)<br>
 *     TRADING_STATE: [account = every account], state ACTIVE|REDUCING|HALTED<br>
 *     MANUAL_CLOSE: account, symbol, [positionSide = BOTH]<br>
 *     SET_PROFILE: account, symbol, [positionSide = BOTH], profile</td><td>{@code command}</td></tr>
 * <tr><td>timer</td><td>ts</td><td>{@code timer}</td></tr>
 * <tr><th colspan="3">Extensions of the appendix</th></tr>
 * <tr><td>ack</td><td>ts, clientOrderId</td><td>{@code orderAck}</td></tr>
 * <tr><td>reject</td><td>ts, clientOrderId, [reason = ""]</td><td>{@code orderReject}</td></tr>
 * <tr><td>orderFill</td><td>ts, clientOrderId, qty &gt; 0, price &gt; 0, [fee &ge; 0 = taker rate]</td>
 *     <td>{@code orderFill}</td></tr>
 * <tr><td>expired</td><td>ts, clientOrderId</td><td>{@code orderExpired}</td></tr>
 * <tr><td>snapshot</td><td>ts, account, positions: [{symbol, [positionSide = BOTH], qty, entryPrice &gt; 0}, ...];
 *     qty is signed (negative = short) when positionSide is BOTH, positive for LONG and SHORT; entries
 *     with qty 0 mean "no position" and are left out</td><td>{@code positionSnapshot}</td></tr>
 * </table>
 * Examples of the extensions:
 * <pre>
 * {"type":"ack","ts":1723161299005,"clientOrderId":"x-a1-BTCUSDT-L-1"}
 * {"type":"reject","ts":1723161299005,"clientOrderId":"x-a1-BTCUSDT-L-1","reason":"ReduceOnly Order is rejected"}
 * {"type":"orderFill","ts":1723161299010,"clientOrderId":"x-a1-BTCUSDT-L-1","qty":"0.01","price":"51041.0","fee":"0.204164"}
 * {"type":"expired","ts":1723161299010,"clientOrderId":"x-a1-BTCUSDT-L-1"}
 * {"type":"snapshot","ts":1723161300000,"account":"a1","positions":[{"symbol":"BTCUSDT","positionSide":"BOTH","qty":"-0.01","entryPrice":"50000"}]}
 * {"type":"command","ts":1723161256500,"command":"TRADING_STATE","state":"HALTED"}
 * {"type":"command","ts":1723161256500,"command":"MANUAL_CLOSE","account":"a1","symbol":"BTCUSDT"}
 * {"type":"command","ts":1723161256500,"command":"SET_PROFILE","account":"a1","symbol":"BTCUSDT","profile":"trail"}
 * </pre>
 */
public final class JsonLinesFeed implements Feed
{
    private static final JsonFactory JSON = new JsonFactory();

    private final FeedInput input;
    private final LineRejects rejects;
    private final CharSlice text = new CharSlice();
    private final SymbolTable names = new SymbolTable();
    private long delivered;

    public JsonLinesFeed(final FeedInput input, final FeedOptions options)
    {
        this.input = input;
        this.rejects = new LineRejects(input.name(), options);
    }

    public static JsonLinesFeed of(final Path file, final FeedOptions options)
    {
        return new JsonLinesFeed(FeedInput.file(file), options);
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        delivered = 0;
        rejects.reset();
        try (LineReader lines = new LineReader(input.openReader()))
        {
            while (lines.next())
            {
                if (lines.isBlank())
                {
                    continue;
                }
                sink.position(input.name(), lines.lineNumber());
                final String problem = parse(lines.buffer(), lines.start(), lines.length(), sink);
                if (problem != null)
                {
                    rejects.reject(sink, lines.lineNumber(), problem);
                }
            }
        }
        return delivered;
    }

    /** Lines rejected by the last run. */
    public long rejected()
    {
        return rejects.count();
    }

    /**
     * Parses one line and delivers its event to {@code sink}; nothing is delivered when the line is
     * bad. Does not call {@code sink.rejected}: the caller decides where the line was.
     *
     * @return null when delivered, else the problem, naming the field.
     */
    public String parseLine(final String line, final InputSink sink)
    {
        final char[] chars = line.toCharArray();
        return parse(chars, 0, chars.length, sink);
    }

    private String parse(final char[] buf, final int off, final int len, final InputSink sink)
    {
        JsonParser p = null;
        try
        {
            p = JSON.createParser(buf, off, len);
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return "line is not a JSON object";
            }
            final String type;
            if (p.nextToken() == JsonToken.FIELD_NAME && "type".equals(p.currentName()))
            {
                p.nextToken();
                type = typeValue(p);
            }
            else
            {
                // Rare: "type" is not the first field. Find it, then read the line again from its start.
                type = findType(p);
                p.close();
                p = JSON.createParser(buf, off, len);
                p.nextToken();
            }
            if ("profile".equals(type))
            {
                p.close();
                p = JSON.createParser(buf, off, len);
                p.nextToken();
                final ExitProfile profile;
                try
                {
                    profile = ProfileJson.parse(p);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw malformed(ex);
                }
                expectEnd(p);
                sink.profile(profile);
            }
            else
            {
                deliver(type, p, sink);
            }
            delivered++;
            return null;
        }
        catch (final MalformedEventException ex)
        {
            return ex.getMessage();
        }
        catch (final JsonProcessingException ex)
        {
            return JsonErrorText.of(ex);
        }
        catch (final IOException ex)
        {
            return "unreadable line: " + ex.getMessage();
        }
        finally
        {
            if (p != null)
            {
                try
                {
                    p.close();
                }
                catch (final IOException ignore)
                {
                    // in-memory input: nothing to release
                }
            }
        }
    }

    private static String typeValue(final JsonParser p) throws IOException
    {
        if (p.currentToken() != JsonToken.VALUE_STRING)
        {
            throw new MalformedEventException("field 'type': expected a string, found " + describe(p));
        }
        return p.getText();
    }

    private static String findType(final JsonParser p) throws IOException
    {
        String type = null;
        JsonToken token = p.currentToken();
        while (token == JsonToken.FIELD_NAME)
        {
            final boolean isType = "type".equals(p.currentName());
            p.nextToken();
            if (isType)
            {
                type = typeValue(p);
            }
            else
            {
                p.skipChildren();
            }
            token = p.nextToken();
        }
        if (type == null)
        {
            throw new MalformedEventException("field 'type': missing");
        }
        return type;
    }

    private void deliver(final String type, final JsonParser p, final InputSink sink) throws IOException
    {
        switch (type)
        {
            case "instrument":
                instrument(p, sink);
                break;
            case "fill":
                fill(p, sink);
                break;
            case "trade":
                trade(p, sink);
                break;
            case "quote":
                quote(p, sink);
                break;
            case "mark":
                mark(p, sink);
                break;
            case "command":
                command(p, sink);
                break;
            case "timer":
                timer(p, sink);
                break;
            case "ack":
            case "expired":
                orderStatus(type, p, sink);
                break;
            case "reject":
                orderReject(p, sink);
                break;
            case "orderFill":
                orderFill(p, sink);
                break;
            case "snapshot":
                snapshot(p, sink);
                break;
            default:
                throw new MalformedEventException("field 'type': unknown type '" + type + "'; expected instrument, profile, fill, " +
                    "trade, quote, mark, command, timer, ack, reject, orderFill, expired or snapshot");
        }
    }

    private void instrument(final JsonParser p, final InputSink sink) throws IOException
    {
        String symbol = null;
        long tickSize = Fixed.NONE;
        long stepSize = Fixed.NONE;
        long minQty = Fixed.NONE;
        long makerFee = Fixed.NONE;
        long takerFee = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "symbol": symbol = name(p, field); break;
                case "tickSize": tickSize = decimal(p, field); break;
                case "stepSize": stepSize = decimal(p, field); break;
                case "minQty": minQty = decimal(p, field); break;
                case "makerFee": makerFee = decimal(p, field); break;
                case "takerFee": takerFee = decimal(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(symbol, "symbol");
        positive(tickSize, "tickSize");
        positive(stepSize, "stepSize");
        minQty = minQty == Fixed.NONE ? 0 : nonNegative(minQty, "minQty");
        nonNegative(require(makerFee, "makerFee"), "makerFee");
        nonNegative(require(takerFee, "takerFee"), "takerFee");
        sink.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    private void fill(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String account = null;
        String symbol = null;
        Side side = null;
        PositionSide positionSide = null;
        long qty = Fixed.NONE;
        long price = Fixed.NONE;
        long fee = Fixed.NONE;
        String orderId = null;
        String profile = null;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "account": account = name(p, field); break;
                case "symbol": symbol = name(p, field); break;
                case "side": side = side(p); break;
                case "positionSide": positionSide = positionSide(p, field); break;
                case "qty": qty = decimal(p, field); break;
                case "price": price = decimal(p, field); break;
                case "fee": fee = decimal(p, field); break;
                case "orderId": orderId = string(p, field); break;
                case "profile": profile = name(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(account, "account");
        require(symbol, "symbol");
        if (side == null)
        {
            throw missing("side");
        }
        positive(qty, "qty");
        positive(price, "price");
        if (fee != Fixed.NONE)
        {
            nonNegative(fee, "fee");
        }
        require(orderId, "orderId");
        if (profile != null && profile.isEmpty())
        {
            throw new MalformedEventException("field 'profile': must not be empty (leave it out for the default profile)");
        }
        sink.fill(ts, account, symbol, side, positionSide == null ? PositionSide.BOTH : positionSide, qty, price, fee,
            orderId, profile);
    }

    private void trade(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String symbol = null;
        long price = Fixed.NONE;
        long qty = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "symbol": symbol = name(p, field); break;
                case "price": price = decimal(p, field); break;
                case "qty": qty = decimal(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(symbol, "symbol");
        positive(price, "price");
        qty = qty == Fixed.NONE ? 0 : nonNegative(qty, "qty");
        sink.trade(ts, symbol, price, qty);
    }

    private void quote(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String symbol = null;
        long bid = Fixed.NONE;
        long ask = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "symbol": symbol = name(p, field); break;
                case "bid": bid = decimal(p, field); break;
                case "ask": ask = decimal(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(symbol, "symbol");
        positive(bid, "bid");
        positive(ask, "ask");
        sink.quote(ts, symbol, bid, ask);
    }

    private void mark(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String symbol = null;
        long price = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "symbol": symbol = name(p, field); break;
                case "price": price = decimal(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(symbol, "symbol");
        positive(price, "price");
        sink.mark(ts, symbol, price);
    }

    private void timer(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            if ("ts".equals(field))
            {
                ts = ts(p);
            }
            else
            {
                p.skipChildren();
            }
        }
        expectEnd(p);
        sink.timer(require(ts, "ts"));
    }

    private void command(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String command = null;
        String account = null;
        String symbol = null;
        PositionSide positionSide = null;
        int on = -1;
        TradingState state = null;
        String profile = null;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "command": command = string(p, field); break;
                case "account": account = name(p, field); break;
                case "symbol": symbol = name(p, field); break;
                case "positionSide": positionSide = positionSide(p, field); break;
                case "on": on = bool(p, field); break;
                case "state": state = tradingState(p); break;
                case "profile": profile = name(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(command, "command");
        final Command c;
        try
        {
            c = command(command, account, symbol, positionSide, on, state, profile);
        }
        catch (final IllegalArgumentException ex)
        {
            throw malformed(ex);
        }
        sink.command(ts, c);
    }

    private static Command command(final String command, final String account, final String symbol,
        final PositionSide positionSide, final int on, final TradingState state, final String profile)
    {
        final Command c;
        switch (command)
        {
            case "FORCED_UNWIND":
                require(account, "account");
                if (on < 0)
                {
                    throw missing("on");
                }
                c = Command.forcedUnwind(account, on == 1);
                break;
            case "TRADING_STATE":
                if (state == null)
                {
                    throw missing("state");
                }
                if (account != null && account.isEmpty())
                {
                    throw new MalformedEventException("field 'account': must not be empty (leave it out for every account)");
                }
                c = Command.tradingState(account, state);
                break;
            case "MANUAL_CLOSE":
                require(account, "account");
                require(symbol, "symbol");
                c = Command.manualClose(account, symbol, positionSide);
                break;
            case "SET_PROFILE":
                require(account, "account");
                require(symbol, "symbol");
                require(profile, "profile");
                c = Command.setProfile(account, symbol, positionSide, profile);
                break;
            default:
                throw new MalformedEventException("field 'command': unknown command '" + command +
                    "'; expected FORCED_UNWIND, TRADING_STATE, MANUAL_CLOSE or SET_PROFILE");
        }
        return c;
    }

    private void orderStatus(final String type, final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String clientOrderId = null;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "clientOrderId": clientOrderId = string(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(clientOrderId, "clientOrderId");
        if ("ack".equals(type))
        {
            sink.orderAck(ts, clientOrderId);
        }
        else
        {
            sink.orderExpired(ts, clientOrderId);
        }
    }

    private void orderReject(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String clientOrderId = null;
        String reason = null;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "clientOrderId": clientOrderId = string(p, field); break;
                case "reason": reason = string(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(clientOrderId, "clientOrderId");
        sink.orderReject(ts, clientOrderId, reason == null ? "" : reason);
    }

    private void orderFill(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String clientOrderId = null;
        long qty = Fixed.NONE;
        long price = Fixed.NONE;
        long fee = Fixed.NONE;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "clientOrderId": clientOrderId = string(p, field); break;
                case "qty": qty = decimal(p, field); break;
                case "price": price = decimal(p, field); break;
                case "fee": fee = decimal(p, field); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(clientOrderId, "clientOrderId");
        positive(qty, "qty");
        positive(price, "price");
        if (fee != Fixed.NONE)
        {
            nonNegative(fee, "fee");
        }
        sink.orderFill(ts, clientOrderId, qty, price, fee);
    }

    private void snapshot(final JsonParser p, final InputSink sink) throws IOException
    {
        long ts = Fixed.NONE;
        String account = null;
        List<SnapshotPosition> positions = null;
        while (nextField(p))
        {
            final String field = p.currentName();
            p.nextToken();
            switch (field)
            {
                case "ts": ts = ts(p); break;
                case "account": account = name(p, field); break;
                case "positions": positions = positions(p); break;
                default: p.skipChildren(); break;
            }
        }
        expectEnd(p);
        require(ts, "ts");
        require(account, "account");
        if (positions == null)
        {
            throw missing("positions");
        }
        sink.positionSnapshot(ts, account, positions);
    }

    private List<SnapshotPosition> positions(final JsonParser p) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY)
        {
            throw new MalformedEventException("field 'positions': expected an array, found " + describe(p));
        }
        final List<SnapshotPosition> positions = new ArrayList<>();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            final String at = "positions[" + index++ + "]";
            if (p.currentToken() != JsonToken.START_OBJECT)
            {
                throw new MalformedEventException("field '" + at + "': expected an object, found " + describe(p));
            }
            String symbol = null;
            PositionSide side = null;
            long qty = Fixed.NONE;
            long entryPrice = Fixed.NONE;
            while (nextField(p))
            {
                final String field = p.currentName();
                p.nextToken();
                switch (field)
                {
                    case "symbol": symbol = name(p, at + ".symbol"); break;
                    case "positionSide": side = positionSide(p, at + ".positionSide"); break;
                    case "qty": qty = decimal(p, at + ".qty"); break;
                    case "entryPrice": entryPrice = decimal(p, at + ".entryPrice"); break;
                    default: p.skipChildren(); break;
                }
            }
            require(symbol, at + ".symbol");
            require(qty, at + ".qty");
            if (side == null)
            {
                side = PositionSide.BOTH;
            }
            if (qty == 0)
            {
                continue; // the exchange lists flat symbols with qty 0: no position
            }
            if (side != PositionSide.BOTH && qty < 0)
            {
                throw new MalformedEventException("field '" + at + ".qty': must be positive for positionSide " + side +
                    " (the side gives the direction), was " + Fixed.toString(qty));
            }
            positive(entryPrice, at + ".entryPrice");
            positions.add(new SnapshotPosition(symbol, side, qty, entryPrice));
        }
        return positions;
    }

    private static boolean nextField(final JsonParser p) throws IOException
    {
        return p.nextToken() == JsonToken.FIELD_NAME;
    }

    /** After the line's object: nothing else may follow on the line. */
    private static void expectEnd(final JsonParser p) throws IOException
    {
        if (p.nextToken() != null)
        {
            throw new MalformedEventException("unexpected content after the JSON object");
        }
    }

    private long decimal(final JsonParser p, final String field) throws IOException
    {
        switch (p.currentToken())
        {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                text.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                try
                {
                    return DecimalText.parse(text);
                }
                catch (final NumberFormatException ex)
                {
                    throw new MalformedEventException("field '" + field + "': " + ex.getMessage());
                }
            case VALUE_NULL:
                return Fixed.NONE;
            default:
                throw new MalformedEventException("field '" + field + "': expected a decimal, found " + describe(p));
        }
    }

    private long ts(final JsonParser p) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return Fixed.NONE;
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_STRING)
        {
            text.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            final long value = DecimalText.parseNonNegativeLong(text);
            if (value >= 0)
            {
                return value;
            }
        }
        throw new MalformedEventException("field 'ts': must be a non-negative integer (epoch milliseconds), was " + describe(p));
    }

    /** A short string that repeats (symbol, account, profile name): read through the symbol table. */
    private String name(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (token != JsonToken.VALUE_STRING)
        {
            throw new MalformedEventException("field '" + field + "': expected a string, found " + describe(p));
        }
        return names.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static String string(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (token != JsonToken.VALUE_STRING)
        {
            throw new MalformedEventException("field '" + field + "': expected a string, found " + describe(p));
        }
        return p.getText();
    }

    private static int bool(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
        {
            return token == JsonToken.VALUE_TRUE ? 1 : 0;
        }
        if (token == JsonToken.VALUE_STRING && ("true".equals(p.getText()) || "false".equals(p.getText())))
        {
            return "true".equals(p.getText()) ? 1 : 0;
        }
        if (token == JsonToken.VALUE_NULL)
        {
            return -1;
        }
        throw new MalformedEventException("field '" + field + "': must be true or false, was " + describe(p));
    }

    private static Side side(final JsonParser p) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_STRING)
        {
            final String value = p.getText();
            if ("BUY".equals(value))
            {
                return Side.BUY;
            }
            if ("SELL".equals(value))
            {
                return Side.SELL;
            }
        }
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        throw new MalformedEventException("field 'side': must be BUY or SELL, was " + describe(p));
    }

    private static PositionSide positionSide(final JsonParser p, final String field) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_STRING)
        {
            switch (p.getText())
            {
                case "LONG": return PositionSide.LONG;
                case "SHORT": return PositionSide.SHORT;
                case "BOTH": return PositionSide.BOTH;
                default: break;
            }
        }
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        throw new MalformedEventException("field '" + field + "': must be LONG, SHORT or BOTH, was " + describe(p));
    }

    private static TradingState tradingState(final JsonParser p) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_STRING)
        {
            switch (p.getText())
            {
                case "ACTIVE": return TradingState.ACTIVE;
                case "REDUCING": return TradingState.REDUCING;
                case "HALTED": return TradingState.HALTED;
                default: break;
            }
        }
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        throw new MalformedEventException("field 'state': must be ACTIVE, REDUCING or HALTED, was " + describe(p));
    }

    private static long require(final long value, final String field)
    {
        if (value == Fixed.NONE)
        {
            throw missing(field);
        }
        return value;
    }

    private static void require(final String value, final String field)
    {
        if (value == null)
        {
            throw missing(field);
        }
        if (value.isEmpty())
        {
            throw new MalformedEventException("field '" + field + "': must not be empty");
        }
    }

    private static void positive(final long value, final String field)
    {
        require(value, field);
        if (value <= 0)
        {
            throw new MalformedEventException("field '" + field + "': must be positive, was " + Fixed.toString(value));
        }
    }

    private static long nonNegative(final long value, final String field)
    {
        if (value < 0)
        {
            throw new MalformedEventException("field '" + field + "': must not be negative, was " + Fixed.toString(value));
        }
        return value;
    }

    private static MalformedEventException malformed(final IllegalArgumentException ex)
    {
        return ex instanceof MalformedEventException ? (MalformedEventException)ex : new MalformedEventException(ex.getMessage());
    }

    private static MalformedEventException missing(final String field)
    {
        return new MalformedEventException("field '" + field + "': missing");
    }

    private static String describe(final JsonParser p) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == null)
        {
            return "nothing";
        }
        switch (token)
        {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "'" + p.getText() + "'";
            default: return p.getText();
        }
    }
}
