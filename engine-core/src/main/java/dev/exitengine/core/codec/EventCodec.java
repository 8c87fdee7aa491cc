package dev.exitengine.core.codec;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.rules.ExitProfile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static dev.exitengine.core.codec.EventRecordLayout.*;

/**
 * Writes and reads the journal's input records, whose layout {@link EventRecordLayout} draws. A record
 * starts with its kind byte. Full records follow it with {@code int length} (counting the whole record)
 * and their body; compact market records, which only follow another event in the same journal document,
 * with their fields in the fewest bytes that hold them.
 * <p>
 * A compact record's seq is the previous event's plus one, its account and profile none; "previous" is
 * the event before it in the same document ({@link Cursor}), and the previous price is that of the last
 * market event in the document (a trade's or mark's price, a quote's bid). So every document decodes on its
 * own, and a batch of ticks costs 10 to 15 bytes a tick against 50 for full records. A tick whose symbol
 * id is over 65,535 or whose time moved 2<sup>23</sup> ms or more is written full. zz is the zig-zag encoding
 * (differences wrap, so every long round-trips), each field in the fewest bytes that hold it, read with one
 * 8-byte load and a mask.
 */
public final class EventCodec
{
    // the record kinds, here too for the readers that switch on them
    public static final byte KIND_NAME = EventRecordLayout.KIND_NAME;
    public static final byte KIND_EVENT = EventRecordLayout.KIND_EVENT;
    public static final byte KIND_TRADE_DELTA = EventRecordLayout.KIND_TRADE_DELTA;
    public static final byte KIND_QUOTE_DELTA = EventRecordLayout.KIND_QUOTE_DELTA;
    public static final byte KIND_MARK_DELTA = EventRecordLayout.KIND_MARK_DELTA;
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Upper bound of a record without strings or snapshots; callers ensure capacity beyond it. */
    public static final int MAX_FIXED_RECORD = 128;
    /** The most a compact record's writing touches past its offset: the header, dt's bytes, the first field's, then 8 bytes. */
    private static final int COMPACT_MAX_WRITE = COMPACT_HEADER_LENGTH + COMPACT_MAX_DT_BYTES + 8 + 8;

    private EventCodec()
    {
    }

    public static int encodeName(final MutableDirectBuffer buf, final int offset, final Names.Kind kind, final int id, final String name)
    {
        buf.putByte(offset + KIND_OFFSET, KIND_NAME);
        buf.putByte(offset + NAME_KIND_OFFSET, (byte)kind.ordinal());
        buf.putInt(offset + NAME_ID_OFFSET, id, ORDER);
        final int length = NAME_TEXT_OFFSET + putString(buf, offset + NAME_TEXT_OFFSET, name);
        buf.putInt(offset + LENGTH_OFFSET, length, ORDER);
        return length;
    }

    /**
     * Encodes the input fields of {@code e} as the next record of a document whose state is {@code doc}:
     * compact when it can be, full otherwise; returns the record length and moves {@code doc} past it.
     */
    public static int encode(final MutableDirectBuffer buf, final int offset, final EngineEvent e, final Cursor doc)
    {
        final int length;
        final long dt = zigzag(e.ts - doc.ts);
        if (doc.started && e.seq == doc.seq + 1 && e.symbolId >= 0 && e.symbolId <= COMPACT_MAX_SYMBOL_ID && e.accountId < 0
            && e.profileId < 0 && e.type.isMarketData() && dt >>> 8 * COMPACT_MAX_DT_BYTES == 0)
        {
            final int dtBytes = bytesOf(dt);
            final long first;
            final long second;
            final byte kind;
            switch (e.type)
            {
                case TRADE:
                    kind = KIND_TRADE_DELTA;
                    first = zigzag(e.price - doc.price);
                    second = e.qty;
                    break;
                case QUOTE:
                    kind = KIND_QUOTE_DELTA;
                    first = zigzag(e.bid - doc.price);
                    second = zigzag(e.ask - e.bid);
                    break;
                default:
                    kind = KIND_MARK_DELTA;
                    first = zigzag(e.price - doc.price);
                    second = 0;
                    break;
            }
            final int firstBytes = Math.max(1, bytesOf(first));
            final int secondBytes = kind == KIND_MARK_DELTA ? 0 : Math.max(1, bytesOf(second));
            // kind, sizes and symbol id as one int (kind at KIND_OFFSET, 0); each field written as 8 bytes and kept to
            // its size (the next field overwrites the rest): within COMPACT_MAX_WRITE of offset, checked once here
            final int sizes = dtBytes | (firstBytes - 1) << SIZES_FIRST_SHIFT
                | (kind == KIND_MARK_DELTA ? 0 : (secondBytes - 1) << SIZES_SECOND_SHIFT);
            if (offset < 0 || offset + COMPACT_MAX_WRITE > buf.capacity())
            {
                buf.checkLimit(offset + COMPACT_MAX_WRITE);
            }
            RawBytes.putInt(buf, offset, (kind & 0xFF) | sizes << COMPACT_SIZES_SHIFT | (e.symbolId & 0xFFFF) << COMPACT_SYMBOL_ID_SHIFT);
            int i = offset + COMPACT_HEADER_LENGTH;
            RawBytes.putLong(buf, i, dt);
            i += dtBytes;
            RawBytes.putLong(buf, i, first);
            i += firstBytes;
            if (secondBytes > 0)
            {
                RawBytes.putLong(buf, i, second);
                i += secondBytes;
            }
            length = i - offset;
        }
        else
        {
            length = encode(buf, offset, e);
        }
        doc.started = true;
        doc.seq = e.seq;
        doc.ts = e.ts;
        if (e.type.isMarketData())
        {
            doc.price = e.type == EventType.QUOTE ? e.bid : e.price;
        }
        return length;
    }

