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
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static dev.exitengine.core.codec.EventCodec.ORDER;
import static dev.exitengine.core.codec.EventRecordLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the journal's input layout: the named offsets hold the values {@link EventRecordLayout} draws, and a
 * document of every record shape encodes to the bytes the format had when it was first written down (journals
 * written before must still replay).
 */
class EventRecordLayoutTest
{
    private static final long T = 1_723_161_600_000L;

    private final ExpandableArrayBuffer buf = new ExpandableArrayBuffer(1024);

    private static EngineEvent event(final EventType type, final long seq)
    {
        final EngineEvent e = new EngineEvent();
        e.clear(type);
        e.seq = seq;
        e.ts = T + seq;
        e.symbolId = 7;
        e.accountId = 3;
        e.profileId = 2;
        return e;
    }

    private static EngineEvent tick(final EventType type, final long seq, final long ts, final long a, final long b)
    {
        final EngineEvent e = event(type, seq);
        e.ts = ts;
        e.accountId = -1;
        e.profileId = -1;
        if (type == EventType.QUOTE)
        {
            e.bid = a;
            e.ask = b;
        }
        else
        {
            e.price = a;
            e.qty = type == EventType.TRADE ? b : 0;
        }
        return e;
    }

    @Test
    void theNamedOffsetsAreTheDrawnOnes()
    {
        assertEquals(0, KIND_OFFSET);
        assertEquals(1, LENGTH_OFFSET);
        assertEquals(5, FULL_HEADER_LENGTH);
        assertEquals(5, NAME_KIND_OFFSET);
        assertEquals(6, NAME_ID_OFFSET);
        assertEquals(10, NAME_TEXT_OFFSET);
        assertEquals(5, TYPE_OFFSET);
        assertEquals(6, SEQ_OFFSET);
        assertEquals(14, TS_OFFSET);
        assertEquals(22, SYMBOL_ID_OFFSET);
        assertEquals(26, ACCOUNT_ID_OFFSET);
        assertEquals(30, PROFILE_ID_OFFSET);
        assertEquals(34, BODY_OFFSET);
        assertEquals(34, MIN_EVENT_LENGTH);
        assertEquals(42, MIN_TICK_LENGTH);
        assertEquals(4, COMPACT_HEADER_LENGTH);
        assertEquals(8, COMPACT_SIZES_SHIFT);
        assertEquals(16, COMPACT_SYMBOL_ID_SHIFT);
        assertEquals(21, SNAPSHOT_ENTRY_LENGTH);
    }

    @Test
    void aFullEventRecordHoldsItsCommonFieldsAtTheirOffsets()
    {
        final EngineEvent e = event(EventType.TRADE, 41);
        e.price = 6_180_010_000_000L;
        e.qty = 200_000;
        final int n = EventCodec.encode(buf, 0, e);
        assertEquals(BODY_OFFSET + TRADE_BODY_LENGTH, n);
        assertEquals(KIND_EVENT, buf.getByte(KIND_OFFSET));
        assertEquals(n, buf.getInt(LENGTH_OFFSET, ORDER));
        assertEquals(EventType.TRADE.code, buf.getByte(TYPE_OFFSET));
        assertEquals(41, buf.getLong(SEQ_OFFSET, ORDER));
        assertEquals(T + 41, buf.getLong(TS_OFFSET, ORDER));
        assertEquals(7, buf.getInt(SYMBOL_ID_OFFSET, ORDER));
        assertEquals(3, buf.getInt(ACCOUNT_ID_OFFSET, ORDER));
        assertEquals(2, buf.getInt(PROFILE_ID_OFFSET, ORDER));
        assertEquals(6_180_010_000_000L, buf.getLong(BODY_OFFSET + TICK_PRICE_OFFSET, ORDER));
        assertEquals(200_000, buf.getLong(BODY_OFFSET + TICK_SECOND_OFFSET, ORDER));
    }

