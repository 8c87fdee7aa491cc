package dev.exitengine.journal;

import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.ingest.Command;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operator state that must survive a restart, on a persisted Chronicle Map: which accounts are in
 * forced unwind and the trading states (per account and global). A restarted engine republishes it as
 * ordinary command inputs, so it is journaled and a replay sees it too. Opening compiles a class with
 * javac (a full JDK is needed at run time) and takes a second or two: open it once, at start.
 */
public final class StateStore implements AutoCloseable
{
    public static final String FILE = "state.cm3";
    private static final String UNWIND = "unwind:";
    private static final String STATE = "state:";
    private static final String GLOBAL = "*";

    private final ChronicleMap<CharSequence, Long> map;

    private StateStore(final ChronicleMap<CharSequence, Long> map)
    {
        this.map = map;
    }

    /** Whether {@link #open} found no store and created an empty one. */
    private boolean created;

    /**
     * Opens (or creates) the store in {@code dir}. A store file that is empty or whose header is zeroed (a
     * crash while it was created, a damaged disk) is refused at once, naming the file, rather than waited on:
     * Chronicle Map would take it for one another process is still creating.
     */
    public static StateStore open(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        final Path file = dir.resolve(FILE);
        final boolean existed = Files.exists(file);
        if (existed)
        {
            final long size = Files.size(file);
            final byte[] head = new byte[(int)Math.min(size, 64)];
            try (java.io.InputStream in = Files.newInputStream(file))
            {
                final int n = in.readNBytes(head, 0, head.length);
                if (n < 64 || allZero(head))
                {
                    throw new IOException("state store " + file + " is empty or damaged (" + size + " bytes, header zeroed): move it "
                        + "away to start without the halts and forced unwinds it held");
                }
            }
        }
        final ChronicleMap<CharSequence, Long> map;
        try
        {
            map = ChronicleMapBuilder.of(CharSequence.class, Long.class)
                .name("exit-engine-state")
                .averageKey("state:account-0000000000")
                .entries(100_000)
                .createPersistedTo(file.toFile());
        }
        catch (final RuntimeException ex)
        {
            throw new IOException("state store " + file + " cannot be opened: " + ex.getMessage(), ex);
        }
        final StateStore store = new StateStore(map);
        store.created = !existed;
        return store;
    }

    private static boolean allZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    /** Whether the store was created by this open: there was none, so nothing is restored. */
    public boolean created()
    {
        return created;
    }

    /** What the store holds, in words ("trading state HALTED (global); forced unwind on for a1"), or "nothing". */
    public String describe()
    {
        final List<String> parts = new ArrayList<>();
        for (final Command c : restoringCommands())
        {
            parts.add(c.type == CommandType.TRADING_STATE
                ? "trading state " + c.state + " (" + (c.account == null ? "global" : "account " + c.account) + ")"
                : "forced unwind on for " + c.account);
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    /** Records a command's lasting effect (forced unwind on/off, trading state); other commands leave no state. */
    public void record(final Command c)
    {
        if (c.type == CommandType.FORCED_UNWIND)
        {
            if (c.on)
            {
                map.put(UNWIND + c.account, 1L);
            }
            else
            {
                map.remove(UNWIND + c.account);
            }
        }
        else if (c.type == CommandType.TRADING_STATE)
        {
            final String key = STATE + (c.account == null ? GLOBAL : c.account);
            if (c.state == TradingState.ACTIVE)
            {
                map.remove(key);
            }
            else
            {
                map.put(key, (long)c.state.ordinal());
            }
        }
    }

    /** The commands that restore the recorded state, in a deterministic order: the global state, then account states, then forced unwinds, each by account. */
    public List<Command> restoringCommands()
    {
        final TreeMap<String, Long> sorted = new TreeMap<>();
        for (final Map.Entry<CharSequence, Long> e : map.entrySet())
        {
            sorted.put(e.getKey().toString(), e.getValue());
        }
        final List<Command> out = new ArrayList<>();
        final Long global = sorted.get(STATE + GLOBAL);
        if (global != null)
        {
            out.add(Command.tradingState(null, TradingState.ofOrdinal(global.intValue())));
        }
        for (final Map.Entry<String, Long> e : sorted.entrySet())
        {
            final String key = e.getKey();
            if (key.startsWith(STATE) && !key.equals(STATE + GLOBAL))
            {
                out.add(Command.tradingState(key.substring(STATE.length()), TradingState.ofOrdinal(e.getValue().intValue())));
            }
            else if (key.startsWith(UNWIND))
            {
                out.add(Command.forcedUnwind(key.substring(UNWIND.length()), true));
            }
        }
        return out;
    }

    public boolean forcedUnwind(final String account)
    {
        return map.containsKey(UNWIND + account);
    }

    @Override
    public void close()
    {
        map.close();
    }
}
