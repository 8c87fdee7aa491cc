package dev.exitengine.core;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.rules.ExitProfile;
import org.agrona.DirectBuffer;

import java.util.function.Consumer;

/**
 * The single writer: the only code that publishes to the ring, one typed method per input, by id
 * (Aeron's conductor behind its {@code ClientCommandAdapter}). Feeds reach it through {@link NamedInputs},
 * which resolves names once; venue answers through {@link GatewayResponses}, drained between inputs.
 * It stamps the wall clock once per event and refuses what {@link InputChecks} refuses; nothing
 * already accepted is lost. Market events by id allocate nothing. Use it from one thread.
 */
public final class Ingress
{
    private final RingSlots slots;
    private final Names names;
    private final EngineCounters counters;
    private final InputChecks checks;
    private final boolean lockstep;
    private final Backoff lockstepWait = new Backoff(Backoff.LOCKSTEP_SPINS);
    private final Backoff quietWait = new Backoff(Backoff.QUIET_SPINS);
    private final VenueAnswers answers;
    private Sequence lastHandler;
    /** Inputs a restored snapshot holds already: input numbers go on from there while the ring starts at 0. */
    private long seqBase;

    Ingress(final RingBuffer<EngineEvent> ring, final Names names, final EngineCounters counters, final GatewayResponses responses,
        final Consumer<String> errors, final long maxTimeRegressionMs, final long maxTimeAheadMs, final boolean lockstep)
    {
        this.slots = new RingSlots(ring);
        this.names = names;
        this.counters = counters;
        this.answers = new VenueAnswers(responses, this);
        this.checks = new InputChecks(names, counters, errors, maxTimeRegressionMs, maxTimeAheadMs);
        this.lockstep = lockstep;
    }

    void defineSymbol(final int id)
    {
        checks.defineSymbol(id);
    }

    /** Runs {@code pipeline} on this thread after each publish (the caller-thread layout). */
    void inline(final SingleThreadPipeline pipeline, final ExceptionHandler<EngineEvent> errors)
    {
        slots.inline(pipeline, errors);
    }

    void shutdownInline()
    {
        slots.shutdownInline();
    }

    void lastHandler(final Sequence sequence)
    {
        lastHandler = sequence;
    }

    /** The checks and their refusals, shared with the name-resolving adapter. */
    InputChecks checks()
    {
        return checks;
    }

    public Names names()
    {
        return names;
    }

    /** With true, an input the ingress refuses stops the feed (an {@link InputRefusedException} from the call). */
    public void stopOnRefusal(final boolean stop)
    {
        checks.stopOnRefusal(stop);
    }

    /** The id of a defined symbol, or -1: resolve once, then publish by id without allocating. */
    public int symbolId(final String symbol)
    {
        return names.find(Names.Kind.SYMBOL, symbol);
    }

    /** The id of an account, registered when new. */
    public int accountId(final String account)
    {
        return names.intern(Names.Kind.ACCOUNT, account);
    }

    // ------------------------------------------------------------------ market and time: allocation-free

