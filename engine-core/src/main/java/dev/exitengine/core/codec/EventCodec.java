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
 * The journal's binary layout of inputs, written down once, here. A record is
 * {@code [int length][byte kind]} followed by its body; {@code length} counts the whole record.
 *
 * <pre>
 * NAME  (kind 1): byte nameKind, int id, utf8 name
 * EVENT (kind 2): byte type, long seq, long ts, int symbolId, int accountId, int profileId, then by type:
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
 * </pre>
 * Little-endian throughout. Strings are {@code int length + UTF-8 bytes}; absent strings have length -1.
 */
public final class EventCodec
{
    public static final byte KIND_NAME = 1;
    public static final byte KIND_EVENT = 2;
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Upper bound of a record without strings or snapshots; callers ensure capacity beyond it. */
    public static final int MAX_FIXED_RECORD = 128;

    private EventCodec()
    {
    }

    public static int encodeName(final MutableDirectBuffer buf, final int offset, final Names.Kind kind, final int id, final String name)
    {
        int i = offset + 4;
        buf.putByte(i, KIND_NAME);
        i += 1;
        buf.putByte(i, (byte)kind.ordinal());
        i += 1;
        buf.putInt(i, id, ORDER);
        i += 4;
        i += putString(buf, i, name);
        buf.putInt(offset, i - offset, ORDER);
        return i - offset;
    }

    /** Encodes the input fields of {@code e}; returns the record length. */
    public static int encode(final MutableDirectBuffer buf, final int offset, final EngineEvent e)
    {
        int i = offset + 4;
        buf.putByte(i++, KIND_EVENT);
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
        buf.putInt(offset, i - offset, ORDER);
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

    public static int recordLength(final DirectBuffer buf, final int offset)
    {
        return buf.getInt(offset, ORDER);
    }

    public static byte recordKind(final DirectBuffer buf, final int offset)
    {
        return buf.getByte(offset + 4);
    }

    /** Decodes a NAME record into {@code names} (restoring the recorded id). */
    public static void decodeName(final DirectBuffer buf, final int offset, final Names names)
    {
        int i = offset + 5;
        final Names.Kind kind = Names.Kind.values()[buf.getByte(i++)];
        final int id = buf.getInt(i, ORDER);
        i += 4;
        names.restore(kind, id, getString(buf, i));
    }

    /** Decodes an EVENT record into {@code e} (its decisions cleared). */
    public static void decode(final DirectBuffer buf, final int offset, final EngineEvent e)
    {
        int i = offset + 5;
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
