package dev.exitengine.bench;

import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;

/** A cluster member's decisions: input number and arrival time (on its service thread; read once it is quiet). */
final class DecisionArrivals implements DecisionListener
{
    final long[] seq = new long[1 << 16];
    final long[] at = new long[1 << 16];
    int count;

    @Override
    public void onDecision(final Decision decision, final Names names)
    {
        if (count < seq.length)
        {
            at[count] = System.nanoTime();
            seq[count++] = decision.seq;
        }
    }
}
