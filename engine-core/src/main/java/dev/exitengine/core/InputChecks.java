package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;

import java.math.RoundingMode;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What the ingress checks before an input reaches the ring, and the text of every refusal: unknown
 * symbols, values out of range, event time running backwards or jumping too far ahead. It keeps the event clock (the newest
 * input time) that the time rule needs, and where the current input came from (file and line) so a
 * refusal names its place. Refusals are counted, reported, and stop the feed when told to; the text
 * is built only when something is refused.
 */
final class InputChecks
{
    private final Names names;
    private final EngineCounters counters;
    private final Consumer<String> errors;
    private final long maxTimeRegressionMs;
    private final long maxTimeAheadMs;
    private boolean[] definedSymbols = new boolean[16];
    private long newestTs = Long.MIN_VALUE;
    private String positionSource;
    private long positionLine;
    private boolean stopOnRefusal;

    InputChecks(final Names names, final EngineCounters counters, final Consumer<String> errors, final long maxTimeRegressionMs,
        final long maxTimeAheadMs)
    {
        this.names = names;
        this.counters = counters;
        this.errors = errors;
        this.maxTimeRegressionMs = maxTimeRegressionMs;
        this.maxTimeAheadMs = maxTimeAheadMs;
    }

    void defineSymbol(final int id)
    {
        if (id >= definedSymbols.length)
        {
            definedSymbols = Arrays.copyOf(definedSymbols, Math.max(id + 1, definedSymbols.length * 2));
        }
        definedSymbols[id] = true;
    }

    private boolean isDefined(final int symbolId)
    {
        return symbolId >= 0 && symbolId < definedSymbols.length && definedSymbols[symbolId];
    }

    void stopOnRefusal(final boolean stop)
    {
        stopOnRefusal = stop;
    }

    void position(final String source, final long line)
    {
        positionSource = source;
        positionLine = line;
    }

    /** The line of the input being read (see {@link #position}); 0 before the first. */
    long positionLine()
    {
        return positionLine;
    }

    // ------------------------------------------------------------------ the event clock

    /** The newest input time accepted so far; {@link Long#MIN_VALUE} before the first. */
    long newestTs()
    {
        return newestTs;
    }

    /** The time stamped on an input that carries none (instrument, profile): the newest, or 0 before any. */
    long stampTs()
    {
        return newestTs == Long.MIN_VALUE ? 0 : newestTs;
    }

    /** Moves the clock to {@code ts} if that is newer (a journaled input, already checked when recorded). */
    void advance(final long ts)
    {
        if (ts > newestTs)
        {
            newestTs = ts;
        }
    }

    // ------------------------------------------------------------------ checks by name

    /** The id of a symbol with an instrument definition, or -1 after refusing. */
    int knownSymbol(final String symbol, final String what, final long ts)
    {
        // a feed hands the same String for a symbol's every tick: the id of the last one found is at hand (ids never change)
        final int id = symbol == lastSymbol ? lastSymbolId : symbol == null ? -1 : names.find(Names.Kind.SYMBOL, symbol);
        if (!isDefined(id))
        {
            refuse(what + " ts " + ts, "unknown symbol '" + symbol + "' (no instrument definition)");
            return -1;
        }
        lastSymbol = symbol;
        lastSymbolId = id;
        return id;
    }

    private String lastSymbol;
    private int lastSymbolId = -1;

    /** The id of a defined profile, or -1 after refusing; {@code where} names the input. */
    int knownProfile(final String profile, final String where)
    {
        final int id = names.find(Names.Kind.PROFILE, profile);
        if (id < 0)
        {
            refuse(where, "unknown profile '" + profile + "'");
        }
        return id;
    }

    /** A fill's profile id, or -1 after refusing it; where it was is written out only for a refusal (a fill's path allocates nothing else). */
    int knownFillProfile(final String profile, final String orderId, final long ts)
    {
        final int id = names.find(Names.Kind.PROFILE, profile);
        return id >= 0 ? id : knownProfile(profile, fillWhere(orderId, ts));
    }

    /** A client order id as the engine made it, or -1 after refusing. */
    long clientOrderId(final String text, final String what, final long ts)
    {
        try
        {
            return ClientOrderIds.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(what + " ts " + ts, ex.getMessage());
            return -1;
        }
    }

    void duplicateFill(final String account, final String orderId, final long ts, final long qty, final long price)
    {
        refuse(fillWhere(orderId, ts), "duplicate fill: account " + account + ", order " + orderId + ", qty " + Fixed.toString(qty)
            + " at " + Fixed.toString(price) + " was already applied");
    }

    // ------------------------------------------------------------------ checks by id

