package dev.exitengine.core.codec;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static dev.exitengine.core.codec.DecisionLayout.*;
import static dev.exitengine.core.codec.EventCodec.ORDER;

/**
 * Writes and reads the journal's outputs, one record per {@link Decision}, in the layout {@link DecisionLayout}
 * draws: every field at a fixed offset, then the detail text. Replay verification compares these bytes.
 */
public final class DecisionCodec
{
    /** The bytes before the detail text: the fixed fields. */
    public static final int FIXED_LENGTH = DETAIL_OFFSET;

    private DecisionCodec()
    {
    }

    public static int maxLength(final Decision d)
    {
        return FIXED_LENGTH + EventRecordLayout.STRING_LENGTH_SIZE + (d.detail == null ? 0 : 4 * d.detail.length());
    }

    public static int encode(final MutableDirectBuffer buf, final int offset, final Decision d)
    {
        buf.putByte(offset + TYPE_OFFSET, d.type.code);
        put(buf, offset + SEQ_OFFSET, d.seq);
        put(buf, offset + TS_OFFSET, d.ts);
        buf.putInt(offset + ACCOUNT_ID_OFFSET, d.accountId, ORDER);
        buf.putInt(offset + SYMBOL_ID_OFFSET, d.symbolId, ORDER);
        put(buf, offset + POSITION_ID_OFFSET, d.positionId);
        buf.putByte(offset + POSITION_SIDE_OFFSET, (byte)(d.positionSide == null ? -1 : d.positionSide.ordinal()));
        put(buf, offset + QTY_OFFSET, d.qty);
        put(buf, offset + ENTRY_PRICE_OFFSET, d.entryPrice);
        put(buf, offset + TAKE_PROFIT_OFFSET, d.takeProfit);
        put(buf, offset + STOP_LOSS_OFFSET, d.stopLoss);
        put(buf, offset + TRAILING_STOP_OFFSET, d.trailingStop);
        put(buf, offset + LEVEL_OFFSET, d.level);
        buf.putByte(offset + SIDE_OFFSET, (byte)(d.side == null ? -1 : d.side.ordinal()));
        buf.putByte(offset + REASON_OFFSET, (byte)(d.reason == null ? -1 : d.reason.ordinal()));
        put(buf, offset + PRICE_OFFSET, d.price);
        put(buf, offset + CLIENT_ORDER_ID_OFFSET, d.clientOrderId);
        put(buf, offset + EXIT_PRICE_OFFSET, d.exitPrice);
        put(buf, offset + FEES_OFFSET, d.fees);
        put(buf, offset + NET_PNL_OFFSET, d.netPnl);
        put(buf, offset + SLIPPAGE_OFFSET, d.slippage);
        put(buf, offset + BREAKEVEN_STOP_OFFSET, d.breakevenStop);
        put(buf, offset + PROFIT_FLOOR_OFFSET, d.profitFloor);
        put(buf, offset + SCALE_OUT_TARGET_OFFSET, d.scaleOutTarget);
        put(buf, offset + ROI_TARGET_OFFSET, d.roiTarget);
        final int length = DETAIL_OFFSET + EventCodec.putString(buf, offset + DETAIL_OFFSET, d.detail);
        buf.putInt(offset + LENGTH_OFFSET, length, ORDER);
        return length;
    }

    public static void decode(final DirectBuffer buf, final int offset, final Decision d)
    {
        final DecisionType type = DecisionType.ofCode(buf.getByte(offset + TYPE_OFFSET));
        d.reset(type, buf.getLong(offset + SEQ_OFFSET, ORDER), buf.getLong(offset + TS_OFFSET, ORDER));
        d.accountId = buf.getInt(offset + ACCOUNT_ID_OFFSET, ORDER);
        d.symbolId = buf.getInt(offset + SYMBOL_ID_OFFSET, ORDER);
        d.positionId = buf.getLong(offset + POSITION_ID_OFFSET, ORDER);
        final byte ps = buf.getByte(offset + POSITION_SIDE_OFFSET);
        d.positionSide = ps < 0 ? null : PositionSide.ofOrdinal(ps);
        d.qty = buf.getLong(offset + QTY_OFFSET, ORDER);
        d.entryPrice = buf.getLong(offset + ENTRY_PRICE_OFFSET, ORDER);
        d.takeProfit = buf.getLong(offset + TAKE_PROFIT_OFFSET, ORDER);
        d.stopLoss = buf.getLong(offset + STOP_LOSS_OFFSET, ORDER);
        d.trailingStop = buf.getLong(offset + TRAILING_STOP_OFFSET, ORDER);
        d.level = buf.getLong(offset + LEVEL_OFFSET, ORDER);
        final byte side = buf.getByte(offset + SIDE_OFFSET);
        d.side = side < 0 ? null : Side.ofOrdinal(side);
        final byte reason = buf.getByte(offset + REASON_OFFSET);
        d.reason = reason < 0 ? null : ExitReason.of(reason);
        d.price = buf.getLong(offset + PRICE_OFFSET, ORDER);
        d.clientOrderId = buf.getLong(offset + CLIENT_ORDER_ID_OFFSET, ORDER);
        d.exitPrice = buf.getLong(offset + EXIT_PRICE_OFFSET, ORDER);
        d.fees = buf.getLong(offset + FEES_OFFSET, ORDER);
        d.netPnl = buf.getLong(offset + NET_PNL_OFFSET, ORDER);
        d.slippage = buf.getLong(offset + SLIPPAGE_OFFSET, ORDER);
        d.breakevenStop = buf.getLong(offset + BREAKEVEN_STOP_OFFSET, ORDER);
        d.profitFloor = buf.getLong(offset + PROFIT_FLOOR_OFFSET, ORDER);
        d.scaleOutTarget = buf.getLong(offset + SCALE_OUT_TARGET_OFFSET, ORDER);
        d.roiTarget = buf.getLong(offset + ROI_TARGET_OFFSET, ORDER);
        d.detail = EventCodec.getString(buf, offset + DETAIL_OFFSET);
    }

    private static void put(final MutableDirectBuffer buf, final int at, final long v)
    {
        buf.putLong(at, v, ORDER);
    }
}
