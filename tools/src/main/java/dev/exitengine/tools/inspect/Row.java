package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.feed.ProfileJson;
import dev.exitengine.tools.TimeOption;

import java.util.Arrays;

/**
 * One input or decision flattened into named columns (the CSV's header, the table's columns and details),
 * named as the JSON Lines keys are. Reused from row to row; an empty column is null.
 */
final class Row
{
    /** The columns, in the CSV's order. */
    enum Column
    {
        KIND("kind"), SEQ("seq"), TS("ts"), TIME("time"), TYPE("type"), ACCOUNT("account"), SYMBOL("symbol"),
        POSITION_ID("positionId"), POSITION_SIDE("positionSide"), SIDE("side"), QTY("qty"), PRICE("price"), BID("bid"),
        ASK("ask"), FEE("fee"), ORDER_ID("orderId"), CLIENT_ORDER_ID("clientOrderId"), PROFILE("profile"), REASON("reason"),
        LEVEL("level"), ENTRY_PRICE("entryPrice"), TAKE_PROFIT("takeProfit"), STOP_LOSS("stopLoss"), TRAILING_STOP("trailingStop"),
        BREAKEVEN_STOP("breakevenStop"), PROFIT_FLOOR("profitFloor"), SCALE_OUT_TARGET("scaleOutTarget"), ROI_TARGET("roiTarget"),
        TRIGGER_PRICE("triggerPrice"), EXIT_PRICE("exitPrice"), FEES("fees"), NET_PNL("netPnl"), SLIPPAGE("slippage"),
        DETAIL("detail");

        final String key;

        Column(final String key)
        {
            this.key = key;
        }
    }

    static final Column[] COLUMNS = Column.values();
    static final String INPUT = "input";
    static final String DECISION = "decision";

    private final String[] values = new String[COLUMNS.length];
    private final StringBuilder scratch = new StringBuilder(128);
    /** The last time formatted: ticks come many to a millisecond, and formatting a time is a row's dearest part. */
    private long lastTs = Long.MIN_VALUE;
    private String lastTime;

    String get(final Column c)
    {
        return values[c.ordinal()];
    }

    /** The row of an input; a venue answer gets the account and symbol of the close it answers, where known. */
    Row ofInput(final EngineEvent e, final Names names, final CloseOwners owners)
    {
        start(INPUT, e.seq, e.ts, e.type.name());
        set(Column.ACCOUNT, names.account(e.accountId));
        set(Column.SYMBOL, names.symbol(e.symbolId));
        switch (e.type)
        {
            case INSTRUMENT:
                set(Column.DETAIL, "tickSize=" + Fixed.toString(e.tickSize) + " stepSize=" + Fixed.toString(e.stepSize) + " minQty="
                    + Fixed.toString(e.minQty) + " makerFee=" + Fixed.toString(e.makerFee) + " takerFee=" + Fixed.toString(e.takerFee));
                break;
            case PROFILE:
                set(Column.PROFILE, e.profile().name);
                set(Column.DETAIL, ProfileJson.toJson(e.profile()));
                break;
            case TRADE:
                num(Column.PRICE, e.price);
                num(Column.QTY, e.qty);
                break;
            case QUOTE:
                num(Column.BID, e.bid);
                num(Column.ASK, e.ask);
                break;
            case MARK:
                num(Column.PRICE, e.price);
                break;
            case FILL:
                set(Column.SIDE, e.side == null ? null : e.side.name());
                positionSide(e.positionSide);
                num(Column.QTY, e.qty);
                num(Column.PRICE, e.price);
                num(Column.FEE, e.fee);
                set(Column.ORDER_ID, e.orderId);
                set(Column.PROFILE, names.profile(e.profileId));
                break;
            case COMMAND:
                positionSide(e.positionSide);
                set(Column.PROFILE, names.profile(e.profileId));
                set(Column.DETAIL, e.command + (e.command == CommandType.FORCED_UNWIND ? (e.on ? " on" : " off")
                    : e.tradingState != null ? " " + e.tradingState : ""));
                break;
            case TIMER:
                break;
            case ORDER_ACK:
            case ORDER_EXPIRED:
            case ORDER_REJECT:
            case ORDER_FILL:
                venueAnswer(e, names, owners);
                break;
            case POSITION_SNAPSHOT:
                set(Column.DETAIL, snapshot(e.snapshot(), names));
                break;
            default:
                break;
        }
        return this;
    }

