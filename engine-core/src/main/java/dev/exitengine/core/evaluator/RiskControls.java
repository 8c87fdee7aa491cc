package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;

import java.util.Arrays;

/**
 * Per-account and per-symbol risk bookkeeping: open counts against the caps, notional, realized PnL and
 * its peak, rapid-entry and stop-loss cooldowns, the drawdown limit. Publishes what the ingress's
 * pre-trade check needs through {@link RiskView} (ordered writes) and notes what it starts as RISK
 * decisions.
 */
final class RiskControls
{
    private final EngineConfig config;
    private final EngineCounters counters;
    private final RiskView riskView;
    private final PositionBook book;
    private final TradingStates states;
    private final DecisionWriter writer;
    private int[] accountOpen = new int[16];
    private long[] accountNotional = new long[16];
    private long[] accountRealized = new long[16];
    private long[] accountPeak = new long[16];
    private long[] cooldownUntil = new long[16];
    private long[][] recentEntries = new long[16][];
    private long[][] recentStops = new long[16][];
    private int[] symbolOpen = new int[16];
    private int globalOpen;
    /** Set when an opening put an account, a symbol or the book over its cap: only then is enforcement run. */
    private boolean capBreached;
    private String pendingNote;
    private int pendingNoteAccount = -1;

    RiskControls(final EngineConfig config, final EngineCounters counters, final RiskView riskView, final PositionBook book,
        final TradingStates states, final DecisionWriter writer)
    {
        this.config = config;
        this.counters = counters;
        this.riskView = riskView;
        this.book = book;
        this.states = states;
        this.writer = writer;
    }

    void adjustNotional(final Position p, final long delta)
    {
        ensure(p.accountId, p.symbolId);
        accountNotional[p.accountId] += delta;
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
    }

    /** A new position: counted against the caps; five within the window start the rapid-entry cooldown. */
    void opened(final Position p, final long ts)
    {
        ensure(p.accountId, p.symbolId);
        accountOpen[p.accountId]++;
        symbolOpen[p.symbolId]++;
        globalOpen++;
        capBreached |= (config.maxPositionsPerAccount > 0 && accountOpen[p.accountId] > config.maxPositionsPerAccount)
            || (config.maxPositionsPerSymbol > 0 && symbolOpen[p.symbolId] > config.maxPositionsPerSymbol)
            || (config.maxPositionsGlobal > 0 && globalOpen > config.maxPositionsGlobal);
        counters.set(Counter.POSITIONS_TRACKED, book.size());
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
        riskView.symbolOpen(p.symbolId, symbolOpen[p.symbolId]);
        riskView.global(globalOpen, states.global(), ts);
        if (config.rapidEntryCount > 0 && recordWithin(recentEntries, p.accountId, config.rapidEntryCount, ts, config.rapidEntryWindowMs))
        {
            startCooldown(p.accountId, ts + config.rapidEntryCooldownMs, config.rapidEntryCount + " new positions within "
                + config.rapidEntryWindowMs + " ms");
        }
    }

    /** A position leaves the book: no longer counted against the caps. */
    void remove(final Position p)
    {
        book.remove(p);
        ensure(p.accountId, p.symbolId);
        accountOpen[p.accountId]--;
        symbolOpen[p.symbolId]--;
        globalOpen--;
        accountNotional[p.accountId] -= p.entryNotional;
        counters.set(Counter.POSITIONS_TRACKED, book.size());
        riskView.account(p.accountId, accountOpen[p.accountId], accountNotional[p.accountId]);
        riskView.symbolOpen(p.symbolId, symbolOpen[p.symbolId]);
        riskView.global(globalOpen, states.global(), 0);
    }

    /** Realized net PnL of an account: protections (stop-loss cooldown, drawdown) watch it. */
    void realized(final EngineEvent e, final Position p, final long net, final ExitReason reason)
    {
        final int a = p.accountId;
        ensure(a, p.symbolId);
        accountRealized[a] += net;
        accountPeak[a] = Math.max(accountPeak[a], accountRealized[a]);
        if (reason == ExitReason.STOP_LOSS && config.stopLossCooldownCount > 0
            && recordWithin(recentStops, a, config.stopLossCooldownCount, e.ts, config.stopLossWindowMs))
        {
            startCooldown(a, e.ts + config.stopLossCooldownMs, config.stopLossCooldownCount + " stop-losses within "
                + config.stopLossWindowMs + " ms");
        }
        if (config.maxDrawdown > 0 && accountPeak[a] - accountRealized[a] >= config.maxDrawdown && states.of(a) == TradingState.ACTIVE)
        {
            states.account(a, TradingState.REDUCING);
            note(a, "drawdown " + Fixed.toString(accountPeak[a] - accountRealized[a]) + " reached maxDrawdown "
                + Fixed.toString(config.maxDrawdown) + ": account REDUCING (exits only)");
        }
    }

    /** Publishes the engine's state with the open count (after a trading-state command). */
    void publishGlobal(final long ts)
    {
        riskView.global(globalOpen, states.global(), ts);
    }

