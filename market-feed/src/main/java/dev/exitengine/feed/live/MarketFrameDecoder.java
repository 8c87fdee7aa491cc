package dev.exitengine.feed.live;

import dev.exitengine.feed.MalformedEventException;
import dev.exitengine.feed.StreamMessageSyntax;
import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes Binance USDⓈ-M market-stream messages from their bytes into events by symbol id, allocating
 * nothing for an accepted message: a combined-stream frame ({@code {"stream":"btcusdt@bookTicker",
 * "data":{...}}}, {@code data} may be an array of events) or a bare payload.
 * <ul>
 * <li>{@code bookTicker}: {@code quote(b, a)} at the transaction time {@code T}, else the event time {@code E}.</li>
 * <li>{@code aggTrade}: {@code trade(p, q)} at {@code T}, else {@code E}.</li>
 * <li>{@code trade} (older captures): the same, skipped when {@code X} is present and not {@code MARKET}
 *     (insurance-fund and ADL trades are not market prices).</li>
 * <li>{@code markPriceUpdate}: {@code mark(p)} at {@code E}; its {@code T} is the next funding time.</li>
 * <li>Anything else (depth, klines, subscription replies): skipped and counted.</li>
 * </ul>
 * A message of an unknown symbol is skipped and counted, or, when the decoder interns symbols (file
 * captures), registered once. A malformed message is counted and refused with a reason naming the event
 * and field ({@code "trade field 'p': must be positive, was 0"}); only that path allocates. Live frames
 * and recorded captures share this decoder. Not thread-safe: one decoder per receiving thread.
 * <p>
 * A live decoder may also drop repeats ({@link StreamSequences}): a quote or mark whose sequence ({@code u},
 * {@code E}) is not newer than the last one delivered for its symbol and stream is not delivered; a trade
 * ({@code a}, {@code t}) is not delivered when its id was already delivered or is too far below the highest
 * (a trade read late, inside the window, is delivered, out of order). Captures are decoded without this
 * check: a replay delivers exactly what was recorded.
 */
public final class MarketFrameDecoder
{
    /** What {@link #decode} returns for a malformed message; {@link #refusal()} says why. */
    public static final int MALFORMED = -1;

    private static final byte[] TRADE = {'t', 'r', 'a', 'd', 'e'};
    private static final byte[] AGG_TRADE = {'a', 'g', 'g', 'T', 'r', 'a', 'd', 'e'};
    private static final byte[] BOOK_TICKER = {'b', 'o', 'o', 'k', 'T', 'i', 'c', 'k', 'e', 'r'};
    private static final byte[] MARK_PRICE = {'m', 'a', 'r', 'k', 'P', 'r', 'i', 'c', 'e', 'U', 'p', 'd', 'a', 't', 'e'};
    private static final byte[] MARKET = {'M', 'A', 'R', 'K', 'E', 'T'};

    private final SymbolTable symbols;
    private final boolean internSymbols;
    private final MarketEventSink sink;
    private final StreamSequences sequences;
    private final JsonCursor json = new JsonCursor();
    private final MessageFields fields = new MessageFields();
    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer addressView = new UnsafeBuffer(new byte[0]);
    private byte[] copy = new byte[4096];
    private int delivered;
    private long skipped;
    private long unknownSymbols;
    private long malformed;
    private String refusal;

    /**
     * A decoder delivering to {@code sink}; symbols not in {@code symbols} are skipped, or registered when
     * {@code internSymbols} (a file capture, whose symbols are not known in advance).
     */
    public MarketFrameDecoder(final SymbolTable symbols, final boolean internSymbols, final MarketEventSink sink)
    {
        this(symbols, internSymbols, sink, null);
    }

    /** A live decoder dropping the events {@code sequences} says were delivered, by this or any decoder sharing it. */
    MarketFrameDecoder(final SymbolTable symbols, final boolean internSymbols, final MarketEventSink sink, final StreamSequences sequences)
    {
        this.symbols = symbols;
        this.internSymbols = internSymbols;
        this.sink = sink;
        this.sequences = sequences;
    }