    @Test
    void eachEventTypesBodyHoldsItsFieldsAtTheirOffsets()
    {
        final EngineEvent instrument = event(EventType.INSTRUMENT, 1);
        instrument.tickSize = 11;
        instrument.stepSize = 12;
        instrument.minQty = 13;
        instrument.makerFee = 14;
        instrument.takerFee = 15;
        assertEquals(BODY_OFFSET + INSTRUMENT_BODY_LENGTH, EventCodec.encode(buf, 0, instrument));
        assertEquals(11, buf.getLong(BODY_OFFSET + INSTRUMENT_TICK_SIZE_OFFSET, ORDER));
        assertEquals(12, buf.getLong(BODY_OFFSET + INSTRUMENT_STEP_SIZE_OFFSET, ORDER));
        assertEquals(13, buf.getLong(BODY_OFFSET + INSTRUMENT_MIN_QTY_OFFSET, ORDER));
        assertEquals(14, buf.getLong(BODY_OFFSET + INSTRUMENT_MAKER_FEE_OFFSET, ORDER));
        assertEquals(15, buf.getLong(BODY_OFFSET + INSTRUMENT_TAKER_FEE_OFFSET, ORDER));

        final EngineEvent quote = event(EventType.QUOTE, 2);
        quote.bid = 100;
        quote.ask = 101;
        assertEquals(BODY_OFFSET + QUOTE_BODY_LENGTH, EventCodec.encode(buf, 0, quote));
        assertEquals(100, buf.getLong(BODY_OFFSET + TICK_PRICE_OFFSET, ORDER));
        assertEquals(101, buf.getLong(BODY_OFFSET + TICK_SECOND_OFFSET, ORDER));

        final EngineEvent mark = event(EventType.MARK, 3);
        mark.price = 99;
        assertEquals(BODY_OFFSET + MARK_BODY_LENGTH, EventCodec.encode(buf, 0, mark));
        assertEquals(99, buf.getLong(BODY_OFFSET + TICK_PRICE_OFFSET, ORDER));

        final EngineEvent fill = event(EventType.FILL, 4);
        fill.side = Side.SELL;
        fill.positionSide = PositionSide.SHORT;
        fill.qty = 21;
        fill.price = 22;
        fill.fee = 23;
        fill.orderId = "o-9";
        assertEquals(BODY_OFFSET + FILL_ORDER_ID_OFFSET + STRING_LENGTH_SIZE + 3, EventCodec.encode(buf, 0, fill));
        assertEquals(Side.SELL.ordinal(), buf.getByte(BODY_OFFSET + FILL_SIDE_OFFSET));
        assertEquals(PositionSide.SHORT.ordinal(), buf.getByte(BODY_OFFSET + FILL_POSITION_SIDE_OFFSET));
        assertEquals(21, buf.getLong(BODY_OFFSET + FILL_QTY_OFFSET, ORDER));
        assertEquals(22, buf.getLong(BODY_OFFSET + FILL_PRICE_OFFSET, ORDER));
        assertEquals(23, buf.getLong(BODY_OFFSET + FILL_FEE_OFFSET, ORDER));
        assertEquals(3, buf.getInt(BODY_OFFSET + FILL_ORDER_ID_OFFSET, ORDER));
        assertEquals("o-9", buf.getStringWithoutLengthUtf8(BODY_OFFSET + FILL_ORDER_ID_OFFSET + STRING_LENGTH_SIZE, 3));

        fill.orderId = null;
        assertEquals(BODY_OFFSET + FILL_ORDER_ID_OFFSET + STRING_LENGTH_SIZE, EventCodec.encode(buf, 0, fill));
        assertEquals(ABSENT_STRING, buf.getInt(BODY_OFFSET + FILL_ORDER_ID_OFFSET, ORDER));

        final EngineEvent command = event(EventType.COMMAND, 5);
        command.command = CommandType.TRADING_STATE;
        command.on = true;
        command.tradingState = TradingState.HALTED;
        command.positionSide = PositionSide.LONG;
        assertEquals(BODY_OFFSET + COMMAND_BODY_LENGTH, EventCodec.encode(buf, 0, command));
        assertEquals(CommandType.TRADING_STATE.ordinal(), buf.getByte(BODY_OFFSET + COMMAND_OFFSET));
        assertEquals(1, buf.getByte(BODY_OFFSET + COMMAND_ON_OFFSET));
        assertEquals(TradingState.HALTED.ordinal(), buf.getByte(BODY_OFFSET + COMMAND_TRADING_STATE_OFFSET));
        assertEquals(PositionSide.LONG.ordinal(), buf.getByte(BODY_OFFSET + COMMAND_POSITION_SIDE_OFFSET));
        command.tradingState = null;
        EventCodec.encode(buf, 0, command);
        assertEquals(-1, buf.getByte(BODY_OFFSET + COMMAND_TRADING_STATE_OFFSET));

        assertEquals(BODY_OFFSET, EventCodec.encode(buf, 0, event(EventType.TIMER, 6)));

        final EngineEvent ack = event(EventType.ORDER_ACK, 7);
        ack.clientOrderId = 0x0102_0304_0506_0708L;
        assertEquals(BODY_OFFSET + ORDER_ID_BODY_LENGTH, EventCodec.encode(buf, 0, ack));
        assertEquals(0x0102_0304_0506_0708L, buf.getLong(BODY_OFFSET + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER));

        final EngineEvent reject = event(EventType.ORDER_REJECT, 8);
        reject.clientOrderId = 77;
        reject.text = "no";
        assertEquals(BODY_OFFSET + ORDER_REJECT_REASON_OFFSET + STRING_LENGTH_SIZE + 2, EventCodec.encode(buf, 0, reject));
        assertEquals(77, buf.getLong(BODY_OFFSET + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER));
        assertEquals("no", buf.getStringUtf8(BODY_OFFSET + ORDER_REJECT_REASON_OFFSET, ORDER));

        final EngineEvent orderFill = event(EventType.ORDER_FILL, 9);
        orderFill.clientOrderId = 78;
        orderFill.qty = 31;
        orderFill.price = 32;
        orderFill.fee = 33;
        assertEquals(BODY_OFFSET + ORDER_FILL_BODY_LENGTH, EventCodec.encode(buf, 0, orderFill));
        assertEquals(78, buf.getLong(BODY_OFFSET + ORDER_CLIENT_ORDER_ID_OFFSET, ORDER));
        assertEquals(31, buf.getLong(BODY_OFFSET + ORDER_FILL_QTY_OFFSET, ORDER));
        assertEquals(32, buf.getLong(BODY_OFFSET + ORDER_FILL_PRICE_OFFSET, ORDER));
        assertEquals(33, buf.getLong(BODY_OFFSET + ORDER_FILL_FEE_OFFSET, ORDER));

        final EngineEvent snapshot = event(EventType.POSITION_SNAPSHOT, 10);
        snapshot.payload = new Snapshot(new int[] {5, 6}, new PositionSide[] {PositionSide.LONG, PositionSide.SHORT},
            new long[] {41, 42}, new long[] {51, 52});
        assertEquals(BODY_OFFSET + SNAPSHOT_ENTRIES_OFFSET + 2 * SNAPSHOT_ENTRY_LENGTH, EventCodec.encode(buf, 0, snapshot));
        assertEquals(2, buf.getInt(BODY_OFFSET + SNAPSHOT_COUNT_OFFSET, ORDER));
        final int second = BODY_OFFSET + SNAPSHOT_ENTRIES_OFFSET + SNAPSHOT_ENTRY_LENGTH;
        assertEquals(6, buf.getInt(second + SNAPSHOT_SYMBOL_ID_OFFSET, ORDER));
        assertEquals(PositionSide.SHORT.ordinal(), buf.getByte(second + SNAPSHOT_POSITION_SIDE_OFFSET));
        assertEquals(42, buf.getLong(second + SNAPSHOT_QTY_OFFSET, ORDER));
        assertEquals(52, buf.getLong(second + SNAPSHOT_ENTRY_PRICE_OFFSET, ORDER));

        final EngineEvent profile = event(EventType.PROFILE, 11);
        profile.payload = ExitProfile.builder("p").build();
        final String text = profile.profile().encode();
        final int length = EventCodec.encode(buf, 0, profile);
        assertEquals(BODY_OFFSET + PROFILE_TEXT_OFFSET + STRING_LENGTH_SIZE + text.getBytes(StandardCharsets.UTF_8).length, length);
        assertEquals(text, buf.getStringUtf8(BODY_OFFSET + PROFILE_TEXT_OFFSET, ORDER));
    }

