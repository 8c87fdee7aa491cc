package dev.exitengine.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * The {@code wire} section: from a {@code bookTicker} frame written on a WebSocket to the engine's decision
 * on it, through the real live intake ({@link WireIntake}: a local venue on 127.0.0.1, the
 * {@code BinanceMarketStreams} client, its ring, an ingress thread publishing into the engine), against the
 * same intake with no engine behind it.
 * <p>
 * Frames go out at fixed rates, each at its place on the schedule, and every latency counts from that
 * intended time, so a late send is charged from when it should have gone (no coordinated omission). The
 * engine side is timed when a frame's evaluated event reaches the close-order handler (frame → decision)
 * and when a close is handed to the paper gateway (frame → order); the bare side when the ingress thread
 * drains the frame (frame → received). After a warm-up the two sides alternate in short rounds, as the
 * latency section's do ({@link LatencyHarness#alternate}); the ratio at a rate is the median of the
 * rounds' p99 ratios, and {@code wire.ratio} the highest over the rates. The client's event-loop thread's
 * allocation is read over the measured rounds and divided by the frames it received then.
 * <p>
 * The ingress thread yields when the ring is empty (the live process backs off to parks of up to a
 * millisecond: that wake-up would sit in both sides alike and hide what the engine adds).
 * <p>
 * <b>Allocation.</b> The goal is 0 bytes a frame and the section reports what it measures with the client
 * as the live process runs it: 0.1–0.2 bytes a frame. Before the client set the pooled allocator on its
 * channels and turned Netty's leak sampling off, it was 20–60 bytes: with frames arriving one per read, every
 * read of Netty 4.2's adaptive allocator sliced a {@code DirectByteBuffer}, and the leak detector sampled a
 * buffer in 128 with a stack trace. What is left is not per frame (the event loop's own timers).
 */
final class WireToDecision extends ProfileSection
{
    WireToDecision(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure() throws IOException, InterruptedException
    {
        final long[] rates = full ? new long[] {1_000, 10_000, 20_000} : new long[] {1_000, 10_000};
        final Path journal = Bench.tempDir(Bench.latencyJournalRoot(), "wire");
        try (WireSides.EngineSide engine = new WireSides.EngineSide(journal.resolve("journal"));
             WireIntake intake = new WireIntake(engine.symbolIds());
             WireSides.BareSide bare = new WireSides.BareSide(intake))
        {
            engine.attach(intake);
            engine.openPositions(intake);
            final long[] engineCount = {0};
            final long[] bareCount = {0};
            final String layout = "CALLER_THREAD";
            intake.onVenueLoop(() ->
            {
                for (int i = 0; i < (full ? 6 : 2); i++)
                {
                    bare.pause(true);
                    engine.pause(false);
                    LatencyHarness.run(engine, "engine", layout, 10_000, 10_000, engineCount);
                    engine.pause(true);
                    bare.pause(false);
                    LatencyHarness.run(bare, "bare", layout, 10_000, 10_000, bareCount);
                }
                return null;
            });
            Bench.awaitCompilerIdle(2_000);
            final long bytes0 = intake.loopAllocatedBytes();
            final long frames0 = intake.framesReceived();
            double worst = 0;
            for (final long rate : rates)
            {
                // a round of each side: a few hundred milliseconds, whole trigger cycles
                final long segment = rate <= 1_000 ? 400 : rate / 5;
                final int rounds = (rate <= 1_000 ? 10 : 20) * (full ? 3 : 1);
                final LatencyHarness.Alternation ab = intake.onVenueLoop(() -> LatencyHarness.alternate(engine, "engine", engineCount, bare,
                    "bare", bareCount, layout, rate, segment, rounds));
                worst = Math.max(worst, record(rate, segment, rounds, ab));
            }
            final long bytes = intake.loopAllocatedBytes() - bytes0;
            final long frames = intake.framesReceived() - frames0;
            final String faults = intake.faults();
            if (faults != null)
            {
                throw new IllegalStateException("the client dropped or refused frames: " + faults);
            }
            engine.closeOn(intake);
            final double perFrame = Math.round(100.0 * bytes / Math.max(1, frames)) / 100.0;
            put("wire.ratio", worst);
            put("wire.allocBytes", bytes);
            put("wire.allocFrames", frames);
            put("wire.allocBytesPerFrame", perFrame);
            log("receiving event-loop thread: %,d bytes over %,d frames, %.2f bytes/frame", bytes, frames, perFrame);
        }
        finally
        {
            Bench.delete(journal);
        }
    }

    /** Puts one rate's histograms and ratios, logs them; returns the median of the rounds' p99 ratios. */
    private double record(final long rate, final long segment, final int rounds, final LatencyHarness.Alternation ab) throws IOException
    {
        final String prefix = "wire." + rate;
        final Histogram decision = ab.a.tickToDecision;
        final Histogram received = ab.b.tickToDecision;
        putHistogram(prefix + ".engine.decision", decision);
        putHistogram(prefix + ".engine.order", ab.a.tickToOrder);
        putHistogram(prefix + ".bare.received", received);
        final double median = Bench.median(ab.roundRatios);
        put(prefix + ".rounds", rounds);
        put(prefix + ".segmentFrames", segment);
        put(prefix + ".medianRoundRatio", median);
        put(prefix + ".mergedRatio", (double)decision.getValueAtPercentile(99) / Math.max(1, received.getValueAtPercentile(99)));
        put(prefix + ".roundRatios", Arrays.toString(round2(ab.roundRatios)));
        put(prefix + ".gcCount", ab.a.gcCount + ab.b.gcCount);
        LatencyReport.writeHgrm(decision, artifacts.resolve("wire-" + rate + "-frame-to-decision.hgrm"));
        LatencyReport.writeHgrm(received, artifacts.resolve("wire-" + rate + "-bare-frame-to-received.hgrm"));
        log("%,6d frames/s, %d rounds × %,d a side: engine frame→decision p50 %s p99 %s p99.9 %s max %s; frame→order p99 %s (%d closes)",
            rate, rounds, segment, us(decision, 50), us(decision, 99), us(decision, 99.9), usMax(decision), us(ab.a.tickToOrder, 99),
            ab.a.tickToOrder.getTotalCount());
        log("%,6d frames/s, bare client frame→received p50 %s p99 %s p99.9 %s max %s; p99 engine ÷ bare %.2f (median round), %.2f (merged)",
            rate, us(received, 50), us(received, 99), us(received, 99.9), usMax(received), median,
            (double)decision.getValueAtPercentile(99) / Math.max(1, received.getValueAtPercentile(99)));
        return median;
    }
}
