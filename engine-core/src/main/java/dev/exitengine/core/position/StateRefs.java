package dev.exitengine.core.position;

import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * While a snapshot is written or restored: the objects the evaluator's parts share by reference (positions,
 * exit profiles, volatility trackers) as numbers, so each is written once and every holder gets the same
 * object back. A position is numbered by its place in the written table (the book's in id order, then those
 * only a list still holds: closed ones a tracker keeps), a profile by its place in the profile pool (-2 is
 * the built-in default, -1 none), a tracker by its place in the trackers' order.
 */
public final class StateRefs
{
    private final PositionBook book;
    private final Map<Position, Integer> extraIndex = new IdentityHashMap<>();
    private final List<Position> extras = new ArrayList<>();
    private final List<Position> extraPositions = new ArrayList<>();
    private ExitProfile lastProfile;
    private int lastProfileRef;
    private final Map<Position, Boolean> extraSeen = new IdentityHashMap<>();
    private final Map<ExitProfile, Integer> profileIndex = new IdentityHashMap<>();
    private final List<ExitProfile> profiles = new ArrayList<>();
    private final Map<VolatilityTracker, Integer> trackerIndex = new IdentityHashMap<>();
    private final List<VolatilityTracker> trackers = new ArrayList<>();
    private final ExitProfile builtInDefault;

    public StateRefs(final ExitProfile builtInDefault, final PositionBook book)
    {
        this.builtInDefault = builtInDefault;
        this.book = book;
    }

    /** A position a list refers to (before anything is written): written after the book's when the book no longer holds it. */
    public void keepExtra(final Position p)
    {
        if (extraSeen.put(p, Boolean.TRUE) == null)
        {
            extraPositions.add(p);
        }
    }

    /** Every position {@link #keepExtra} was given, in order (the book's own among them). */
    public List<Position> extraPositions()
    {
        return extraPositions;
    }

    /** A position written after the book's (one the book no longer holds), numbered in order. */
    void numberExtra(final Position p)
    {
        extraIndex.put(p, extras.size());
        extras.add(p);
    }

    public long position(final Position p)
    {
        if (book.byId(p.id) == p)
        {
            return p.id;
        }
        final Integer i = extraIndex.get(p);
        if (i == null)
        {
            throw new IllegalStateException("snapshot: position " + p.id + " is referred to but was not written");
        }
        return -(i + 1L);
    }

    public Position position(final long ref)
    {
        final Position p = ref > 0 ? book.byId(ref) : extras.get((int)(-ref - 1));
        if (p == null)
        {
            throw new dev.exitengine.core.snapshot.SnapshotException("snapshot: refers to position " + ref + ", which it does not hold");
        }
        return p;
    }

    /** Numbers a profile, adding it to the pool when new; -2 for the built-in default, -1 for none. */
    public int profile(final ExitProfile p)
    {
        if (p == null)
        {
            return -1;
        }
        if (p == builtInDefault)
        {
            return -2;
        }
        if (p == lastProfile)
        {
            return lastProfileRef;
        }
        lastProfile = p;
        lastProfileRef = numberProfile(p);
        return lastProfileRef;
    }

    private int numberProfile(final ExitProfile p)
    {
        final Integer i = profileIndex.get(p);
        if (i != null)
        {
            return i;
        }
        profileIndex.put(p, profiles.size());
        profiles.add(p);
        return profiles.size() - 1;
    }

    public ExitProfile profile(final int ref)
    {
        return ref == -1 ? null : ref == -2 ? builtInDefault : profiles.get(ref);
    }

    /** The pool, in numbering order. */
    public List<ExitProfile> profiles()
    {
        return profiles;
    }

    /** On restore: the pool's next profile (numbered in the order added). */
    public void addProfile(final ExitProfile p)
    {
        profiles.add(p);
    }

    public int tracker(final VolatilityTracker t)
    {
        if (t == null)
        {
            return -1;
        }
        final Integer i = trackerIndex.get(t);
        if (i != null)
        {
            return i;
        }
        trackerIndex.put(t, trackers.size());
        trackers.add(t);
        return trackers.size() - 1;
    }

    public VolatilityTracker tracker(final int ref)
    {
        return ref == -1 ? null : trackers.get(ref);
    }
}