    /**
     * Decodes one message of {@code length} bytes at {@code offset} and delivers its events.
     *
     * @return the events delivered, 0 for a message of a skipped kind or symbol, {@link #MALFORMED} for a
     * refused one (events of an array delivered before the bad element stay delivered).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        delivered = 0;
        json.wrap(buffer, offset, length);
        try
        {
            final int first = json.peek();
            if (first == '{')
            {
                message(0);
            }
            else if (first == '[')
            {
                array(0);
            }
            else
            {
                throw JsonCursor.SYNTAX;
            }
            if (!json.atEnd())
            {
                throw JsonCursor.SYNTAX;
            }
            // the whole frame decoded: only now do its events go out (and advance the stream sequences)
            flush();
            return delivered;
        }
        catch (final MalformedEventException ex)
        {
            pendingCount = 0;
            return refuse(ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            pendingCount = 0;
            if (ex != JsonCursor.SYNTAX)
            {
                throw ex;
            }
            return refuse(StreamMessageSyntax.refusal(buffer.getStringWithoutLengthUtf8(offset, length), "bad JSON"));
        }
    }

    /** Decodes {@code length} bytes of {@code bytes} at {@code offset}. */
    public int decode(final byte[] bytes, final int offset, final int length)
    {
        arrayView.wrap(bytes, offset, length);
        return decode(arrayView, 0, length);
    }

    /** Decodes the readable bytes of {@code buf} in place (a copy into one reused array when it has no address or array). */
    public int decode(final ByteBuf buf, final int index, final int length)
    {
        if (buf.hasMemoryAddress())
        {
            addressView.wrap(buf.memoryAddress() + index, length);
            return decode(addressView, 0, length);
        }
        if (buf.hasArray())
        {
            return decode(buf.array(), buf.arrayOffset() + index, length);
        }
        if (copy.length < length)
        {
            copy = new byte[Math.max(length, copy.length * 2)];
        }
        buf.getBytes(index, copy, 0, length);
        return decode(copy, 0, length);
    }

    /** Why the last {@link #MALFORMED} message was refused. */
    public String refusal()
    {
        return refusal;
    }

    /** Messages (and array elements) of a kind that is skipped. */
    public long skipped()
    {
        return skipped;
    }

    /** Events skipped because their symbol is not registered. */
    public long unknownSymbols()
    {
        return unknownSymbols;
    }

    /** Messages refused as malformed. */
    public long malformed()
    {
        return malformed;
    }

    /** Sets {@link #skipped()}, {@link #unknownSymbols()} and {@link #malformed()} back to zero. */
    public void resetCounts()
    {
        skipped = 0;
        unknownSymbols = 0;
        malformed = 0;
    }

    private int refuse(final String why)
    {
        refusal = why;
        malformed++;
        return MALFORMED;
    }

    /** An object, its brace next: a message, wrapped or bare. */
    private void message(final int depth)
    {
        checkDepth(depth);
        json.expect('{');
        fields.clear();
        boolean wrapped = false;
        if (!json.take('}'))
        {
            do
            {
                json.string();
                final int key = fields.keyOf(json);
                json.expect(':');
                final int value = json.peek();
                if (key == MessageFields.DATA && (value == '{' || value == '['))
                {
                    wrapped = true;
                    if (value == '{')
                    {
                        message(depth + 1);
                    }
                    else
                    {
                        array(depth + 1);
                    }
                    fields.clear();
                }
                else if (value == '{' || value == '[')
                {
                    json.skipValue(depth + 1);
                }
                else
                {
                    fields.read(key, json);
                }
            }
            while (json.take(','));
            json.expect('}');
        }
        if (!wrapped)
        {
            dispatch();
        }
    }

    private void array(final int depth)
    {
        checkDepth(depth);
        json.expect('[');
        if (json.take(']'))
        {
            return;
        }
        do
        {
            if (json.peek() == '{')
            {
                message(depth + 1);
            }
            else
            {
                json.skipValue(depth + 1);
                skipped++;
            }
        }
        while (json.take(','));
        json.expect(']');
    }

    private static void checkDepth(final int depth)
    {
        if (depth >= JsonCursor.MAX_DEPTH)
        {
            throw JsonCursor.SYNTAX;
        }
    }

    private void dispatch()
    {
        final FieldText event = fields.event;
        if (event.contentEquals(TRADE))
        {
            if (fields.status.isPresent() && !fields.status.contentEquals(MARKET))
            {
                skipped++;
                return;
            }
            trade("trade", StreamSequences.TRADE, fields.tradeId, "t");
        }
        else if (event.contentEquals(AGG_TRADE))
        {
            trade("aggTrade", StreamSequences.AGG_TRADE, fields.ask, "a");
        }
        else if (event.contentEquals(BOOK_TICKER))
        {
            final String kind = "bookTicker";
            final long ts = fields.tradeOrEventTime(kind);
            final int id = symbol(kind);
            if (id >= 0)
            {
                final long bid = fields.positive(fields.bid, kind, "b");
                final long ask = fields.positive(fields.ask, kind, "a");
                hold(QUOTE, id, ts, bid, ask, StreamSequences.BOOK_TICKER, sequenceOf(fields.update, kind, "u"));
            }
        }
        else if (event.contentEquals(MARK_PRICE))
        {
            final String kind = "markPriceUpdate";
            final long ts = fields.eventTime(kind);
            final int id = symbol(kind);
            if (id >= 0)
            {
                final long price = fields.positive(fields.price, kind, "p");
                hold(MARK, id, ts, price, 0, StreamSequences.MARK_PRICE, ts);
            }
        }
        else
        {
            skipped++;
        }
    }