    private void venueAnswer(final EngineEvent e, final Names names, final CloseOwners owners)
    {
        final long positionId = ClientOrderIds.positionId(e.clientOrderId);
        set(Column.POSITION_ID, Long.toString(positionId));
        set(Column.CLIENT_ORDER_ID, ClientOrderIds.toString(e.clientOrderId));
        if (get(Column.ACCOUNT) == null)
        {
            set(Column.ACCOUNT, names.account(owners.accountOf(positionId)));
        }
        if (get(Column.SYMBOL) == null)
        {
            set(Column.SYMBOL, names.symbol(owners.symbolOf(positionId)));
        }
        if (e.type == EventType.ORDER_REJECT)
        {
            set(Column.REASON, e.text);
        }
        else if (e.type == EventType.ORDER_FILL)
        {
            num(Column.QTY, e.qty);
            num(Column.PRICE, e.price);
            num(Column.FEE, e.fee);
        }
    }

    /** The row of a decision: the fields its JSON line has, in columns. */
    Row ofDecision(final Decision d, final Names names)
    {
        start(DECISION, d.seq, d.ts, d.type.name());
        set(Column.ACCOUNT, names.account(d.accountId));
        set(Column.SYMBOL, names.symbol(d.symbolId));
        if (d.positionId >= 0)
        {
            set(Column.POSITION_ID, Long.toString(d.positionId));
        }
        set(Column.POSITION_SIDE, d.positionSide == null ? null : d.positionSide.name());
        set(Column.SIDE, d.side == null ? null : d.side.name());
        num(Column.QTY, d.qty);
        num(Column.ENTRY_PRICE, d.entryPrice);
        num(Column.TAKE_PROFIT, d.takeProfit);
        num(Column.STOP_LOSS, d.stopLoss);
        num(Column.TRAILING_STOP, d.trailingStop);
        num(Column.BREAKEVEN_STOP, d.breakevenStop);
        num(Column.PROFIT_FLOOR, d.profitFloor);
        num(Column.SCALE_OUT_TARGET, d.scaleOutTarget);
        num(Column.ROI_TARGET, d.roiTarget);
        set(Column.REASON, d.reason == null ? null : d.reason.name());
        num(Column.LEVEL, d.level);
        // an exit's price is the price that triggered it (its JSON line's triggerPrice); a close's, the price it was decided at
        num(d.type == DecisionType.EXIT ? Column.TRIGGER_PRICE : Column.PRICE, d.price);
        if (d.clientOrderId != 0)
        {
            set(Column.CLIENT_ORDER_ID, ClientOrderIds.toString(d.clientOrderId));
        }
        num(Column.EXIT_PRICE, d.exitPrice);
        num(Column.FEES, d.fees);
        num(Column.NET_PNL, d.netPnl);
        num(Column.SLIPPAGE, d.slippage);
        set(Column.DETAIL, d.detail);
        return this;
    }

    private void start(final String kind, final long seq, final long ts, final String type)
    {
        Arrays.fill(values, null);
        set(Column.KIND, kind);
        set(Column.SEQ, Long.toString(seq));
        set(Column.TS, Long.toString(ts));
        if (ts != lastTs)
        {
            lastTs = ts;
            lastTime = TimeOption.format(ts);
        }
        set(Column.TIME, lastTime);
        set(Column.TYPE, type);
    }

    private void positionSide(final PositionSide side)
    {
        // one-way mode's BOTH is the default: shown only for hedge-mode sides, as the JSON Lines leave it out
        if (side != null && side != PositionSide.BOTH)
        {
            set(Column.POSITION_SIDE, side.name());
        }
    }

    private void set(final Column c, final String value)
    {
        values[c.ordinal()] = value;
    }

    private void num(final Column c, final long value)
    {
        if (value != Fixed.NONE)
        {
            scratch.setLength(0);
            Fixed.append(scratch, value);
            values[c.ordinal()] = scratch.toString();
        }
    }

    private static String snapshot(final Snapshot s, final Names names)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.size(); i++)
        {
            sb.append(i == 0 ? "" : "; ").append(names.symbol(s.symbolIds[i])).append(' ').append(s.sides[i]).append(' ')
                .append(Fixed.toString(s.qty[i])).append(" @ ").append(Fixed.toString(s.entryPrice[i]));
        }
        return s.size() == 0 ? "no positions" : sb.toString();
    }
}