    boolean instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        if (tickSize <= 0 || stepSize <= 0 || minQty < 0 || makerFee < 0 || takerFee < 0 || takerFee >= Fixed.ONE)
        {
            refuse("instrument " + symbol, "tickSize and stepSize must be positive, fees in [0, 1)");
            return false;
        }
        return true;
    }

    /** A market event: defined symbol, positive price, time within the rule (advancing the clock). */
    boolean market(final int symbolId, final long ts, final long price, final String what)
    {
        if (!isDefined(symbolId))
        {
            refuse(what + " ts " + ts, "unknown symbol id " + symbolId);
            return false;
        }
        if (price <= 0)
        {
            refuse(what + " " + names.symbol(symbolId) + " ts " + ts, "price must be positive, was " + Fixed.toString(price));
            return false;
        }
        if (inTime(ts))
        {
            return true;
        }
        return time(ts, what + " " + names.symbol(symbolId));
    }

    /** A quote: as {@link #market} on the bid, then an ask that is positive and not below the bid. */
    boolean quote(final int symbolId, final long ts, final long bid, final long ask)
    {
        if (!market(symbolId, ts, bid, "quote bid") || ask <= 0 || ask < bid)
        {
            if (ask <= 0 || ask < bid)
            {
                refuse("quote " + names.symbol(symbolId) + " ts " + ts, "ask " + Fixed.toString(ask) + " must be positive and not below bid "
                    + Fixed.toString(bid));
            }
            return false;
        }
        return true;
    }

    /** A symbol id an input by id names: defined, or refused as {@code what}. */
    boolean symbol(final int symbolId, final String what, final long ts)
    {
        if (!isDefined(symbolId))
        {
            refuse(what + " ts " + ts, "unknown symbol id " + symbolId);
            return false;
        }
        return true;
    }

    /**
     * Quantity and price positive, fee not negative (or NONE), and a notional (qty × price) that fits the
     * fixed-point range, which every fill's bookkeeping computes: entry fills and close-order fills.
     */
    boolean fillValues(final String what, final String orderId, final long ts, final long qty, final long price, final long fee)
    {
        if (qty <= 0 || price <= 0 || (fee != Fixed.NONE && fee < 0))
        {
            refuse(what + " " + orderId + " ts " + ts, "qty and price must be positive and fee not negative");
            return false;
        }
        if (!notionalFits(qty, price))
        {
            refuse(what + " " + orderId + " ts " + ts, "notional of qty " + Fixed.toString(qty) + " at price " + Fixed.toString(price)
                + " is beyond the fixed-point range (at most " + Fixed.toString(Long.MAX_VALUE) + ")");
            return false;
        }
        return true;
    }

    /** Whether qty × price, as the fill handlers compute it, is a fixed-point long. */
    private static boolean notionalFits(final long qty, final long price)
    {
        try
        {
            Fixed.mulDiv(qty, price, Fixed.ONE, RoundingMode.HALF_UP);
            return true;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }

    void fillWithoutParties(final String orderId, final long ts)
    {
        refuse(fillWhere(orderId, ts), "needs account and side");
    }

    void unknownProfileId(final String where, final int profileId)
    {
        refuse(where, "unknown profile id " + profileId);
    }

    boolean fillTime(final String orderId, final long ts)
    {
        return inTime(ts) || time(ts, "fill " + orderId);
    }

    static String fillWhere(final String orderId, final long ts)
    {
        return "fill " + orderId + " ts " + ts;
    }

    /**
     * The time rule: not negative, not more than maxTimeRegressionMs older than the newest input and not
     * more than maxTimeAheadMs newer (the first input's time is taken as it is). Advances the clock when
     * the input passes; a refused time is never adopted.
     */
    boolean time(final long ts, final String where)
    {
        if (ts < 0)
        {
            refuse(where, "ts must not be negative, was " + ts);
            return false;
        }
        if (newestTs != Long.MIN_VALUE && ts < newestTs - maxTimeRegressionMs)
        {
            refuse(where + " ts " + ts, "out of order: " + (newestTs - ts) + " ms older than the newest input (" + newestTs
                + "), more than maxTimeRegressionMs " + maxTimeRegressionMs);
            return false;
        }
        if (newestTs != Long.MIN_VALUE && ts - newestTs > maxTimeAheadMs)
        {
            refuse(where + " ts " + ts, "too far ahead: " + (ts - newestTs) + " ms newer than the newest input (" + newestTs
                + "), more than maxTimeAheadMs " + maxTimeAheadMs);
            return false;
        }
        advance(ts);
        return true;
    }

    /** {@link #time}'s common case, without the text a refusal would need: true (and the clock advanced) when it passes. */
    private boolean inTime(final long ts)
    {
        if (ts >= 0 && (newestTs == Long.MIN_VALUE || ts >= newestTs - maxTimeRegressionMs && ts - newestTs <= maxTimeAheadMs))
        {
            advance(ts);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ refusals

    /** A line or message the feed itself could not accept: counted and reported, the feed applies its own policy. */
    void rejectedByFeed(final String where, final String what)
    {
        counters.increment(Counter.INPUTS_REJECTED);
        errors.accept("rejected " + where + ": " + what);
    }

    void refuse(final String where, final String what)
    {
        counters.increment(Counter.INPUTS_REJECTED);
        final String message = positionSource == null
            ? "rejected " + where + ": " + what
            : "rejected " + positionSource + ":" + positionLine + ": " + what + " (" + where + ")";
        errors.accept(message);
        if (stopOnRefusal)
        {
            throw new InputRefusedException(message);
        }
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.putBooleans(definedSymbols);
        w.putLong(newestTs);
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        definedSymbols = r.getBooleans();
        newestTs = r.getLong();
    }
}
