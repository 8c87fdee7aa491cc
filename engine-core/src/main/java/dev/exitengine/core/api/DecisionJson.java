package dev.exitengine.core.api;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;

/**
 * Writes a decision as one JSON line in the format of SPEC.md's appendix: the appendix's fields first,
 * in its order, then extra fields ({@code positionId}, {@code slippage}, ...). Decimals are strings.
 */
public final class DecisionJson
{
    private DecisionJson()
    {
    }

    public static String toJson(final Decision d, final Names names)
    {
        final StringBuilder sb = new StringBuilder(256);
        append(sb, d, names);
        return sb.toString();
    }

    public static void append(final StringBuilder sb, final Decision d, final Names names)
    {
        sb.append("{\"type\":\"").append(typeName(d)).append("\",\"seq\":").append(d.seq).append(",\"ts\":").append(d.ts);
        if (d.accountId >= 0)
        {
            str(sb, "account", names.account(d.accountId));
        }
        if (d.symbolId >= 0)
        {
            str(sb, "symbol", names.symbol(d.symbolId));
        }
        switch (d.type)
        {
            case LEVELS:
                side(sb, d);
                num(sb, "qty", d.qty);
                num(sb, "entryPrice", d.entryPrice);
                num(sb, "takeProfit", d.takeProfit);
                num(sb, "stopLoss", d.stopLoss);
                num(sb, "trailingStop", d.trailingStop);
                num(sb, "breakevenStop", d.breakevenStop);
                num(sb, "profitFloor", d.profitFloor);
                num(sb, "scaleOutTarget", d.scaleOutTarget);
                num(sb, "roiTarget", d.roiTarget);
                break;
            case CLOSE:
                side(sb, d);
                str(sb, "side", d.side == null ? null : d.side.name());
                num(sb, "qty", d.qty);
                str(sb, "reason", d.reason == null ? null : d.reason.name());
                num(sb, "level", d.level);
                num(sb, "price", d.price);
                coid(sb, d.clientOrderId);
                break;
            case EXIT:
                str(sb, "reason", d.reason == null ? null : d.reason.name());
                num(sb, "qty", d.qty);
                num(sb, "entryPrice", d.entryPrice);
                num(sb, "exitPrice", d.exitPrice);
                num(sb, "fees", d.fees);
                num(sb, "netPnl", d.netPnl);
                side(sb, d);
                num(sb, "level", d.level);
                num(sb, "triggerPrice", d.price);
                num(sb, "slippage", d.slippage);
                coid(sb, d.clientOrderId);
                break;
            default:
                side(sb, d);
                num(sb, "qty", d.qty);
                num(sb, "entryPrice", d.entryPrice);
                str(sb, "reason", d.reason == null ? null : d.reason.name());
                if (d.clientOrderId != 0)
                {
                    coid(sb, d.clientOrderId);
                }
                break;
        }
        if (d.positionId >= 0)
        {
            sb.append(",\"positionId\":").append(d.positionId);
        }
        if (d.detail != null)
        {
            str(sb, "detail", d.detail);
        }
        sb.append('}');
    }

    private static String typeName(final Decision d)
    {
        switch (d.type)
        {
            case LEVELS: return "levels";
            case CLOSE: return "close";
            case EXIT: return "exit";
            case REJECTED: return "rejected";
            case QUARANTINE: return "quarantine";
            case RECONCILE: return "reconcile";
            case CLOSE_FAILED: return "closeFailed";
            case RISK: return "risk";
            default: return d.type.name().toLowerCase();
        }
    }

    private static void side(final StringBuilder sb, final Decision d)
    {
        if (d.positionSide != null)
        {
            str(sb, "positionSide", d.positionSide.name());
        }
    }

    private static void coid(final StringBuilder sb, final long clientOrderId)
    {
        sb.append(",\"clientOrderId\":\"");
        ClientOrderIds.append(sb, clientOrderId);
        sb.append('"');
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
        sb.append(",\"").append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
