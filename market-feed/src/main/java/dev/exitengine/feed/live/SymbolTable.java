package dev.exitengine.feed.live;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The symbols a decoder knows, name to engine symbol id, looked up by comparing a message's bytes with
 * each name's bytes: no {@link String} per message. Register every symbol before the table is handed to
 * a receiving thread; afterwards lookups are read-only and may run on several threads. A file capture
 * may instead {@link #intern} symbols as it meets them, from its one reading thread.
 */
public final class SymbolTable
{
    private byte[][] keys = new byte[16][];
    private int[] ids = new int[16];
    private String[] names = new String[16];
    private int size;
    private int nextId;

    /** Registers {@code symbol} (as the venue spells it, e.g. {@code BTCUSDT}) under the engine's {@code id}. */
    public void register(final String symbol, final int id)
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("symbol id must not be negative, was " + id + " for " + symbol);
        }
        final byte[] key = symbol.getBytes(StandardCharsets.UTF_8);
        if (find(key) >= 0)
        {
            throw new IllegalArgumentException("symbol registered twice: " + symbol);
        }
        if ((size + 1) * 2 > keys.length)
        {
            grow();
        }
        insert(key, id);
        size++;
        nextId = Math.max(nextId, id + 1);
        if (id >= names.length)
        {
            names = Arrays.copyOf(names, Math.max(id + 1, names.length * 2));
        }
        names[id] = symbol;
    }

    /** The id of the symbol spelled by {@code length} bytes of {@code buffer} at {@code offset}; -1 when unknown. */
    public int find(final DirectBuffer buffer, final int offset, final int length)
    {
        final int mask = keys.length - 1;
        int slot = hash(buffer, offset, length) & mask;
        byte[] key;
        while ((key = keys[slot]) != null)
        {
            if (matches(key, buffer, offset, length))
            {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The id of {@code symbol}; -1 when it is not registered. Allocates: not for the receiving path. */
    public int find(final String symbol)
    {
        return find(symbol.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the symbol, registering it under the next free id when new (file captures). */
    public int intern(final DirectBuffer buffer, final int offset, final int length)
    {
        final int id = find(buffer, offset, length);
        if (id >= 0)
        {
            return id;
        }
        final int newId = nextId;
        register(buffer.getStringWithoutLengthUtf8(offset, length), newId);
        return newId;
    }

    /** The symbol registered under {@code id}; null when none is. */
    public String name(final int id)
    {
        return id >= 0 && id < names.length ? names[id] : null;
    }

    /** How many symbols are registered. */
    public int size()
    {
        return size;
    }

    private int find(final byte[] key)
    {
        final int mask = keys.length - 1;
        int slot = hash(key) & mask;
        byte[] candidate;
        while ((candidate = keys[slot]) != null)
        {
            if (Arrays.equals(candidate, key))
            {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void insert(final byte[] key, final int id)
    {
        final int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (keys[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ids[slot] = id;
    }

    private void grow()
    {
        final byte[][] oldKeys = keys;
        final int[] oldIds = ids;
        keys = new byte[oldKeys.length * 2][];
        ids = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldKeys[i] != null)
            {
                insert(oldKeys[i], oldIds[i]);
            }
        }
    }

    private static boolean matches(final byte[] key, final DirectBuffer buffer, final int offset, final int length)
    {
        if (key.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (key[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 0;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + buffer.getByte(offset + i);
        }
        return h ^ (h >>> 16);
    }

    private static int hash(final byte[] key)
    {
        int h = 0;
        for (final byte b : key)
        {
            h = 31 * h + b;
        }
        return h ^ (h >>> 16);
    }
}
