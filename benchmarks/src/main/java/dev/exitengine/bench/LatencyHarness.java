package dev.exitengine.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.OrderGateway;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed injection rate, free of coordinated omission: tick i is due at
 * {@code start + i / rate}; the injector waits for that moment, notes it as the tick's intended send
 * time and publishes. Every latency is measured from the intended time, so a producer held up by a
 * full ring or a stalled consumer is charged for every tick that waited, not only the first.
 *
 * <p>Measured on the close-order handler's thread, through the engine's public ports: a tick's
 * decision is complete when its evaluated event reaches the close-order handler
 * ({@link OrderGateway#onMarketEvent}, the first place outside the evaluator that sees it, after its
 * journaling); a close order is handed over at {@link OrderGateway#send}. Ticks carry their index in
 * their event time, so the handler finds their intended time without any map. One tick in
 * {@link #TRIGGER_EVERY} crosses one long position's stop: its close goes to the gateway, which fills
 * it at once (the position exits); half a cycle later the injector enters a new long on that symbol.
 */
public final class LatencyHarness
{
    public static final int TRIGGER_EVERY = 100;
    /** Event time of tick 0: after every fixture entry, so no tick is refused as out of order. */
    static final long TS_BASE = 1_800_000_000_000L;
    /** Ticks further off than this are waited for parked (none at the latency section's rates, 10,000/s and up). */
    private static final long PARK_ABOVE_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
    /** The highest latency recorded (a minute); anything longer is recorded as this. */
    static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);

    /** What one fixed-rate run measured. */
    public static final class Run
    {
        public String target;
        public String layout;
        public long rate;
        public long events;
        public long elapsedNanos;
        public Histogram tickToDecision;
        public Histogram tickToCloseDecision;
        public Histogram tickToOrder;
        /** The engine's own tick → decision histogram (from the ingress stamp: not corrected for waiting). */
        public Histogram engineInternal;
        /** Garbage collections during the run, and their total time (ms) as the JVM reports it. */
        public long gcCount;
        public long gcMillis;

        /** Adds another run's counts (the same target, layout and rate) to this one's. */
        Run add(final Run other)
        {
            if (tickToDecision == null)
            {
                target = other.target;
                layout = other.layout;
                rate = other.rate;
                tickToDecision = other.tickToDecision.copy();
                tickToCloseDecision = other.tickToCloseDecision == null ? null : other.tickToCloseDecision.copy();
                tickToOrder = other.tickToOrder == null ? null : other.tickToOrder.copy();
                engineInternal = other.engineInternal == null ? null : other.engineInternal.copy();
            }
            else
            {
                tickToDecision.add(other.tickToDecision);
                if (tickToCloseDecision != null)
                {
                    tickToCloseDecision.add(other.tickToCloseDecision);
                    tickToOrder.add(other.tickToOrder);
                    engineInternal.add(other.engineInternal);
                }
            }
            events += other.events;
            elapsedNanos += other.elapsedNanos;
            gcCount += other.gcCount;
            gcMillis += other.gcMillis;
            return this;
        }

        /**
         * Whether the rate was kept up with. A rate beyond capacity builds a backlog that every later
         * tick waits behind, so most ticks are late; a stall (a preempted thread on two busy cores)
         * delays a few percent. Kept up with: the median within 100 µs and 90 % within a millisecond.
         */
        public boolean sustained()
        {
            return tickToDecision.getTotalCount() > 0 && tickToDecision.getValueAtPercentile(50) <= 100_000
                && tickToDecision.getValueAtPercentile(90) <= 1_000_000;
        }
    }

    /** Something ticks can be injected into. */
    public interface Target extends AutoCloseable
    {
        /** Publishes tick {@code index} (its intended time is already in {@code intended[index]}). */
        void publish(long index);

        void awaitQuiet();

        /** Starts a run: ticks from {@code firstIndex} on, intended times in {@code intended}; fresh histograms. */
        void begin(long firstIndex, long[] intended);

        Run collect(Run run);

        /**
         * Paused, an idle target's consumers park instead of yielding, leaving the cores to another
         * target measured meanwhile; nothing may be published to a paused target.
         */
        void pause(boolean pause);

        @Override
        void close();
    }

    private LatencyHarness()
    {
    }

    /**
     * Injects {@code events} ticks at {@code rate} per second into the target; then waits until all
     * are handled.
     */
    public static Run run(final Target target, final String name, final String layout, final long rate, final long events,
        final long[] counter)
    {
        final long[] intended = new long[(int)events];
        final long first = counter[0];
        target.begin(first, intended);
        final long[] gc0 = gc();
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < events; i++)
        {
            final long due = start + (long)(i * (1e9 / rate));
            long now;
            while ((now = System.nanoTime()) < due)
            {
                // a tick far off (slow rates: the wire section's 1,000/s) is waited for asleep, but for the last
                // stretch, which a park's wake-up can overshoot: two cores are not spent spinning on nothing
                if (due - now > PARK_ABOVE_NANOS)
                {
                    LockSupport.parkNanos(due - now - PARK_ABOVE_NANOS / 2);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            intended[i] = due;
            target.publish(first + i);
        }
        target.awaitQuiet();
        counter[0] = first + events;
        final Run r = new Run();
        r.target = name;
        r.layout = layout;
        r.rate = rate;
        r.events = events;
        r.elapsedNanos = System.nanoTime() - start;
        final long[] gc1 = gc();
        r.gcCount = gc1[0] - gc0[0];
        r.gcMillis = gc1[1] - gc0[1];
        return target.collect(r);
    }

    /**
     * Warm-up in lockstep: each tick is published once the one before has been handled, so each is a
     * batch of its own, as ticks are at the headline rate. Code the engine runs once per batch rather
     * than per tick (the journal's document, and its index, written every 64th document) runs far
     * fewer times in a warm-up at full speed, whose batches are large, and was still being compiled
     * seconds into the measurement, the compiler taking a core from the measured side.
     */
    public static void lockstep(final Target target, final long events, final long[] counter)
    {
        final long first = counter[0];
        // intended times left at 0: nothing is recorded
        target.begin(first, new long[(int)events]);
        for (long i = 0; i < events; i++)
        {
            target.publish(first + i);
            target.awaitQuiet();
        }
        counter[0] = first + events;
    }

    /** Unmeasured ticks before each alternated segment, in milliseconds at the segment's rate. */
    static final long LEAD_IN_MILLIS = 10;

    /**
     * Measures two targets at the same rate in alternating segments, the one not measured paused;
     * each side's segments are merged. On a shared machine, stalls from outside the process come and
     * go over seconds: segments a fraction of a second long, interleaved, give both sides the same
     * share of them, which back-to-back runs of several seconds do not.
     *
     * <p>Each pair of rounds measures one side first and then the other first, which side opens the
     * pair drawn at random (a fixed seed: the same order every run), and the pause between segments
     * varies by up to 20 ms. Strict alternation has a period, and this machine's outside work has
     * periods too (the kernel's memory monitor samples every 500 ms; a round took 530 ms): locked
     * in step, one periodic stall landed on the same side round after round.
     *
     * @return the merged runs of {@code a} and of {@code b}, and each round's p99s and their ratio
     */
    public static Alternation alternate(final Target a, final String nameA, final long[] counterA, final Target b, final String nameB,
        final long[] counterB, final String layout, final long rate, final long eventsPerSegment, final int rounds)
        throws InterruptedException
    {
        final Alternation out = new Alternation();
        out.roundRatios = new double[rounds];
        out.roundP99A = new long[rounds];
        out.roundP99B = new long[rounds];
        final java.util.SplittableRandom random = new java.util.SplittableRandom(ORDER_SEED);
        boolean pairOpensWithA = true;
        for (int round = 0; round < rounds; round++)
        {
            if ((round & 1) == 0)
            {
                pairOpensWithA = random.nextBoolean();
            }
            final boolean aFirst = pairOpensWithA == ((round & 1) == 0);
            Run ra = null;
            Run rb = null;
            for (int k = 0; k < 2; k++)
            {
                final boolean measureA = (k == 0) == aFirst;
                final Target on = measureA ? a : b;
                final Target off = measureA ? b : a;
                off.pause(true);
                on.pause(false);
                Thread.sleep(5 + random.nextInt(21));
                // lead-in, not measured: the injector has just slept, and a thread waking may be put on the
                // consumer's core while the other idles, until the scheduler's next balancing tick (4 ms
                // here); a few milliseconds of ticks first let the scheduler settle both threads
                run(on, measureA ? nameA : nameB, layout, rate, Math.max(100, rate * LEAD_IN_MILLIS / 1000), measureA ? counterA : counterB);
                final Run r = run(on, measureA ? nameA : nameB, layout, rate, eventsPerSegment, measureA ? counterA : counterB);
                if (measureA)
                {
                    ra = r;
                    out.a.add(r);
                }
                else
                {
                    rb = r;
                    out.b.add(r);
                }
            }
            out.roundP99A[round] = ra.tickToDecision.getValueAtPercentile(99);
            out.roundP99B[round] = rb.tickToDecision.getValueAtPercentile(99);
            out.roundRatios[round] = (double)out.roundP99A[round] / Math.max(1, out.roundP99B[round]);
        }
        a.pause(false);
        b.pause(false);
        return out;
    }

    /** Two targets' merged runs from {@link #alternate}. */
    public static final class Alternation
    {
        public final Run a = new Run();
        public final Run b = new Run();
        /** Each round's p99 of {@code a} ÷ p99 of {@code b}. */
        public double[] roundRatios;
        /** Each round's p99 of each side, in nanoseconds. */
        public long[] roundP99A;
        public long[] roundP99B;
    }

    /** The seed of the alternation's order: the same order every run. */
    static final long ORDER_SEED = 20_261_121L;

    private static long[] gc()
    {
        long count = 0;
        long millis = 0;
        // the list looked up once (Bench.COLLECTORS): looked up per segment, its code was compiled anew between segments
        for (final java.lang.management.GarbageCollectorMXBean b : Bench.COLLECTORS)
        {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** The whole engine: journal, evaluator and close-order handler, in a given layout and wait strategy. */
    public static final class EngineTarget implements Target
    {
        /**
         * Accounts for re-entries, reused round robin: a position is closed long before its account comes
         * round again. A desk trades from a fixed set of accounts; an ever-growing set would time the
         * name table's growth, not the steady state.
         */
        private static final int ACCOUNTS = 1 << 10;
        private final EngineRig rig;
        private final MeasuringGateway gateway = new MeasuringGateway();
        private final int[] longSymbols;
        private final String[] symbolNames;
        private final String[] accounts = new String[ACCOUNTS];
        private final int triggerEvery;
        private final PausableWaitStrategy pausable;
        private int reopened;

        public EngineTarget(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final Path journalDir, final int symbols)
        {
            this(layout, wait, journalDir, symbols, TRIGGER_EVERY);
        }

        /** @param triggerEvery one tick in this many closes a position; 0 for none. */
        public EngineTarget(final EngineConfig.Layout layout, final EngineConfig.Wait wait, final Path journalDir, final int symbols,
            final int triggerEvery)
        {
            this.triggerEvery = triggerEvery;
            pausable = wait == EngineConfig.Wait.YIELDING ? new PausableWaitStrategy() : null;
            rig = new EngineRig(layout, wait, pausable, journalDir, symbols, gateway, null, true);
            rig.openPositions(1);
            longSymbols = new int[(symbols + 1) / 2];
            symbolNames = new String[longSymbols.length];
            for (int s = 0, k = 0; s < symbols; s += 2, k++)
            {
                longSymbols[k] = rig.symbolId(s);
                symbolNames[k] = EngineRig.SYMBOL_PREFIX + s;
            }
            // names made up front: the injector itself allocates nothing while it runs
            for (int i = 0; i < ACCOUNTS; i++)
            {
                accounts[i] = "re" + i;
            }
            rig.checkNoErrors();
        }

        @Override
        public void begin(final long firstIndex, final long[] intended)
        {
            gateway.begin(firstIndex, intended);
            rig.engine.tickToDecision().reset();
        }

        @Override
        public void publish(final long index)
        {
            final long ts = TS_BASE + index;
            final long phase = triggerEvery == 0 ? 1 : index % triggerEvery;
            if (phase == 0)
            {
                // the open long of this symbol was entered at 100: its stop is 98.5, inclusive
                final int k = (int)((index / triggerEvery) % longSymbols.length);
                rig.ingress.publishTrade(longSymbols[k], ts, 98_50000000L, BookFixture.STEP_SIZE);
                return;
            }
            final int symbol = rig.symbolId((int)(index % rig.symbols));
            rig.ingress.publishTrade(symbol, ts, BookFixture.NEUTRAL_PRICE, BookFixture.STEP_SIZE);
            if (triggerEvery > 1 && phase == triggerEvery / 2)
            {
                // the position closed half a cycle ago has been filled by now: a new entry takes its place
                final int k = (int)(((index - phase) / triggerEvery) % longSymbols.length);
                rig.inputs.fill(ts, accounts[reopened++ & (ACCOUNTS - 1)], symbolNames[k], Side.BUY, PositionSide.BOTH, Fixed.ONE,
                    Fixed.of(100), 0, "re", null);
            }
        }

        @Override
        public void awaitQuiet()
        {
            rig.engine.awaitQuiet();
        }

        @Override
        public void pause(final boolean pause)
        {
            if (pausable != null)
            {
                pausable.pause(pause);
            }
        }

        @Override
        public Run collect(final Run run)
        {
            rig.checkNoErrors();
            run.tickToDecision = gateway.decision.copy();
            run.tickToCloseDecision = gateway.closeDecision.copy();
            run.tickToOrder = gateway.order.copy();
            run.engineInternal = rig.engine.tickToDecision().copy();
            if (gateway.late > 0)
            {
                throw new IllegalStateException(gateway.late + " events outside the run's index range");
            }
            return run;
        }

        @Override
        public void close()
        {
            rig.close();
        }
    }

    /**
     * The baseline: a bare Disruptor with two handlers in the engine's layout, the first doing nothing
     * (where the journal and evaluator would be), the second timing the tick as the close-order
     * handler's position does. SINGLE_THREAD runs both on one consumer thread; THREAD_PER_HANDLER runs
     * them on two, the second after the first.
     */
    public static final class BareTarget implements Target
    {
        /** The bare ring's event: the tick's index. */
        static final class Tick
        {
            long index;
        }

        private final Disruptor<Tick> disruptor;
        private final RingBuffer<Tick> ring;
        private final Histogram decision = new Histogram(HIGHEST, 3);
        private volatile long[] intended = new long[0];
        private volatile long first;
        private final PausableWaitStrategy pausable;

        public BareTarget(final EngineConfig.Layout layout, final EngineConfig.Wait wait)
        {
            // the same wait as the engine's: the yielding one, pausable, or the one the configuration names
            pausable = wait == EngineConfig.Wait.YIELDING ? new PausableWaitStrategy() : null;
            final AtomicInteger n = new AtomicInteger();
            disruptor = new Disruptor<>(Tick::new, new EngineConfig().ringSize, r ->
            {
                final Thread t = new Thread(r, "bare-latency-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, ProducerType.SINGLE, pausable != null ? pausable : wait.newStrategy());
            final EventHandler<Tick> noop = (e, s, end) ->
            {
            };
            final EventHandler<Tick> timer = (e, s, end) ->
            {
                final long now = System.nanoTime();
                final long i = e.index - first;
                if (i >= 0 && i < intended.length)
                {
                    decision.recordValue(Math.min(Math.max(0, now - intended[(int)i]), HIGHEST));
                }
            };
            if (layout == EngineConfig.Layout.SINGLE_THREAD)
            {
                disruptor.handleEventsWith((e, s, end) ->
                {
                    noop.onEvent(e, s, end);
                    timer.onEvent(e, s, end);
                });
            }
            else
            {
                disruptor.handleEventsWith(noop).then(timer);
            }
            ring = disruptor.start();
        }

        @Override
        public void begin(final long firstIndex, final long[] intendedTimes)
        {
            first = firstIndex;
            intended = intendedTimes;
            decision.reset();
        }

        @Override
        public void publish(final long index)
        {
            final long s = ring.next();
            ring.get(s).index = index;
            ring.publish(s);
        }

        @Override
        public void awaitQuiet()
        {
            final long cursor = ring.getCursor();
            while (ring.getMinimumGatingSequence() < cursor)
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }

        @Override
        public Run collect(final Run run)
        {
            run.tickToDecision = decision.copy();
            return run;
        }

        @Override
        public void pause(final boolean pause)
        {
            if (pausable != null)
            {
                pausable.pause(pause);
            }
        }

        @Override
        public void close()
        {
            disruptor.halt();
        }
    }
}