    /** Encodes the input fields of {@code e} as a full record, readable on its own; returns the record length. */
    public static int encode(final MutableDirectBuffer buf, final int offset, final EngineEvent e)
    {
        buf.putByte(offset + KIND_OFFSET, KIND_EVENT);
        buf.putByte(offset + TYPE_OFFSET, e.type.code);
        putLong(buf, offset + SEQ_OFFSET, e.seq);
        putLong(buf, offset + TS_OFFSET, e.ts);
        buf.putInt(offset + SYMBOL_ID_OFFSET, e.symbolId, ORDER);
        buf.putInt(offset + ACCOUNT_ID_OFFSET, e.accountId, ORDER);
        buf.putInt(offset + PROFILE_ID_OFFSET, e.profileId, ORDER);
        final int body = offset + BODY_OFFSET;
        final int bodyLength;
        switch (e.type)
        {
            case INSTRUMENT:
                putLong(buf, body + INSTRUMENT_TICK_SIZE_OFFSET, e.tickSize);
                putLong(buf, body + INSTRUMENT_STEP_SIZE_OFFSET, e.stepSize);
                putLong(buf, body + INSTRUMENT_MIN_QTY_OFFSET, e.minQty);
                putLong(buf, body + INSTRUMENT_MAKER_FEE_OFFSET, e.makerFee);
                putLong(buf, body + INSTRUMENT_TAKER_FEE_OFFSET, e.takerFee);
                bodyLength = INSTRUMENT_BODY_LENGTH;
                break;
            case PROFILE:
                bodyLength = PROFILE_TEXT_OFFSET + putString(buf, body + PROFILE_TEXT_OFFSET, e.profile().encode());
                break;
            case TRADE:
                putLong(buf, body + TICK_PRICE_OFFSET, e.price);
                putLong(buf, body + TICK_SECOND_OFFSET, e.qty);
                bodyLength = TRADE_BODY_LENGTH;
                break;
            case QUOTE:
                putLong(buf, body + TICK_PRICE_OFFSET, e.bid);
                putLong(buf, body + TICK_SECOND_OFFSET, e.ask);
                bodyLength = QUOTE_BODY_LENGTH;
                break;
            case MARK:
                putLong(buf, body + TICK_PRICE_OFFSET, e.price);
                bodyLength = MARK_BODY_LENGTH;
                break;
            case FILL:
                buf.putByte(body + FILL_SIDE_OFFSET, (byte)e.side.ordinal());
                buf.putByte(body + FILL_POSITION_SIDE_OFFSET, (byte)e.positionSide.ordinal());
                putLong(buf, body + FILL_QTY_OFFSET, e.qty);
                putLong(buf, body + FILL_PRICE_OFFSET, e.price);
                putLong(buf, body + FILL_FEE_OFFSET, e.fee);
                bodyLength = FILL_ORDER_ID_OFFSET + putString(buf, body + FILL_ORDER_ID_OFFSET, e.orderId);
                break;
            case COMMAND:
                buf.putByte(body + COMMAND_OFFSET, (byte)e.command.ordinal());
                buf.putByte(body + COMMAND_ON_OFFSET, (byte)(e.on ? 1 : 0));
                buf.putByte(body + COMMAND_TRADING_STATE_OFFSET, (byte)(e.tradingState == null ? -1 : e.tradingState.ordinal()));
                buf.putByte(body + COMMAND_POSITION_SIDE_OFFSET,
                    (byte)(e.positionSide == null ? PositionSide.BOTH.ordinal() : e.positionSide.ordinal()));
                bodyLength = COMMAND_BODY_LENGTH;
                break;
            case TIMER:
                bodyLength = 0;
                break;
            case ORDER_ACK:
            case ORDER_EXPIRED:
                putLong(buf, body + ORDER_CLIENT_ORDER_ID_OFFSET, e.clientOrderId);
                bodyLength = ORDER_ID_BODY_LENGTH;
                break;
            case ORDER_REJECT:
                putLong(buf, body + ORDER_CLIENT_ORDER_ID_OFFSET, e.clientOrderId);
                bodyLength = ORDER_REJECT_REASON_OFFSET + putString(buf, body + ORDER_REJECT_REASON_OFFSET, e.text);
                break;
            case ORDER_FILL:
                putLong(buf, body + ORDER_CLIENT_ORDER_ID_OFFSET, e.clientOrderId);
                putLong(buf, body + ORDER_FILL_QTY_OFFSET, e.qty);
                putLong(buf, body + ORDER_FILL_PRICE_OFFSET, e.price);
                putLong(buf, body + ORDER_FILL_FEE_OFFSET, e.fee);
                bodyLength = ORDER_FILL_BODY_LENGTH;
                break;
            case POSITION_SNAPSHOT:
            {
                final Snapshot s = e.snapshot();
                buf.putInt(body + SNAPSHOT_COUNT_OFFSET, s.size(), ORDER);
                int entry = body + SNAPSHOT_ENTRIES_OFFSET;
                for (int k = 0; k < s.size(); k++, entry += SNAPSHOT_ENTRY_LENGTH)
                {
                    buf.putInt(entry + SNAPSHOT_SYMBOL_ID_OFFSET, s.symbolIds[k], ORDER);
                    buf.putByte(entry + SNAPSHOT_POSITION_SIDE_OFFSET, (byte)s.sides[k].ordinal());
                    putLong(buf, entry + SNAPSHOT_QTY_OFFSET, s.qty[k]);
                    putLong(buf, entry + SNAPSHOT_ENTRY_PRICE_OFFSET, s.entryPrice[k]);
                }
                bodyLength = entry - body;
                break;
            }
            default:
                throw new IllegalStateException("no layout for " + e.type);
        }
        final int length = BODY_OFFSET + bodyLength;
        buf.putInt(offset + LENGTH_OFFSET, length, ORDER);
        return length;
    }