    /** Writes the note of the cooldown or limit started during this event, if any. */
    void flushNote(final EngineEvent e)
    {
        if (pendingNote != null)
        {
            writer.risk(e, pendingNoteAccount, pendingNote);
            pendingNote = null;
            pendingNoteAccount = -1;
        }
    }

    /** Whether an opening went over a cap since the last call (and clears it). */
    boolean takeCapBreach()
    {
        final boolean breached = capBreached;
        capBreached = false;
        return breached;
    }

    int[] accountOpen()
    {
        return accountOpen;
    }

    int[] symbolOpen()
    {
        return symbolOpen;
    }

    int globalOpen()
    {
        return globalOpen;
    }

    private void startCooldown(final int accountId, final long until, final String why)
    {
        cooldownUntil[accountId] = Math.max(cooldownUntil[accountId], until);
        riskView.cooldownUntil(accountId, cooldownUntil[accountId]);
        note(accountId, "account cooldown until " + until + ": " + why);
    }

    private void note(final int accountId, final String note)
    {
        pendingNote = note;
        pendingNoteAccount = accountId;
    }

    /** Records {@code ts} in the account's ring; true when the ring now holds {@code count} times within the window. */
    private static boolean recordWithin(final long[][] rings, final int accountId, final int count, final long ts, final long window)
    {
        long[] ring = rings[accountId];
        if (ring == null)
        {
            // count timestamps, then how many were ever recorded
            ring = new long[count + 1];
            Arrays.fill(ring, 0, count, Long.MIN_VALUE / 2);
            rings[accountId] = ring;
        }
        final int head = (int)(ring[count] % count);
        ring[head] = ts;
        ring[count]++;
        final long oldest = ring[(head + 1) % count];
        return ring[count] >= count && ts - oldest < window;
    }

    /** Every per-account array grows here, together, so none can be shorter than another. */
    private void ensure(final int accountId, final int symbolId)
    {
        if (accountId >= accountOpen.length)
        {
            final int n = Math.max(accountId + 1, accountOpen.length * 2);
            accountOpen = Arrays.copyOf(accountOpen, n);
            accountNotional = Arrays.copyOf(accountNotional, n);
            accountRealized = Arrays.copyOf(accountRealized, n);
            accountPeak = Arrays.copyOf(accountPeak, n);
            cooldownUntil = Arrays.copyOf(cooldownUntil, n);
            recentEntries = Arrays.copyOf(recentEntries, n);
            recentStops = Arrays.copyOf(recentStops, n);
        }
        if (symbolId >= symbolOpen.length)
        {
            symbolOpen = Arrays.copyOf(symbolOpen, Math.max(symbolId + 1, symbolOpen.length * 2));
        }
    }

    long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, globalOpen);
        h = StateHash.mix(h, capBreached);
        for (int a = 0; a < accountOpen.length; a++)
        {
            h = StateHash.mix(h, accountOpen[a]);
            h = StateHash.mix(h, accountNotional[a]);
            h = StateHash.mix(h, accountRealized[a]);
            h = StateHash.mix(h, accountPeak[a]);
            h = StateHash.mix(h, cooldownUntil[a]);
            h = ring(h, recentEntries[a]);
            h = ring(h, recentStops[a]);
        }
        for (final int open : symbolOpen)
        {
            h = StateHash.mix(h, open);
        }
        return h;
    }

    private static long ring(final long hash, final long[] ring)
    {
        long h = StateHash.mix(hash, ring == null ? -1 : ring.length);
        if (ring != null)
        {
            for (final long v : ring)
            {
                h = StateHash.mix(h, v);
            }
        }
        return h;
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x5249534B); // "RISK"
        w.putInts(accountOpen);
        w.putLongs(accountNotional);
        w.putLongs(accountRealized);
        w.putLongs(accountPeak);
        w.putLongs(cooldownUntil);
        writeRings(w, recentEntries);
        writeRings(w, recentStops);
        w.putInts(symbolOpen);
        w.putInt(globalOpen);
        w.putBoolean(capBreached);
        w.putString(pendingNote);
        w.putInt(pendingNoteAccount);
    }

    private static void writeRings(final dev.exitengine.core.snapshot.SnapshotWriter w, final long[][] rings)
    {
        w.putInt(rings.length);
        for (final long[] ring : rings)
        {
            w.putLongs(ring);
        }
    }

    private static long[][] readRings(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final long[][] rings = new long[r.getInt()][];
        for (int i = 0; i < rings.length; i++)
        {
            rings[i] = r.getLongs();
        }
        return rings;
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x5249534B, "risk controls");
        accountOpen = r.getInts();
        accountNotional = r.getLongs();
        accountRealized = r.getLongs();
        accountPeak = r.getLongs();
        cooldownUntil = r.getLongs();
        recentEntries = readRings(r);
        recentStops = readRings(r);
        symbolOpen = r.getInts();
        globalOpen = r.getInt();
        capBreached = r.getBoolean();
        pendingNote = r.getString();
        pendingNoteAccount = r.getInt();
    }
}
