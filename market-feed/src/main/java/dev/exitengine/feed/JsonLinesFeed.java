package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.rules.ExitProfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads events from JSON Lines, one object a line, {@code type} saying what it is: the format of the
 * appendix of SPEC.md, kept exactly, plus the gateway responses and snapshots the appendix does not
 * show. Decimals may be JSON strings or numbers (their text is read exactly, never through
 * {@code double}); {@code ts} is epoch milliseconds, a non-negative integer. Unknown fields are ignored,
 * blank lines skipped. A line that is not valid JSON, lacks a required field, has a bad value, gives a
 * key twice (at any depth: the last never wins) or an unknown type is rejected whole, as
 * {@code "FILE:LINE"} with the field named, and the lines around it are still delivered.
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
    private final FeedInput input;
    private final LineRejects rejects;
    private final NameCache names = new NameCache();
    private final JsonValues values = new JsonValues(JsonLinesFeed::refusal, names);
    /** Plain trades, quotes and marks without Jackson; anything else, or any doubt, goes the full way. */
    private MarketLineFastPath fast = new MarketLineFastPath(names);
    private final LineFields fields = new LineFields();
    private final LineFieldReader reader = new LineFieldReader(values);
    private final LineDeliverer deliverer = new LineDeliverer(values);
    private long delivered;
    /** Lines before this one are passed over unparsed (a resumed run's journal holds them). */
    private long startAt;

    @Override
    public void startAt(final long line)
    {
        startAt = line;
    }

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
        try (LineReader lines = new LineReader(input.openStream()))
        {
            while (lines.next())
            {
                if (lines.isBlank() || lines.lineNumber() < startAt)
                {
                    continue;
                }
                sink.position(input.name(), lines.lineNumber());
                if (fast != null && lines.isAscii() && fast.tryDeliver(lines.bytes(), lines.start(), lines.length(), sink))
                {
                    // the common line, read where its bytes lie
                    delivered++;
                    continue;
                }
                final String problem = parse(lines.chars(), 0, lines.charLength(), sink);
                if (problem != null)
                {
                    rejects.reject(sink, lines.lineNumber(), problem);
                }
            }
        }
        return delivered;
    }

    /** Every line the full way (Jackson), for tests that hold the fast path to it. */
    JsonLinesFeed fullReadingOnly()
    {
        fast = null;
        return this;
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
        if (fast != null && isAscii(line))
        {
            final byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            if (fast.tryDeliver(bytes, 0, bytes.length, sink))
            {
                return null;
            }
        }
        final char[] chars = line.toCharArray();
        return parse(chars, 0, chars.length, sink);
    }

    private static boolean isAscii(final String line)
    {
        for (int i = 0; i < line.length(); i++)
        {
            if (line.charAt(i) >= 0x80)
            {
                return false;
            }
        }
        return true;
    }

    /** An event line's refusal: {@code "field 'qty': must be positive, was 0"}. */
    static MalformedEventException refusal(final String field, final String what)
    {
        return new MalformedEventException("field '" + field + "': " + what);
    }

    /** The refusal of a value the engine's own checks turned down, as an event line's refusal. */
    static MalformedEventException malformed(final IllegalArgumentException ex)
    {
        return ex instanceof MalformedEventException ? (MalformedEventException)ex : new MalformedEventException(ex.getMessage());
    }

    /** The full reading (Jackson) of a line the fast path did not take. */
    private String parse(final char[] buf, final int off, final int len, final InputSink sink)
    {
        JsonParser p = null;
        try
        {
            p = DuplicateKeys.refused(JsonStreams.parser(buf, off, len));
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
                p = DuplicateKeys.refused(JsonStreams.parser(buf, off, len));
                p.nextToken();
            }
            final LineType lineType = LineType.of(type);
            if (lineType == null)
            {
                throw values.refuse("type", "unknown type '" + type + "'; expected " + LineType.EXPECTED);
            }
            if (lineType == LineType.PROFILE_LINE)
            {
                p.close();
                p = DuplicateKeys.refused(JsonStreams.parser(buf, off, len));
                p.nextToken();
                sink.profile(profile(p));
            }
            else
            {
                reader.read(p, fields, lineType.fields, null);
                expectEnd(p);
                deliverer.deliver(lineType, fields, sink);
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
            final String repeated = DuplicateKeys.keyOf(ex);
            return repeated == null ? JsonErrorText.of(ex) : refusal(repeated, "given twice").getMessage();
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

    /** A profile line, read whole from its {@code START_OBJECT}. */
    private static ExitProfile profile(final JsonParser p) throws IOException
    {
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
        return profile;
    }

    private String typeValue(final JsonParser p) throws IOException
    {
        if (p.currentToken() != JsonToken.VALUE_STRING)
        {
            throw values.expected("a string", p, "type");
        }
        return p.getText();
    }

    private String findType(final JsonParser p) throws IOException
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
            throw values.missing("type");
        }
        return type;
    }

    /** After the line's object: nothing else may follow on the line. */
    private static void expectEnd(final JsonParser p) throws IOException
    {
        if (p.nextToken() != null)
        {
            throw new MalformedEventException("unexpected content after the JSON object");
        }
    }
}
