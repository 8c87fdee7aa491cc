package dev.exitengine.bench;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.gateway.PaperGateway;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

import static dev.exitengine.bench.LatencyHarness.HIGHEST;
import static dev.exitengine.bench.LatencyHarness.TRIGGER_EVERY;
import static dev.exitengine.bench.LatencyHarness.TS_BASE;

/**
 * The {@code wire} section's two sides, as {@link LatencyHarness.Target}s the harness injects into at a
 * fixed rate: injecting tick {@code i} writes one frame on the {@link WireIntake}'s venue. Each run starts
 * at a fresh wire index, the harness's tick {@code first + k} becoming frame {@code wireFirst + k}.
 */
final class WireSides
{
    private WireSides()
    {
    }

    /** The harness's tick indexes mapped onto the intake's wire indexes, run by run. */
    private abstract static class WireSide implements LatencyHarness.Target, WireIntake.Receiver
    {
        private WireIntake intake;
        private long runFirst;
        volatile long wireFirst;
        private long lastSent = -1;

        /** The wire this side is measured on. */
        final void attach(final WireIntake wire)
        {
            intake = wire;
        }

        /** A run begins: drained quotes now come here, frames from the next trigger cycle's start. */
        final void beginRun(final long firstIndex)
        {
            intake.receiveWith(this);
            runFirst = firstIndex;
            wireFirst = intake.nextRun();
        }

        @Override
        public final void publish(final long index)
        {
            lastSent = wireFirst + index - runFirst;
            intake.send(lastSent);
        }

        /** Waits until the last frame sent has been drained, then for {@code then} on the ingress thread. */
        final void awaitDrained(final Runnable then)
        {
            intake.awaitReceived(lastSent, then);
        }
    }

    /**
     * The engine behind the client: quotes published by id on the ingress thread, as the live process's
     * duty cycle publishes them; {@code CALLER_THREAD}, as the live process runs by default (the ingress
     * thread journals, evaluates and hands closes over itself: no consumer thread to hand each frame to,
     * and none spinning beside the client's event loop on two cores); journal on; the paper gateway behind a {@link MeasuringGateway} that times each frame's evaluated
     * event (frame → decision) and each close handed over (frame → order). One long and one short per
     * symbol at entry 100; a trigger frame's bid 98.50 meets a long's stop, the paper venue fills the close
     * at the symbol's next quote, and half a cycle later the ingress thread enters a new long there.
     */
    static final class EngineSide extends WireSide
    {
        private static final int ACCOUNTS = 1 << 10;
        private final EngineRig rig;
        private final MeasuringGateway gateway = new MeasuringGateway(new PaperGateway(0, 0));
        private final PausableWaitStrategy pausable = new PausableWaitStrategy();
        private final String[] accounts = new String[ACCOUNTS];
        private int reopened;
        private boolean closed;

        /**
         * An engine journaling to {@code journal} (null: none); {@link #attach} it to a wire, then open its
         * positions with {@link #openPositions} on the wire's ingress thread, before use.
         */
        EngineSide(final Path journal)
        {
            rig = new EngineRig(EngineConfig.Layout.CALLER_THREAD, EngineConfig.Wait.YIELDING, pausable, journal, WireIntake.SYMBOLS,
                gateway, null, true);
            for (int i = 0; i < ACCOUNTS; i++)
            {
                accounts[i] = "re" + i;
            }
        }

        /**
         * The profile and the positions, published on the wire's ingress thread: the caller-thread engine
         * journals on whichever thread publishes, and a Chronicle appender belongs to the thread that made it.
         */
        void openPositions(final WireIntake wire)
        {
            wire.onIngress(() ->
            {
                // the default levels (+2.5 % / -1.5 %) on the book's bid and ask: a book ticker is what the wire brings
                rig.inputs.profile(ExitProfile.builder(new EngineConfig().defaultProfile).takeProfit(ExitProfile.LevelKind.PCT,
                    Fixed.parse("2.5")).stopLoss(ExitProfile.LevelKind.PCT, Fixed.parse("1.5")).source(TriggerSource.BID_ASK).build());
                rig.openPositions(1);
            });
            rig.checkNoErrors();
        }

