package dev.exitengine.core.codec;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static dev.exitengine.core.codec.EventCodec.ORDER;

/**
 * The journal's binary layout of outputs: {@code [int length][byte type]} then every field of a
 * {@link Decision} at a fixed offset, then its detail text. Replay verification compares these bytes.
 */
public final class DecisionCodec
{
    public static final int FIXED_LENGTH = 4 + 1 + 8 + 8 + 4 + 4 + 8 + 1 + 8 * 6 + 1 + 1 + 8 * 7 + 8 * 4;

    private DecisionCodec()
    {
    }

    public static int maxLength(final Decision d)
    {
        return FIXED_LENGTH + 4 + (d.detail == null ? 0 : 4 * d.detail.length());
    }

    public static int encode(final MutableDirectBuffer buf, final int offset, final Decision d)
    {
        int i = offset + 4;
        buf.putByte(i++, d.type.code);
        i = put(buf, i, d.seq);
        i = put(buf, i, d.ts);
        buf.putInt(i, d.accountId, ORDER);
        i += 4;
        buf.putInt(i, d.symbolId, ORDER);
        i += 4;
        i = put(buf, i, d.positionId);
        buf.putByte(i++, (byte)(d.positionSide == null ? -1 : d.positionSide.ordinal()));
        i = put(buf, i, d.qty);
        i = put(buf, i, d.entryPrice);
        i = put(buf, i, d.takeProfit);
        i = put(buf, i, d.stopLoss);
        i = put(buf, i, d.trailingStop);
        i = put(buf, i, d.level);
        buf.putByte(i++, (byte)(d.side == null ? -1 : d.side.ordinal()));
        buf.putByte(i++, (byte)(d.reason == null ? -1 : d.reason.ordinal()));
        i = put(buf, i, d.price);
        i = put(buf, i, d.clientOrderId);
        i = put(buf, i, d.exitPrice);
        i = put(buf, i, d.fees);
        i = put(buf, i, d.netPnl);
        i = put(buf, i, d.slippage);
        i = put(buf, i, d.breakevenStop);
        i = put(buf, i, d.profitFloor);
        i = put(buf, i, d.scaleOutTarget);
        i = put(buf, i, d.roiTarget);
        i += EventCodec.putString(buf, i, d.detail);
        buf.putInt(offset, i - offset, ORDER);
        return i - offset;
    }

    public static void decode(final DirectBuffer buf, final int offset, final Decision d)
    {
        int i = offset + 4;
        final DecisionType type = DecisionType.ofCode(buf.getByte(i++));
        final long seq = buf.getLong(i, ORDER);
        final long ts = buf.getLong(i + 8, ORDER);
        d.reset(type, seq, ts);
        i += 16;
        d.accountId = buf.getInt(i, ORDER);
        d.symbolId = buf.getInt(i + 4, ORDER);
        i += 8;
        d.positionId = buf.getLong(i, ORDER);
        i += 8;
        final byte ps = buf.getByte(i++);
        d.positionSide = ps < 0 ? null : PositionSide.values()[ps];
        d.qty = buf.getLong(i, ORDER);
        d.entryPrice = buf.getLong(i + 8, ORDER);
        d.takeProfit = buf.getLong(i + 16, ORDER);
        d.stopLoss = buf.getLong(i + 24, ORDER);
        d.trailingStop = buf.getLong(i + 32, ORDER);
        d.level = buf.getLong(i + 40, ORDER);
        i += 48;
        final byte side = buf.getByte(i++);
        d.side = side < 0 ? null : Side.values()[side];
        final byte reason = buf.getByte(i++);
        d.reason = reason < 0 ? null : ExitReason.of(reason);
        d.price = buf.getLong(i, ORDER);
        d.clientOrderId = buf.getLong(i + 8, ORDER);
        d.exitPrice = buf.getLong(i + 16, ORDER);
        d.fees = buf.getLong(i + 24, ORDER);
        d.netPnl = buf.getLong(i + 32, ORDER);
        d.slippage = buf.getLong(i + 40, ORDER);
        d.breakevenStop = buf.getLong(i + 48, ORDER);
        d.profitFloor = buf.getLong(i + 56, ORDER);
        d.scaleOutTarget = buf.getLong(i + 64, ORDER);
        d.roiTarget = buf.getLong(i + 72, ORDER);
        i += 80;
        d.detail = EventCodec.getString(buf, i);
    }

    private static int put(final MutableDirectBuffer buf, final int i, final long v)
    {
        buf.putLong(i, v, ORDER);
        return i + 8;
    }
}
