package dev.exitengine.core.event;

/**
 * The decisions one event caused, in the order they were made. Slots are reused from event to event
 * and grow only when one event triggers more positions than ever before.
 */
public final class DecisionBuffer
{
    private Decision[] slots = new Decision[4];
    private int size;

    public DecisionBuffer()
    {
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = new Decision();
        }
    }

    public Decision add(final DecisionType type, final long seq, final long ts)
    {
        if (size == slots.length)
        {
            final Decision[] bigger = new Decision[slots.length * 2];
            System.arraycopy(slots, 0, bigger, 0, slots.length);
            for (int i = slots.length; i < bigger.length; i++)
            {
                bigger[i] = new Decision();
            }
            slots = bigger;
        }
        final Decision d = slots[size++];
        d.reset(type, seq, ts);
        return d;
    }

    public int size()
    {
        return size;
    }

    public Decision get(final int index)
    {
        return slots[index];
    }

    public void clear()
    {
        size = 0;
    }
}