    /** The capacity a record of {@code e} may need. */
    public static int maxLength(final EngineEvent e)
    {
        int n = MAX_FIXED_RECORD;
        if (e.type == EventType.PROFILE)
        {
            n += STRING_LENGTH_SIZE + 4 * e.profile().encode().length();
        }
        if (e.orderId != null)
        {
            n += STRING_LENGTH_SIZE + 4 * e.orderId.length();
        }
        if (e.text != null)
        {
            n += STRING_LENGTH_SIZE + 4 * e.text.length();
        }
        if (e.type == EventType.POSITION_SNAPSHOT)
        {
            n += 24 * e.snapshot().size(); // over SNAPSHOT_ENTRY_LENGTH, as a bound
        }
        return n;
    }

    public static byte recordKind(final DirectBuffer buf, final int offset)
    {
        return buf.getByte(offset);
    }

    /**
     * Reads the record at {@code offset}, which ends at or before {@code limit}: moves {@code doc} past it
     * (for a compact record, {@code doc} then holds all its fields, for {@link #decode(DirectBuffer, int,
     * EngineEvent, Cursor)}) and returns its length, or -1 when it is not a whole record of a known kind.
     */
    public static int next(final DirectBuffer buf, final int offset, final int limit, final Cursor doc)
    {
        if (limit - offset < 2)
        {
            return -1;
        }
        final byte kind = buf.getByte(offset);
        if (isCompact(kind))
        {
            return nextCompact(buf, offset, limit, doc);
        }
        return kind == KIND_NAME || kind == KIND_EVENT ? nextFull(buf, offset, limit, doc, kind) : -1;
    }