    @Test
    void aNameRecordHoldsItsKindIdAndName()
    {
        final int n = EventCodec.encodeName(buf, 0, Names.Kind.ACCOUNT, 12, "acct");
        assertEquals(NAME_TEXT_OFFSET + STRING_LENGTH_SIZE + 4, n);
        assertEquals(KIND_NAME, buf.getByte(KIND_OFFSET));
        assertEquals(n, buf.getInt(LENGTH_OFFSET, ORDER));
        assertEquals(Names.Kind.ACCOUNT.ordinal(), buf.getByte(NAME_KIND_OFFSET));
        assertEquals(12, buf.getInt(NAME_ID_OFFSET, ORDER));
        assertEquals("acct", buf.getStringUtf8(NAME_TEXT_OFFSET, ORDER));
    }

    @Test
    void compactRecordsHoldKindSizesSymbolAndFieldsBackToBack()
    {
        final EventCodec.Cursor doc = new EventCodec.Cursor();
        int at = EventCodec.encode(buf, 0, tick(EventType.TRADE, 1, T, 1_000, 1), doc);

        // a trade: dt 3 ms (zz 6, one byte), price up 2 (zz 4, one byte), qty 0x1234 (two bytes)
        final int trade = at;
        at += EventCodec.encode(buf, at, tick(EventType.TRADE, 2, T + 3, 1_002, 0x1234), doc);
        assertEquals(COMPACT_HEADER_LENGTH + 1 + 1 + 2, at - trade);
        assertEquals(KIND_TRADE_DELTA, buf.getByte(trade + KIND_OFFSET));
        final int sizes = buf.getByte(trade + COMPACT_SIZES_OFFSET) & 0xFF;
        assertEquals(1, sizes & SIZES_DT_MASK);
        assertEquals(0, sizes >>> SIZES_FIRST_SHIFT & SIZES_FIRST_MASK);
        assertEquals(1, sizes >>> SIZES_SECOND_SHIFT);
        assertEquals(7, buf.getShort(trade + COMPACT_SYMBOL_ID_OFFSET, ORDER));
        final int head = buf.getInt(trade, ORDER);
        assertEquals(sizes, head >>> COMPACT_SIZES_SHIFT & 0xFF);
        assertEquals(7, head >>> COMPACT_SYMBOL_ID_SHIFT);
        assertEquals(6, buf.getByte(trade + COMPACT_HEADER_LENGTH));
        assertEquals(4, buf.getByte(trade + COMPACT_HEADER_LENGTH + 1));
        assertEquals(0x1234, buf.getShort(trade + COMPACT_HEADER_LENGTH + 2, ORDER));

        // a quote at the same time: no dt bytes; bid down 1 from the trade's price (zz 1), ask 5 over it (zz 10)
        final int quote = at;
        at += EventCodec.encode(buf, at, tick(EventType.QUOTE, 3, T + 3, 1_001, 1_006), doc);
        assertEquals(COMPACT_HEADER_LENGTH + 0 + 1 + 1, at - quote);
        assertEquals(KIND_QUOTE_DELTA, buf.getByte(quote));
        assertEquals(0, buf.getByte(quote + COMPACT_SIZES_OFFSET));
        assertEquals(1, buf.getByte(quote + COMPACT_HEADER_LENGTH));
        assertEquals(10, buf.getByte(quote + COMPACT_HEADER_LENGTH + 1));

        // a mark on symbol 65,535: no second field, so the sizes' top bits stay 0
        final EngineEvent m = tick(EventType.MARK, 4, T + 4, 1_001 + 300, 0);
        m.symbolId = COMPACT_MAX_SYMBOL_ID;
        final int mark = at;
        at += EventCodec.encode(buf, at, m, doc);
        assertEquals(COMPACT_HEADER_LENGTH + 1 + 2, at - mark);
        assertEquals(KIND_MARK_DELTA, buf.getByte(mark));
        assertEquals(1 | 1 << SIZES_FIRST_SHIFT, buf.getByte(mark + COMPACT_SIZES_OFFSET));
        assertEquals(COMPACT_MAX_SYMBOL_ID, buf.getShort(mark + COMPACT_SYMBOL_ID_OFFSET, ORDER) & 0xFFFF);

        // a symbol past the short or a time step past three bytes is written full
        final EngineEvent wide = tick(EventType.MARK, 5, T + 4, 1_000, 0);
        wide.symbolId = COMPACT_MAX_SYMBOL_ID + 1;
        EventCodec.encode(buf, at, wide, doc);
        assertEquals(KIND_EVENT, buf.getByte(at));
        final long far = T + 4 + (1L << (8 * COMPACT_MAX_DT_BYTES - 1));
        EventCodec.encode(buf, at, tick(EventType.MARK, 6, far, 1_000, 0), doc);
        assertEquals(KIND_EVENT, buf.getByte(at));
        EventCodec.encode(buf, at, tick(EventType.MARK, 7, far + (1L << (8 * COMPACT_MAX_DT_BYTES - 1)) - 1, 1_000, 0), doc);
        assertEquals(KIND_MARK_DELTA, buf.getByte(at));
    }