    public boolean publishTrade(final int symbolId, final long ts, final long price, final long qty)
    {
        if (!checks.market(symbolId, ts, price, "trade"))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.TRADE, ts);
        e.symbolId = symbolId;
        e.price = price;
        e.qty = qty;
        publish(s);
        return true;
    }

    public boolean publishQuote(final int symbolId, final long ts, final long bid, final long ask)
    {
        if (!checks.quote(symbolId, ts, bid, ask))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.QUOTE, ts);
        e.symbolId = symbolId;
        e.bid = bid;
        e.ask = ask;
        publish(s);
        return true;
    }

    public boolean publishMark(final int symbolId, final long ts, final long price)
    {
        if (!checks.market(symbolId, ts, price, "mark"))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.MARK, ts);
        e.symbolId = symbolId;
        e.price = price;
        publish(s);
        return true;
    }

    public boolean publishTimer(final long ts)
    {
        if (!checks.time(ts, "timer"))
        {
            return false;
        }
        final long s = slots.next();
        claim(s, EventType.TIMER, ts);
        publish(s);
        return true;
    }

    // ------------------------------------------------------------------ definitions, fills, commands, snapshots

    /** Defines (or redefines) the instrument of a symbol id ({@link Names#intern}); stamped with the newest input time. */
    public boolean publishInstrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        final String symbol = names.symbol(symbolId);
        if (symbol == null)
        {
            checks.refuse("instrument id " + symbolId, "no symbol has this id");
            return false;
        }
        if (!checks.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee))
        {
            return false;
        }
        checks.defineSymbol(symbolId);
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.INSTRUMENT, checks.stampTs());
        e.symbolId = symbolId;
        e.tickSize = tickSize;
        e.stepSize = stepSize;
        e.minQty = minQty;
        e.makerFee = makerFee;
        e.takerFee = takerFee;
        publish(s);
        return true;
    }

    /** Defines (or redefines) a profile under its id; stamped with the newest input time. */
    public void publishProfile(final int profileId, final ExitProfile profile)
    {
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.PROFILE, checks.stampTs());
        e.profileId = profileId;
        e.payload = profile;
        publish(s);
    }

    /**
     * An entry fill of the application's own order; {@code profileId} -1 means the default profile,
     * {@code fee} {@link dev.exitengine.core.num.Fixed#NONE} the taker rate. Exact duplicates are
     * refused where fills arrive by name ({@link NamedInputs}), before their account is registered.
     */
    public boolean publishFill(final long ts, final int accountId, final int symbolId, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final int profileId)
    {
        if (!checks.symbol(symbolId, "fill", ts) || !checks.fillValues("fill", orderId, ts, qty, price, fee))
        {
            return false;
        }
        if (names.name(Names.Kind.ACCOUNT, accountId) == null || side == null)
        {
            checks.fillWithoutParties(orderId, ts);
            return false;
        }
        if (profileId != -1 && names.name(Names.Kind.PROFILE, profileId) == null)
        {
            checks.unknownProfileId(InputChecks.fillWhere(orderId, ts), profileId);
            return false;
        }
        if (!checks.fillTime(orderId, ts))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.FILL, ts);
        e.symbolId = symbolId;
        e.accountId = accountId;
        e.profileId = profileId;
        e.side = side;
        e.positionSide = positionSide == null ? PositionSide.BOTH : positionSide;
        e.qty = qty;
        e.price = price;
        e.fee = fee;
        e.orderId = orderId;
        publish(s);
        return true;
    }

    /** An operator command; -1 for an account, symbol or profile it does not name. */
    public boolean publishCommand(final long ts, final CommandType type, final int accountId, final int symbolId, final int profileId,
        final PositionSide positionSide, final boolean on, final TradingState state)
    {
        if (symbolId != -1 && !checks.symbol(symbolId, "command", ts))
        {
            return false;
        }
        final String where = "command " + type + " ts " + ts;
        if (type == CommandType.SET_PROFILE && names.name(Names.Kind.PROFILE, profileId) == null)
        {
            checks.unknownProfileId(where, profileId);
            return false;
        }
        if (!checks.time(ts, where))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.COMMAND, ts);
        e.command = type;
        e.accountId = accountId;
        e.symbolId = symbolId;
        e.profileId = profileId;
        e.positionSide = positionSide;
        e.on = on;
        e.tradingState = state;
        publish(s);
        return true;
    }

    /** The exchange's positions of one account, the source of truth for reconciliation; the event owns {@code snapshot}. */
    public boolean publishPositionSnapshot(final long ts, final int accountId, final Snapshot snapshot)
    {
        for (final int symbolId : snapshot.symbolIds)
        {
            if (!checks.symbol(symbolId, "snapshot", ts))
            {
                return false;
            }
        }
        if (!checks.time(ts, "snapshot " + names.name(Names.Kind.ACCOUNT, accountId)))
        {
            return false;
        }
        final long s = slots.next();
        final EngineEvent e = claim(s, EventType.POSITION_SNAPSHOT, ts);
        e.accountId = accountId;
        e.payload = snapshot;
        publish(s);
        return true;
    }

    // ------------------------------------------------------------------ venue answers: stamped no older than the newest input

    public void publishOrderAck(final long ts, final long clientOrderId)
    {
        final long s = slots.next();
        final EngineEvent e = claimAnswer(s, EventType.ORDER_ACK, ts);
        e.clientOrderId = clientOrderId;
        publish(s);
    }

    public void publishOrderReject(final long ts, final long clientOrderId, final String reason)
    {
        final long s = slots.next();
        final EngineEvent e = claimAnswer(s, EventType.ORDER_REJECT, ts);
        e.clientOrderId = clientOrderId;
        e.text = reason;
        publish(s);
    }

    public void publishOrderFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
    {
        final long s = slots.next();
        final EngineEvent e = claimAnswer(s, EventType.ORDER_FILL, ts);
        e.clientOrderId = clientOrderId;
        e.qty = qty;
        e.price = price;
        e.fee = fee;
        publish(s);
    }

    public void publishOrderExpired(final long ts, final long clientOrderId)
    {
        final long s = slots.next();
        final EngineEvent e = claimAnswer(s, EventType.ORDER_EXPIRED, ts);
        e.clientOrderId = clientOrderId;
        publish(s);
    }

    // ------------------------------------------------------------------ replay

    /** Republishes an input decoded from a journal, as it was (replay and what-if). */
    public void publishDecoded(final EngineEvent decoded)
    {
        if (decoded.type == EventType.INSTRUMENT)
        {
            checks.defineSymbol(decoded.symbolId);
        }
        final long s = slots.next();
        if (s + 1 + seqBase != decoded.seq)
        {
            throw new IllegalStateException("journal input #" + decoded.seq + " arrives as #" + (s + 1 + seqBase) + ": the journal has a gap");
        }
        final EngineEvent e = slots.slot(s);
        e.copyInputFrom(decoded);
        e.ingressNanos = System.nanoTime();
        checks.advance(decoded.ts);
        republish(s);
    }

    /**
     * Publishes an input decoded from a journal as the next input, under the next number rather than its own
     * (a what-if: some of the journal's venue answers are left out and a simulated venue's come in between, so
     * numbers move); venue answers then waiting are published after it, as after any new input.
     */
    public void publishRenumbered(final EngineEvent decoded)
    {
        if (decoded.type == EventType.INSTRUMENT)
        {
            checks.defineSymbol(decoded.symbolId);
        }
        final long s = slots.next();
        final EngineEvent e = slots.slot(s);
        e.copyInputFrom(decoded);
        e.seq = s + 1 + seqBase;
        e.ingressNanos = System.nanoTime();
        checks.advance(decoded.ts);
        publish(s);
    }

    /**
     * Republishes an input straight from its journal record: decoded into the ring slot itself, no
     * intermediate copy (replay's hot loop). {@code doc} is where the record's document stands after it
     * ({@link EventCodec#next}).
     */
    public void publishEncoded(final DirectBuffer buffer, final int offset, final EventCodec.Cursor doc)
    {
        final long s = slots.next();
        final EngineEvent e = slots.slot(s);
        EventCodec.decode(buffer, offset, e, doc);
        if (s + 1 + seqBase != e.seq)
        {
            throw new IllegalStateException("journal input #" + e.seq + " arrives as #" + (s + 1 + seqBase) + ": the journal has a gap");
        }
        if (e.type == EventType.INSTRUMENT)
        {
            checks.defineSymbol(e.symbolId);
        }
        e.ingressNanos = 0;
        checks.advance(e.ts);
        republish(s);
    }

    /**
     * Republishes an input of the journal a run is resuming ({@code ExitEngine.startRecovering}). As
     * {@link #publishEncoded}; besides, when the gateway re-derives its answers ({@link
     * dev.exitengine.core.order.OrderGateway.Recovery#REDERIVE}), a journaled venue answer takes the same
     * answer off the gateway's queue, where the re-run made it again: what is left there at the end was
     * answered before the crash but never journaled, and goes in as the next inputs.
     */
    public void publishRecovered(final DirectBuffer buffer, final int offset, final EventCodec.Cursor doc, final boolean dedupeAnswers)
    {
        final long s = slots.next();
        final EngineEvent e = slots.slot(s);
        EventCodec.decode(buffer, offset, e, doc);
        if (s + 1 + seqBase != e.seq)
        {
            throw new IllegalStateException("journal input #" + e.seq + " arrives as #" + (s + 1 + seqBase) + ": the journal has a gap");
        }
        if (dedupeAnswers && e.type.isGatewayResponse())
        {
            if (!slots.isInline())
            {
                // the answer was made while an earlier input was handled: wait until it was
                awaitHandled(s - 1, quietWait);
            }
            answers.takeJournaled(e);
        }
        if (e.type == EventType.INSTRUMENT)
        {
            checks.defineSymbol(e.symbolId);
        }
        e.ingressNanos = 0;
        checks.advance(e.ts);
        republish(s);
    }

    /** A journaled input: the journal's order is the order of record, so no lockstep and no venue answers here. */
    private void republish(final long s)
    {
        slots.commit(s);
        counters.increment(Counter.EVENTS);
        if (slots.isInline())
        {
            slots.runInline(s);
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** The number of the last input published (0 before the first). */
    public long lastSeq()
    {
        return slots.cursor() + 1 + seqBase;
    }

    /** What the ingress holds across inputs: the input count and the checks' state (defined symbols, newest time). */
    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w)
    {
        w.section(0x494E4752); // "INGR"
        w.putLong(lastSeq());
        checks.snapshotTo(w);
    }

    /** Before the first input: numbers go on from the snapshot's last. */
    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r)
    {
        r.section(0x494E4752, "ingress");
        if (slots.cursor() != -1)
        {
            throw new IllegalStateException("snapshot: restore into an engine that took inputs already");
        }
        seqBase = r.getLong();
        checks.restoreFrom(r);
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Publishes waiting venue answers, until none is left (an answer may cause an order whose answer
     * follows at once). Events published from here never drain again: no re-entrant reads.
     */
    public int pollResponses()
    {
        return answers.poll();
    }

    /**
     * The caller-thread layout: inputs share journal documents, each batch ending when a close is decided, when
     * its document fills, or at {@link #endBatch} (and at every quiet wait), instead of one document per input.
     * For a caller that reads its inputs as fast as it can (a file); a caller that waits for inputs ends the
     * batch before it waits.
     */
    public void batchInline(final boolean on)
    {
        slots.batchInline(on);
    }

    /** Times one input in {@code oneIn} (a power of two; default 1) for the latency histograms: two clock reads an input. */
    public void timeOneIn(final int oneIn)
    {
        if (oneIn < 1 || Integer.bitCount(oneIn) != 1)
        {
            throw new IllegalArgumentException("timeOneIn: a power of two, was " + oneIn);
        }
        timingMask = oneIn - 1;
    }

    /** One input in this many is timed (see {@link #timeOneIn}). */
    public int timedOneIn()
    {
        return timingMask + 1;
    }

    private long claimed;
    private int timingMask;

    /** Journals the inputs and decisions of the caller-thread layout's open batch ({@link #batchInline}). */
    public void endBatch()
    {
        slots.endInlineBatch();
    }

    /** Waits until every published event has passed the last handler and no venue answer is waiting. */
    public void awaitQuiet()
    {
        while (true)
        {
            final long cursor = slots.cursor();
            awaitHandled(cursor, quietWait);
            if (answers.poll() == 0 && slots.cursor() == cursor)
            {
                slots.endInlineBatch();
                return;
            }
        }
    }

    /** Waits until every published event has passed the last handler, leaving venue answers waiting. */
    void awaitHandledNoAnswers()
    {
        awaitHandled(slots.cursor(), quietWait);
        slots.endInlineBatch();
    }

    private void awaitHandled(final long sequence, final Backoff backoff)
    {
        backoff.reset();
        while (lastHandler.get() < sequence)
        {
            backoff.idle();
        }
    }

    private EngineEvent claim(final long sequence, final EventType type, final long ts)
    {
        final EngineEvent e = slots.slot(sequence);
        e.clear(type);
        e.seq = sequence + 1 + seqBase;
        e.ts = ts;
        // an input not timed carries 0, and no latency is recorded for it
        e.ingressNanos = (++claimed & timingMask) == 0 ? System.nanoTime() : 0;
        e.feedLine = checks.positionLine();
        return e;
    }

    /** A venue answer: stamped no older than the newest input, and from no feed line. */
    private EngineEvent claimAnswer(final long sequence, final EventType type, final long ts)
    {
        final EngineEvent e = claim(sequence, type, Math.max(ts, checks.newestTs()));
        e.feedLine = 0;
        return e;
    }

    private void publish(final long sequence)
    {
        slots.commit(sequence);
        counters.increment(Counter.EVENTS);
        if (slots.isInline())
        {
            slots.runInline(sequence);
            if (answers.waiting())
            {
                answers.poll();
            }
            return;
        }
        if (lockstep)
        {
            // the pipeline passes this event before the next is read: a simulated venue answers at the next market event
            awaitHandled(sequence, lockstepWait);
            answers.poll();
            return;
        }
        if ((sequence & 63) == 0)
        {
            counters.set(Counter.RING_REMAINING, slots.remainingCapacity());
        }
        if (answers.waiting())
        {
            answers.poll();
        }
    }
}
