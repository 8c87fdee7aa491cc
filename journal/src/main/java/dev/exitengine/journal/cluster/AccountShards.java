package dev.exitengine.journal.cluster;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.order.ClientOrderIds;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which shard owns which account, and which shard a client order id belongs to (issue 19, sharding by
 * account). Pure functions of the configuration, so a restarted router, or one in another process, routes
 * every input exactly as before.
 * <p>
 * <b>Account to shard.</b> An account named in the explicit assignment goes to its shard; any other goes to
 * {@code floorMod(fnv1a32(UTF-8 bytes of the name), shards)}. FNV-1a (32 bit, offset basis 0x811C9DC5, prime
 * 0x01000193) is written out here, not taken from {@link String#hashCode} or any library, so the mapping is
 * fixed by this file alone; {@code AccountShardsTest} pins a few values. Changing the number of shards or an
 * assignment moves accounts: their open positions must be moved with them (not done here).
 * <p>
 * <b>Client order id to shard.</b> A client order id is {@code xe-<positionId>-<attempt>} and position ids
 * come from the shard's own engine, so shards must never share them (the venue would also see one id from
 * two engines). Shard {@code k} therefore starts its position ids at
 * {@code firstPositionId + k * POSITION_ID_SPAN} ({@link #configure}); a venue answer goes to the shard whose
 * range holds its position id, with no state to keep or lose.
 */
public final class AccountShards
{
    /** Position ids of one shard: 2^40, more than any run opens. */
    public static final long POSITION_ID_SPAN = 1L << 40;
    /** No shard: a client order id that is not the engine's or lies in no shard's range. */
    public static final int NONE = -1;

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private final int count;
    private final long firstPositionId;
    private final Map<String, Integer> assigned;

    /**
     * @param count           shards (1 or more)
     * @param assigned        accounts placed explicitly (account to shard); null or empty: the hash alone
     * @param firstPositionId the run's first position id, as a single process would have it ({@link EngineConfig#firstPositionId})
     */
    public AccountShards(final int count, final Map<String, Integer> assigned, final long firstPositionId)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("shards: 1 or more, was " + count);
        }
        if (firstPositionId < 1 || firstPositionId >= EngineConfig.MAX_POSITION_ID
            || count > (EngineConfig.MAX_POSITION_ID - firstPositionId) / POSITION_ID_SPAN)
        {
            throw new IllegalArgumentException("first position id " + firstPositionId + " leaves no room for " + count
                + " shards of " + POSITION_ID_SPAN + " position ids below " + EngineConfig.MAX_POSITION_ID);
        }
        final TreeMap<String, Integer> copy = new TreeMap<>();
        if (assigned != null)
        {
            for (final Map.Entry<String, Integer> e : assigned.entrySet())
            {
                if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null || e.getValue() < 0 || e.getValue() >= count)
                {
                    throw new IllegalArgumentException("account '" + e.getKey() + "' assigned to shard " + e.getValue() + " of " + count);
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        this.count = count;
        this.firstPositionId = firstPositionId;
        this.assigned = Collections.unmodifiableMap(copy);
    }

    /** {@code count} shards by the hash alone, position ids from 1 (a file run's). */
    public static AccountShards of(final int count)
    {
        return new AccountShards(count, null, 1);
    }

    /**
     * Parses an explicit assignment, {@code account=shard[,account=shard...]} (empty: none), as a
     * configuration gives it.
     */
    public static Map<String, Integer> parseAssignments(final String text)
    {
        final TreeMap<String, Integer> m = new TreeMap<>();
        if (text == null || text.isBlank())
        {
            return m;
        }
        for (final String part : text.split(","))
        {
            final int eq = part.lastIndexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("account assignment '" + part.strip() + "': account=shard");
            }
            try
            {
                m.put(part.substring(0, eq).strip(), Integer.parseInt(part.substring(eq + 1).strip()));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("account assignment '" + part.strip() + "': the shard is a number");
            }
        }
        return m;
    }

    public int count()
    {
        return count;
    }

    public Map<String, Integer> assigned()
    {
        return assigned;
    }

    /** The shard of an account: its explicit one, else the hash's. */
    public int shardOf(final String account)
    {
        final Integer explicit = assigned.get(account);
        return explicit != null ? explicit : Math.floorMod(hash(account), count);
    }

    /** FNV-1a (32 bit) of the name's UTF-8 bytes, allocating nothing. */
    public static int hash(final String account)
    {
        int h = FNV_OFFSET;
        final int n = account.length();
        for (int i = 0; i < n; i++)
        {
            int c = account.charAt(i);
            if (c < 0x80)
            {
                h = (h ^ c) * FNV_PRIME;
            }
            else if (c < 0x800)
            {
                h = (h ^ (0xC0 | (c >> 6))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            }
            else
            {
                if (Character.isHighSurrogate((char)c) && i + 1 < n && Character.isLowSurrogate(account.charAt(i + 1)))
                {
                    c = Character.toCodePoint((char)c, account.charAt(++i));
                    h = (h ^ (0xF0 | (c >> 18))) * FNV_PRIME;
                    h = (h ^ (0x80 | ((c >> 12) & 0x3F))) * FNV_PRIME;
                }
                else
                {
                    if (Character.isSurrogate((char)c))
                    {
                        c = '?'; // a lone surrogate: what String.getBytes(UTF_8) writes for it
                        h = (h ^ c) * FNV_PRIME;
                        continue;
                    }
                    h = (h ^ (0xE0 | (c >> 12))) * FNV_PRIME;
                }
                h = (h ^ (0x80 | ((c >> 6) & 0x3F))) * FNV_PRIME;
                h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
            }
        }
        return h;
    }

    /** The first position id of shard {@code shard}'s engine. */
    public long firstPositionId(final int shard)
    {
        if (shard < 0 || shard >= count)
        {
            throw new IllegalArgumentException("shard " + shard + " of " + count);
        }
        return firstPositionId + shard * POSITION_ID_SPAN;
    }

    /** Sets shard {@code shard}'s position ids in its engine's configuration; returns it. */
    public EngineConfig configure(final int shard, final EngineConfig config)
    {
        config.firstPositionId = firstPositionId(shard);
        return config;
    }

    /** The shard whose position ids hold this one, or {@link #NONE}. */
    public int shardOfPosition(final long positionId)
    {
        if (positionId < firstPositionId)
        {
            return NONE;
        }
        final long k = (positionId - firstPositionId) / POSITION_ID_SPAN;
        return k < count ? (int)k : NONE;
    }

    /** The shard that sent the close of this client order id ({@code xe-<positionId>-<attempt>}), or {@link #NONE}. */
    public int shardOfClientOrderId(final String clientOrderId)
    {
        final long coid;
        try
        {
            coid = ClientOrderIds.parse(clientOrderId);
        }
        catch (final IllegalArgumentException ex)
        {
            return NONE;
        }
        return shardOfPosition(ClientOrderIds.positionId(coid));
    }

    @Override
    public String toString()
    {
        return count + " shards by FNV-1a of the account" + (assigned.isEmpty() ? "" : ", " + assigned.size() + " assigned")
            + ", position ids from " + firstPositionId + " in spans of 2^40";
    }
}
