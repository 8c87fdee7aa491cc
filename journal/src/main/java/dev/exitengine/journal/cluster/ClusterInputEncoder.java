package dev.exitengine.journal.cluster;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.rules.ExitProfile;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.List;

/**
 * A feed's inputs as cluster ingress messages ({@link ClusterWire}): each input becomes a journal record
 * ({@link EventCodec}, compact ticks after the message's first event) numbered with the next request
 * number of this client; a name goes in a NAME record before its first use. A message is handed on when
 * it reaches {@link #FLUSH_AT} bytes and at {@link #flush}; it is never changed afterwards, so a resend is
 * the same bytes. The encoder checks nothing: the service's engine does, as a single process's would.
 * <p>
 * Every input kind is carried: market data, timers, instruments, profiles, entry fills, commands, position
 * snapshots and venue answers (ack, reject, fill, expiry by the engine's client order id). A venue answer
 * whose id is not one of the engine's ({@code xe-<position>-<attempt>}) cannot be written (the record holds
 * the id as a number): it is counted in {@link #rejected()} and never reaches the cluster. The leader's
 * venue side ({@link ClusterVenue}) sends its answers through one of these.
 */
public final class ClusterInputEncoder implements InputSink
{
    /** A message is sent once it holds this much (well under the ingress channel's maximum message of term/8). */
    public static final int FLUSH_AT = 16 * 1024;

    /** Where finished messages go. */
    public interface Sender
    {
        /** {@code lastRequest}: the request number of the message's last input. */
        void send(DirectBuffer buffer, int offset, int length, long lastRequest);
    }

    private final long clientId;
    private final Sender sender;
    private final Names names = new Names();
    private final int[] namesSent = new int[Names.Kind.values().length];
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(2 * FLUSH_AT);
    private final EventCodec.Cursor doc = new EventCodec.Cursor();
    private final EngineEvent e = new EngineEvent();
    private int length;
    private long request;
    private long rejected;
    /** The newest event time given, for definitions (which carry none). */
    private long lastTs;

    public ClusterInputEncoder(final long clientId, final Sender sender)
    {
        this.clientId = clientId;
        this.sender = sender;
        start();
    }

    private void start()
    {
        message.putLong(ClusterWire.CLIENT_ID_OFFSET, clientId, ClusterWire.ORDER);
        length = ClusterWire.RECORDS_OFFSET;
        doc.reset();
    }

    /** The request number of the last input encoded. */
    public long lastRequest()
    {
        return request;
    }

    /** Lines the feed could not read (they never reach the cluster). */
    public long rejected()
    {
        return rejected;
    }

    /** Hands on the message being filled, if it holds anything. */
    public void flush()
    {
        if (length > ClusterWire.RECORDS_OFFSET)
        {
            sender.send(message, 0, length, request);
            start();
        }
    }

    private EngineEvent next(final EventType type, final long ts)
    {
        e.clear(type);
        e.seq = ++request;
        e.ts = ts;
        lastTs = Math.max(lastTs, ts);
        return e;
    }

    private int id(final Names.Kind kind, final String name)
    {
        return name == null ? -1 : names.intern(kind, name);
    }

    private void write()
    {
        name(Names.Kind.SYMBOL, e.symbolId);
        name(Names.Kind.ACCOUNT, e.accountId);
        name(Names.Kind.PROFILE, e.profileId);
        message.checkLimit(length + EventCodec.maxLength(e));
        length += EventCodec.encode(message, length, e, doc);
        if (length >= FLUSH_AT)
        {
            flush();
        }
    }