        /** Closes the engine on the wire's ingress thread, the one its journal writes on. */
        void closeOn(final WireIntake wire)
        {
            wire.onIngress(this::close);
        }

        /** The engine's ids of the symbols S0..S3, for the wire's symbol table. */
        int[] symbolIds()
        {
            final int[] ids = new int[WireIntake.SYMBOLS];
            for (int s = 0; s < ids.length; s++)
            {
                ids[s] = rig.symbolId(s);
            }
            return ids;
        }

        @Override
        public void frame(final long wire, final int symbolId, final long bid, final long ask)
        {
            final long ts = TS_BASE + wire;
            rig.ingress.publishQuote(symbolId, ts, bid, ask);
            if (wire % TRIGGER_EVERY == TRIGGER_EVERY / 2)
            {
                // the long this cycle's trigger closed has been filled by now: a new entry takes its place
                rig.inputs.fill(ts, accounts[reopened++ & (ACCOUNTS - 1)], WireIntake.longSymbol(wire), Side.BUY, PositionSide.BOTH,
                    Fixed.ONE, Fixed.of(100), 0, "re", null);
            }
        }

        @Override
        public int idleWork()
        {
            return rig.ingress.pollResponses() + rig.engine.idleWork();
        }

        @Override
        public void begin(final long firstIndex, final long[] intended)
        {
            beginRun(firstIndex);
            gateway.begin(wireFirst, intended);
            rig.engine.tickToDecision().reset();
        }

        @Override
        public void awaitQuiet()
        {
            awaitDrained(rig.engine::awaitQuiet);
        }

        @Override
        public LatencyHarness.Run collect(final LatencyHarness.Run run)
        {
            rig.checkNoErrors();
            if (gateway.late > 0)
            {
                throw new IllegalStateException(gateway.late + " events outside the run's frames");
            }
            run.tickToDecision = gateway.decision.copy();
            run.tickToCloseDecision = gateway.closeDecision.copy();
            run.tickToOrder = gateway.order.copy();
            run.engineInternal = rig.engine.tickToDecision().copy();
            return run;
        }

        @Override
        public void pause(final boolean pause)
        {
            pausable.pause(pause);
        }

        @Override
        public void close()
        {
            if (!closed)
            {
                closed = true;
                rig.close();
            }
        }
    }

    /** The same client with no engine: the ingress thread notes when it drained each frame (frame → received). */
    static final class BareSide extends WireSide
    {
        private final Histogram received = new Histogram(HIGHEST, 3);
        private volatile long[] intended = new long[0];

        BareSide(final WireIntake intake)
        {
            attach(intake);
        }

        @Override
        public void frame(final long wire, final int symbolId, final long bid, final long ask)
        {
            final long now = System.nanoTime();
            final long i = wire - wireFirst;
            final long[] due = intended;
            if (i >= 0 && i < due.length)
            {
                received.recordValue(Math.min(Math.max(0, now - due[(int)i]), HIGHEST));
            }
        }

        @Override
        public int idleWork()
        {
            return 0;
        }

        @Override
        public void begin(final long firstIndex, final long[] intendedTimes)
        {
            beginRun(firstIndex);
            intended = intendedTimes;
            received.reset();
        }

        @Override
        public void awaitQuiet()
        {
            awaitDrained(() ->
            {
            });
        }

        @Override
        public LatencyHarness.Run collect(final LatencyHarness.Run run)
        {
            run.tickToDecision = received.copy();
            return run;
        }

        @Override
        public void pause(final boolean pause)
        {
        }

        @Override
        public void close()
        {
        }
    }
}
