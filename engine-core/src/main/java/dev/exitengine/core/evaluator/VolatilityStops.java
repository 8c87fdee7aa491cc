package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.position.VolatilityTracker;
import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ATR stops: the volatility trackers of each symbol (a few at most: one per distinct bar setting and
 * source) and the stop math on them, fixed at k × ATR from entry or trailing the best price since entry.
 */
final class VolatilityStops
{
    private final Definitions definitions;
    private List<VolatilityTracker>[] bySymbol = newArray(16);

    VolatilityStops(final Definitions definitions)
    {
        this.definitions = definitions;
    }

    @SuppressWarnings("unchecked")
    private static List<VolatilityTracker>[] newArray(final int n)
    {
        return new List[n];
    }

    void ensureCapacity(final int capacity)
    {
        if (capacity > bySymbol.length)
        {
            bySymbol = Arrays.copyOf(bySymbol, capacity);
        }
    }

    /** The symbol's trackers, or null when no position of it has an ATR stop (the tick path's one check). */
    List<VolatilityTracker> trackers(final int symbolId)
    {
        return bySymbol[symbolId];
    }

    /** Follows the position's ATR from now on and arms its ATR stop (when the ATR is known yet). */
    void arm(final Position p)
    {
        final ExitProfile prof = p.profile;
        final RuleState r = p.rules;
        if (r.volatility == null)
        {
            r.volatility = tracker(p.symbolId, prof.source, prof.barSeconds, prof.atrBars);
            r.volatility.positions.add(p);
        }
        if (prof.atrTrailing)
        {
            if (r.atrPeak == Fixed.NONE)
            {
                r.atrPeak = p.averageEntry();
            }
            ratchet(p);
        }
        else
        {
            r.atrStop = Fixed.NONE;
            armFixed(p);
        }
    }

    /** Fixed ATR stop: entry minus k × ATR, set once the ATR is known. */
    void armFixed(final Position p)
    {
        final RuleState r = p.rules;
        final long atr = r.volatility.atr();
        if (atr == Fixed.NONE)
        {
            return;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final long distance = Fixed.mul(atr, p.profile.stopLossValue);
        final long entry = p.averageEntry();
        r.atrStop = Fixed.roundToTick(p.isLong() ? entry - distance : entry + distance, inst.tickSize, p.isLong());
    }

    /** Trailing ATR stop: best price since entry minus k × ATR, only ever tightened. Returns whether it moved. */
    boolean ratchet(final Position p)
    {
        final RuleState r = p.rules;
        final long atr = r.volatility.atr();
        if (atr == Fixed.NONE)
        {
            return false;
        }
        final Instrument inst = definitions.instrument(p.symbolId);
        final long distance = Fixed.mul(atr, p.profile.stopLossValue);
        final long candidate = Fixed.roundToTick(p.isLong() ? r.atrPeak - distance : r.atrPeak + distance, inst.tickSize, p.isLong());
        if (r.atrStop == Fixed.NONE || (p.isLong() ? candidate > r.atrStop : candidate < r.atrStop))
        {
            r.atrStop = candidate;
            return true;
        }
        return false;
    }

    private VolatilityTracker tracker(final int symbolId, final TriggerSource source, final int barSeconds, final int bars)
    {
        List<VolatilityTracker> list = bySymbol[symbolId];
        if (list == null)
        {
            list = new ArrayList<>(2);
            bySymbol[symbolId] = list;
        }
        for (final VolatilityTracker t : list)
        {
            if (t.barSeconds == barSeconds && t.bars == bars && t.source == source)
            {
                return t;
            }
        }
        final VolatilityTracker t = new VolatilityTracker(symbolId, source, barSeconds, bars);
        list.add(t);
        return t;
    }

    long stateHash()
    {
        long h = StateHash.SEED;
        for (int s = 0; s < bySymbol.length; s++)
        {
            final List<VolatilityTracker> list = bySymbol[s];
            if (list != null)
            {
                h = StateHash.mix(h, s);
                for (final VolatilityTracker t : list)
                {
                    h = StateHash.mix(h, t.stateHash());
                }
            }
        }
        return h;
    }

    /** Numbers every tracker in {@code refs} (symbol order, then list order) and keeps the positions they hold. */
    void numberTrackers(final dev.exitengine.core.position.StateRefs refs)
    {
        for (final List<VolatilityTracker> list : bySymbol)
        {
            if (list != null)
            {
                for (final VolatilityTracker t : list)
                {
                    refs.tracker(t);
                    for (final Position p : t.positions)
                    {
                        refs.keepExtra(p);
                    }
                }
            }
        }
    }

    /** The trackers themselves, before the book (whose rule states refer to them). */
    void snapshotTrackersTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x564F4C54); // "VOLT"
        w.putInt(bySymbol.length);
        for (final List<VolatilityTracker> list : bySymbol)
        {
            w.putInt(list == null ? -1 : list.size());
            if (list != null)
            {
                for (final VolatilityTracker t : list)
                {
                    t.snapshotTo(w);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    void restoreTrackersFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final dev.exitengine.core.position.StateRefs refs)
    {
        r.section(0x564F4C54, "volatility trackers");
        bySymbol = new List[r.getInt()];
        for (int s = 0; s < bySymbol.length; s++)
        {
            final int n = r.getInt();
            if (n >= 0)
            {
                final List<VolatilityTracker> list = new ArrayList<>(Math.max(2, n));
                for (int i = 0; i < n; i++)
                {
                    final VolatilityTracker t = VolatilityTracker.restoreFrom(r);
                    refs.tracker(t);
                    list.add(t);
                }
                bySymbol[s] = list;
            }
        }
    }

    /** The positions each tracker follows, after the book (by reference). */
    void snapshotFollowersTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final dev.exitengine.core.position.StateRefs refs)
    {
        w.section(0x564F4C50); // "VOLP"
        for (final List<VolatilityTracker> list : bySymbol)
        {
            if (list != null)
            {
                for (final VolatilityTracker t : list)
                {
                    w.putInt(t.positions.size());
                    for (final Position p : t.positions)
                    {
                        w.putLong(refs.position(p));
                    }
                }
            }
        }
    }

    void restoreFollowersFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final dev.exitengine.core.position.StateRefs refs)
    {
        r.section(0x564F4C50, "volatility followers");
        for (final List<VolatilityTracker> list : bySymbol)
        {
            if (list != null)
            {
                for (final VolatilityTracker t : list)
                {
                    final int n = r.getInt();
                    for (int i = 0; i < n; i++)
                    {
                        t.positions.add(refs.position(r.getLong()));
                    }
                }
            }
        }
    }
}