    /** One of each record shape in one document, as the original engine wrote it: these bytes must never change. */
    @Test
    void aDocumentOfEveryRecordShapeEncodesToThePinnedBytes()
    {
        final EventCodec.Cursor doc = new EventCodec.Cursor();
        int at = EventCodec.encodeName(buf, 0, Names.Kind.SYMBOL, 7, "BTCUSDT");
        final EngineEvent fill = event(EventType.FILL, 1);
        fill.side = Side.BUY;
        fill.positionSide = PositionSide.BOTH;
        fill.qty = 200_000;
        fill.price = 6_180_010_000_000L;
        fill.fee = -1;
        fill.orderId = "o-1";
        at += EventCodec.encode(buf, at, fill, doc);
        at += EventCodec.encode(buf, at, tick(EventType.TRADE, 2, T + 5, 6_180_020_000_000L, 150_000_000), doc);
        at += EventCodec.encode(buf, at, tick(EventType.QUOTE, 3, T + 5, 6_180_000_000_000L, 6_180_030_000_000L), doc);
        at += EventCodec.encode(buf, at, tick(EventType.MARK, 4, T + 1_000_000, 6_179_990_000_000L, 0), doc);
        at += EventCodec.encode(buf, at, tick(EventType.TRADE, 5, T - 3, 6_179_990_000_001L, -1), doc);
        final EngineEvent snapshot = event(EventType.POSITION_SNAPSHOT, 6);
        snapshot.payload = new Snapshot(new int[] {7}, new PositionSide[] {PositionSide.LONG}, new long[] {200_000},
            new long[] {6_180_010_000_000L});
        at += EventCodec.encode(buf, at, snapshot, doc);
        at += EventCodec.encode(buf, at, tick(EventType.TRADE, 7, T + 9_000_000, 6_180_000_000_000L, 1), doc);
        final byte[] bytes = new byte[at];
        buf.getBytes(0, bytes);
        assertEquals(PINNED, HexFormat.of().formatHex(bytes));
    }

