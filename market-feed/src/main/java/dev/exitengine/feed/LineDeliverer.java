package dev.exitengine.feed;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.num.Fixed;

/**
 * The deliver step of a JSON Lines feed: one short method per line type that checks the fields the
 * parse step read (present, in range, in the order the refusals are reported) and makes the one
 * {@link InputSink} call. Optional fields get their defaults here.
 */
final class LineDeliverer
{
    private final JsonValues values;

    LineDeliverer(final JsonValues values)
    {
        this.values = values;
    }

    void deliver(final LineType type, final LineFields f, final InputSink sink)
    {
        switch (type)
        {
            case INSTRUMENT: instrument(f, sink); break;
            case FILL: fill(f, sink); break;
            case TRADE: trade(f, sink); break;
            case QUOTE: quote(f, sink); break;
            case MARK: mark(f, sink); break;
            case COMMAND_LINE: command(f, sink); break;
            case TIMER: timer(f, sink); break;
            case ACK: ack(f, sink); break;
            case REJECT: reject(f, sink); break;
            case ORDER_FILL: orderFill(f, sink); break;
            case EXPIRED: expired(f, sink); break;
            case SNAPSHOT: snapshot(f, sink); break;
            default: throw new IllegalStateException("no fields to deliver for " + type);
        }
    }

    private void instrument(final LineFields f, final InputSink sink)
    {
        values.require(f.symbol, "symbol");
        positive(f.tickSize, "tickSize");
        positive(f.stepSize, "stepSize");
        final long minQty = f.minQty == Fixed.NONE ? 0 : values.nonNegative(f.minQty, "minQty");
        values.nonNegative(values.require(f.makerFee, "makerFee"), "makerFee");
        values.nonNegative(values.require(f.takerFee, "takerFee"), "takerFee");
        sink.instrument(f.symbol, f.tickSize, f.stepSize, minQty, f.makerFee, f.takerFee);
    }

    private void fill(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.account, "account");
        values.require(f.symbol, "symbol");
        if (f.side == null)
        {
            throw values.missing("side");
        }
        positive(f.qty, "qty");
        positive(f.price, "price");
        optionalFee(f.fee);
        values.require(f.orderId, "orderId");
        if (f.profile != null && f.profile.isEmpty())
        {
            throw values.refuse("profile", "must not be empty (leave it out for the default profile)");
        }
        sink.fill(f.ts, f.account, f.symbol, f.side, f.positionSide == null ? PositionSide.BOTH : f.positionSide, f.qty,
            f.price, f.fee, f.orderId, f.profile);
    }

    private void trade(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.symbol, "symbol");
        positive(f.price, "price");
        final long qty = f.qty == Fixed.NONE ? 0 : values.nonNegative(f.qty, "qty");
        sink.trade(f.ts, f.symbol, f.price, qty);
    }

    private void quote(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.symbol, "symbol");
        positive(f.bid, "bid");
        positive(f.ask, "ask");
        sink.quote(f.ts, f.symbol, f.bid, f.ask);
    }

    private void mark(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.symbol, "symbol");
        positive(f.price, "price");
        sink.mark(f.ts, f.symbol, f.price);
    }

    private void timer(final LineFields f, final InputSink sink)
    {
        sink.timer(values.require(f.ts, "ts"));
    }

    private void command(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.command, "command");
        final Command c;
        try
        {
            c = command(f);
        }
        catch (final IllegalArgumentException ex)
        {
            throw JsonLinesFeed.malformed(ex);
        }
        sink.command(f.ts, c);
    }

    private Command command(final LineFields f)
    {
        switch (f.command)
        {
            case "FORCED_UNWIND":
                values.require(f.account, "account");
                if (f.on < 0)
                {
                    throw values.missing("on");
                }
                return Command.forcedUnwind(f.account, f.on == 1);
            case "TRADING_STATE":
                if (f.state == null)
                {
                    throw values.missing("state");
                }
                if (f.account != null && f.account.isEmpty())
                {
                    throw values.refuse("account", "must not be empty (leave it out for every account)");
                }
                return Command.tradingState(f.account, f.state);
            case "MANUAL_CLOSE":
                values.require(f.account, "account");
                values.require(f.symbol, "symbol");
                return Command.manualClose(f.account, f.symbol, f.positionSide);
            case "SET_PROFILE":
                values.require(f.account, "account");
                values.require(f.symbol, "symbol");
                values.require(f.profile, "profile");
                return Command.setProfile(f.account, f.symbol, f.positionSide, f.profile);
            default:
                throw values.refuse("command", "unknown command '" + f.command +
                    "'; expected FORCED_UNWIND, TRADING_STATE, MANUAL_CLOSE or SET_PROFILE");
        }
    }

    private void ack(final LineFields f, final InputSink sink)
    {
        requireOrderAnswer(f);
        sink.orderAck(f.ts, f.clientOrderId);
    }

    private void reject(final LineFields f, final InputSink sink)
    {
        requireOrderAnswer(f);
        sink.orderReject(f.ts, f.clientOrderId, f.reason == null ? "" : f.reason);
    }

    private void orderFill(final LineFields f, final InputSink sink)
    {
        requireOrderAnswer(f);
        positive(f.qty, "qty");
        positive(f.price, "price");
        optionalFee(f.fee);
        sink.orderFill(f.ts, f.clientOrderId, f.qty, f.price, f.fee);
    }

    private void expired(final LineFields f, final InputSink sink)
    {
        requireOrderAnswer(f);
        sink.orderExpired(f.ts, f.clientOrderId);
    }

    private void snapshot(final LineFields f, final InputSink sink)
    {
        values.require(f.ts, "ts");
        values.require(f.account, "account");
        if (f.positions == null)
        {
            throw values.missing("positions");
        }
        sink.positionSnapshot(f.ts, f.account, f.positions);
    }

    /** What every venue answer to an order needs: when, and which order. */
    private void requireOrderAnswer(final LineFields f)
    {
        values.require(f.ts, "ts");
        values.require(f.clientOrderId, "clientOrderId");
    }

    /** Present and positive. */
    private void positive(final long value, final String field)
    {
        values.positive(values.require(value, field), field);
    }

    /** Absent ({@link Fixed#NONE}: the venue's taker rate applies) or not negative. */
    private void optionalFee(final long fee)
    {
        if (fee != Fixed.NONE)
        {
            values.nonNegative(fee, "fee");
        }
    }
}