    /** Whether a record of this kind (its first byte) is a compact tick. */
    public static boolean isCompact(final byte kind)
    {
        return kind >= KIND_TRADE_DELTA && kind <= KIND_MARK_DELTA;
    }

    private static int nextFull(final DirectBuffer buf, final int offset, final int limit, final Cursor doc, final byte kind)
    {
        if (limit - offset < FULL_HEADER_LENGTH)
        {
            return -1;
        }
        final int length = buf.getInt(offset + LENGTH_OFFSET, ORDER);
        if (length <= FULL_HEADER_LENGTH || length > limit - offset || (kind == KIND_EVENT && length < MIN_EVENT_LENGTH))
        {
            return -1;
        }
        if (kind == KIND_EVENT)
        {
            final EventType type = EventType.ofCode(buf.getByte(offset + TYPE_OFFSET));
            doc.started = true;
            doc.seq = buf.getLong(offset + SEQ_OFFSET, ORDER);
            doc.ts = buf.getLong(offset + TS_OFFSET, ORDER);
            if (type == EventType.TRADE || type == EventType.MARK || type == EventType.QUOTE)
            {
                if (length < MIN_TICK_LENGTH)
                {
                    return -1;
                }
                doc.price = buf.getLong(offset + (BODY_OFFSET + TICK_PRICE_OFFSET), ORDER);
            }
        }
        return length;
    }

    /**
     * As {@link #next}, for a record whose kind {@link #isCompact}: a reader's loop calls this one directly for
     * those, the bulk of a journal written at full speed, so that its hot path is small enough to be inlined
     * there (the whole of {@code next} compiled too big for that).
     */
    public static int nextCompact(final DirectBuffer buf, final int offset, final int limit, final Cursor doc)
    {
        // the sizes byte gives every field's size, so the record's length is known before reading them; a compact
        // record follows a full one in its document, never sooner than that record's shortest length
        if (limit - offset < COMPACT_HEADER_LENGTH || !doc.started || offset < MIN_EVENT_LENGTH || limit > buf.capacity())
        {
            return -1;
        }
        // kind, sizes and symbol id in one load: the record's first four bytes (kind at KIND_OFFSET, 0). Every read
        // below lies within [offset - 4, limit), checked above: unchecked reads (RawBytes)
        final int head = RawBytes.getInt(buf, offset);
        final int kind = head & 0xFF;
        final int sizes = head >>> COMPACT_SIZES_SHIFT & 0xFF;
        final int dtBytes = sizes & SIZES_DT_MASK;
        final int firstBytes = (sizes >>> SIZES_FIRST_SHIFT & SIZES_FIRST_MASK) + 1;
        final int secondBytes = kind == KIND_MARK_DELTA ? 0 : (sizes >>> SIZES_SECOND_SHIFT) + 1;
        final int length = COMPACT_HEADER_LENGTH + dtBytes + firstBytes + secondBytes;
        if (length > limit - offset)
        {
            return -1;
        }
        int i = offset + COMPACT_HEADER_LENGTH;
        doc.symbolId = head >>> COMPACT_SYMBOL_ID_SHIFT;
        doc.seq++;
        doc.ts += unzigzag(field(buf, i, dtBytes, limit));
        i += dtBytes;
        doc.price += unzigzag(field(buf, i, firstBytes, limit));
        i += firstBytes;
        if (kind == KIND_TRADE_DELTA)
        {
            doc.second = field(buf, i, secondBytes, limit);
        }
        else if (kind == KIND_QUOTE_DELTA)
        {
            doc.second = doc.price + unzigzag(field(buf, i, secondBytes, limit));
        }
        return length;
    }

    private static final long[] MASKS = {0, 0xFFL, 0xFFFFL, 0xFF_FFFFL, 0xFFFF_FFFFL, 0xFF_FFFF_FFFFL, 0xFFFF_FFFF_FFFFL,
        0xFF_FFFF_FFFF_FFFFL, -1L};

