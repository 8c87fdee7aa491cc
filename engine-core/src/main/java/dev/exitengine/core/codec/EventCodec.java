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

/**
 * The journal's binary layout of inputs, written down once, here. A record starts with its kind byte.
 * Full records follow it with {@code int length} (counting the whole record) and their body; compact
 * market records, which only follow another event in the same journal document, with their fields
 * in the fewest bytes that hold them.
 *
 * <pre>
 * NAME  (kind 1): int length, byte nameKind, int id, utf8 name
 * EVENT (kind 2): int length, byte type, long seq, long ts, int symbolId, int accountId, int profileId, then by type:
 *   INSTRUMENT  long tick, long step, long minQty, long makerFee, long takerFee
 *   PROFILE     utf8 profile text ({@link ExitProfile#encode()})
 *   TRADE       long price, long qty          QUOTE  long bid, long ask          MARK  long price
 *   FILL        byte side, byte positionSide, long qty, long price, long fee, utf8 orderId
 *   COMMAND     byte command, byte on, byte tradingState (-1 none), byte positionSide
 *   TIMER       (nothing)
 *   ORDER_ACK / ORDER_EXPIRED  long clientOrderId
 *   ORDER_REJECT  long clientOrderId, utf8 reason
 *   ORDER_FILL    long clientOrderId, long qty, long price, long fee
 *   POSITION_SNAPSHOT  int n, n × (int symbolId, byte positionSide, long qty, long entryPrice)
 * TRADE_DELTA (kind 3): byte sizes, short symbolId, then in as many bytes as sizes says:
 *                       zz(ts − previous ts), zz(price − previous price), qty
 * QUOTE_DELTA (kind 4): byte sizes, short symbolId, zz(ts − previous ts), zz(bid − previous price), zz(ask − bid)
 * MARK_DELTA  (kind 5): byte sizes, short symbolId, zz(ts − previous ts), zz(price − previous price)
 * sizes: bits 0-1 the time step's bytes (0-3), bits 2-4 and 5-7 the next two fields' bytes less one (1-8)
 * </pre>
 * A compact record's seq is the previous event's plus one, its account and profile none; "previous" is
 * the event before it in the same document ({@link Cursor}), and the previous price is that of the last
 * market event in the document (a trade's or mark's price, a quote's bid). So every document decodes on its
 * own, and a batch of ticks costs 10 to 15 bytes a tick against 50 for full records. A tick whose symbol
 * id is over 65,535 or whose time moved 2<sup>23</sup> ms or more is written full. Little-endian throughout;
 * zz is the zig-zag encoding (differences wrap, so every long round-trips), each field in the fewest bytes
 * that hold it, read with one 8-byte load and a mask. Strings are {@code int length + UTF-8 bytes}; absent
 * strings have length -1.
 */
public final class EventCodec
{
    public static final byte KIND_NAME = 1;
    public static final byte KIND_EVENT = 2;
    public static final byte KIND_TRADE_DELTA = 3;
    public static final byte KIND_QUOTE_DELTA = 4;
    public static final byte KIND_MARK_DELTA = 5;
    /** Bytes before a full record's body: kind, length. */
    private static final int FULL_HEADER = 5;
    /** Bytes before a compact record's fields: kind, sizes, symbol. */
    private static final int COMPACT_HEADER = 4;
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Upper bound of a record without strings or snapshots; callers ensure capacity beyond it. */
    public static final int MAX_FIXED_RECORD = 128;

    private EventCodec()
    {
    }

    public static int encodeName(final MutableDirectBuffer buf, final int offset, final Names.Kind kind, final int id, final String name)
    {
        buf.putByte(offset, KIND_NAME);
        int i = offset + FULL_HEADER;
        buf.putByte(i, (byte)kind.ordinal());
        i += 1;
        buf.putInt(i, id, ORDER);
        i += 4;
        i += putString(buf, i, name);
        buf.putInt(offset + 1, i - offset, ORDER);
        return i - offset;
    }

