package dev.exitengine.tools;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference model of the engine's exits, written from SPEC.md alone with {@link BigDecimal} and no
 * engine code: one symbol, exit profiles with NET or PCT take profit and stop loss on the last trade,
 * one-way positions of distinct accounts, a paper venue with no latency, slippage or acks. Fed the same
 * inputs as a run, in the same order, it gives the decision lines the run must write.
 *
 * <ul>
 * <li>net PnL of a long closed at X: X·q − entry notional − entry fee − fee(X·q), with
 *     fee(n) = taker·n rounded half up to 8 decimals; shorts mirrored;</li>
 * <li>NET levels: the tightest tick price netting at least +target (take profit) or −loss (stop);
 *     PCT levels: entry·(1 ± pct/100) rounded to the tick up for a long, down for a short;</li>
 * <li>triggers are inclusive on the trade price; on one event the stops of longs fire first (highest
 *     stop first), then the longs' targets (lowest first), the shorts' stops (lowest first), the
 *     shorts' targets (highest first), ties by position id;</li>
 * <li>a close fills whole at the symbol's next market event not stamped before the order (a trade at its
 *     price, a quote at the bid for a sell and the ask for a buy); each fill is an input of its own, published right after that
 *     market event, closes in the order they were sent, at that event's time or, when an earlier input
 *     was stamped later, at the newest time seen (event time never runs backwards);</li>
 * <li>an input more than 5 s older than the newest is refused and is no event.</li>
 * </ul>
 */
