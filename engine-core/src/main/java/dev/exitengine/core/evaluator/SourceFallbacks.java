package dev.exitengine.core.evaluator;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;
import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HOT: fallback trigger sources (SPEC §6). A profile may name a {@code fallbackSource}; while its own
 * source has had no event for the symbol for {@code staleAfterMs} of event time, its positions are
 * evaluated on the fallback instead, and back on their own source at its first event again.
 * <p>
 * Staleness is judged from event times alone — the last event of each source of each symbol, against the
 * time of the fallback source's event that finds it — so a replay switches at exactly the same events as
 * the run it replays, with nothing extra journaled. A position switches at an event of its fallback
 * source (the only moment the switch matters) and returns at an event of its own source, before that
 * event is evaluated. A source never seen counts from the symbol's first market event.
 * <p>
 * Nothing of this runs until a profile naming a fallback is defined ({@link #active}): sources are watched
 * from then on (a journaled input, so a replay starts watching at the same event). Then the cost on a
 * symbol without fallback positions is a store and a load per market event; on a symbol with them, a
 * comparison, except at the events where a switch may be due: each pass over the symbol's watched
 * positions notes the earliest event time at which another could switch, and none runs before it.
 */
final class SourceFallbacks
{
    private static final int SOURCES = TriggerSource.values().length;
    private static final long NEVER = Long.MIN_VALUE;

    /** Whether any profile defined so far names a fallback: until then market events skip this room. */
    boolean active;
    private final EngineCounters counters;
    private final PositionBook book;
    private final long staleAfterMs;
    /** Per symbol, per source: the event time of its last event, or NEVER. */
    private long[] lastSeen = new long[16 * SOURCES];
    /** Per symbol: the time of its first market event, or NEVER. */
    private long[] firstSeen = new long[16];
    /** Per symbol: the positions whose profile names a fallback (null: none ever). */
    @SuppressWarnings("unchecked")
    private List<Position>[] watched = new List[16];
    /** Per symbol, per source: whether some watched position may be on its fallback away from that source. */
    private boolean[] away = new boolean[16 * SOURCES];
    /** Per symbol, per fallback source: no position can switch onto it at an event earlier than this. */
    private long[] recheckAt = new long[16 * SOURCES];

    SourceFallbacks(final EngineCounters counters, final PositionBook book, final long staleAfterMs)
    {
        this.counters = counters;
        this.book = book;
        this.staleAfterMs = staleAfterMs;
        Arrays.fill(lastSeen, NEVER);
        Arrays.fill(firstSeen, NEVER);
    }

    private void ensureCapacity(final int symbolId)
    {
        if (symbolId >= firstSeen.length)
        {
            final int n = Math.max(symbolId + 1, firstSeen.length * 2);
            final int old = firstSeen.length;
            firstSeen = Arrays.copyOf(firstSeen, n);
            Arrays.fill(firstSeen, old, n, NEVER);
            lastSeen = Arrays.copyOf(lastSeen, n * SOURCES);
            Arrays.fill(lastSeen, old * SOURCES, n * SOURCES, NEVER);
            watched = Arrays.copyOf(watched, n);
            away = Arrays.copyOf(away, n * SOURCES);
            recheckAt = Arrays.copyOf(recheckAt, n * SOURCES);
        }
    }

    /** A profile naming a fallback was defined: sources are watched from this event on. */
    void activate()
    {
        active = true;
    }

    /**
     * A position was given a profile (opened, or its profile set): watched when the profile names a
     * fallback. A position of a symbol whose source is stale now starts on the fallback at the next
     * event of the fallback source, like the others.
     */
    void watch(final Position p)
    {
        final int s = p.symbolId;
        ensureCapacity(s);
        // a new profile: the position starts again on the new profile's own source
        p.onFallback = false;
        if (p.profile == null || p.profile.fallbackSource == null)
        {
            return;
        }
        recheckAt[s * SOURCES + p.profile.fallbackSource.ordinal()] = Long.MIN_VALUE;
        List<Position> list = watched[s];
        if (list == null)
        {
            list = new ArrayList<>();
            watched[s] = list;
        }
        if (!list.contains(p))
        {
            list.add(p);
        }
    }

    /** A market event of {@code source} at {@code ts}: returns or moves watched positions before it is evaluated. */
    void onMarket(final int symbolId, final TriggerSource source, final long ts)
    {
        if (symbolId >= firstSeen.length)
        {
            ensureCapacity(symbolId);
        }
        final int row = symbolId * SOURCES;
        lastSeen[row + source.ordinal()] = ts;
        if (firstSeen[symbolId] == NEVER)
        {
            firstSeen[symbolId] = ts;
        }
        final List<Position> list = watched[symbolId];
        if (list == null || list.isEmpty())
        {
            return;
        }
        if (away[row + source.ordinal()])
        {
            comeBack(symbolId, source, list);
        }
        if (ts >= recheckAt[row + source.ordinal()])
        {
            switchStale(symbolId, source, ts, list);
        }
    }

    /** {@code source} has an event again: its positions on a fallback return to it. */
    private void comeBack(final int symbolId, final TriggerSource source, final List<Position> list)
    {
        for (int i = 0; i < list.size(); i++)
        {
            final Position p = list.get(i);
            if (p.onFallback && p.profile.source == source)
            {
                p.onFallback = false;
                recheckAt[symbolId * SOURCES + p.profile.fallbackSource.ordinal()] = Long.MIN_VALUE;
                if (p.state == PositionState.OPEN)
                {
                    book.index(p);
                }
            }
        }
        away[symbolId * SOURCES + source.ordinal()] = false;
    }

    /** An event of {@code fallback}: positions falling back to it from a source stale now move onto it. */
    private void switchStale(final int symbolId, final TriggerSource fallback, final long ts, final List<Position> list)
    {
        final int row = symbolId * SOURCES;
        long next = Long.MAX_VALUE;
        for (int i = list.size() - 1; i >= 0; i--)
        {
            final Position p = list.get(i);
            final ExitProfile prof = p.profile;
            if (p.state == PositionState.CLOSED || prof == null || prof.fallbackSource == null)
            {
                // closed, or its profile was replaced by one without a fallback: no longer watched
                p.onFallback = false;
                list.remove(i);
                continue;
            }
            if (p.onFallback || prof.fallbackSource != fallback)
            {
                continue;
            }
            final long staleAt = staleAt(row, prof.source, symbolId);
            if (ts < staleAt)
            {
                next = Math.min(next, staleAt);
                continue;
            }
            p.onFallback = true;
            away[row + prof.source.ordinal()] = true;
            counters.increment(Counter.SOURCE_FALLBACKS);
            if (p.state == PositionState.OPEN)
            {
                book.index(p);
            }
        }
        recheckAt[row + fallback.ordinal()] = next;
    }

    /** The first event time at which {@code source} counts as stale for the symbol, given what it has seen so far. */
    private long staleAt(final int row, final TriggerSource source, final int symbolId)
    {
        final long last = lastSeen[row + source.ordinal()];
        return (last == NEVER ? firstSeen[symbolId] : last) + staleAfterMs + 1;
    }

    void keepReferences(final dev.exitengine.core.position.StateRefs refs)
    {
        for (final List<Position> list : watched)
        {
            if (list != null)
            {
                for (final Position p : list)
                {
                    refs.keepExtra(p);
                }
            }
        }
    }

    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final dev.exitengine.core.position.StateRefs refs)
    {
        w.section(0x46414C4C); // "FALL"
        w.putBoolean(active);
        w.putLongs(lastSeen);
        w.putLongs(firstSeen);
        w.putBooleans(away);
        w.putLongs(recheckAt);
        w.putInt(watched.length);
        for (final List<Position> list : watched)
        {
            w.putInt(list == null ? -1 : list.size());
            if (list != null)
            {
                for (final Position p : list)
                {
                    w.putLong(refs.position(p));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final dev.exitengine.core.position.StateRefs refs)
    {
        r.section(0x46414C4C, "source fallbacks");
        active = r.getBoolean();
        lastSeen = r.getLongs();
        firstSeen = r.getLongs();
        away = r.getBooleans();
        recheckAt = r.getLongs();
        watched = new List[r.getInt()];
        for (int s = 0; s < watched.length; s++)
        {
            final int n = r.getInt();
            if (n >= 0)
            {
                final List<Position> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++)
                {
                    list.add(refs.position(r.getLong()));
                }
                watched[s] = list;
            }
        }
    }
}