    /**
     * The {@code n}-byte little-endian field at {@code i}: one 8-byte load, masked, or, for a field that ends
     * within 8 bytes of the document's end, the 8 bytes that end where the field does, shifted down. A compact
     * record always follows its document's full record, so those 8 bytes never start before the document.
     * No loop: the reader's hot path stays small enough to be inlined.
     */
    private static long field(final DirectBuffer buf, final int i, final int n, final int limit)
    {
        if (i + 8 <= limit)
        {
            return RawBytes.getLong(buf, i) & MASKS[n];
        }
        return n == 0 ? 0 : RawBytes.getLong(buf, i + n - 8) >>> (64 - 8 * n);
    }

    /** The bytes that hold {@code v} unsigned: 0 for 0, up to 8. */
    static int bytesOf(final long v)
    {
        return (71 - Long.numberOfLeadingZeros(v)) >> 3;
    }

    static long zigzag(final long v)
    {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(final long z)
    {
        return (z >>> 1) ^ -(z & 1);
    }

    /** Decodes a NAME record into {@code names} (restoring the recorded id). */
    public static void decodeName(final DirectBuffer buf, final int offset, final Names names)
    {
        final Names.Kind kind = Names.Kind.ofOrdinal(buf.getByte(offset + NAME_KIND_OFFSET));
        final int id = buf.getInt(offset + NAME_ID_OFFSET, ORDER);
        names.restore(kind, id, getString(buf, offset + NAME_TEXT_OFFSET));
    }

    /**
     * Decodes the event record at {@code offset}, full or compact, into {@code e} (its decisions cleared);
     * {@code doc} must be where {@link #next} left it after reading this record.
     */
    public static void decode(final DirectBuffer buf, final int offset, final EngineEvent e, final Cursor doc)
    {
        final byte kind = buf.getByte(offset);
        if (kind == KIND_EVENT)
        {
            decode(buf, offset, e);
            return;
        }
        final EventType type = kind == KIND_TRADE_DELTA ? EventType.TRADE : kind == KIND_QUOTE_DELTA ? EventType.QUOTE : EventType.MARK;
        e.clear(type);
        e.seq = doc.seq;
        e.ts = doc.ts;
        e.symbolId = doc.symbolId;
        if (type == EventType.QUOTE)
        {
            e.bid = doc.price;
            e.ask = doc.second;
        }
        else
        {
            e.price = doc.price;
            e.qty = type == EventType.TRADE ? doc.second : e.qty;
        }
    }

    /** Decodes a full EVENT record into {@code e} (its decisions cleared). */
    public static void decode(final DirectBuffer buf, final int offset, final EngineEvent e)
    {
        if (buf.getByte(offset) != KIND_EVENT)
        {
            throw new IllegalArgumentException("not a full event record: kind " + buf.getByte(offset));
        }
        final EventType type = EventType.ofCode(buf.getByte(offset + TYPE_OFFSET));
        e.clear(type);
        e.seq = buf.getLong(offset + SEQ_OFFSET, ORDER);
        e.ts = buf.getLong(offset + TS_OFFSET, ORDER);
        e.symbolId = buf.getInt(offset + SYMBOL_ID_OFFSET, ORDER);
        e.accountId = buf.getInt(offset + ACCOUNT_ID_OFFSET, ORDER);
        e.profileId = buf.getInt(offset + PROFILE_ID_OFFSET, ORDER);
        final int body = offset + BODY_OFFSET;
        switch (type)
        {
            case INSTRUMENT:
                e.tickSize = buf.getLong(body + INSTRUMENT_TICK_SIZE_OFFSET, ORDER);
                e.stepSize = buf.getLong(body + INSTRUMENT_STEP_SIZE_OFFSET, ORDER);
                e.minQty = buf.getLong(body + INSTRUMENT_MIN_QTY_OFFSET, ORDER);
                e.makerFee = buf.getLong(body + INSTRUMENT_MAKER_FEE_OFFSET, ORDER);
                e.takerFee = buf.getLong(body + INSTRUMENT_TAKER_FEE_OFFSET, ORDER);
                break;
            case PROFILE:
                e.payload = ExitProfile.decode(getString(buf, body + PROFILE_TEXT_OFFSET));
                break;
            case TRADE:
                e.price = buf.getLong(body + TICK_PRICE_OFFSET, ORDER);
                e.qty = buf.getLong(body + TICK_SECOND_OFFSET, ORDER);
                break;
            case QUOTE:
                e.bid = buf.getLong(body + TICK_PRICE_OFFSET, ORDER);
                e.ask = buf.getLong(body + TICK_SECOND_OFFSET, ORDER);
                break;
            case MARK:
                e.price = buf.getLong(body + TICK_PRICE_OFFSET, ORDER);
                break;
            case FILL:
                e.side = Side.ofOrdinal(buf.getByte(body + FILL_SIDE_OFFSET));
                e.positionSide = PositionSide.ofOrdinal(buf.getByte(body + FILL_POSITION_SIDE_OFFSET));
                e.qty = buf.getLong(body + FILL_QTY_OFFSET, ORDER);
                e.price = buf.getLong(body + FILL_PRICE_OFFSET, ORDER);
                e.fee = buf.getLong(body + FILL_FEE_OFFSET, ORDER);
                e.orderId = getString(buf, body + FILL_ORDER_ID_OFFSET);
                break;
            case COMMAND:
                e.command = CommandType.ofOrdinal(buf.getByte(body + COMMAND_OFFSET));
                e.on = buf.getByte(body + COMMAND_ON_OFFSET) == 1;
                final byte state = buf.getByte(body + COMMAND_TRADING_STATE_OFFSET);
                e.tradingState = state < 0 ? null : TradingState.ofOrdinal(state);
                e.positionSide = PositionSide.ofOrdinal(buf.getByte(body + COMMAND_POSITION_SIDE_OFFSET));
                break;
            case TIMER:
                break;
            case ORDER_ACK:
            case ORDER_EXPIRED:
                e.clientOrderId = buf.getLong(body + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER);
                break;
            case ORDER_REJECT:
                e.clientOrderId = buf.getLong(body + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER);
                e.text = getString(buf, body + ORDER_REJECT_REASON_OFFSET);
                break;
            case ORDER_FILL:
                e.clientOrderId = buf.getLong(body + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER);
                e.qty = buf.getLong(body + ORDER_FILL_QTY_OFFSET, ORDER);
                e.price = buf.getLong(body + ORDER_FILL_PRICE_OFFSET, ORDER);
                e.fee = buf.getLong(body + ORDER_FILL_FEE_OFFSET, ORDER);
                break;
            case POSITION_SNAPSHOT:
            {
                final int n = buf.getInt(body + SNAPSHOT_COUNT_OFFSET, ORDER);
                final int[] symbols = new int[n];
                final PositionSide[] sides = new PositionSide[n];
                final long[] qty = new long[n];
                final long[] entry = new long[n];
                int at = body + SNAPSHOT_ENTRIES_OFFSET;
                for (int k = 0; k < n; k++, at += SNAPSHOT_ENTRY_LENGTH)
                {
                    symbols[k] = buf.getInt(at + SNAPSHOT_SYMBOL_ID_OFFSET, ORDER);
                    sides[k] = PositionSide.ofOrdinal(buf.getByte(at + SNAPSHOT_POSITION_SIDE_OFFSET));
                    qty[k] = buf.getLong(at + SNAPSHOT_QTY_OFFSET, ORDER);
                    entry[k] = buf.getLong(at + SNAPSHOT_ENTRY_PRICE_OFFSET, ORDER);
                }
                e.payload = new Snapshot(symbols, sides, qty, entry);
                break;
            }
            default:
                throw new IllegalStateException("no layout for " + type);
        }
    }

    /**
     * Where a journal document stands, record by record: the last event's seq and time, the last market
     * price, whether an event was seen; and, after {@link #next} read a compact record, its fields.
     * Writers and readers start one per document ({@link #reset}).
     */
    public static final class Cursor
    {
        boolean started;
        long seq;
        long ts;
        long price;
        int symbolId;
        /** A compact trade's quantity or quote's ask. */
        long second;

        public void reset()
        {
            started = false;
            seq = 0;
            ts = 0;
            price = 0;
        }

        /** The seq of the last event read or written. */
        public long seq()
        {
            return seq;
        }
    }

    private static void putLong(final MutableDirectBuffer buf, final int at, final long v)
    {
        buf.putLong(at, v, ORDER);
    }

    static int putString(final MutableDirectBuffer buf, final int i, final String s)
    {
        if (s == null)
        {
            buf.putInt(i, ABSENT_STRING, ORDER);
            return STRING_LENGTH_SIZE;
        }
        return buf.putStringUtf8(i, s, ORDER);
    }

    static String getString(final DirectBuffer buf, final int i)
    {
        final int len = buf.getInt(i, ORDER);
        if (len < 0)
        {
            return null;
        }
        return buf.getStringUtf8(i, ORDER);
    }
}
