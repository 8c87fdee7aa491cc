package dev.exitengine.feed;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;

import java.util.List;

/**
 * The fields of one JSON Lines event line (or of one snapshot position), reused line after line: the
 * parse step ({@link LineFieldReader}) fills it, the deliver step ({@link LineDeliverer}) checks it and
 * hands it on. A field the line did not give (or gave as {@code null}) is {@link Fixed#NONE}, null or -1.
 * Each field has a bit; a line type reads the fields of its mask ({@link LineType}).
 */
final class LineFields
{
    static final int TS = 1;
    static final int ACCOUNT = 1 << 1;
    static final int SYMBOL = 1 << 2;
    static final int SIDE = 1 << 3;
    static final int POSITION_SIDE = 1 << 4;
    static final int QTY = 1 << 5;
    static final int PRICE = 1 << 6;
    static final int FEE = 1 << 7;
    static final int ORDER_ID = 1 << 8;
    static final int PROFILE = 1 << 9;
    static final int TICK_SIZE = 1 << 10;
    static final int STEP_SIZE = 1 << 11;
    static final int MIN_QTY = 1 << 12;
    static final int MAKER_FEE = 1 << 13;
    static final int TAKER_FEE = 1 << 14;
    static final int BID = 1 << 15;
    static final int ASK = 1 << 16;
    static final int COMMAND = 1 << 17;
    static final int ON = 1 << 18;
    static final int STATE = 1 << 19;
    static final int CLIENT_ORDER_ID = 1 << 20;
    static final int REASON = 1 << 21;
    static final int POSITIONS = 1 << 22;
    static final int ENTRY_PRICE = 1 << 23;

    long ts;
    String account;
    String symbol;
    Side side;
    PositionSide positionSide;
    long qty;
    long price;
    long fee;
    String orderId;
    String profile;
    long tickSize;
    long stepSize;
    long minQty;
    long makerFee;
    long takerFee;
    long bid;
    long ask;
    String command;
    /** 1 true, 0 false, -1 absent. */
    int on;
    TradingState state;
    String clientOrderId;
    String reason;
    List<SnapshotPosition> positions;
    long entryPrice;

    /** The bit of the field named {@code name}; 0 for a field no line type reads. */
    static int bit(final String name)
    {
        switch (name)
        {
            case "ts": return TS;
            case "account": return ACCOUNT;
            case "symbol": return SYMBOL;
            case "side": return SIDE;
            case "positionSide": return POSITION_SIDE;
            case "qty": return QTY;
            case "price": return PRICE;
            case "fee": return FEE;
            case "orderId": return ORDER_ID;
            case "profile": return PROFILE;
            case "tickSize": return TICK_SIZE;
            case "stepSize": return STEP_SIZE;
            case "minQty": return MIN_QTY;
            case "makerFee": return MAKER_FEE;
            case "takerFee": return TAKER_FEE;
            case "bid": return BID;
            case "ask": return ASK;
            case "command": return COMMAND;
            case "on": return ON;
            case "state": return STATE;
            case "clientOrderId": return CLIENT_ORDER_ID;
            case "reason": return REASON;
            case "positions": return POSITIONS;
            case "entryPrice": return ENTRY_PRICE;
            default: return 0;
        }
    }

    /** Every field absent, ready for the next line. */
    void clear()
    {
        ts = Fixed.NONE;
        account = null;
        symbol = null;
        side = null;
        positionSide = null;
        qty = Fixed.NONE;
        price = Fixed.NONE;
        fee = Fixed.NONE;
        orderId = null;
        profile = null;
        tickSize = Fixed.NONE;
        stepSize = Fixed.NONE;
        minQty = Fixed.NONE;
        makerFee = Fixed.NONE;
        takerFee = Fixed.NONE;
        bid = Fixed.NONE;
        ask = Fixed.NONE;
        command = null;
        on = -1;
        state = null;
        clientOrderId = null;
        reason = null;
        positions = null;
        entryPrice = Fixed.NONE;
    }
}