    private void trade(final String kind, final int stream, final FieldText sequence, final String field)
    {
        final long ts = fields.tradeOrEventTime(kind);
        final int id = symbol(kind);
        if (id >= 0)
        {
            final long price = fields.positive(fields.price, kind, "p");
            final long qty = fields.nonNegative(fields.qty, kind, "q");
            hold(TRADE_EVENT, id, ts, price, qty, stream, sequenceOf(sequence, kind, field));
        }
    }

    /** The event's sequence number for {@link #sequences}, {@link MessageFields#NO_SEQUENCE} when it has none (or none is kept). */
    private long sequenceOf(final FieldText sequence, final String kind, final String field)
    {
        return sequences == null ? MessageFields.NO_SEQUENCE : fields.sequence(sequence, kind, field);
    }

    private static final byte TRADE_EVENT = 0;
    private static final byte QUOTE = 1;
    private static final byte MARK = 2;
    /**
     * The events of the frame being decoded, held until all of it has: a frame refused anywhere (its JSON cut
     * short, a later message in it malformed) delivers nothing and advances no sequence. Preallocated, grown
     * only for a frame of more events than ever before.
     */
    private byte[] pendingType = new byte[8];
    private int[] pendingId = new int[8];
    private long[] pendingTs = new long[8];
    private long[] pendingA = new long[8];
    private long[] pendingB = new long[8];
    private int[] pendingStream = new int[8];
    private long[] pendingSequence = new long[8];
    private int pendingCount;

    private void hold(final byte type, final int id, final long ts, final long a, final long b, final int stream, final long sequence)
    {
        if (pendingCount == pendingType.length)
        {
            final int n = pendingCount * 2;
            pendingType = java.util.Arrays.copyOf(pendingType, n);
            pendingId = java.util.Arrays.copyOf(pendingId, n);
            pendingTs = java.util.Arrays.copyOf(pendingTs, n);
            pendingA = java.util.Arrays.copyOf(pendingA, n);
            pendingB = java.util.Arrays.copyOf(pendingB, n);
            pendingStream = java.util.Arrays.copyOf(pendingStream, n);
            pendingSequence = java.util.Arrays.copyOf(pendingSequence, n);
        }
        final int i = pendingCount++;
        pendingType[i] = type;
        pendingId[i] = id;
        pendingTs[i] = ts;
        pendingA[i] = a;
        pendingB[i] = b;
        pendingStream[i] = stream;
        pendingSequence[i] = sequence;
    }

    /** Delivers the frame's events, each unless {@link #sequences} has had it already. */
    private void flush()
    {
        final int n = pendingCount;
        pendingCount = 0;
        for (int i = 0; i < n; i++)
        {
            final int id = pendingId[i];
            final long sequence = pendingSequence[i];
            if (sequences != null && sequence != MessageFields.NO_SEQUENCE && !sequences.advance(id, pendingStream[i], sequence))
            {
                continue;
            }
            switch (pendingType[i])
            {
                case TRADE_EVENT:
                    sink.trade(id, pendingTs[i], pendingA[i], pendingB[i]);
                    break;
                case QUOTE:
                    sink.quote(id, pendingTs[i], pendingA[i], pendingB[i]);
                    break;
                default:
                    sink.mark(id, pendingTs[i], pendingA[i]);
                    break;
            }
            delivered++;
        }
    }

    /** The symbol's id; -1 (counted) when it is not registered and the decoder does not intern. */
    private int symbol(final String kind)
    {
        final FieldText s = fields.symbol;
        if (!s.isPresent() || s.length() == 0)
        {
            throw MessageFields.refuse(kind, "s", "missing");
        }
        final int id = internSymbols ? symbols.intern(s.buffer(), s.offset(), s.length()) : symbols.find(s.buffer(), s.offset(), s.length());
        if (id < 0)
        {
            unknownSymbols++;
        }
        return id;
    }
}