final class ReferenceExits
{
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);

    /** NET: amount in quote currency after fees; PCT: percent from entry. */
    enum Kind
    {
        NET, PCT
    }

    /** An exit profile: take profit and stop loss, each NET or PCT. */
    static final class Profile
    {
        final String name;
        final Kind takeProfitKind;
        final BigDecimal takeProfit;
        final Kind stopLossKind;
        final BigDecimal stopLoss;

        Profile(final String name, final Kind takeProfitKind, final String takeProfit, final Kind stopLossKind, final String stopLoss)
        {
            this.name = name;
            this.takeProfitKind = takeProfitKind;
            this.takeProfit = new BigDecimal(takeProfit);
            this.stopLossKind = stopLossKind;
            this.stopLoss = new BigDecimal(stopLoss);
        }

        /** The profile as a JSON Lines {@code profile} line (SPEC appendix keys). */
        String jsonLine()
        {
            return "{\"type\":\"profile\",\"name\":\"" + name + "\",\"takeProfit\":{\""
                + (takeProfitKind == Kind.NET ? "netProfit" : "pct") + "\":\"" + takeProfit.toPlainString() + "\"},\"stopLoss\":{\""
                + (stopLossKind == Kind.NET ? "netLoss" : "pct") + "\":\"" + stopLoss.toPlainString() + "\"}}";
        }
    }

    /** One expected decision line: its fields as the JSON holds them (numbers compared as decimals). */
    static final class Line
    {
        final Map<String, String> fields = new LinkedHashMap<>();

        Line put(final String key, final Object value)
        {
            fields.put(key, value instanceof BigDecimal ? ((BigDecimal)value).toPlainString() : String.valueOf(value));
            return this;
        }

        String get(final String key)
        {
            return fields.get(key);
        }

        BigDecimal decimal(final String key)
        {
            return new BigDecimal(fields.get(key));
        }

        @Override
        public String toString()
        {
            return fields.toString();
        }
    }

    private static final class Position
    {
        final int id;
        final String account;
        final boolean isLong;
        final BigDecimal qty;
        final BigDecimal entryPrice;
        final BigDecimal entryNotional;
        final BigDecimal entryFee;
        final BigDecimal takeProfit;
        final BigDecimal stopLoss;
        boolean open = true;
        String reason;
        long closeTs;
        BigDecimal level;
        BigDecimal triggerPrice;

        Position(final int id, final String account, final boolean isLong, final BigDecimal qty, final BigDecimal entryPrice,
            final BigDecimal entryNotional, final BigDecimal entryFee, final BigDecimal takeProfit, final BigDecimal stopLoss)
        {
            this.id = id;
            this.account = account;
            this.isLong = isLong;
            this.qty = qty;
            this.entryPrice = entryPrice;
            this.entryNotional = entryNotional;
            this.entryFee = entryFee;
            this.takeProfit = takeProfit;
            this.stopLoss = stopLoss;
        }
    }

    private final BigDecimal tick;
    private final BigDecimal taker;
    private final long maxTimeRegressionMs;
    private final Map<String, Profile> profiles = new HashMap<>();
    private final List<Position> positions = new ArrayList<>();
    private final Map<String, Position> byAccount = new HashMap<>();
    private final List<Position> pending = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private long seq;
    private long newestTs = Long.MIN_VALUE;
    private int nextId = 1;

    ReferenceExits(final String tick, final String taker)
    {
        this.tick = new BigDecimal(tick);
        this.taker = new BigDecimal(taker);
        this.maxTimeRegressionMs = 5_000;
    }

    void profile(final Profile p)
    {
        profiles.put(p.name, p);
    }

    /** The expected decision lines so far. */
    List<Line> lines()
    {
        return lines;
    }

    /** An input that is an event but decides nothing (an instrument or profile line). */
    void otherEvent()
    {
        seq++;
    }

    /** The last trade's price: an entry whose level it already crossed closes on its own fill. */
    private BigDecimal lastTrade;

    /** A trade; false when the ingress refuses it as out of order. */
    boolean trade(final long ts, final BigDecimal price)
    {
        final boolean accepted = market(ts, price, price, price, price);
        if (accepted)
        {
            lastTrade = price;
        }
        return accepted;
    }

    /** A best bid/ask: triggers no LAST-source level, but fills a waiting close. */
    boolean quote(final long ts, final BigDecimal bid, final BigDecimal ask)
    {
        return market(ts, null, null, bid, ask);
    }

    private boolean market(final long ts, final BigDecimal longTrigger, final BigDecimal shortTrigger, final BigDecimal sellFill,
        final BigDecimal buyFill)
    {
        if (!acceptTime(ts))
        {
            return false;
        }
        final long eventSeq = ++seq;
        final List<Position> closes = new ArrayList<>();
        if (longTrigger != null)
        {
            closes.addAll(sorted(p -> p.isLong && longTrigger.compareTo(p.stopLoss) <= 0,
                Comparator.comparing((Position p) -> p.stopLoss).reversed()));
            closes.forEach(p -> p.reason = "STOP_LOSS");
            final List<Position> longTargets = sorted(p -> p.isLong && p.open && !closes.contains(p)
                && longTrigger.compareTo(p.takeProfit) >= 0, Comparator.comparing((Position p) -> p.takeProfit));
            longTargets.forEach(p -> p.reason = "TAKE_PROFIT");
            closes.addAll(longTargets);
            final List<Position> shortStops = sorted(p -> !p.isLong && shortTrigger.compareTo(p.stopLoss) >= 0,
                Comparator.comparing((Position p) -> p.stopLoss));
            shortStops.forEach(p -> p.reason = "STOP_LOSS");
            closes.addAll(shortStops);
            final List<Position> shortTargets = sorted(p -> !p.isLong && !closes.contains(p)
                && shortTrigger.compareTo(p.takeProfit) <= 0, Comparator.comparing((Position p) -> p.takeProfit).reversed());
            shortTargets.forEach(p -> p.reason = "TAKE_PROFIT");
            closes.addAll(shortTargets);
            // decisions of one event come in position order (the engine sorts them so; a scan would meet them so)
            closes.sort(Comparator.comparingInt(p -> p.id));
        }
        for (final Position p : closes)
        {
            p.open = false;
            p.closeTs = ts;
            p.level = "STOP_LOSS".equals(p.reason) ? p.stopLoss : p.takeProfit;
            p.triggerPrice = p.isLong ? longTrigger : shortTrigger;
            lines.add(new Line().put("type", "close").put("seq", eventSeq).put("ts", ts).put("account", p.account)
                .put("positionSide", p.isLong ? "LONG" : "SHORT").put("side", p.isLong ? "SELL" : "BUY").put("qty", p.qty)
                .put("reason", p.reason).put("level", p.level).put("price", p.triggerPrice));
        }
        // closes decided on earlier events fill here, each as an input of its own right after this event; the
        // ingress keeps event time from running backwards, so a fill is stamped with the newest time seen so far
        // (a capture can hold a quote stamped 1 ms after the trades that follow it)
        final long fillTs = newestTs;
        final List<Position> filled = new ArrayList<>();
        for (final Position p : pending)
        {
            if (ts < p.closeTs)
            {
                continue; // an event stamped before the order (a capture is not strictly in time order) does not fill it
            }
            filled.add(p);
            final BigDecimal fillPrice = p.isLong ? sellFill : buyFill;
            final BigDecimal exitNotional = p.qty.multiply(fillPrice);
            final BigDecimal exitFee = fee(exitNotional);
            final BigDecimal gross = p.isLong ? exitNotional.subtract(p.entryNotional) : p.entryNotional.subtract(exitNotional);
            final BigDecimal fees = p.entryFee.add(exitFee);
            lines.add(new Line().put("type", "exit").put("seq", ++seq).put("ts", fillTs).put("account", p.account)
                .put("reason", p.reason).put("qty", p.qty).put("entryPrice", p.entryPrice).put("exitPrice", fillPrice)
                .put("fees", fees).put("netPnl", gross.subtract(fees)).put("positionSide", p.isLong ? "LONG" : "SHORT")
                .put("level", p.level).put("triggerPrice", p.triggerPrice));
            positions.remove(p);
            byAccount.remove(p.account);
        }
        pending.removeAll(filled);
        pending.addAll(closes);
        return true;
    }

    private List<Position> sorted(final java.util.function.Predicate<Position> fires, final Comparator<Position> order)
    {
        final List<Position> out = new ArrayList<>();
        for (final Position p : positions)
        {
            if (p.open && fires.test(p))
            {
                out.add(p);
            }
        }
        out.sort(order.thenComparingInt(p -> p.id));
        return out;
    }

    /**
     * An entry fill opening a position; {@code fee} null pays the taker rate. False when the ingress
     * refuses it as out of order.
     */
    boolean fill(final long ts, final String account, final boolean buy, final BigDecimal qty, final BigDecimal price,
        final BigDecimal fee, final String profileName)
    {
        if (!acceptTime(ts))
        {
            return false;
        }
        final long eventSeq = ++seq;
        if (byAccount.containsKey(account))
        {
            throw new IllegalStateException("the reference model holds one position per account; " + account + " has one");
        }
        final Profile profile = profiles.get(profileName);
        if (profile == null)
        {
            throw new IllegalStateException("no profile " + profileName);
        }
        final BigDecimal notional = price.multiply(qty);
        final BigDecimal entryFee = fee != null ? fee : fee(notional);
        final BigDecimal takeProfit = level(buy, profile.takeProfitKind, profile.takeProfit, true, price, qty, notional, entryFee);
        final BigDecimal stopLoss = level(buy, profile.stopLossKind, profile.stopLoss, false, price, qty, notional, entryFee);
        final Position p = new Position(nextId++, account, buy, qty, price, notional, entryFee, takeProfit, stopLoss);
        positions.add(p);
        byAccount.put(account, p);
        lines.add(new Line().put("type", "levels").put("seq", eventSeq).put("ts", ts).put("account", account)
            .put("positionSide", buy ? "LONG" : "SHORT").put("qty", qty).put("entryPrice", price).put("takeProfit", takeProfit)
            .put("stopLoss", stopLoss));
        if (lastTrade != null)
        {
            // armed on a level the last trade already crossed: closed on this input, at that price
            final boolean stop = buy ? lastTrade.compareTo(stopLoss) <= 0 : lastTrade.compareTo(stopLoss) >= 0;
            final boolean target = buy ? lastTrade.compareTo(takeProfit) >= 0 : lastTrade.compareTo(takeProfit) <= 0;
            if (stop || target)
            {
                p.reason = stop ? "STOP_LOSS" : "TAKE_PROFIT";
                p.open = false;
                p.closeTs = ts;
                p.level = stop ? stopLoss : takeProfit;
                p.triggerPrice = lastTrade;
                lines.add(new Line().put("type", "close").put("seq", eventSeq).put("ts", ts).put("account", account)
                    .put("positionSide", buy ? "LONG" : "SHORT").put("side", buy ? "SELL" : "BUY").put("qty", qty)
                    .put("reason", p.reason).put("level", p.level).put("price", lastTrade));
                pending.add(p);
            }
        }
        return true;
    }

    private boolean acceptTime(final long ts)
    {
        if (newestTs != Long.MIN_VALUE && ts < newestTs - maxTimeRegressionMs)
        {
            return false;
        }
        newestTs = Math.max(newestTs, ts);
        return true;
    }

    /** The taker fee of a notional, half up to eight decimals. */
    BigDecimal fee(final BigDecimal notional)
    {
        return taker.multiply(notional).setScale(8, RoundingMode.HALF_UP);
    }

    /** Net PnL of closing {@code qty} at {@code x}, entry fee and exit fee paid. */
    BigDecimal net(final boolean isLong, final BigDecimal qty, final BigDecimal entryNotional, final BigDecimal entryFee,
        final BigDecimal x)
    {
        final BigDecimal exitNotional = x.multiply(qty).setScale(8, RoundingMode.HALF_UP);
        final BigDecimal gross = isLong ? exitNotional.subtract(entryNotional) : entryNotional.subtract(exitNotional);
        return gross.subtract(entryFee).subtract(fee(exitNotional));
    }

    private BigDecimal level(final boolean isLong, final Kind kind, final BigDecimal value, final boolean takeProfit,
        final BigDecimal entry, final BigDecimal qty, final BigDecimal notional, final BigDecimal entryFee)
    {
        if (kind == Kind.PCT)
        {
            // a long's take profit is above entry and its stop below; a short's the other way round
            final boolean above = takeProfit == isLong;
            final BigDecimal factor = above ? HUNDRED.add(value) : HUNDRED.subtract(value);
            final BigDecimal raw = entry.multiply(factor).divide(HUNDRED, MC);
            return toTick(raw, isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
        }
        final BigDecimal target = takeProfit ? value : value.negate();
        return netLevel(isLong, qty, notional, entryFee, target);
    }

    /** For a long the lowest, for a short the highest tick price whose net is at least {@code target}. */
    BigDecimal netLevel(final boolean isLong, final BigDecimal qty, final BigDecimal notional, final BigDecimal entryFee,
        final BigDecimal target)
    {
        final BigDecimal one = BigDecimal.ONE;
        // start near the closed form of a flat rate, then walk the grid: net is monotonic in the price
        final BigDecimal guess = isLong
            ? notional.add(entryFee).add(target).divide(qty.multiply(one.subtract(taker)), MC)
            : notional.subtract(entryFee).subtract(target).divide(qty.multiply(one.add(taker)), MC);
        BigDecimal x = toTick(guess, RoundingMode.FLOOR);
        if (isLong)
        {
            while (net(true, qty, notional, entryFee, x).compareTo(target) >= 0)
            {
                x = x.subtract(tick);
            }
            while (net(true, qty, notional, entryFee, x).compareTo(target) < 0)
            {
                x = x.add(tick);
            }
        }
        else
        {
            while (net(false, qty, notional, entryFee, x).compareTo(target) >= 0)
            {
                x = x.add(tick);
            }
            while (net(false, qty, notional, entryFee, x).compareTo(target) < 0)
            {
                x = x.subtract(tick);
            }
        }
        return x;
    }

    private BigDecimal toTick(final BigDecimal price, final RoundingMode mode)
    {
        return price.divide(tick, 0, mode).multiply(tick);
    }
}