    /** The pinned document reads back record by record, compact ones relative to the events before them. */
    @Test
    void thePinnedDocumentDecodes()
    {
        final byte[] bytes = HexFormat.of().parseHex(PINNED);
        final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(bytes);
        final EventCodec.Cursor doc = new EventCodec.Cursor();
        final StringBuilder read = new StringBuilder();
        int offset = 0;
        while (offset < bytes.length)
        {
            final int n = EventCodec.next(view, offset, bytes.length, doc);
            if (view.getByte(offset) == KIND_NAME)
            {
                read.append("NAME ");
            }
            else
            {
                final EngineEvent e = new EngineEvent();
                EventCodec.decode(view, offset, e, doc);
                read.append(e.type).append(' ').append(e.seq).append(' ').append(e.ts - T).append(' ')
                    .append(e.type == EventType.QUOTE ? e.bid + "/" + e.ask : e.price + "x" + e.qty).append(", ");
            }
            offset += n;
        }
        assertEquals("NAME FILL 1 1 6180010000000x200000, TRADE 2 5 6180020000000x150000000, "
            + "QUOTE 3 5 6180000000000/6180030000000, MARK 4 1000000 6179990000000x0, TRADE 5 -3 6179990000001x-1, "
            + "POSITION_SNAPSHOT 6 6 0x0, TRADE 7 9000000 6180000000000x1, ", read.toString());
    }

    /** Written by the engine before the layout was named (commit ede7612). */
    private static final String PINNED =
        "011500000000070000000700000042544355534454024300000006010000000000000001606f34910100000700000003"
        + "000000020000000002400d03000000000080fe4ce59e050000ffffffffffffffff030000006f2d310375070008002acb"
        + "cb3d0b80d1f008046c0700ff59620200879303050f070076841eff2c310103e3070085841e02ffffffffffffffff023b"
        + "0000000d060000000000000006606f3491010000070000000300000002000000010000000700000000400d0300000000"
        + "0080fe4ce59e050000023200000003070000000000000040b4f8349101000007000000ffffffffffffffff0068b4e49e"
        + "0500000100000000000000";
}
