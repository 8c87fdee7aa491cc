package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parse step of a JSON Lines feed: the one loop that reads a JSON object's fields into a reused
 * {@link LineFields}, each field with its typed reader, and skips unread the fields its line type does
 * not read. A field's value is checked for its type here; whether it is present and in range is the
 * deliver step's check.
 */
final class LineFieldReader
{
    static final JsonValues.Choices<Side> SIDES = new JsonValues.Choices<>(Side.BUY, Side.SELL);
    static final JsonValues.Choices<PositionSide> POSITION_SIDES =
        new JsonValues.Choices<>(PositionSide.LONG, PositionSide.SHORT, PositionSide.BOTH);
    static final JsonValues.Choices<TradingState> STATES =
        new JsonValues.Choices<>(TradingState.ACTIVE, TradingState.REDUCING, TradingState.HALTED);

    private final JsonValues values;
    private final LineFields position = new LineFields();

    LineFieldReader(final JsonValues values)
    {
        this.values = values;
    }

    /**
     * Reads the fields of the object the parser is in, up to its {@code END_OBJECT}, into {@code f}
     * (cleared first): those whose bit is in {@code wanted}. A refused value is named {@code prefix.field},
     * or {@code field} when {@code prefix} is null.
     */
    void read(final JsonParser p, final LineFields f, final int wanted, final String prefix) throws IOException
    {
        f.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            p.nextToken();
            final int bit = LineFields.bit(name);
            if ((bit & wanted) == 0)
            {
                p.skipChildren();
                continue;
            }
            final String field = prefix == null ? name : prefix + "." + name;
            switch (bit)
            {
                case LineFields.TS: f.ts = values.epochMillisOrNone(p, field); break;
                case LineFields.ACCOUNT: f.account = values.nameOrNull(p, field); break;
                case LineFields.SYMBOL: f.symbol = values.nameOrNull(p, field); break;
                case LineFields.SIDE: f.side = values.choiceOrNull(p, SIDES, field); break;
                case LineFields.POSITION_SIDE: f.positionSide = values.choiceOrNull(p, POSITION_SIDES, field); break;
                case LineFields.QTY: f.qty = values.decimalOrNone(p, field); break;
                case LineFields.PRICE: f.price = values.decimalOrNone(p, field); break;
                case LineFields.FEE: f.fee = values.decimalOrNone(p, field); break;
                case LineFields.ORDER_ID: f.orderId = values.stringOrNull(p, field); break;
                case LineFields.PROFILE: f.profile = values.nameOrNull(p, field); break;
                case LineFields.TICK_SIZE: f.tickSize = values.decimalOrNone(p, field); break;
                case LineFields.STEP_SIZE: f.stepSize = values.decimalOrNone(p, field); break;
                case LineFields.MIN_QTY: f.minQty = values.decimalOrNone(p, field); break;
                case LineFields.MAKER_FEE: f.makerFee = values.decimalOrNone(p, field); break;
                case LineFields.TAKER_FEE: f.takerFee = values.decimalOrNone(p, field); break;
                case LineFields.BID: f.bid = values.decimalOrNone(p, field); break;
                case LineFields.ASK: f.ask = values.decimalOrNone(p, field); break;
                case LineFields.COMMAND: f.command = values.stringOrNull(p, field); break;
                case LineFields.ON: f.on = values.boolOrAbsent(p, field); break;
                case LineFields.STATE: f.state = values.choiceOrNull(p, STATES, field); break;
                case LineFields.CLIENT_ORDER_ID: f.clientOrderId = values.stringOrNull(p, field); break;
                case LineFields.REASON: f.reason = values.stringOrNull(p, field); break;
                case LineFields.POSITIONS: f.positions = positions(p, field); break;
                case LineFields.ENTRY_PRICE: f.entryPrice = values.decimalOrNone(p, field); break;
                default: throw new IllegalStateException("no reader for field " + name);
            }
        }
    }

    /** A snapshot's positions, a new list each time (the sink may keep it); null for JSON null. */
    private List<SnapshotPosition> positions(final JsonParser p, final String field) throws IOException
    {
        if (p.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY)
        {
            throw values.expected("an array", p, field);
        }
        final List<SnapshotPosition> positions = new ArrayList<>();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            final String at = field + "[" + index++ + "]";
            if (p.currentToken() != JsonToken.START_OBJECT)
            {
                throw values.expected("an object", p, at);
            }
            read(p, position, LineType.SNAPSHOT_POSITION_FIELDS, at);
            final SnapshotPosition entry = position(at);
            if (entry != null)
            {
                positions.add(entry);
            }
        }
        return positions;
    }

    /** The position just read; null for qty 0, which the exchange lists for a flat symbol. */
    private SnapshotPosition position(final String at)
    {
        values.require(position.symbol, at + ".symbol");
        final long qty = values.require(position.qty, at + ".qty");
        final PositionSide side = position.positionSide == null ? PositionSide.BOTH : position.positionSide;
        if (qty == 0)
        {
            return null;
        }
        if (side != PositionSide.BOTH && qty < 0)
        {
            throw values.refuse(at + ".qty", "must be positive for positionSide " + side +
                " (the side gives the direction), was " + Fixed.toString(qty));
        }
        final String entryPrice = at + ".entryPrice";
        values.positive(values.require(position.entryPrice, entryPrice), entryPrice);
        return new SnapshotPosition(position.symbol, side, qty, position.entryPrice);
    }
}