    /**
     * Encodes the input fields of {@code e} as the next record of a document whose state is {@code doc}:
     * compact when it can be, full otherwise; returns the record length and moves {@code doc} past it.
     */
    public static int encode(final MutableDirectBuffer buf, final int offset, final EngineEvent e, final Cursor doc)
    {
        final int length;
        final long dt = zigzag(e.ts - doc.ts);
        if (doc.started && e.seq == doc.seq + 1 && e.symbolId >= 0 && e.symbolId <= 0xFFFF && e.accountId < 0 && e.profileId < 0
            && e.type.isMarketData() && dt >>> 24 == 0)
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
            buf.putByte(offset, kind);
            buf.putByte(offset + 1, (byte)(dtBytes | (firstBytes - 1) << 2 | (kind == KIND_MARK_DELTA ? 0 : (secondBytes - 1) << 5)));
            buf.putShort(offset + 2, (short)e.symbolId, ORDER);
            // each field written as 8 bytes and kept to its size: the next field overwrites the rest
            int i = offset + COMPACT_HEADER;
            buf.putLong(i, dt, ORDER);
            i += dtBytes;
            buf.putLong(i, first, ORDER);
            i += firstBytes;
            if (secondBytes > 0)
            {
                buf.putLong(i, second, ORDER);
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
        buf.putByte(offset, KIND_EVENT);
        int i = offset + FULL_HEADER;
        buf.putByte(i++, e.type.code);
        buf.putLong(i, e.seq, ORDER);
        i += 8;
        buf.putLong(i, e.ts, ORDER);
        i += 8;
        buf.putInt(i, e.symbolId, ORDER);
        i += 4;
        buf.putInt(i, e.accountId, ORDER);
        i += 4;
        buf.putInt(i, e.profileId, ORDER);
        i += 4;
        switch (e.type)
        {
            case INSTRUMENT:
                i = putLong(buf, i, e.tickSize);
                i = putLong(buf, i, e.stepSize);
                i = putLong(buf, i, e.minQty);
                i = putLong(buf, i, e.makerFee);
                i = putLong(buf, i, e.takerFee);
                break;
            case PROFILE:
                i += putString(buf, i, e.profile().encode());
                break;
            case TRADE:
                i = putLong(buf, i, e.price);
                i = putLong(buf, i, e.qty);
                break;
            case QUOTE:
                i = putLong(buf, i, e.bid);
                i = putLong(buf, i, e.ask);
                break;
            case MARK:
                i = putLong(buf, i, e.price);
                break;
            case FILL:
                buf.putByte(i++, (byte)e.side.ordinal());
                buf.putByte(i++, (byte)e.positionSide.ordinal());
                i = putLong(buf, i, e.qty);
                i = putLong(buf, i, e.price);
                i = putLong(buf, i, e.fee);
                i += putString(buf, i, e.orderId);
                break;
            case COMMAND:
                buf.putByte(i++, (byte)e.command.ordinal());
                buf.putByte(i++, (byte)(e.on ? 1 : 0));
                buf.putByte(i++, (byte)(e.tradingState == null ? -1 : e.tradingState.ordinal()));
                buf.putByte(i++, (byte)(e.positionSide == null ? PositionSide.BOTH.ordinal() : e.positionSide.ordinal()));
                break;
            case TIMER:
                break;
            case ORDER_ACK:
            case ORDER_EXPIRED:
                i = putLong(buf, i, e.clientOrderId);
                break;
            case ORDER_REJECT:
                i = putLong(buf, i, e.clientOrderId);
                i += putString(buf, i, e.text);
                break;
            case ORDER_FILL:
                i = putLong(buf, i, e.clientOrderId);
                i = putLong(buf, i, e.qty);
                i = putLong(buf, i, e.price);
                i = putLong(buf, i, e.fee);
                break;
            case POSITION_SNAPSHOT:
            {
                final Snapshot s = e.snapshot();
                buf.putInt(i, s.size(), ORDER);
                i += 4;
                for (int k = 0; k < s.size(); k++)
                {
                    buf.putInt(i, s.symbolIds[k], ORDER);
                    i += 4;
                    buf.putByte(i++, (byte)s.sides[k].ordinal());
                    i = putLong(buf, i, s.qty[k]);
                    i = putLong(buf, i, s.entryPrice[k]);
                }
                break;
            }
            default:
                throw new IllegalStateException("no layout for " + e.type);
        }
        buf.putInt(offset + 1, i - offset, ORDER);
        return i - offset;
    }

    /** The capacity a record of {@code e} may need. */
    public static int maxLength(final EngineEvent e)
    {
        int n = MAX_FIXED_RECORD;
        if (e.type == EventType.PROFILE)
        {
            n += 4 + 4 * e.profile().encode().length();
        }
        if (e.orderId != null)
        {
            n += 4 + 4 * e.orderId.length();
        }
        if (e.text != null)
        {
            n += 4 + 4 * e.text.length();
        }
        if (e.type == EventType.POSITION_SNAPSHOT)
        {
            n += 24 * e.snapshot().size();
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

    /** A full record's fields, from the record's start: its type byte, then seq, ts and (a tick's) price. */
    private static final int FULL_TYPE = FULL_HEADER;
    private static final int FULL_SEQ = FULL_TYPE + 1;
    private static final int FULL_TS = FULL_SEQ + 8;
    /** After the symbol, account and profile ids: a tick's price, the first of its type's own fields. */
    private static final int FULL_PRICE = FULL_TS + 8 + 12;
    /** The shortest full event record: the common fields. */
    private static final int FULL_MIN_EVENT = FULL_PRICE;
    /** The shortest full tick record: the common fields and its price. */
    private static final int FULL_MIN_TICK = FULL_PRICE + 8;

    private static int nextFull(final DirectBuffer buf, final int offset, final int limit, final Cursor doc, final byte kind)
    {
        if (limit - offset < FULL_HEADER)
        {
            return -1;
        }
        final int length = buf.getInt(offset + 1, ORDER);
        if (length <= FULL_HEADER || length > limit - offset || (kind == KIND_EVENT && length < FULL_MIN_EVENT))
        {
            return -1;
        }
        if (kind == KIND_EVENT)
        {
            final EventType type = EventType.ofCode(buf.getByte(offset + FULL_TYPE));
            doc.started = true;
            doc.seq = buf.getLong(offset + FULL_SEQ, ORDER);
            doc.ts = buf.getLong(offset + FULL_TS, ORDER);
            if (type == EventType.TRADE || type == EventType.MARK || type == EventType.QUOTE)
            {
                if (length < FULL_MIN_TICK)
                {
                    return -1;
                }
                doc.price = buf.getLong(offset + FULL_PRICE, ORDER);
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
        if (limit - offset < COMPACT_HEADER || !doc.started || offset < FULL_MIN_EVENT)
        {
            return -1;
        }
        // kind, sizes and symbol id in one load: the record's first four bytes
        final int head = buf.getInt(offset, ORDER);
        final int kind = head & 0xFF;
        final int sizes = head >>> 8 & 0xFF;
        final int dtBytes = sizes & 3;
        final int firstBytes = (sizes >>> 2 & 7) + 1;
        final int secondBytes = kind == KIND_MARK_DELTA ? 0 : (sizes >>> 5) + 1;
        final int length = COMPACT_HEADER + dtBytes + firstBytes + secondBytes;
        if (length > limit - offset)
        {
            return -1;
        }
        int i = offset + COMPACT_HEADER;
        doc.symbolId = head >>> 16;
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
            return buf.getLong(i, ORDER) & MASKS[n];
        }
        return n == 0 ? 0 : buf.getLong(i + n - 8, ORDER) >>> (64 - 8 * n);
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
        int i = offset + FULL_HEADER;
        final Names.Kind kind = Names.Kind.values()[buf.getByte(i++)];
        final int id = buf.getInt(i, ORDER);
        i += 4;
        names.restore(kind, id, getString(buf, i));
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
        int i = offset + FULL_HEADER;
        final EventType type = EventType.ofCode(buf.getByte(i++));
        e.clear(type);
        e.seq = buf.getLong(i, ORDER);
        i += 8;
        e.ts = buf.getLong(i, ORDER);
        i += 8;
        e.symbolId = buf.getInt(i, ORDER);
        i += 4;
        e.accountId = buf.getInt(i, ORDER);
        i += 4;
        e.profileId = buf.getInt(i, ORDER);
        i += 4;
        switch (type)
        {
            case INSTRUMENT:
                e.tickSize = buf.getLong(i, ORDER);
                e.stepSize = buf.getLong(i + 8, ORDER);
                e.minQty = buf.getLong(i + 16, ORDER);
                e.makerFee = buf.getLong(i + 24, ORDER);
                e.takerFee = buf.getLong(i + 32, ORDER);
                break;
            case PROFILE:
                e.payload = ExitProfile.decode(getString(buf, i));
                break;
            case TRADE:
                e.price = buf.getLong(i, ORDER);
                e.qty = buf.getLong(i + 8, ORDER);
                break;
            case QUOTE:
                e.bid = buf.getLong(i, ORDER);
                e.ask = buf.getLong(i + 8, ORDER);
                break;
            case MARK:
                e.price = buf.getLong(i, ORDER);
                break;
            case FILL:
                e.side = Side.values()[buf.getByte(i)];
                e.positionSide = PositionSide.values()[buf.getByte(i + 1)];
                e.qty = buf.getLong(i + 2, ORDER);
                e.price = buf.getLong(i + 10, ORDER);
                e.fee = buf.getLong(i + 18, ORDER);
                e.orderId = getString(buf, i + 26);
                break;
            case COMMAND:
                e.command = CommandType.values()[buf.getByte(i)];
                e.on = buf.getByte(i + 1) == 1;
                final byte state = buf.getByte(i + 2);
                e.tradingState = state < 0 ? null : TradingState.values()[state];
                e.positionSide = PositionSide.values()[buf.getByte(i + 3)];
                break;
            case TIMER:
                break;
            case ORDER_ACK:
            case ORDER_EXPIRED:
                e.clientOrderId = buf.getLong(i, ORDER);
                break;
            case ORDER_REJECT:
                e.clientOrderId = buf.getLong(i, ORDER);
                e.text = getString(buf, i + 8);
                break;
            case ORDER_FILL:
                e.clientOrderId = buf.getLong(i, ORDER);
                e.qty = buf.getLong(i + 8, ORDER);
                e.price = buf.getLong(i + 16, ORDER);
                e.fee = buf.getLong(i + 24, ORDER);
                break;
            case POSITION_SNAPSHOT:
            {
                final int n = buf.getInt(i, ORDER);
                i += 4;
                final int[] symbols = new int[n];
                final PositionSide[] sides = new PositionSide[n];
                final long[] qty = new long[n];
                final long[] entry = new long[n];
                for (int k = 0; k < n; k++)
                {
                    symbols[k] = buf.getInt(i, ORDER);
                    sides[k] = PositionSide.values()[buf.getByte(i + 4)];
                    qty[k] = buf.getLong(i + 5, ORDER);
                    entry[k] = buf.getLong(i + 13, ORDER);
                    i += 21;
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

    private static int putLong(final MutableDirectBuffer buf, final int i, final long v)
    {
        buf.putLong(i, v, ORDER);
        return i + 8;
    }

    static int putString(final MutableDirectBuffer buf, final int i, final String s)
    {
        if (s == null)
        {
            buf.putInt(i, -1, ORDER);
            return 4;
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
