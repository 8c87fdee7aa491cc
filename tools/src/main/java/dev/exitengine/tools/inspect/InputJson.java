package dev.exitengine.tools.inspect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.feed.ProfileJson;

/**
 * Writes a journaled input as the JSON Lines event it would be in a feed (SPEC.md's appendix and the README's
 * venue-answer and snapshot lines): the line's own fields first, in the appendix's order, then {@code seq} (and
 * {@code ts} where the line type has none). A feed ignores unknown fields, so the lines can be run again.
 */
final class InputJson
{
    private InputJson()
    {
    }

    static void append(final StringBuilder sb, final EngineEvent e, final Names names)
    {
        switch (e.type)
        {
            case INSTRUMENT:
                sb.append("{\"type\":\"instrument\"");
                str(sb, "symbol", names.symbol(e.symbolId));
                num(sb, "tickSize", e.tickSize);
                num(sb, "stepSize", e.stepSize);
                num(sb, "minQty", e.minQty);
                num(sb, "makerFee", e.makerFee);
                num(sb, "takerFee", e.takerFee);
                sb.append(",\"ts\":").append(e.ts);
                break;
            case PROFILE:
            {
                final String line = ProfileJson.toJsonLine(e.profile());
                sb.append(line, 0, line.length() - 1).append(",\"ts\":").append(e.ts);
                break;
            }
            case TRADE:
                head(sb, "trade", e);
                str(sb, "symbol", names.symbol(e.symbolId));
                num(sb, "price", e.price);
                num(sb, "qty", e.qty);
                break;
            case QUOTE:
                head(sb, "quote", e);
                str(sb, "symbol", names.symbol(e.symbolId));
                num(sb, "bid", e.bid);
                num(sb, "ask", e.ask);
                break;
            case MARK:
                head(sb, "mark", e);
                str(sb, "symbol", names.symbol(e.symbolId));
                num(sb, "price", e.price);
                break;
            case FILL:
                head(sb, "fill", e);
                str(sb, "account", names.account(e.accountId));
                str(sb, "symbol", names.symbol(e.symbolId));
                str(sb, "side", e.side == null ? null : e.side.name());
                num(sb, "qty", e.qty);
                num(sb, "price", e.price);
                num(sb, "fee", e.fee);
                str(sb, "orderId", e.orderId);
                str(sb, "profile", names.profile(e.profileId));
                positionSide(sb, e.positionSide);
                break;
            case COMMAND:
                command(sb, e, names);
                break;
            case TIMER:
                head(sb, "timer", e);
                break;
            case ORDER_ACK:
                answer(sb, "ack", e);
                break;
            case ORDER_REJECT:
                answer(sb, "reject", e);
                str(sb, "reason", e.text);
                break;
            case ORDER_FILL:
                answer(sb, "orderFill", e);
                num(sb, "qty", e.qty);
                num(sb, "price", e.price);
                num(sb, "fee", e.fee);
                break;
            case ORDER_EXPIRED:
                answer(sb, "expired", e);
                break;
            case POSITION_SNAPSHOT:
                head(sb, "snapshot", e);
                str(sb, "account", names.account(e.accountId));
                snapshot(sb, e.snapshot(), names);
                break;
            default:
                throw new IllegalStateException("no JSON Lines shape for " + e.type);
        }
        sb.append(",\"seq\":").append(e.seq).append('}');
    }

    private static void command(final StringBuilder sb, final EngineEvent e, final Names names)
    {
        head(sb, "command", e);
        str(sb, "command", e.command.name());
        str(sb, "account", names.account(e.accountId));
        if (e.command == CommandType.FORCED_UNWIND)
        {
            sb.append(",\"on\":").append(e.on);
        }
        if (e.command == CommandType.TRADING_STATE && e.tradingState != null)
        {
            str(sb, "state", e.tradingState.name());
        }
        str(sb, "symbol", names.symbol(e.symbolId));
        positionSide(sb, e.positionSide);
        str(sb, "profile", names.profile(e.profileId));
    }

    private static void snapshot(final StringBuilder sb, final Snapshot s, final Names names)
    {
        sb.append(",\"positions\":[");
        for (int i = 0; i < s.size(); i++)
        {
            sb.append(i == 0 ? "{" : ",{");
            sb.append("\"symbol\":");
            quoted(sb, names.symbol(s.symbolIds[i]));
            sb.append(",\"positionSide\":\"").append(s.sides[i].name()).append('"');
            num(sb, "qty", s.qty[i]);
            num(sb, "entryPrice", s.entryPrice[i]);
            sb.append('}');
        }
        sb.append(']');
    }

    private static void head(final StringBuilder sb, final String type, final EngineEvent e)
    {
        sb.append("{\"type\":\"").append(type).append("\",\"ts\":").append(e.ts);
    }

    private static void answer(final StringBuilder sb, final String type, final EngineEvent e)
    {
        head(sb, type, e);
        sb.append(",\"clientOrderId\":\"");
        ClientOrderIds.append(sb, e.clientOrderId);
        sb.append('"');
    }

    private static void positionSide(final StringBuilder sb, final PositionSide side)
    {
        if (side != null && side != PositionSide.BOTH)
        {
            str(sb, "positionSide", side.name());
        }
    }

    private static void num(final StringBuilder sb, final String key, final long value)
    {
        if (value == Fixed.NONE)
        {
            return;
        }
        sb.append(",\"").append(key).append("\":\"");
        Fixed.append(sb, value);
        sb.append('"');
    }

    private static void str(final StringBuilder sb, final String key, final String value)
    {
        if (value == null)
        {
            return;
        }
        sb.append(",\"").append(key).append("\":");
        quoted(sb, value);
    }

    private static void quoted(final StringBuilder sb, final String value)
    {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, sb);
        sb.append('"');
    }
}
