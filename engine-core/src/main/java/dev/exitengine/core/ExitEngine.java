package dev.exitengine.core;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.api.PreTradeCheck;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.evaluator.PositionEvaluator;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.rules.ExitProfile;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The engine, wired in one place. The whole flow:
 *
 * <pre>
 *  feeds, commands, timers ─► {@link NamedInputs} (resolves names once, refuses what names nothing)
 *        └─► {@link Ingress} (single writer, by id, also for venue answers: stamps time, refuses bad input)
 *              └─► Disruptor ring of preallocated {@link EngineEvent}s (ProducerType.SINGLE)
 *                    ├─► {@link JournalHandler}     appends the inputs, one document per batch
 *                    └─► {@link PositionEvaluator}  owns positions: fills, levels, triggers → decisions on the event
 *                          both ──► {@link CloseOrderHandler} sends closes (after their cause is journaled),
 *                                   journals the outputs, tells the listeners
 * </pre>
 *
 * With {@link EngineConfig.Layout#SINGLE_THREAD} the three handlers run in that order on one consumer
 * thread; with {@link EngineConfig.Layout#THREAD_PER_HANDLER} the journal and the evaluator run in
 * parallel and the close handler after both. Outputs are identical either way.
 */
public final class ExitEngine implements AutoCloseable
{
    private final EngineConfig config;
    private final Names names = new Names();
    private final EngineCounters counters;
    private final JournalPort journal;
    private final OrderGateway gateway;
    private final Disruptor<EngineEvent> disruptor;
    private final Consumer<String> errors;
    private long finalStateHash;
    private final PositionEvaluator evaluator;
    private final JournalHandler journalHandler;
    private final CloseOrderHandler closeHandler;
    private boolean recovering;
    private final DecisionListener[] listeners;
    private final Ingress ingress;
    private final NamedInputs inputs;
    private final EngineExceptionHandler exceptionHandler;
    private final Histogram tickToDecision;
    private final Histogram tickToOrder;
    private final GatewayResponses responses = new GatewayResponses(1 << 20);
    private final RiskView riskView = new RiskView();
    private final PreTradeChecks preTradeChecks;
    private boolean started;
    /** Periodic snapshots, or null without a store. */
    private final Checkpoints checkpoints;
    private volatile String lastFault;
    private boolean closed;

    private ExitEngine(final Builder b)
    {
        config = b.config.validate();
        counters = b.counters != null ? b.counters : EngineCounters.inMemory();
        journal = b.journal;
        gateway = b.gateway;
        errors = b.errors;
        exceptionHandler = new EngineExceptionHandler(counters, errors);
        tickToDecision = latencyHistogram(b.readableLatency);
        tickToOrder = latencyHistogram(b.readableLatency);

        journalHandler = new JournalHandler(journal, names, counters);
        // the journaling thread does the journal's housekeeping (pre-faulting pages) when it runs out of events
        // the caller-thread layout handles each event in the ingress's own slot and never claims from the ring
        final int ringSize = config.layout == EngineConfig.Layout.CALLER_THREAD ? 2 : config.ringSize;
        disruptor = new Disruptor<>(EngineEvent::new, ringSize, threadFactory(), ProducerType.SINGLE,
            new IdleWorkWaitStrategy(b.waitStrategy != null ? b.waitStrategy : config.wait.newStrategy(), journalHandler));
        disruptor.setDefaultExceptionHandler(exceptionHandler);

        evaluator = new PositionEvaluator(counters, config.recordLatency ? tickToDecision : null, config,
            EngineConfig.builtInDefaultProfile(), riskView);
        listeners = b.listeners.toArray(new DecisionListener[0]);
        closeHandler = new CloseOrderHandler(gateway, journal, names, counters, listeners, config.recordLatency ? tickToOrder : null, responses,
            msg ->
            {
                lastFault = msg;
                errors.accept(msg);
            });

        final Sequence last;
        SingleThreadPipeline inline = null;
        if (config.layout == EngineConfig.Layout.CALLER_THREAD)
        {
            // no consumer thread: the ingress runs the pipeline itself after each publish, on one event slot
            // of its own (each event is handled before the next is claimed)
            inline = new SingleThreadPipeline(journalHandler, evaluator, closeHandler);
            last = inline.sequence;
        }
        else if (config.layout == EngineConfig.Layout.SINGLE_THREAD)
        {
            final SingleThreadPipeline pipeline = new SingleThreadPipeline(journalHandler, evaluator, closeHandler);
            disruptor.handleEventsWith(pipeline);
            last = pipeline.sequence;
        }
        else
        {
            final SequenceTracker tracker = new SequenceTracker(closeHandler);
            disruptor.handleEventsWith(journalHandler, evaluator).then(tracker);
            last = tracker.sequence;
        }
        final RingBuffer<EngineEvent> ring = disruptor.getRingBuffer();
        ingress = new Ingress(ring, names, counters, responses, errors, config.maxTimeRegressionMs, config.maxTimeAheadMs,
            config.lockstep);
        ingress.lastHandler(last);
        if (inline != null)
        {
            ingress.inline(inline, exceptionHandler);
        }
        inputs = new NamedInputs(ingress);
        checkpoints = b.snapshots == null ? null
            : new Checkpoints(b.snapshots, b.snapshotEvery, names, ingress, journalHandler, journal, counters, evaluator, gateway);
        if (checkpoints != null)
        {
            inputs.beforeEachLine(this::checkpoint);
        }
        preTradeChecks = new PreTradeChecks(config, names, counters, riskView);
        installConfiguration();
    }

    /**
     * Profiles and instruments of the configuration are installed before the ring starts, not published
     * as inputs: input sequence numbers then count exactly the inputs a feed gave. The journal header
     * holds the configuration, so a replay installs the same, under the same ids.
     */
    private void installConfiguration()
    {
        boolean hasDefault = false;
        for (final ExitProfile p : config.profiles)
        {
            hasDefault |= p.name.equals(config.defaultProfile);
            evaluator.defineProfile(names.intern(Names.Kind.PROFILE, p.name), p);
        }
        if (!hasDefault && !"default".equals(config.defaultProfile))
        {
            throw new IllegalArgumentException("defaultProfile: '" + config.defaultProfile + "' is not among the profiles");
        }
        for (final EngineConfig.InstrumentDef i : config.instruments)
        {
            final int id = names.intern(Names.Kind.SYMBOL, i.symbol);
            ingress.defineSymbol(id);
            evaluator.defineInstrument(id, i.tickSize, i.stepSize, i.minQty, i.makerFee, i.takerFee);
        }
    }

    public static Builder builder(final EngineConfig config)
    {
        return new Builder(config);
    }

    /**
     * Starts the consumer threads. A fresh run first journals the header (format version and
     * configuration); a replay passes false, since it reads a journal that has one.
     */
    public ExitEngine start(final boolean freshRun)
    {
        gateway.bind(responses);
        if (freshRun)
        {
            journal.writeHeader(EngineConfig.FORMAT_VERSION, config.encode());
        }
        disruptor.start();
        started = true;
        return this;
    }

    public ExitEngine start()
    {
        return start(true);
    }

    /**
     * Starts on a journal that holds a run already, to resume it after a crash: feed every journaled input
     * to {@link #recover}, in order, then call {@link #endRecovery}. Meanwhile nothing is journaled again
     * (the journal sees the re-run's outputs, to check them against its own) and the gateway is told what
     * its {@link OrderGateway#recovery()} asks for: a simulated venue sees everything again and so comes
     * back as it was, a real one sees nothing.
     */
    public ExitEngine startRecovering()
    {
        if (config.layout != EngineConfig.Layout.CALLER_THREAD && gateway.recovery() == OrderGateway.Recovery.REDERIVE && !config.lockstep
            && gateway != OrderGateway.NONE)
        {
            // a free-running simulated venue answered whenever the ingress next looked: the order of its answers
            // among the inputs was not a function of the inputs, and a re-run could not give them back
            throw new IllegalStateException("resume: a simulated venue resumes only in lockstep or the caller-thread layout");
        }
        gateway.bind(responses);
        for (final DecisionListener l : listeners)
        {
            l.onRecovering();
        }
        journalHandler.startRecovery();
        closeHandler.silenceGateway(gateway.recovery() == OrderGateway.Recovery.LOOKUP);
        recovering = true;
        disruptor.start();
        started = true;
        return this;
    }

    /** One journaled input of a resumed run (see {@link #startRecovering}), straight from its record. */
    public void recover(final org.agrona.DirectBuffer buffer, final int offset, final dev.exitengine.core.codec.EventCodec.Cursor doc)
    {
        if (!recovering)
        {
            throw new IllegalStateException("recover: the engine was not started with startRecovering()");
        }
        ingress.publishRecovered(buffer, offset, doc, gateway.recovery() == OrderGateway.Recovery.REDERIVE);
    }

    /**
     * The journal has been read: the engine holds the state it had when the journal ended. Journaling goes
     * on from here ({@code feedLine} and {@code inputsOfLine}: the feed position the journal recorded last);
     * answers a simulated venue gave before the crash that never reached the journal go in now, as the
     * next inputs, as they would have; a real venue is asked what became of each close still in flight.
     *
     * @return the closes handed to the gateway to look up (0 for a simulated venue)
     */
    public int endRecovery(final long feedLine, final int inputsOfLine)
    {
        if (!recovering)
        {
            throw new IllegalStateException("endRecovery: not recovering");
        }
        ingress.awaitHandledNoAnswers();
        journalHandler.endRecovery(feedLine, inputsOfLine);
        if (checkpoints != null)
        {
            checkpoints.resetFrom(ingress.lastSeq());
        }
        closeHandler.silenceGateway(false);
        recovering = false;
        for (final DecisionListener l : listeners)
        {
            l.onRecovered();
        }
        int lookedUp = 0;
        if (gateway.recovery() == OrderGateway.Recovery.LOOKUP)
        {
            lookedUp = evaluator.closesInFlight(counters.get(dev.exitengine.core.api.Counter.LAST_EVENT_TS), closeHandler::recover);
        }
        ingress.pollResponses();
        return lookedUp;
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * Takes a periodic snapshot when one is due (see {@link Builder#snapshots}); a comparison otherwise. Feeds
     * reach it before each line through {@link #inputs()}; a loop that publishes by id calls it itself, from
     * the publishing thread, between inputs.
     *
     * @return whether a snapshot was taken
     */
    public boolean checkpoint()
    {
        return checkpoints != null && !recovering && checkpoints.checkpoint();
    }

    /** Takes a snapshot now, from the publishing thread (the engine is let run quiet first). Returns the input it holds. */
    public long snapshotNow()
    {
        if (checkpoints == null)
        {
            throw new IllegalStateException("snapshotNow: the engine was built without a snapshot store");
        }
        return checkpoints.take();
    }

    /**
     * Writes the whole state into {@code w} on a quiet engine, from the publishing thread (tests, tools).
     * Returns the input number it holds.
     */
    public long snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        ingress.awaitQuiet();
        EngineState.write(w, names, ingress, journalHandler, counters, evaluator, gateway);
        return ingress.lastSeq();
    }

    /**
     * A resumed run that starts from a snapshot: after {@link #startRecovering()}, before the first
     * {@link #recover}, restores the state the snapshot holds (checked by its state hash); the journal's
     * inputs after the returned input number follow. Also usable on an engine started for a replay.
     */
    public long restore(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (ingress.lastSeq() != 0)
        {
            throw new IllegalStateException("restore: the engine took inputs already");
        }
        final long seq = EngineState.restore(buffer, offset, length, names, ingress, journalHandler, counters, evaluator, gateway);
        if (checkpoints != null)
        {
            checkpoints.resetFrom(seq);
        }
        return seq;
    }

    /** The event time of the last input a snapshot holds, read from its first bytes. */
    public static long snapshotLastEventTs(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return EngineState.lastEventTsOf(buffer, offset);
    }

    /** The last input a snapshot holds, read from its first bytes. */
    public static long snapshotSeq(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return EngineState.seqOf(buffer, offset);
    }

    /**
     * A resumed run that starts from a snapshot: a decision the journal holds from before it, handed to the
     * listeners (in order, before the first recovered input) as the re-read would have. Publishing thread.
     */
    public void replayDecision(final dev.exitengine.core.event.Decision decision)
    {
        for (final DecisionListener l : listeners)
        {
            l.onDecision(decision, names);
        }
    }

    /** Where inputs go by name (what feeds call, an {@link dev.exitengine.core.ingest.InputSink}). Use it from one thread. */
    public NamedInputs inputs()
    {
        return inputs;
    }

    /** Where inputs go by id, allocation-free for market events. The same thread as {@link #inputs()}. */
    public Ingress ingress()
    {
        return ingress;
    }

    public Names names()
    {
        return names;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public EngineConfig config()
    {
        return config;
    }

    /** Tick → decision latency, nanoseconds. Read it after {@link #close()} or {@link #awaitQuiet()}. */
    public Histogram tickToDecision()
    {
        return tickToDecision;
    }

    /** Tick → close order handed to the gateway, nanoseconds. */
    public Histogram tickToOrder()
    {
        return tickToOrder;
    }

    /** The evaluator, for inspection after {@link #awaitQuiet()} from the thread that published. */
    public PositionEvaluator evaluator()
    {
        return evaluator;
    }

    /**
     * May this entry be opened, and if not, why. Callable from any thread: it reads what the evaluator
     * published (open positions, notional, trading state, cooldowns), never the evaluator's own state.
     */
    public PreTradeCheck preTradeCheck(final String account, final String symbol, final long qty, final long price)
    {
        return preTradeChecks.check(account, symbol, qty, price);
    }

    /** Why the journal is not writing now (a full disk, a failed write), or null while it is. */
    public String journalFailure()
    {
        return journal.failure();
    }

    /** The last error caught anywhere in the pipeline, or null. */
    public String lastError()
    {
        final String handler = exceptionHandler.lastError();
        return lastFault != null ? lastFault : handler;
    }

    /** Waits until everything published has passed the last handler; leaves venue answers waiting. */
    public void awaitHandled()
    {
        ingress.awaitHandledNoAnswers();
    }

    /**
     * Caller-thread layout only: journal inputs in documents of many, as the other layouts do, rather than one
     * each; a batch ends when a close is decided, when its document fills, at {@link #endBatch} and at every quiet
     * wait. For a caller that reads a file; one that waits for its inputs calls {@link #endBatch} before it waits.
     */
    public ExitEngine batchInputs()
    {
        ingress.batchInline(true);
        return this;
    }

    /** Journals the caller-thread layout's open batch of inputs and decisions ({@link #batchInputs}). */
    public void endBatch()
    {
        ingress.endBatch();
    }

    /** Waits until everything published has been handled and no venue answer is waiting. */
    public void awaitQuiet()
    {
        ingress.awaitQuiet();
    }

    /**
     * The journal's housekeeping, one small piece (a page faulted in ahead of the writer), for the
     * {@link EngineConfig.Layout#CALLER_THREAD} layout, whose caller is the journaling thread: call it
     * from your loop when it is idle. In the other layouts the engine's journaling thread does this
     * itself between events, and this does nothing.
     *
     * @return how much was done; 0 when nothing is due
     */
    public int idleWork()
    {
        return config.layout == EngineConfig.Layout.CALLER_THREAD ? journal.idleWork() : 0;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (started)
        {
            ingress.awaitQuiet();
            disruptor.shutdown();
            ingress.shutdownInline();
            // every handler has stopped: the evaluator's state is final and safe to read from this thread
            finalStateHash = evaluator.stateHash();
            try
            {
                journal.recordFinalState(finalStateHash);
            }
            catch (final RuntimeException ex)
            {
                // the journal is still closed below; a replay then says that no final state was recorded
                errors.accept("final state hash not recorded: " + ex.getMessage());
            }
        }
        gateway.close();
        journal.close();
    }

    /**
     * The evaluator's state hash when the engine closed (positions, definitions, prices, states, risk):
     * equal for two engines that took the same inputs. 0 before {@link #close()}.
     */
    public long stateHash()
    {
        return finalStateHash;
    }

    /** Up to 10 s at 3 significant digits; a {@link ConcurrentHistogram} when another thread copies it while the engine records. */
    private static Histogram latencyHistogram(final boolean readable)
    {
        final long highest = TimeUnit.SECONDS.toNanos(10);
        return readable ? new ConcurrentHistogram(highest, 3) : new Histogram(highest, 3);
    }

    private static java.util.concurrent.ThreadFactory threadFactory()
    {
        final AtomicInteger n = new AtomicInteger();
        return r ->
        {
            final Thread t = new Thread(r, "exit-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds an engine: configuration, then ports and listeners. */
    public static final class Builder
    {
        private final EngineConfig config;
        private JournalPort journal = JournalPort.NONE;
        private OrderGateway gateway = OrderGateway.NONE;
        private EngineCounters counters;
        private final List<DecisionListener> listeners = new ArrayList<>();
        private Consumer<String> errors = msg -> System.err.println(msg);
        private WaitStrategy waitStrategy;
        private boolean readableLatency;
        private dev.exitengine.core.api.SnapshotStore snapshots;
        private long snapshotEvery;

        private Builder(final EngineConfig config)
        {
            this.config = config;
        }

        public Builder journal(final JournalPort journal)
        {
            this.journal = journal;
            return this;
        }

        public Builder gateway(final OrderGateway gateway)
        {
            this.gateway = gateway;
            return this;
        }

        public Builder counters(final EngineCounters counters)
        {
            this.counters = counters;
            return this;
        }

        public Builder listener(final DecisionListener listener)
        {
            listeners.add(listener);
            return this;
        }

        public Builder errors(final Consumer<String> errors)
        {
            this.errors = errors;
            return this;
        }

        /**
         * A wait strategy of the embedder's own for the consumer threads, in place of the one
         * {@link EngineConfig#wait} names (an idle strategy that parks outside trading hours, say).
         * It decides only how an idle consumer waits, never what the engine decides.
         */
        public Builder waitStrategy(final WaitStrategy waitStrategy)
        {
            this.waitStrategy = waitStrategy;
            return this;
        }

        /**
         * Lets another thread (a metrics endpoint) {@code copy()} the latency histograms while the engine
         * records into them: they become HdrHistogram's {@link ConcurrentHistogram}, whose wait-free
         * recording costs a little more than the plain one's.
         */
        public Builder readableLatency(final boolean readable)
        {
            this.readableLatency = readable;
            return this;
        }

        /**
         * Periodic snapshots of the whole state into {@code store}, every {@code everyInputs} inputs (taken at
         * {@link ExitEngine#checkpoint()}), so a resumed run re-reads only the journal after the newest.
         */
        public Builder snapshots(final dev.exitengine.core.api.SnapshotStore store, final long everyInputs)
        {
            this.snapshots = store;
            this.snapshotEvery = everyInputs;
            return this;
        }

        public ExitEngine build()
        {
            return new ExitEngine(this);
        }
    }
}
