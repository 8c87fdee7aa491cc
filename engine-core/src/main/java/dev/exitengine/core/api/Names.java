package dev.exitengine.core.api;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense ids for symbols, accounts and profiles, assigned in order of first appearance, so a replay
 * of the same inputs assigns the same ids. Written by the ingress thread only; other threads read
 * names of ids they saw on the ring (the ring's publication orders the writes before the reads), and
 * any thread may look an id up ({@link #find}, lock-free) for the pre-trade check.
 */
public final class Names
{
    /** What a name is of. Codes are part of the journal format. */
    public enum Kind
    {
        SYMBOL, ACCOUNT, PROFILE;

        private static final Kind[] BY_ORDINAL = values();

        /** The kind of code {@code ordinal} (the journal's byte), without the copy {@code values()} makes at every call. */
        public static Kind ofOrdinal(final int ordinal)
        {
            return BY_ORDINAL[ordinal];
        }
    }

    private final Table[] tables = {new Table(), new Table(), new Table()};

    private static final class Table
    {
        final Map<String, Integer> ids = new ConcurrentHashMap<>();
        volatile String[] names = new String[16];
        int size;
    }

    /** The id of {@code name}, or -1. Allocation-free. */
    public int find(final Kind kind, final String name)
    {
        final Integer id = tables[kind.ordinal()].ids.get(name);
        return id == null ? -1 : id;
    }

    /** The id of {@code name}, registering it when new. */
    public int intern(final Kind kind, final String name)
    {
        final Table t = tables[kind.ordinal()];
        final Integer id = t.ids.get(name);
        if (id != null)
        {
            return id;
        }
        final int newId = t.size;
        String[] names = t.names;
        if (newId == names.length)
        {
            final String[] bigger = new String[names.length * 2];
            System.arraycopy(names, 0, bigger, 0, names.length);
            names = bigger;
        }
        names[newId] = name;
        t.names = names;
        t.size = newId + 1;
        t.ids.put(name, newId);
        return newId;
    }

    /** Registers a name under the id a journal recorded; refuses an id out of order. */
    public void restore(final Kind kind, final int id, final String name)
    {
        final int assigned = intern(kind, name);
        if (assigned != id)
        {
            throw new IllegalStateException("journal names " + kind + " '" + name + "' as id " + id + " but replay assigned " + assigned);
        }
    }

    public String name(final Kind kind, final int id)
    {
        if (id < 0)
        {
            return null;
        }
        final String[] names = tables[kind.ordinal()].names;
        return id < names.length ? names[id] : null;
    }

    public String symbol(final int id)
    {
        return name(Kind.SYMBOL, id);
    }

    public String account(final int id)
    {
        return name(Kind.ACCOUNT, id);
    }

    public String profile(final int id)
    {
        return name(Kind.PROFILE, id);
    }

    public int size(final Kind kind)
    {
        return tables[kind.ordinal()].size;
    }

    /** Every name of a kind, in id order. */
    public List<String> all(final Kind kind)
    {
        final Table t = tables[kind.ordinal()];
        final List<String> out = new ArrayList<>(t.size);
        for (int i = 0; i < t.size; i++)
        {
            out.add(t.names[i]);
        }
        return out;
    }

    /**
     * The first {@code counts[kind]} names of every kind, in id order: those the journal holds (a name
     * interned for an input that was then refused never reached it, and is left out).
     */
    public void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final int[] counts)
    {
        w.section(0x4E414D45); // "NAME"
        for (final Kind kind : Kind.values())
        {
            final Table t = tables[kind.ordinal()];
            final int n = Math.min(t.size, counts[kind.ordinal()]);
            w.putInt(n);
            for (int i = 0; i < n; i++)
            {
                w.putString(t.names[i]);
            }
        }
    }

    /** Registers the snapshot's names under their ids (those known already must have the same). */
    public void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x4E414D45, "names");
        for (final Kind kind : Kind.values())
        {
            final int n = r.getInt();
            for (int id = 0; id < n; id++)
            {
                restore(kind, id, r.getString());
            }
        }
    }
}