    private void name(final Names.Kind kind, final int id)
    {
        final int k = kind.ordinal();
        while (id >= namesSent[k])
        {
            final String name = names.name(kind, namesSent[k]);
            message.checkLimit(length + 16 + 4 * name.length());
            length += EventCodec.encodeName(message, length, kind, namesSent[k], name);
            namesSent[k]++;
        }
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        next(EventType.INSTRUMENT, lastTs); // the engine stamps definitions itself
        e.symbolId = id(Names.Kind.SYMBOL, symbol);
        e.tickSize = tickSize;
        e.stepSize = stepSize;
        e.minQty = minQty;
        e.makerFee = makerFee;
        e.takerFee = takerFee;
        write();
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        next(EventType.PROFILE, lastTs);
        e.profileId = id(Names.Kind.PROFILE, profile.name);
        e.payload = profile;
        write();
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        next(EventType.TRADE, ts);
        e.symbolId = id(Names.Kind.SYMBOL, symbol);
        e.price = price;
        e.qty = qty;
        write();
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        next(EventType.QUOTE, ts);
        e.symbolId = id(Names.Kind.SYMBOL, symbol);
        e.bid = bid;
        e.ask = ask;
        write();
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        next(EventType.MARK, ts);
        e.symbolId = id(Names.Kind.SYMBOL, symbol);
        e.price = price;
        write();
    }

    @Override
    public void timer(final long ts)
    {
        next(EventType.TIMER, ts);
        write();
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        next(EventType.FILL, ts);
        e.accountId = id(Names.Kind.ACCOUNT, account);
        e.symbolId = id(Names.Kind.SYMBOL, symbol);
        e.profileId = id(Names.Kind.PROFILE, profile);
        e.side = side;
        e.positionSide = positionSide;
        e.qty = qty;
        e.price = price;
        e.fee = fee;
        e.orderId = orderId;
        write();
    }

    @Override
    public void command(final long ts, final Command command)
    {
        next(EventType.COMMAND, ts);
        e.command = command.type;
        e.accountId = id(Names.Kind.ACCOUNT, command.account);
        e.symbolId = id(Names.Kind.SYMBOL, command.symbol);
        e.profileId = id(Names.Kind.PROFILE, command.profile);
        e.positionSide = command.positionSide;
        e.on = command.on;
        e.tradingState = command.state;
        write();
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        if (answer(EventType.ORDER_ACK, ts, clientOrderId))
        {
            write();
        }
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        if (answer(EventType.ORDER_REJECT, ts, clientOrderId))
        {
            e.text = reason == null ? "" : reason;
            write();
        }
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        if (answer(EventType.ORDER_FILL, ts, clientOrderId))
        {
            e.qty = qty;
            e.price = price;
            e.fee = fee;
            write();
        }
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        if (answer(EventType.ORDER_EXPIRED, ts, clientOrderId))
        {
            write();
        }
    }

    /** Starts a venue answer by the engine's client order id (the caller fills in the rest and writes it); false: not one of ours. */
    private boolean answer(final EventType type, final long ts, final String clientOrderId)
    {
        final long coid;
        try
        {
            coid = ClientOrderIds.parse(clientOrderId);
        }
        catch (final IllegalArgumentException ex)
        {
            // the record holds the id as a number: an id that is not one of the engine's never reaches the cluster
            rejected("venue answer", ex.getMessage());
            return false;
        }
        next(type, ts);
        e.clientOrderId = coid;
        return true;
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        final int n = positions.size();
        final int[] symbols = new int[n];
        final PositionSide[] sides = new PositionSide[n];
        final long[] qty = new long[n];
        final long[] entry = new long[n];
        for (int i = 0; i < n; i++)
        {
            final SnapshotPosition p = positions.get(i);
            symbols[i] = id(Names.Kind.SYMBOL, p.symbol);
            sides[i] = p.positionSide;
            qty[i] = p.qty;
            entry[i] = p.entryPrice;
            // the snapshot's symbols are named before the record (write() names only the header's ids)
            name(Names.Kind.SYMBOL, symbols[i]);
        }
        next(EventType.POSITION_SNAPSHOT, ts);
        e.accountId = id(Names.Kind.ACCOUNT, account);
        e.payload = new Snapshot(symbols, sides, qty, entry);
        write();
    }

    @Override
    public void rejected(final String where, final String what)
    {
        rejected++;
    }
}
