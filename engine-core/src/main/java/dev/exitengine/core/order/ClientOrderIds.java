package dev.exitengine.core.order;

/**
 * Client order ids derived from (position, attempt) alone, so a restarted engine resends the same id
 * for the same attempt and the venue can deduplicate. Text form: {@code xe-<positionId>-<attempt>}.
 */
public final class ClientOrderIds
{
    private static final int ATTEMPT_BITS = 16;

    private ClientOrderIds()
    {
    }

    public static long of(final long positionId, final int attempt)
    {
        return (positionId << ATTEMPT_BITS) | (attempt & 0xFFFF);
    }

    public static long positionId(final long clientOrderId)
    {
        return clientOrderId >>> ATTEMPT_BITS;
    }

    public static int attempt(final long clientOrderId)
    {
        return (int)(clientOrderId & 0xFFFF);
    }

    public static String toString(final long clientOrderId)
    {
        return "xe-" + positionId(clientOrderId) + "-" + attempt(clientOrderId);
    }

    public static void append(final StringBuilder sb, final long clientOrderId)
    {
        sb.append("xe-").append(positionId(clientOrderId)).append('-').append(attempt(clientOrderId));
    }

    /** Parses {@code xe-<positionId>-<attempt>}; throws naming the text when it is not one of ours. */
    public static long parse(final String text)
    {
        if (text == null || !text.startsWith("xe-"))
        {
            throw new IllegalArgumentException("not an engine client order id: '" + text + "'");
        }
        final int dash = text.indexOf('-', 3);
        if (dash < 0)
        {
            throw new IllegalArgumentException("not an engine client order id: '" + text + "'");
        }
        try
        {
            final long position = Long.parseLong(text.substring(3, dash));
            final int attempt = Integer.parseInt(text.substring(dash + 1));
            if (position < 0 || attempt < 0 || attempt > 0xFFFF)
            {
                throw new NumberFormatException();
            }
            return of(position, attempt);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an engine client order id: '" + text + "'");
        }
    }
}
