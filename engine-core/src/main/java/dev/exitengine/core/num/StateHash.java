package dev.exitengine.core.num;

/**
 * The mixing step of every {@code stateHash()}: order-sensitive, deterministic (no identity or hash-map
 * order), cheap. Two engines that saw the same inputs have equal hashes; the first differing field
 * changes it.
 */
public final class StateHash
{
    public static final long SEED = 0x5EED_E417_0000_0001L;

    private StateHash()
    {
    }

    public static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 29;
        return h;
    }

    public static long mix(final long hash, final boolean value)
    {
        return mix(hash, value ? 1 : 0);
    }

    /** An enum by ordinal, null as -1. */
    public static long mix(final long hash, final Enum<?> value)
    {
        return mix(hash, value == null ? -1 : value.ordinal());
    }

    /** A string by its characters (String.hashCode is specified, so stable across JVMs); null as -1. */
    public static long mix(final long hash, final String value)
    {
        return mix(hash, value == null ? -1 : value.hashCode());
    }
}
