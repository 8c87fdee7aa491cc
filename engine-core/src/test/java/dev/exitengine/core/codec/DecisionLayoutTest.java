package dev.exitengine.core.codec;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static dev.exitengine.core.codec.DecisionLayout.*;
import static dev.exitengine.core.codec.EventCodec.ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Pins the journal's output layout: each decision field at the offset {@link DecisionLayout} draws, bytes unchanged. */
class DecisionLayoutTest
{
    private final ExpandableArrayBuffer buf = new ExpandableArrayBuffer(512);

    /** Every field a different value, so a field written at another's offset shows. */
    private static Decision close()
    {
        final Decision d = new Decision();
        d.reset(DecisionType.CLOSE, 41, 1_723_161_600_123L);
        d.accountId = 3;
        d.symbolId = 7;
        d.positionId = 1001;
        d.positionSide = PositionSide.SHORT;
        d.qty = 200_000;
        d.entryPrice = 6_180_010_000_000L;
        d.takeProfit = 11;
        d.stopLoss = 12;
        d.trailingStop = 13;
        d.level = 14;
        d.side = Side.BUY;
        d.reason = ExitReason.values()[2];
        d.price = 15;
        d.clientOrderId = 0x0102_0304_0506_0708L;
        d.exitPrice = 16;
        d.fees = 17;
        d.netPnl = -18;
        d.slippage = 19;
        d.breakevenStop = 20;
        d.profitFloor = 21;
        d.scaleOutTarget = 22;
        d.roiTarget = 23;
        d.detail = "why";
        return d;
    }

    @Test
    void eachFieldLiesAtItsNamedOffset()
    {
        final int n = DecisionCodec.encode(buf, 0, close());
        assertEquals(DETAIL_OFFSET + 4 + 3, n);
        assertEquals(n, buf.getInt(LENGTH_OFFSET, ORDER));
        assertEquals(DecisionType.CLOSE.code, buf.getByte(TYPE_OFFSET));
        assertEquals(41, buf.getLong(SEQ_OFFSET, ORDER));
        assertEquals(1_723_161_600_123L, buf.getLong(TS_OFFSET, ORDER));
        assertEquals(3, buf.getInt(ACCOUNT_ID_OFFSET, ORDER));
        assertEquals(7, buf.getInt(SYMBOL_ID_OFFSET, ORDER));
        assertEquals(1001, buf.getLong(POSITION_ID_OFFSET, ORDER));
        assertEquals(PositionSide.SHORT.ordinal(), buf.getByte(POSITION_SIDE_OFFSET));
        assertEquals(200_000, buf.getLong(QTY_OFFSET, ORDER));
        assertEquals(6_180_010_000_000L, buf.getLong(ENTRY_PRICE_OFFSET, ORDER));
        assertEquals(11, buf.getLong(TAKE_PROFIT_OFFSET, ORDER));
        assertEquals(12, buf.getLong(STOP_LOSS_OFFSET, ORDER));
        assertEquals(13, buf.getLong(TRAILING_STOP_OFFSET, ORDER));
        assertEquals(14, buf.getLong(LEVEL_OFFSET, ORDER));
        assertEquals(Side.BUY.ordinal(), buf.getByte(SIDE_OFFSET));
        assertEquals(2, buf.getByte(REASON_OFFSET));
        assertEquals(15, buf.getLong(PRICE_OFFSET, ORDER));
        assertEquals(0x0102_0304_0506_0708L, buf.getLong(CLIENT_ORDER_ID_OFFSET, ORDER));
        assertEquals(16, buf.getLong(EXIT_PRICE_OFFSET, ORDER));
        assertEquals(17, buf.getLong(FEES_OFFSET, ORDER));
        assertEquals(-18, buf.getLong(NET_PNL_OFFSET, ORDER));
        assertEquals(19, buf.getLong(SLIPPAGE_OFFSET, ORDER));
        assertEquals(20, buf.getLong(BREAKEVEN_STOP_OFFSET, ORDER));
        assertEquals(21, buf.getLong(PROFIT_FLOOR_OFFSET, ORDER));
        assertEquals(22, buf.getLong(SCALE_OUT_TARGET_OFFSET, ORDER));
        assertEquals(23, buf.getLong(ROI_TARGET_OFFSET, ORDER));
        assertEquals("why", buf.getStringUtf8(DETAIL_OFFSET, ORDER));
    }

    @Test
    void theFixedFieldsEndWhereTheDetailStartsAndMaxLengthBoundsARecord()
    {
        assertEquals(168, DETAIL_OFFSET);
        assertEquals(DETAIL_OFFSET, DecisionCodec.FIXED_LENGTH);
        final Decision d = close();
        d.detail = "£ ≥ 𝄞";
        final int n = DecisionCodec.encode(buf, 0, d);
        assertEquals(DETAIL_OFFSET + 4 + d.detail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, n);
        assertEquals(true, n <= DecisionCodec.maxLength(d), n + " over " + DecisionCodec.maxLength(d));
    }

    @Test
    void absentSidesReasonAndDetailAreMinusOne()
    {
        final Decision d = new Decision();
        d.reset(DecisionType.LEVELS, 1, 2);
        final int n = DecisionCodec.encode(buf, 0, d);
        assertEquals(DETAIL_OFFSET + 4, n);
        assertEquals(-1, buf.getByte(POSITION_SIDE_OFFSET));
        assertEquals(-1, buf.getByte(SIDE_OFFSET));
        assertEquals(-1, buf.getByte(REASON_OFFSET));
        assertEquals(-1, buf.getInt(DETAIL_OFFSET, ORDER));
        final Decision out = new Decision();
        DecisionCodec.decode(buf, 0, out);
        assertNull(out.positionSide);
        assertNull(out.side);
        assertNull(out.reason);
        assertNull(out.detail);
    }

    @Test
    void aDecisionEncodesToThePinnedBytesAndBack()
    {
        final int n = DecisionCodec.encode(buf, 0, close());
        final byte[] bytes = new byte[n];
        buf.getBytes(0, bytes);
        assertEquals(PINNED, HexFormat.of().formatHex(bytes));

        final Decision out = new Decision();
        DecisionCodec.decode(new org.agrona.concurrent.UnsafeBuffer(HexFormat.of().parseHex(PINNED)), 0, out);
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(512);
        assertEquals(n, DecisionCodec.encode(again, 0, out));
        final byte[] round = new byte[n];
        again.getBytes(0, round);
        assertEquals(PINNED, HexFormat.of().formatHex(round));
    }

    /** Written by the engine before the layout was named (commit ede7612). */
    private static final String PINNED =
        "af0000000229000000000000007b606f34910100000300000007000000e90300000000000001400d03000000000080fe"
        + "4ce59e0500000b000000000000000c000000000000000d000000000000000e0000000000000000020f00000000000000"
        + "080706050403020110000000000000001100000000000000eeffffffffffffff13000000000000001400000000000000"
        + "15000000000000001600000000000000170000000000000003000000776879";
}
