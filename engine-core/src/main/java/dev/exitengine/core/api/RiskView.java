package dev.exitengine.core.api;

import dev.exitengine.core.event.TradingState;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the evaluator publishes for the pre-trade check, readable from any thread: per account its open
 * positions, open notional, trading state and the event time until which new entries are in cooldown;
 * per symbol its open positions; the global count. One writer (the evaluator); values are ordered
 * writes, so a reader sees a recent, consistent-enough picture without touching the evaluator's state.
 */
public final class RiskView
{
    private static final int FIELDS = 4;
    private static final int OPEN = 0;
    private static final int NOTIONAL = 1;
    private static final int STATE = 2;
    private static final int COOLDOWN_UNTIL = 3;

    private volatile AtomicLongArray accounts = new AtomicLongArray(FIELDS * 64);
    private volatile AtomicLongArray symbols = new AtomicLongArray(64);
    private volatile long globalOpen;
    private volatile long globalState;
    private volatile long lastEventTs;

    private AtomicLongArray accountsFor(final int accountId)
    {
        AtomicLongArray a = accounts;
        if (accountId * FIELDS + FIELDS > a.length())
        {
            final AtomicLongArray bigger = new AtomicLongArray(Math.max(a.length() * 2, (accountId + 1) * FIELDS * 2));
            for (int i = 0; i < a.length(); i++)
            {
                bigger.set(i, a.get(i));
            }
            accounts = bigger;
            a = bigger;
        }
        return a;
    }

    private AtomicLongArray symbolsFor(final int symbolId)
    {
        AtomicLongArray a = symbols;
        if (symbolId >= a.length())
        {
            final AtomicLongArray bigger = new AtomicLongArray(Math.max(a.length() * 2, symbolId + 1));
            for (int i = 0; i < a.length(); i++)
            {
                bigger.set(i, a.get(i));
            }
            symbols = bigger;
            a = bigger;
        }
        return a;
    }

    // ---- writer side: the evaluator

    public void account(final int accountId, final long open, final long notional)
    {
        final AtomicLongArray a = accountsFor(accountId);
        a.lazySet(accountId * FIELDS + OPEN, open);
        a.lazySet(accountId * FIELDS + NOTIONAL, notional);
    }

    public void accountState(final int accountId, final TradingState state)
    {
        accountsFor(accountId).lazySet(accountId * FIELDS + STATE, state == null ? 0 : state.ordinal());
    }

    public void cooldownUntil(final int accountId, final long ts)
    {
        accountsFor(accountId).lazySet(accountId * FIELDS + COOLDOWN_UNTIL, ts);
    }

    public void symbolOpen(final int symbolId, final long open)
    {
        symbolsFor(symbolId).lazySet(symbolId, open);
    }

    public void global(final long open, final TradingState state, final long ts)
    {
        globalOpen = open;
        globalState = state.ordinal();
        lastEventTs = ts;
    }

    // ---- reader side: any thread

    public long open(final int accountId)
    {
        final AtomicLongArray a = accounts;
        return accountId * FIELDS + OPEN < a.length() ? a.get(accountId * FIELDS + OPEN) : 0;
    }

    public long notional(final int accountId)
    {
        final AtomicLongArray a = accounts;
        return accountId * FIELDS + NOTIONAL < a.length() ? a.get(accountId * FIELDS + NOTIONAL) : 0;
    }

    public TradingState state(final int accountId)
    {
        final AtomicLongArray a = accounts;
        final long s = accountId * FIELDS + STATE < a.length() ? a.get(accountId * FIELDS + STATE) : 0;
        return TradingState.ofOrdinal((int)s);
    }

    public long cooldownUntil(final int accountId)
    {
        final AtomicLongArray a = accounts;
        return accountId * FIELDS + COOLDOWN_UNTIL < a.length() ? a.get(accountId * FIELDS + COOLDOWN_UNTIL) : 0;
    }

    public long symbolOpen(final int symbolId)
    {
        final AtomicLongArray a = symbols;
        return symbolId < a.length() ? a.get(symbolId) : 0;
    }

    public long globalOpen()
    {
        return globalOpen;
    }

    public TradingState globalState()
    {
        return TradingState.ofOrdinal((int)globalState);
    }

    public long lastEventTs()
    {
        return lastEventTs;
    }

    // ---- snapshots (the evaluator's thread, or a quiet engine)

    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x52564957); // "RVIW"
        writeArray(w, accounts);
        writeArray(w, symbols);
        w.putLong(globalOpen);
        w.putLong(globalState);
        w.putLong(lastEventTs);
    }

    private static void writeArray(final dev.exitengine.core.snapshot.SnapshotWriter w, final AtomicLongArray a)
    {
        w.putInt(a.length());
        for (int i = 0; i < a.length(); i++)
        {
            w.putLong(a.get(i));
        }
    }

    private static AtomicLongArray readArray(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        final AtomicLongArray a = new AtomicLongArray(r.getInt());
        for (int i = 0; i < a.length(); i++)
        {
            a.set(i, r.getLong());
        }
        return a;
    }

    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x52564957, "risk view");
        accounts = readArray(r);
        symbols = readArray(r);
        globalOpen = r.getLong();
        globalState = r.getLong();
        lastEventTs = r.getLong();
    }
}
