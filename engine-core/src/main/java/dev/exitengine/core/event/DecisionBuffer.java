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

    /**
     * Orders the decisions by position id, keeping each position's own decisions in the order they were
     * made (a stable insertion sort: no allocation, and the buffer is almost always sorted or tiny).
     */
    public void sortByPosition()
    {
        for (int i = 1; i < size; i++)
        {
            final Decision d = slots[i];
            int j = i - 1;
            while (j >= 0 && slots[j].positionId > d.positionId)
            {
                slots[j + 1] = slots[j];
                j--;
            }
            slots[j + 1] = d;
        }
    }
}
