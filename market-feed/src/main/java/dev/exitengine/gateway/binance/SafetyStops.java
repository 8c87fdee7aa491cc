package dev.exitengine.gateway.binance;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;

import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One account's venue-side safety stops (BINANCE.md §3, the Algo Service): for each open position a
 * {@code STOP_MARKET closePosition=true} algo order a configured distance beyond the engine's own stop,
 * so that if the engine dies the venue still closes the position. Moved when the engine's stop tightens
 * (at most once per {@code minMoveMs} per position: the new one placed before the old one is cancelled,
 * so the position is never without one), cancelled when the position is gone, never more than
 * {@link #MAX_OPEN} open across the account (Binance's cap on conditional orders). When one fires, its
 * fill comes on the user stream like any outside fill and reduces the position.
 * <p>
 * The engine's output thread reports levels ({@link #onStop}) and ends ({@link #onGone}); the REST work
 * runs on a thread of the account's own for them, never on the one that places its closes. Client ids {@code xs-<position>-<n>}: the engine's own, never
 * mistaken for its closes ({@code xe-…}).
 */
public final class SafetyStops
{
    /** Binance's limit on open conditional orders, across all symbols (2025-12-29); a few kept back for the user. */
    public static final int MAX_OPEN = 190;
    public static final String PATH = "/fapi/v1/algoOrder";
    static final String OPEN_PATH = "/fapi/v1/openAlgoOrders";

    private final String account;
    private final BinanceRest rest;
    private final ScheduledExecutorService venue; // the safety stops' own thread
    private final LongSupplier wallClock;
    private final long distance;
    private final long minMoveMs;
    private final Map<String, Long> tickSizes;
    private final PositionMode mode;
    /** Venue thread only: the safety stop of each position. */
    private final Map<Long, Placed> placed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, Long> lastMove = new HashMap<>();
    private final Map<Long, Integer> sequence = new HashMap<>();
    private final Counts counts = new Counts();
    /**
     * Whether this process places, moves and cancels them: always for a single process; for a cluster member only
     * while it leads ({@link #pause}, {@link #takeOver}). Work queued before a pause finds it paused and is dropped.
     */
    private volatile boolean active = true;

    private record Placed(String clientAlgoId, String symbol, long triggerPrice)
    {
    }

    /** What the safety stops did, for /health. */
    public static final class Counts
    {
        public final AtomicLong placed = new AtomicLong();
        public final AtomicLong moved = new AtomicLong();
        public final AtomicLong cancelled = new AtomicLong();
        public final AtomicLong refused = new AtomicLong();
        public final AtomicLong overCap = new AtomicLong();
        public volatile String lastError;
    }

    /**
     * @param distancePct how far beyond the engine's stop, in percent of it (a long's below, a short's above)
     * @param minMoveMs   the least time between two moves of one position's safety stop
     */
    public SafetyStops(final String account, final BinanceRest rest, final ScheduledExecutorService venue, final LongSupplier wallClock,
        final long distancePct, final long minMoveMs, final Map<String, Long> tickSizes, final PositionMode mode)
    {
        this.account = account;
        this.rest = rest;
        this.venue = venue;
        this.wallClock = wallClock;
        this.distance = distancePct;
        this.minMoveMs = minMoveMs;
        this.tickSizes = tickSizes;
        this.mode = mode;
    }

    public Counts counts()
    {
        return counts;
    }

    /** The client id prefix of the engine's safety stops: {@code xs-<positionId>-<n>}. */
    static final String PREFIX = "xs-";

    /**
     * A fresh run (no journal to resume): the safety stops an earlier process left on the venue name
     * positions of that process's numbering, which this one does not share. They are cancelled; this run
     * places its own as its positions get their levels.
     */
    public void cancelLeftOver(final java.util.List<AccountReads.OpenAlgoOrder> open)
    {
        venue.execute(() ->
        {
            for (final AccountReads.OpenAlgoOrder o : open)
            {
                if (o.clientAlgoId() != null && o.clientAlgoId().startsWith(PREFIX))
                {
                    cancelAlgo(new Placed(o.clientAlgoId(), o.symbol(), o.triggerPrice()));
                    counts.cancelled.incrementAndGet();
                }
            }
        });
    }

    /**
     * A resumed run: its positions keep their numbers, so the safety stops on the venue are taken back as
     * this run's own (moved when the engine's stop tightens, cancelled when the position ends). Before the
     * journal is re-read.
     */
    public void adopt(final java.util.List<AccountReads.OpenAlgoOrder> open)
    {
        venue.execute(() -> takeAsOurs(open));
    }

    /** Safety thread: the engine's own ({@code xs-}) among {@code open} become this process's, their numbers go on from theirs. */
    private void takeAsOurs(final java.util.List<AccountReads.OpenAlgoOrder> open)
    {
        for (final AccountReads.OpenAlgoOrder o : open)
        {
            final long[] ids = parse(o.clientAlgoId());
            if (ids != null)
            {
                placed.put(ids[0], new Placed(o.clientAlgoId(), o.symbol(), o.triggerPrice()));
                sequence.merge(ids[0], (int)ids[1], Math::max);
            }
        }
    }

    /**
     * After a resumed run re-read its journal: the positions it holds open; adopted safety stops of any
     * other position (closed while the engine was down) are cancelled.
     */
    public void keepOnly(final java.util.Set<Long> openPositions)
    {
        venue.execute(() -> cancelAllBut(openPositions));
    }

    /** Safety thread: the safety stops of positions not in {@code openPositions} are cancelled. */
    private void cancelAllBut(final java.util.Set<Long> openPositions)
    {
        for (final Long id : new java.util.ArrayList<>(placed.keySet()))
        {
            if (!openPositions.contains(id))
            {
                cancel(id);
            }
        }
    }

    /**
     * A cluster member that does not lead (or no longer does): nothing is placed, moved or cancelled from here, the
     * leader does that. Any thread.
     */
    public void pause()
    {
        active = false;
    }

    /**
     * A cluster member that starts leading: the safety stops open on the venue are read and taken as its own (the
     * members number positions alike, so the old leader's {@code xs-<position>-<n>} name this member's positions),
     * those of positions no longer open are cancelled, and from here this member places, moves and cancels them.
     * Queued on the safety thread before the stops of the open positions are given again. When the venue cannot be
     * read, this member goes on without them (told on /health): a position may then have two safety stops for a
     * while, never none.
     */
    public void takeOver(final java.util.Set<Long> openPositions)
    {
        venue.execute(() ->
        {
            placed.clear();
            lastMove.clear();
            final RestAnswer a = rest.get(OPEN_PATH, Map.of(), BinanceRest.Security.SIGNED);
            try
            {
                if (!a.ok())
                {
                    throw new IllegalStateException(String.valueOf(a.error()));
                }
                takeAsOurs(AccountReads.openAlgoOrders(a.body()));
            }
            catch (final RuntimeException ex)
            {
                counts.lastError = "account " + account + ": reading the open safety stops on taking over: " + ex.getMessage();
            }
            active = true;
            cancelAllBut(openPositions);
        });
    }

    /** {positionId, n} of {@code xs-<positionId>-<n>}, or null when it is not one of ours. */
    private static long[] parse(final String clientAlgoId)
    {
        if (clientAlgoId == null || !clientAlgoId.startsWith(PREFIX))
        {
            return null;
        }
        final int dash = clientAlgoId.indexOf('-', PREFIX.length());
        try
        {
            return dash < 0 ? null
                : new long[] {Long.parseLong(clientAlgoId.substring(PREFIX.length(), dash)), Long.parseLong(clientAlgoId.substring(dash + 1))};
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /** Output thread: the engine's stop for the position is now {@code stop} (long: the highest of its stops; short: the lowest). */
    public void onStop(final long positionId, final String symbol, final PositionSide side, final boolean isLong, final long stop)
    {
        if (stop == Fixed.NONE || stop <= 0)
        {
            return;
        }
        venue.execute(() -> place(positionId, symbol, side, isLong, stop));
    }

    /** Output thread: the position is closed or dropped: its safety stop goes. */
    public void onGone(final long positionId)
    {
        venue.execute(() -> cancel(positionId));
    }

    /** The trigger price beyond {@code stop}, on the tick grid, rounded further away from the market. */
    long triggerPrice(final String symbol, final boolean isLong, final long stop)
    {
        final long offset = Fixed.mulDiv(stop, distance, 100 * Fixed.ONE, RoundingMode.HALF_UP);
        final long raw = isLong ? stop - offset : stop + offset;
        final Long tick = tickSizes.get(symbol);
        if (tick == null || tick <= 0)
        {
            return raw;
        }
        final long down = Fixed.roundDownToStep(raw, tick);
        return isLong || down == raw ? down : down + tick;
    }

    private void place(final long positionId, final String symbol, final PositionSide side, final boolean isLong, final long stop)
    {
        if (!active)
        {
            return;
        }
        final long trigger = triggerPrice(symbol, isLong, stop);
        final Placed current = placed.get(positionId);
        if (current != null)
        {
            final boolean tighter = isLong ? trigger > current.triggerPrice() : trigger < current.triggerPrice();
            if (!tighter)
            {
                return;
            }
            final long now = wallClock.getAsLong();
            final long last = lastMove.getOrDefault(positionId, Long.MIN_VALUE);
            if (now - last < minMoveMs)
            {
                // rate-limited: the latest level is taken up when the interval ends
                venue.schedule(() -> place(positionId, symbol, side, isLong, stop), last + minMoveMs - now, TimeUnit.MILLISECONDS);
                return;
            }
        }
        else if (placed.size() >= MAX_OPEN)
        {
            counts.overCap.incrementAndGet();
            counts.lastError = "account " + account + ": " + MAX_OPEN + " safety stops open, none placed for position " + positionId;
            return;
        }
        final int n = sequence.merge(positionId, 1, Integer::sum);
        final String clientAlgoId = PREFIX + positionId + "-" + n;
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("algoType", "CONDITIONAL");
        p.put("symbol", symbol);
        p.put("side", isLong ? "SELL" : "BUY");
        if (mode == PositionMode.HEDGE)
        {
            p.put("positionSide", side.name());
        }
        p.put("type", "STOP_MARKET");
        p.put("triggerPrice", Fixed.toBigDecimal(trigger).stripTrailingZeros().toPlainString());
        p.put("workingType", "MARK_PRICE");
        p.put("closePosition", "true");
        p.put("clientAlgoId", clientAlgoId);
        final RestAnswer a = rest.post(PATH, p, BinanceRest.Security.SIGNED);
        if (!a.ok())
        {
            counts.refused.incrementAndGet();
            counts.lastError = "account " + account + ": safety stop for position " + positionId + " refused: " + a.error();
            return;
        }
        placed.put(positionId, new Placed(clientAlgoId, symbol, trigger));
        lastMove.put(positionId, wallClock.getAsLong());
        if (current == null)
        {
            counts.placed.incrementAndGet();
        }
        else
        {
            counts.moved.incrementAndGet();
            cancelAlgo(current);
        }
    }

    private void cancel(final long positionId)
    {
        if (!active)
        {
            return;
        }
        final Placed current = placed.remove(positionId);
        lastMove.remove(positionId);
        if (current != null)
        {
            cancelAlgo(current);
            counts.cancelled.incrementAndGet();
        }
    }

    private void cancelAlgo(final Placed p)
    {
        final RestAnswer a = rest.delete(PATH, Map.of("symbol", p.symbol(), "clientAlgoId", p.clientAlgoId()), BinanceRest.Security.SIGNED);
        if (!a.ok())
        {
            // already triggered or gone: nothing left to cancel; anything else is told on /health
            counts.lastError = "account " + account + ": cancelling safety stop " + p.clientAlgoId() + ": " + a.error();
        }
    }

    /** How many are open now (any thread: for tests and /health). */
    public int open()
    {
        return placed.size();
    }
}
