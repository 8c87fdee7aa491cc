package dev.exitengine.tools;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Map;

/** The readable summary of a run. */
public final class Summary
{
    private Summary()
    {
    }

    public static void print(final PrintStream out, final Runner.Report r, final ExitTally t)
    {
        final double seconds = r.elapsedNanos / 1e9;
        if (r.resumed != null)
        {
            out.printf("resumed: %s%,d journaled inputs re-read in %.2f s%s%s%n",
                r.resumed.snapshot != null ? String.format("state of input #%,d restored from %s, then ", r.resumed.snapshotSeq,
                    r.resumed.snapshot.getFileName()) : "",
                r.resumed.inputs, r.resumed.elapsedNanos / 1e9,
                r.resumed.feedLine > 0 ? String.format("; the feed went on after line %,d (%,d inputs skipped)", r.resumed.feedLine,
                    r.skippedInputs) : "",
                r.resumed.closesLookedUp > 0 ? "; " + r.resumed.closesLookedUp + " close(s) in flight looked up at the venue" : "");
        }
        out.printf("inputs: %,d read, %,d events into the engine (venue answers too), %,d refused; %.2f s (%,.0f events/s)%n", r.inputs, r.events,
            r.rejectedInputs, seconds, r.events / Math.max(seconds, 1e-9));
        out.printf("positions: %d opened, %d still open; %d level decisions, %d closes, %d exits%n", t.positionsOpened,
            r.engine.counters().get(Counter.POSITIONS_TRACKED), t.levels, t.closes, t.exits);
        for (final Map.Entry<ExitReason, long[]> e : t.byReason.entrySet())
        {
            out.printf("  %-20s %4d exits, net PnL %s%n", e.getKey(), e.getValue()[0], Fixed.toString(e.getValue()[1]));
        }
        out.printf("net PnL after fees: %s (fees %s)%n", Fixed.toString(t.netPnl), Fixed.toString(t.fees));
        if (t.quarantined > 0 || t.rejected > 0)
        {
            out.printf("quarantined positions: %d, rejected inputs inside the engine: %d%n", t.quarantined, t.rejected);
        }
        final int oneIn = r.engine.ingress().timedOneIn();
        final String timed = oneIn == 1 ? "" : String.format(", 1 input in %d timed", oneIn);
        latency(out, "tick -> decision", r.engine.tickToDecision(), timed);
        latency(out, "tick -> order sent", r.engine.tickToOrder(), timed);
        if (r.journal != null)
        {
            out.println("journal: " + r.journal.toAbsolutePath());
        }
        if (r.journalDropped > 0 || r.engine.journalFailure() != null)
        {
            out.println("JOURNAL INCOMPLETE: " + r.journalDropped + " input documents were not written"
                + (r.engine.journalFailure() != null ? " (still not writing: " + r.engine.journalFailure() + ")" : "")
                + "; the decisions above were all made, but the journal cannot be replayed or resumed past its gap");
        }
    }

    static void latency(final PrintStream out, final String what, final Histogram h)
    {
        latency(out, what, h, "");
    }

    private static void latency(final PrintStream out, final String what, final Histogram h, final String timed)
    {
        if (h.getTotalCount() == 0)
        {
            return;
        }
        out.printf("%s latency (ns, %,d samples%s): p50 %,d  p90 %,d  p99 %,d  p99.9 %,d  max %,d%n", what, h.getTotalCount(), timed,
            h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
            h.getMaxValue());
    }
}
