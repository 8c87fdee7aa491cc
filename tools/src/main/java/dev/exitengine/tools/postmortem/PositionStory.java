package dev.exitengine.tools.postmortem;

import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.LevelSolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One position's life, gathered while its journal is replayed: the inputs that shaped it (entry fills, the
 * tick that triggered it, the venue's answers to its closes), every decision about it with the rule and the
 * numbers behind each level (the net the level gives, and one tick nearer, at the fee the math assumed), the
 * market's nearest approach to each set of levels while it was in force, and the price path around the life
 * for the chart. Fed on the replaying thread: {@link #beforeInput} for each input, the decisions as a listener.
 */
final class PositionStory implements DecisionListener
{
    /** One entry of the timeline. */
    static final class Entry
    {
        final Map<String, Object> record = new LinkedHashMap<>();
    }

    /** A span of time during which one set of levels was in force, and how near the market came to them. */
    static final class LevelSpan
    {
        long fromTs;
        long fromSeq;
        long takeProfit = Fixed.NONE;
        long stop = Fixed.NONE;
        String stopName;
        /** The best and worst prices of the position's source while these levels stood (a long's high and low). */
        long best = Fixed.NONE;
        long bestTs;
        long worst = Fixed.NONE;
        long worstTs;
    }

    final long positionId;
    private final ExitEngine engine;
    final List<Entry> timeline = new ArrayList<>();
    final List<LevelSpan> spans = new ArrayList<>();
    final PricePath path = new PricePath(200_000);
    private final long windowFrom;
    private final long windowTo;
    private int symbolId = -1;
    private boolean isLong;
    private boolean open;
    private boolean done;
    private String source;
    private long lastSeq = -1;
    private final EngineEvent lastInput = new EngineEvent();
    private boolean lastInputShown;
    /** The exit decisions: level, exit price, PnL: what the summary checks against the promise. */
    final List<Decision> exits = new ArrayList<>();
    Decision trigger;
    ExitProfile profile;
    String account;
    String symbol;
    long entryTs = -1;
    long exitTs = -1;
    long entryPrice = Fixed.NONE;

    /**
     * @param symbolId the position's symbol (from a first pass over the journal's decisions)
     * @param windowFrom the first event time whose prices are kept for the chart
     * @param windowTo the last
     */
    PositionStory(final long positionId, final ExitEngine engine, final int symbolId, final long windowFrom, final long windowTo)
    {
        this.positionId = positionId;
        this.engine = engine;
        this.symbolId = symbolId;
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
    }

    /** Each input, before it goes in. Returns false once the window and the life are over (the replay may stop). */
    boolean beforeInput(final EngineEvent e)
    {
        if (done && e.ts > windowTo)
        {
            return false;
        }
        lastInput.copyInputFrom(e);
        lastInputShown = false;
        lastSeq = e.seq;
        if (e.type.isMarketData() && e.symbolId == symbolId)
        {
            onMarket(e);
        }
        else if (e.type.isGatewayResponse() && e.clientOrderId != 0 && ClientOrderIds.positionId(e.clientOrderId) == positionId)
        {
            showInput(e);
        }
        return true;
    }

    private void onMarket(final EngineEvent e)
    {
        if (e.ts >= windowFrom && e.ts <= windowTo)
        {
            final long price = e.type == EventType.QUOTE ? (isLong ? e.bid : e.ask) : e.price;
            path.add(e.type, e.ts, e.type == EventType.QUOTE ? e.bid : e.price, e.type == EventType.QUOTE ? e.ask : Fixed.NONE);
            if (open && sourceOf(e.type) && price > 0 && !spans.isEmpty())
            {
                final LevelSpan s = spans.get(spans.size() - 1);
                if (s.best == Fixed.NONE || (isLong ? price > s.best : price < s.best))
                {
                    s.best = price;
                    s.bestTs = e.ts;
                }
                if (s.worst == Fixed.NONE || (isLong ? price < s.worst : price > s.worst))
                {
                    s.worst = price;
                    s.worstTs = e.ts;
                }
            }
        }
    }

    private boolean sourceOf(final EventType type)
    {
        if (source == null)
        {
            return type == EventType.TRADE;
        }
        switch (source)
        {
            case "MARK": return type == EventType.MARK;
            case "BID_ASK": return type == EventType.QUOTE;
            default: return type == EventType.TRADE;
        }
    }

    @Override
    public void onDecision(final Decision d, final Names names)
    {
        if (d.positionId != positionId || done && d.type != DecisionType.REJECTED)
        {
            return;
        }
        if (d.seq == lastSeq && !lastInputShown)
        {
            showInput(lastInput);
        }
        final Position p = engine.evaluator().book().byId(positionId);
        if (account == null)
        {
            account = names.account(d.accountId);
            symbol = names.symbol(d.symbolId);
            symbolId = d.symbolId;
        }
        if (p != null)
        {
            isLong = p.isLong();
            profile = p.profile;
            source = p.source().name();
        }
        final Entry entry = new Entry();
        final Map<String, Object> m = entry.record;
        m.put("ts", d.ts);
        m.put("seq", d.seq);
        m.put("kind", "decision");
        m.put("what", d.type.name());
        switch (d.type)
        {
            case LEVELS:
                if (!open)
                {
                    open = true;
                    entryTs = d.ts;
                }
                entryPrice = d.entryPrice;
                m.put("qty", Records.fixed(d.qty));
                m.put("entryPrice", Records.fixed(d.entryPrice));
                m.put("takeProfit", Records.fixed(d.takeProfit));
                m.put("stopLoss", Records.fixed(d.stopLoss));
                m.put("trailingStop", Records.fixed(d.trailingStop));
                m.put("breakevenStop", Records.fixed(d.breakevenStop));
                m.put("profitFloor", Records.fixed(d.profitFloor));
                m.put("detail", levelsDetail(d, p));
                startSpan(d);
                break;
            case CLOSE:
                trigger = copy(d);
                m.put("reason", d.reason == null ? null : d.reason.name());
                m.put("level", Records.fixed(d.level));
                m.put("price", Records.fixed(d.price));
                m.put("qty", Records.fixed(d.qty));
                m.put("clientOrderId", ClientOrderIds.toString(d.clientOrderId));
                m.put("detail", "close decided: " + (d.reason == null ? "" : d.reason.name()) + " at " + Fixed.toString(d.price)
                    + " against the level " + Fixed.toString(d.level));
                break;
            case EXIT:
                exits.add(copy(d));
                exitTs = d.ts;
                m.put("reason", d.reason == null ? null : d.reason.name());
                m.put("level", Records.fixed(d.level));
                m.put("exitPrice", Records.fixed(d.exitPrice));
                m.put("qty", Records.fixed(d.qty));
                m.put("fees", Records.fixed(d.fees));
                m.put("slippage", Records.fixed(d.slippage));
                m.put("netPnl", Records.fixed(d.netPnl));
                m.put("detail", promise(d));
                if (p == null)
                {
                    open = false;
                    done = true;
                }
                break;
            default:
                m.put("reason", d.reason == null ? null : d.reason.name());
                m.put("qty", Records.fixed(d.qty));
                m.put("detail", d.detail);
                if (d.type == DecisionType.RECONCILE && p == null)
                {
                    open = false;
                    done = true;
                    exitTs = d.ts;
                }
                break;
        }
        timeline.add(entry);
    }

    private void showInput(final EngineEvent e)
    {
        lastInputShown = true;
        final Entry entry = new Entry();
        final Map<String, Object> m = entry.record;
        m.put("ts", e.ts);
        m.put("seq", e.seq);
        m.put("kind", "input");
        m.put("what", e.type.name());
        switch (e.type)
        {
            case FILL:
                m.put("side", e.side == null ? null : e.side.name());
                m.put("qty", Records.fixed(e.qty));
                m.put("price", Records.fixed(e.price));
                m.put("fees", Records.fixed(e.fee));
                m.put("detail", "entry fill " + (e.side == null ? "" : e.side.name()) + " " + Fixed.toString(e.qty) + " at "
                    + Fixed.toString(e.price) + (e.fee == Fixed.NONE ? " (fee at the instrument's rate)" : ", fee " + Fixed.toString(e.fee)));
                break;
            case ORDER_ACK:
            case ORDER_REJECT:
            case ORDER_EXPIRED:
            case ORDER_FILL:
                m.put("clientOrderId", ClientOrderIds.toString(e.clientOrderId));
                m.put("qty", Records.fixed(e.qty));
                m.put("price", Records.fixed(e.price));
                m.put("fees", Records.fixed(e.fee));
                m.put("detail", "venue: " + e.type.name().substring(6).toLowerCase() + (e.text == null ? "" : " " + e.text));
                break;
            case TRADE:
            case MARK:
                m.put("price", Records.fixed(e.price));
                m.put("detail", e.type.name().toLowerCase() + " at " + Fixed.toString(e.price));
                break;
            case QUOTE:
                m.put("price", Records.fixed(isLong ? e.bid : e.ask));
                m.put("detail", "quote " + Fixed.toString(e.bid) + " / " + Fixed.toString(e.ask));
                break;
            default:
                m.put("detail", e.type.name().toLowerCase());
                break;
        }
        timeline.add(entry);
    }

    private void startSpan(final Decision d)
    {
        final LevelSpan s = new LevelSpan();
        s.fromTs = d.ts;
        s.fromSeq = d.seq;
        s.takeProfit = d.takeProfit;
        // the stop a tick is compared with: the tightest of the stop family
        long stop = Fixed.NONE;
        String name = null;
        final long[] stops = {d.stopLoss, d.trailingStop, d.breakevenStop, d.profitFloor};
        final String[] names = {"stop loss", "trailing stop", "breakeven stop", "profit floor"};
        for (int i = 0; i < stops.length; i++)
        {
            if (stops[i] != Fixed.NONE && (stop == Fixed.NONE || (isLong ? stops[i] > stop : stops[i] < stop)))
            {
                stop = stops[i];
                name = names[i];
            }
        }
        s.stop = stop;
        s.stopName = name;
        spans.add(s);
    }

    /** The rule behind the levels and what they net, at the fee the math assumed (and one tick nearer, which would net less). */
    private String levelsDetail(final Decision d, final Position p)
    {
        final StringBuilder sb = new StringBuilder();
        final Instrument inst = engine.evaluator().instrument(d.symbolId);
        if (p == null || inst == null)
        {
            return "levels armed";
        }
        final ExitProfile prof = p.profile;
        if (prof != null)
        {
            sb.append("profile ").append(prof.name);
            if (prof.takeProfitKind != ExitProfile.LevelKind.NONE)
            {
                sb.append("; take profit ").append(prof.takeProfitKind.name().toLowerCase()).append(' ')
                    .append(Fixed.toString(prof.takeProfitValue));
            }
            if (prof.stopLossKind != ExitProfile.LevelKind.NONE)
            {
                sb.append("; stop loss ").append(prof.stopLossKind.name().toLowerCase()).append(' ')
                    .append(Fixed.toString(prof.stopLossValue));
            }
        }
        sb.append("; taker fee assumed ").append(Fixed.toString(inst.takerFee)).append(", tick ").append(Fixed.toString(inst.tickSize));
        if (d.takeProfit != Fixed.NONE)
        {
            sb.append("; at the take profit ").append(Fixed.toString(d.takeProfit)).append(" it nets ")
                .append(Fixed.toString(net(p, inst, d.takeProfit))).append(", a tick nearer ")
                .append(Fixed.toString(net(p, inst, p.isLong() ? d.takeProfit - inst.tickSize : d.takeProfit + inst.tickSize)));
        }
        if (d.stopLoss != Fixed.NONE)
        {
            sb.append("; at the stop loss ").append(Fixed.toString(d.stopLoss)).append(" it nets ")
                .append(Fixed.toString(net(p, inst, d.stopLoss)));
        }
        return sb.toString();
    }

    private static long net(final Position p, final Instrument inst, final long price)
    {
        return LevelSolver.netPnl(p.isLong(), p.qty, p.entryNotional, p.entryFees, inst.takerFeeModel, price);
    }

    /** The exit's net PnL against what the profile promised, when it promised a net amount. */
    private String promise(final Decision d)
    {
        final StringBuilder sb = new StringBuilder("exit ").append(d.reason == null ? "" : d.reason.name()).append(": filled at ")
            .append(Fixed.toString(d.exitPrice)).append(" against the level ").append(Fixed.toString(d.level)).append(" (slippage ")
            .append(Fixed.toString(d.slippage)).append("), net ").append(Fixed.toString(d.netPnl));
        if (profile != null && d.reason == ExitReason.TAKE_PROFIT && profile.takeProfitKind == ExitProfile.LevelKind.NET)
        {
            final boolean kept = d.netPnl >= profile.takeProfitValue;
            sb.append("; promised at least ").append(Fixed.toString(profile.takeProfitValue)).append(kept ? ": kept" : ": missed");
        }
        else if (profile != null && d.reason == ExitReason.STOP_LOSS && profile.stopLossKind == ExitProfile.LevelKind.NET)
        {
            final boolean kept = d.netPnl >= -profile.stopLossValue;
            sb.append("; loss bounded at ").append(Fixed.toString(profile.stopLossValue)).append(kept ? ": kept" : ": exceeded by slippage");
        }
        return sb.toString();
    }

    private static Decision copy(final Decision d)
    {
        final Decision c = new Decision();
        c.copyFrom(d);
        return c;
    }

    boolean found()
    {
        return entryTs >= 0;
    }

    boolean isLong()
    {
        return isLong;
    }

    String source()
    {
        return source;
    }
}
