package dev.exitengine.core;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;
import java.util.function.Consumer;

/**
 * The single writer: the only code that publishes to the ring. Feeds call it (as an {@link InputSink})
 * from one thread; venue answers reach it through {@link GatewayResponses}, which it drains between
 * inputs. It resolves names to ids, stamps the wall clock once, checks what can be checked without
 * state (unknown symbol, non-positive price, time running backwards) and refuses bad input with a
 * message that says what and where; nothing already accepted is lost.
 */
public final class Ingress implements InputSink, GatewayResponses.Handler
{
    private final RingBuffer<EngineEvent> ring;
    private final Names names;
    private final EngineCounters counters;
    private final GatewayResponses responses;
    private final Consumer<String> errors;
    private final long maxTimeRegressionMs;
    private final boolean lockstep;
    private Sequence lastHandler;
    private boolean[] definedSymbols = new boolean[16];
    private long newestTs = Long.MIN_VALUE;
    private long inputs;
    private boolean draining;
    /** How many recent entry fills are remembered to refuse an exact duplicate. */
    static final int RECENT_FILLS = 100_000;
    /**
     * Recent entry fills, to refuse an exact duplicate (same account, order, time, quantity and price).
     * Sized for its bound up front: the table never rehashes, so no fill ever waits for one.
     */
    private final java.util.LinkedHashMap<String, Boolean> recentFills = new java.util.LinkedHashMap<>(
        (int)(RECENT_FILLS / 0.75f) + 1, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final java.util.Map.Entry<String, Boolean> eldest)
        {
            return size() > RECENT_FILLS;
        }
    };
    private String positionSource;
    private long positionLine;
    private boolean stopOnRefusal;

    Ingress(final RingBuffer<EngineEvent> ring, final Names names, final EngineCounters counters, final GatewayResponses responses,
        final Consumer<String> errors, final long maxTimeRegressionMs, final boolean lockstep)
    {
        this.ring = ring;
        this.names = names;
        this.counters = counters;
        this.responses = responses;
        this.errors = errors;
        this.maxTimeRegressionMs = maxTimeRegressionMs;
        this.lockstep = lockstep;
    }

    void defineSymbol(final int id)
    {
        if (id >= definedSymbols.length)
        {
            definedSymbols = java.util.Arrays.copyOf(definedSymbols, Math.max(id + 1, definedSymbols.length * 2));
        }
        definedSymbols[id] = true;
    }

    private com.lmax.disruptor.EventHandler<EngineEvent> inline;
    private com.lmax.disruptor.ExceptionHandler<EngineEvent> inlineErrors;
    /** The caller-thread layout's one event slot, its last published sequence, and whether it is being handled. */
    private final EngineEvent inlineSlot = new EngineEvent();
    private long inlineCursor = -1;
    private boolean handlingInline;

    /** Runs {@code pipeline} on this thread after each publish (the caller-thread layout). */
    void inline(final com.lmax.disruptor.EventHandler<EngineEvent> pipeline, final com.lmax.disruptor.ExceptionHandler<EngineEvent> errors)
    {
        inline = pipeline;
        inlineErrors = errors;
    }

    void shutdownInline()
    {
        if (inline != null)
        {
            inline.onShutdown();
        }
    }

    private void runInline(final long sequence)
    {
        final EngineEvent e = inlineSlot;
        handlingInline = true;
        try
        {
            inline.onEvent(e, sequence, true);
        }
        catch (final Throwable ex)
        {
            inlineErrors.handleEventException(ex, sequence, e);
        }
        finally
        {
            handlingInline = false;
        }
    }

    /**
     * The next sequence to fill. The caller-thread layout claims no ring slot: each event is handled
     * before the next is claimed, so one slot serves them all and stays in the cache (cycling through a
     * ring's slots brought a cold slot and its decision list to every event).
     */
    private long next()
    {
        if (inline == null)
        {
            return ring.next();
        }
        if (handlingInline)
        {
            // the slot holds the event being handled: an input published from a handler would overwrite it
            throw new IllegalStateException("an input was published from within the caller-thread pipeline;"
                + " venue answers go through GatewayResponses");
        }
        return inlineCursor + 1;
    }

    private EngineEvent slot(final long sequence)
    {
        return inline == null ? ring.get(sequence) : inlineSlot;
    }

    /** Makes {@code sequence} visible to the consumers; in the caller-thread layout, counts it as published. */
    private void commit(final long sequence)
    {
        if (inline == null)
        {
            ring.publish(sequence);
        }
        else
        {
            inlineCursor = sequence;
        }
    }

    /** The highest published sequence. */
    private long cursor()
    {
        return inline == null ? ring.getCursor() : inlineCursor;
    }

    void lastHandler(final Sequence sequence)
    {
        lastHandler = sequence;
    }

    public Names names()
    {
        return names;
    }

    /** With true, an input the ingress refuses stops the feed (an {@link InputRefusedException} from the sink call). */
    public void stopOnRefusal(final boolean stop)
    {
        stopOnRefusal = stop;
    }

    @Override
    public void position(final String source, final long line)
    {
        positionSource = source;
        positionLine = line;
    }

    /** The id of a defined symbol, or -1: resolve once, then publish by id without allocating. */
    public int symbolId(final String symbol)
    {
        return names.find(Names.Kind.SYMBOL, symbol);
    }

    public int accountId(final String account)
    {
        return names.intern(Names.Kind.ACCOUNT, account);
    }

    // ------------------------------------------------------------------ zero-allocation publishing by id

    public boolean publishTrade(final int symbolId, final long ts, final long price, final long qty)
    {
        if (!checkMarket(symbolId, ts, price, "trade"))
        {
            return false;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.TRADE, ts);
        e.symbolId = symbolId;
        e.price = price;
        e.qty = qty;
        publish(s);
        return true;
    }

    public boolean publishQuote(final int symbolId, final long ts, final long bid, final long ask)
    {
        if (!checkMarket(symbolId, ts, bid, "quote bid") || ask <= 0 || ask < bid)
        {
            if (ask <= 0 || ask < bid)
            {
                refuse("quote " + names.symbol(symbolId) + " ts " + ts, "ask " + Fixed.toString(ask) + " must be positive and not below bid "
                    + Fixed.toString(bid));
            }
            return false;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.QUOTE, ts);
        e.symbolId = symbolId;
        e.bid = bid;
        e.ask = ask;
        publish(s);
        return true;
    }

    public boolean publishMark(final int symbolId, final long ts, final long price)
    {
        if (!checkMarket(symbolId, ts, price, "mark"))
        {
            return false;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.MARK, ts);
        e.symbolId = symbolId;
        e.price = price;
        publish(s);
        return true;
    }

    public boolean publishTimer(final long ts)
    {
        if (!checkTime(ts, "timer"))
        {
            return false;
        }
        final long s = next();
        claim(s, EventType.TIMER, ts);
        publish(s);
        return true;
    }

    // ------------------------------------------------------------------ InputSink: what feeds deliver

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        inputs++;
        if (tickSize <= 0 || stepSize <= 0 || minQty < 0 || makerFee < 0 || takerFee < 0 || takerFee >= Fixed.ONE)
        {
            refuse("instrument " + symbol, "tickSize and stepSize must be positive, fees in [0, 1)");
            return;
        }
        final int id = names.intern(Names.Kind.SYMBOL, symbol);
        defineSymbol(id);
        final long s = next();
        final EngineEvent e = claim(s, EventType.INSTRUMENT, newestTs == Long.MIN_VALUE ? 0 : newestTs);
        e.symbolId = id;
        e.tickSize = tickSize;
        e.stepSize = stepSize;
        e.minQty = minQty;
        e.makerFee = makerFee;
        e.takerFee = takerFee;
        publish(s);
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        inputs++;
        final int id = names.intern(Names.Kind.PROFILE, profile.name);
        final long s = next();
        final EngineEvent e = claim(s, EventType.PROFILE, newestTs == Long.MIN_VALUE ? 0 : newestTs);
        e.profileId = id;
        e.payload = profile;
        publish(s);
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        inputs++;
        final int id = knownSymbol(symbol, "trade", ts);
        if (id >= 0)
        {
            publishTrade(id, ts, price, qty);
        }
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        inputs++;
        final int id = knownSymbol(symbol, "quote", ts);
        if (id >= 0)
        {
            publishQuote(id, ts, bid, ask);
        }
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        inputs++;
        final int id = knownSymbol(symbol, "mark", ts);
        if (id >= 0)
        {
            publishMark(id, ts, price);
        }
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        inputs++;
        final int symbolId = knownSymbol(symbol, "fill", ts);
        if (symbolId < 0)
        {
            return;
        }
        final String where = "fill " + orderId + " ts " + ts;
        if (qty <= 0 || price <= 0 || (fee != Fixed.NONE && fee < 0))
        {
            refuse(where, "qty and price must be positive and fee not negative");
            return;
        }
        if (account == null || account.isEmpty() || side == null)
        {
            refuse(where, "needs account and side");
            return;
        }
        int profileId = -1;
        if (profile != null)
        {
            profileId = names.find(Names.Kind.PROFILE, profile);
            if (profileId < 0)
            {
                refuse(where, "unknown profile '" + profile + "'");
                return;
            }
        }
        if (orderId != null && recentFills.put(account + '\u0000' + orderId + '\u0000' + ts + '\u0000' + qty + '\u0000' + price, Boolean.TRUE) != null)
        {
            refuse(where, "duplicate fill: account " + account + ", order " + orderId + ", qty " + Fixed.toString(qty) + " at "
                + Fixed.toString(price) + " was already applied");
            return;
        }
        if (!checkTime(ts, where))
        {
            return;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.FILL, ts);
        e.symbolId = symbolId;
        e.accountId = names.intern(Names.Kind.ACCOUNT, account);
        e.profileId = profileId;
        e.side = side;
        e.positionSide = positionSide == null ? PositionSide.BOTH : positionSide;
        e.qty = qty;
        e.price = price;
        e.fee = fee;
        e.orderId = orderId;
        publish(s);
    }

    @Override
    public void command(final long ts, final Command command)
    {
        inputs++;
        final String where = "command " + command.type + " ts " + ts;
        int symbolId = -1;
        if (command.symbol != null)
        {
            symbolId = knownSymbol(command.symbol, "command", ts);
            if (symbolId < 0)
            {
                return;
            }
        }
        int profileId = -1;
        if (command.type == CommandType.SET_PROFILE)
        {
            profileId = names.find(Names.Kind.PROFILE, command.profile);
            if (profileId < 0)
            {
                refuse(where, "unknown profile '" + command.profile + "'");
                return;
            }
        }
        if (!checkTime(ts, where))
        {
            return;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.COMMAND, ts);
        e.command = command.type;
        e.accountId = command.account == null ? -1 : names.intern(Names.Kind.ACCOUNT, command.account);
        e.symbolId = symbolId;
        e.profileId = profileId;
        e.positionSide = command.positionSide;
        e.on = command.on;
        e.tradingState = command.state;
        publish(s);
    }

    @Override
    public void timer(final long ts)
    {
        inputs++;
        publishTimer(ts);
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        inputs++;
        final long coid = parseClientOrderId(clientOrderId, "ack", ts);
        if (coid >= 0)
        {
            onAck(ts, coid);
        }
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        inputs++;
        final long coid = parseClientOrderId(clientOrderId, "reject", ts);
        if (coid >= 0)
        {
            onReject(ts, coid, reason);
        }
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        inputs++;
        final long coid = parseClientOrderId(clientOrderId, "orderFill", ts);
        if (coid < 0)
        {
            return;
        }
        if (qty <= 0 || price <= 0 || (fee != Fixed.NONE && fee < 0))
        {
            refuse("orderFill " + clientOrderId + " ts " + ts, "qty and price must be positive and fee not negative");
            return;
        }
        onFill(ts, coid, qty, price, fee);
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        inputs++;
        final long coid = parseClientOrderId(clientOrderId, "expired", ts);
        if (coid >= 0)
        {
            onExpired(ts, coid);
        }
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        inputs++;
        final int n = positions.size();
        final int[] symbols = new int[n];
        final PositionSide[] sides = new PositionSide[n];
        final long[] qty = new long[n];
        final long[] entry = new long[n];
        for (int i = 0; i < n; i++)
        {
            final SnapshotPosition p = positions.get(i);
            symbols[i] = knownSymbol(p.symbol, "snapshot", ts);
            if (symbols[i] < 0)
            {
                return;
            }
            sides[i] = p.positionSide;
            qty[i] = p.qty;
            entry[i] = p.entryPrice;
        }
        if (!checkTime(ts, "snapshot " + account))
        {
            return;
        }
        final long s = next();
        final EngineEvent e = claim(s, EventType.POSITION_SNAPSHOT, ts);
        e.accountId = names.intern(Names.Kind.ACCOUNT, account);
        e.payload = new Snapshot(symbols, sides, qty, entry);
        publish(s);
    }

    @Override
    public void rejected(final String where, final String what)
    {
        inputs++;
        // the feed names the place itself and applies its own error policy
        counters.increment(Counter.INPUTS_REJECTED);
        errors.accept("rejected " + where + ": " + what);
    }

    // ------------------------------------------------------------------ venue answers (GatewayResponses.Handler)

    @Override
    public void onAck(final long ts, final long clientOrderId)
    {
        final long s = next();
        final EngineEvent e = claim(s, EventType.ORDER_ACK, Math.max(ts, newestTs));
        e.clientOrderId = clientOrderId;
        publish(s);
    }

    @Override
    public void onReject(final long ts, final long clientOrderId, final String reason)
    {
        final long s = next();
        final EngineEvent e = claim(s, EventType.ORDER_REJECT, Math.max(ts, newestTs));
        e.clientOrderId = clientOrderId;
        e.text = reason;
        publish(s);
    }

    @Override
    public void onFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
    {
        final long s = next();
        final EngineEvent e = claim(s, EventType.ORDER_FILL, Math.max(ts, newestTs));
        e.clientOrderId = clientOrderId;
        e.qty = qty;
        e.price = price;
        e.fee = fee;
        publish(s);
    }

    @Override
    public void onExpired(final long ts, final long clientOrderId)
    {
        final long s = next();
        final EngineEvent e = claim(s, EventType.ORDER_EXPIRED, Math.max(ts, newestTs));
        e.clientOrderId = clientOrderId;
        publish(s);
    }

    // ------------------------------------------------------------------ replay

    /** Republishes an input decoded from a journal, as it was (replay and what-if). */
    public void publishDecoded(final EngineEvent decoded)
    {
        if (decoded.type == EventType.INSTRUMENT)
        {
            defineSymbol(decoded.symbolId);
        }
        final long s = next();
        if (s + 1 != decoded.seq)
        {
            throw new IllegalStateException("journal input #" + decoded.seq + " arrives as #" + (s + 1) + ": the journal has a gap");
        }
        final EngineEvent e = slot(s);
        e.copyInputFrom(decoded);
        e.ingressNanos = System.nanoTime();
        newestTs = Math.max(newestTs, decoded.ts);
        commit(s);
        counters.increment(Counter.EVENTS);
        if (inline != null)
        {
            runInline(s);
        }
    }

    /**
     * Republishes an input straight from its journal record: decoded into the ring slot itself, no
     * intermediate copy (replay's hot loop). {@code doc} is where the record's document stands after it
     * ({@link dev.exitengine.core.codec.EventCodec#next}).
     */
    public void publishEncoded(final org.agrona.DirectBuffer buffer, final int offset,
        final dev.exitengine.core.codec.EventCodec.Cursor doc)
    {
        final long s = next();
        final EngineEvent e = slot(s);
        dev.exitengine.core.codec.EventCodec.decode(buffer, offset, e, doc);
        if (s + 1 != e.seq)
        {
            throw new IllegalStateException("journal input #" + e.seq + " arrives as #" + (s + 1) + ": the journal has a gap");
        }
        if (e.type == EventType.INSTRUMENT)
        {
            defineSymbol(e.symbolId);
        }
        e.ingressNanos = 0;
        if (e.ts > newestTs)
        {
            newestTs = e.ts;
        }
        commit(s);
        counters.increment(Counter.EVENTS);
        if (inline != null)
        {
            runInline(s);
        }
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Publishes waiting venue answers, until none is left (an answer may cause an order whose answer
     * follows at once). Events published from here never drain again: no re-entrant reads.
     */
    public int pollResponses()
    {
        if (draining)
        {
            return 0;
        }
        draining = true;
        int total = 0;
        try
        {
            int n;
            do
            {
                n = responses.drain(this);
                total += n;
            }
            while (n > 0);
        }
        finally
        {
            draining = false;
        }
        return total;
    }

    /** Waits until every published event has passed the last handler and no venue answer is waiting. */
    public void awaitQuiet()
    {
        while (true)
        {
            final long cursor = cursor();
            while (lastHandler.get() < cursor)
            {
                Thread.onSpinWait();
                Thread.yield();
            }
            if (pollResponses() == 0 && cursor() == cursor)
            {
                return;
            }
        }
    }

    public long inputsSeen()
    {
        return inputs;
    }

    private EngineEvent claim(final long sequence, final EventType type, final long ts)
    {
        final EngineEvent e = slot(sequence);
        e.clear(type);
        e.seq = sequence + 1;
        e.ts = ts;
        e.ingressNanos = System.nanoTime();
        return e;
    }

    private void publish(final long sequence)
    {
        commit(sequence);
        counters.increment(Counter.EVENTS);
        if (inline != null)
        {
            runInline(sequence);
            if (!responses.isEmpty())
            {
                pollResponses();
            }
            return;
        }
        if (lockstep)
        {
            // the pipeline passes this event before the next is read: a simulated venue answers at the next market event
            int spins = 0;
            while (lastHandler.get() < sequence)
            {
                if (++spins < 200)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
            }
            pollResponses();
            return;
        }
        if ((sequence & 63) == 0)
        {
            counters.set(Counter.RING_REMAINING, ring.remainingCapacity());
        }
        if (!responses.isEmpty())
        {
            pollResponses();
        }
    }

    private int knownSymbol(final String symbol, final String what, final long ts)
    {
        final int id = symbol == null ? -1 : names.find(Names.Kind.SYMBOL, symbol);
        if (id < 0 || id >= definedSymbols.length || !definedSymbols[id])
        {
            refuse(what + " ts " + ts, "unknown symbol '" + symbol + "' (no instrument definition)");
            return -1;
        }
        return id;
    }

    private boolean checkMarket(final int symbolId, final long ts, final long price, final String what)
    {
        if (symbolId < 0 || symbolId >= definedSymbols.length || !definedSymbols[symbolId])
        {
            refuse(what + " ts " + ts, "unknown symbol id " + symbolId);
            return false;
        }
        if (price <= 0)
        {
            refuse(what + " " + names.symbol(symbolId) + " ts " + ts, "price must be positive, was " + Fixed.toString(price));
            return false;
        }
        if (ts >= 0 && (newestTs == Long.MIN_VALUE || ts >= newestTs - maxTimeRegressionMs))
        {
            // the common case, without building the text a refusal would need
            if (ts > newestTs)
            {
                newestTs = ts;
            }
            return true;
        }
        return checkTime(ts, what + " " + names.symbol(symbolId));
    }

    private boolean checkTime(final long ts, final String where)
    {
        if (ts < 0)
        {
            refuse(where, "ts must not be negative, was " + ts);
            return false;
        }
        if (newestTs != Long.MIN_VALUE && ts < newestTs - maxTimeRegressionMs)
        {
            refuse(where + " ts " + ts, "out of order: " + (newestTs - ts) + " ms older than the newest input (" + newestTs
                + "), more than maxTimeRegressionMs " + maxTimeRegressionMs);
            return false;
        }
        if (ts > newestTs)
        {
            newestTs = ts;
        }
        return true;
    }

    private long parseClientOrderId(final String text, final String what, final long ts)
    {
        try
        {
            return ClientOrderIds.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(what + " ts " + ts, ex.getMessage());
            return -1;
        }
    }

    private void refuse(final String where, final String what)
    {
        counters.increment(Counter.INPUTS_REJECTED);
        final String message = positionSource == null
            ? "rejected " + where + ": " + what
            : "rejected " + positionSource + ":" + positionLine + ": " + what + " (" + where + ")";
        errors.accept(message);
        if (stopOnRefusal)
        {
            throw new InputRefusedException(message);
        }
    }
}
