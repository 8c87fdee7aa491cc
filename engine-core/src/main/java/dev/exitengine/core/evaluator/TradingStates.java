package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trading state of the engine and of each account (ACTIVE, REDUCING, HALTED), forced unwind per
 * account, and the positions whose exit fired while their account was HALTED: held out of the ladders
 * until trading resumes.
 */
final class TradingStates
{
    private final PositionBook book;
    private final RiskView riskView;
    private TradingState global = TradingState.ACTIVE;
    private TradingState[] account = new TradingState[16];
    private boolean[] forcedUnwind = new boolean[16];
    private final List<Position> held = new ArrayList<>();

    TradingStates(final PositionBook book, final RiskView riskView)
    {
        this.book = book;
        this.riskView = riskView;
    }

    TradingState global()
    {
        return global;
    }

    boolean globalHalted()
    {
        return global == TradingState.HALTED;
    }

    /** The state in force for an account: HALTED when the engine is, else the account's own, else the engine's. */
    TradingState of(final int accountId)
    {
        if (global == TradingState.HALTED)
        {
            return TradingState.HALTED;
        }
        final TradingState s = accountId >= 0 && accountId < account.length ? account[accountId] : null;
        return s == null ? global : s;
    }

    /** Sets the engine's state (the caller publishes it to the risk view with the open count). */
    void global(final TradingState state)
    {
        global = state;
    }

    void account(final int accountId, final TradingState state)
    {
        ensure(accountId);
        account[accountId] = state;
        riskView.accountState(accountId, state);
    }

    void forcedUnwind(final int accountId, final boolean on)
    {
        ensure(accountId);
        forcedUnwind[accountId] = on;
    }

    boolean forcedUnwindOn(final int accountId)
    {
        return accountId >= 0 && accountId < forcedUnwind.length && forcedUnwind[accountId];
    }

    /** A position whose exit fired while its account was HALTED waits here, out of the ladders. */
    void hold(final Position p)
    {
        held.add(p);
    }

    /** Positions held back while HALTED go back into their ladders once their account may trade again. */
    void releaseHeld()
    {
        for (int i = held.size() - 1; i >= 0; i--)
        {
            final Position p = held.get(i);
            if (p.state != PositionState.OPEN)
            {
                held.remove(i);
            }
            else if (of(p.accountId) != TradingState.HALTED)
            {
                held.remove(i);
                LevelKeys.refresh(p);
                book.index(p);
            }
        }
    }

    private void ensure(final int accountId)
    {
        if (accountId >= account.length)
        {
            final int n = Math.max(accountId + 1, account.length * 2);
            account = Arrays.copyOf(account, n);
            forcedUnwind = Arrays.copyOf(forcedUnwind, n);
        }
    }

    long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, global);
        for (int a = 0; a < account.length; a++)
        {
            h = StateHash.mix(h, account[a]);
            h = StateHash.mix(h, forcedUnwind[a]);
        }
        for (final Position p : held)
        {
            h = StateHash.mix(h, p.id);
        }
        return h;
    }

    /** Positions this part refers to that the book may no longer hold. */
    void keepReferences(final dev.exitengine.core.position.StateRefs refs)
    {
        for (final Position p : held)
        {
            refs.keepExtra(p);
        }
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final dev.exitengine.core.position.StateRefs refs)
    {
        w.section(0x53544154); // "STAT"
        w.putEnum(global);
        w.putInt(account.length);
        for (final TradingState s : account)
        {
            w.putEnum(s);
        }
        w.putBooleans(forcedUnwind);
        w.putInt(held.size());
        for (final Position p : held)
        {
            w.putLong(refs.position(p));
        }
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final dev.exitengine.core.position.StateRefs refs)
    {
        r.section(0x53544154, "trading states");
        global = r.getEnum(TradingState.values());
        account = new TradingState[r.getInt()];
        for (int i = 0; i < account.length; i++)
        {
            account[i] = r.getEnum(TradingState.values());
        }
        forcedUnwind = r.getBooleans();
        held.clear();
        final int n = r.getInt();
        for (int i = 0; i < n; i++)
        {
            held.add(refs.position(r.getLong()));
        }
    }
}
