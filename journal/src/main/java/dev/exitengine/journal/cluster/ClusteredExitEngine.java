package dev.exitengine.journal.cluster;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.NamedInputs;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.snapshot.SnapshotReader;
import dev.exitengine.core.snapshot.SnapshotWriter;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The exit engine as an Aeron Cluster service: the Raft log is the sequencer and the input journal; the
 * service thread runs the engine's handlers synchronously ({@link EngineConfig.Layout#CALLER_THREAD}).
 * <p>
 * An ingress message ({@link ClusterWire}) is one journal document from one client: NAME records give the
 * client's ids for names, event records the inputs, numbered by the client's request number in their
 * seq field. Each input goes to the engine by name through {@link NamedInputs}, exactly as a feed's does in a
 * single process (same checks, same refusals, the engine's own ids and input numbers), with the event
 * time the record carries: the cluster's timestamp and the wall clock never reach the engine.
 * <p>
 * <b>Exactly once.</b> Per client the service keeps the last request applied, as part of its replicated
 * state (and of its snapshot): a request at or below it is a resend and is skipped; one past it is applied;
 * one further on (a request lost in between, which an ordered client never causes) is counted as a gap
 * and skipped, the same on every member. After each message the member acknowledges the client's last
 * applied request; only the leader's acknowledgement leaves (Aeron mocks egress on followers), so a
 * client resends from its first unacknowledged request after a failover and nothing is applied twice.
 * <p>
 * <b>Snapshots</b> write, in a fixed order, the clients (sorted by id: last request, names) and then the
 * engine's whole state ({@link ExitEngine#snapshotTo}); a member starting from one restores both before
 * the log after it is replayed. <b>Venue:</b> none in this slice ({@link OrderGateway#NONE}): decisions
 * go to the listener on every member alike; sending orders from the leader only is the next step.
 */
public final class ClusteredExitEngine implements ClusteredService
{
    private static final int SNAPSHOT_MAGIC = 0x434C5356; // "CLSV"
    private static final int SNAPSHOT_VERSION = 1;
    private static final int SNAPSHOT_CHUNK = 1024;

    private final Supplier<EngineConfig> config;
    private final DecisionListener listener;
    /** The clients in id order: a snapshot writes them in that order on every member. */
    private final TreeMap<Long, ClientState> clients = new TreeMap<>();
    private final EventCodec.Cursor doc = new EventCodec.Cursor();
    private final EngineEvent input = new EngineEvent();
    private final UnsafeBuffer ack = new UnsafeBuffer(new byte[ClusterWire.ACK_LENGTH]);
    private Cluster cluster;
    private ExitEngine engine;
    private NamedInputs inputs;
    /** Requests skipped because one before them never arrived (replicated state: the same on every member). */
    private long gaps;
    /** Records of a kind this slice does not take yet (commands, venue answers, position snapshots). */
    private long unsupported;
    /** Records that did not parse. */
    private long malformed;
    /** Applied requests of all clients, for observers on other threads (tests, a status line). */
    private volatile long applied;
    private volatile String lastError;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;

    /**
     * @param config   the engine's configuration, the same on every member (its layout is set to the caller-thread one)
     * @param listener the decisions of this member, on the service thread
     */
    public ClusteredExitEngine(final Supplier<EngineConfig> config, final DecisionListener listener)
    {
        this.config = config;
        this.listener = listener;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        final EngineConfig c = config.get();
        c.layout = EngineConfig.Layout.CALLER_THREAD;
        engine = ExitEngine.builder(c).journal(new CountingJournal()).gateway(OrderGateway.NONE).listener(listener)
            .errors(msg -> lastError = msg).build().start();
        inputs = engine.inputs();
        if (snapshotImage != null)
        {
            loadSnapshot(snapshotImage);
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        if (length < ClusterWire.RECORDS_OFFSET)
        {
            malformed++;
            return;
        }
        final long clientId = buffer.getLong(offset + ClusterWire.CLIENT_ID_OFFSET, ClusterWire.ORDER);
        ClientState client = clients.get(clientId);
        if (client == null)
        {
            client = new ClientState();
            clients.put(clientId, client);
        }
        final int limit = offset + length;
        int at = offset + ClusterWire.RECORDS_OFFSET;
        doc.reset();
        while (at < limit)
        {
            final byte kind = EventCodec.recordKind(buffer, at);
            final int recordLength = EventCodec.next(buffer, at, limit, doc);
            if (recordLength < 0)
            {
                malformed++;
                break;
            }
            if (kind == EventCodec.KIND_NAME)
            {
                // a resent message names again what it named the first time: the same id, so nothing changes
                EventCodec.decodeName(buffer, at, client.names);
            }
            else
            {
                EventCodec.decode(buffer, at, input, doc);
                if (input.seq == client.lastApplied + 1)
                {
                    apply(input, client.names);
                    client.lastApplied = input.seq;
                    applied++;
                }
                else if (input.seq > client.lastApplied + 1)
                {
                    gaps++;
                }
            }
            at += recordLength;
        }
        acknowledge(session, clientId, client.lastApplied);
    }

    /** One input, by name, as a feed gives it to a single process. */
    private void apply(final EngineEvent e, final Names names)
    {
        switch (e.type)
        {
            case TRADE:
                inputs.trade(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.price, e.qty);
                break;
            case QUOTE:
                inputs.quote(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.bid, e.ask);
                break;
            case MARK:
                inputs.mark(e.ts, names.name(Names.Kind.SYMBOL, e.symbolId), e.price);
                break;
            case TIMER:
                inputs.timer(e.ts);
                break;
            case INSTRUMENT:
                inputs.instrument(names.name(Names.Kind.SYMBOL, e.symbolId), e.tickSize, e.stepSize, e.minQty, e.makerFee, e.takerFee);
                break;
            case PROFILE:
                inputs.profile(e.profile());
                break;
            case FILL:
                inputs.fill(e.ts, names.name(Names.Kind.ACCOUNT, e.accountId), names.name(Names.Kind.SYMBOL, e.symbolId), e.side,
                    e.positionSide, e.qty, e.price, e.fee, e.orderId, e.profileId < 0 ? null : names.name(Names.Kind.PROFILE, e.profileId));
                break;
            default:
                unsupported++;
                break;
        }
    }

    private void acknowledge(final ClientSession session, final long clientId, final long lastApplied)
    {
        if (session == null)
        {
            return;
        }
        ack.putLong(ClusterWire.ACK_CLIENT_ID_OFFSET, clientId, ClusterWire.ORDER);
        ack.putLong(ClusterWire.ACK_LAST_APPLIED_OFFSET, lastApplied, ClusterWire.ORDER);
        // best effort (it touches no state): a lost acknowledgement is covered by the next, or by the client's resend
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            final long result = session.offer(ack, 0, ClusterWire.ACK_LENGTH);
            if (result >= 0 || (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION))
            {
                return;
            }
            idle.idle();
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public void onTakeSnapshot(final ExclusivePublication publication)
    {
        final SnapshotWriter w = new SnapshotWriter(4096);
        w.putInt(SNAPSHOT_MAGIC);
        w.putInt(SNAPSHOT_VERSION);
        w.putLong(gaps);
        w.putLong(unsupported);
        w.putLong(malformed);
        w.putLong(applied);
        w.putInt(clients.size());
        for (final Map.Entry<Long, ClientState> c : clients.entrySet())
        {
            w.putLong(c.getKey());
            w.putLong(c.getValue().lastApplied);
            c.getValue().names.snapshotTo(w, sizes(c.getValue().names));
        }
        final SnapshotWriter state = new SnapshotWriter(64 * 1024);
        engine.snapshotTo(state);
        w.putInt(state.length());
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(w.length() + state.length());
        out.putBytes(0, w.buffer(), 0, w.length());
        out.putBytes(w.length(), state.buffer(), 0, state.length());
        final int total = w.length() + state.length();
        final IdleStrategy idle = cluster.idleStrategy();
        for (int at = 0; at < total; at += SNAPSHOT_CHUNK)
        {
            final int chunk = Math.min(SNAPSHOT_CHUNK, total - at);
            idle.reset();
            while (true)
            {
                final long result = publication.offer(out, at, chunk);
                if (result > 0)
                {
                    break;
                }
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || result == Publication.NOT_CONNECTED)
                {
                    throw new IllegalStateException("snapshot publication refused a chunk: " + Publication.errorString(result));
                }
                idle.idle();
            }
        }
    }

    private static int[] sizes(final Names names)
    {
        final int[] n = new int[Names.Kind.values().length];
        for (final Names.Kind k : Names.Kind.values())
        {
            n[k.ordinal()] = names.size(k);
        }
        return n;
    }

    private void loadSnapshot(final Image image)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
        final int[] length = {0};
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        while (!image.isEndOfStream())
        {
            final int fragments = image.poll((buffer, offset, len, header) ->
            {
                bytes.putBytes(length[0], buffer, offset, len);
                length[0] += len;
            }, 64);
            if (fragments == 0)
            {
                if (image.isClosed())
                {
                    break;
                }
                idle.idle(fragments);
            }
        }
        final SnapshotReader r = new SnapshotReader(bytes, 0, length[0]);
        if (r.getInt() != SNAPSHOT_MAGIC || r.getInt() != SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("not a clustered exit engine snapshot of version " + SNAPSHOT_VERSION);
        }
        gaps = r.getLong();
        unsupported = r.getLong();
        malformed = r.getLong();
        applied = r.getLong();
        final int n = r.getInt();
        for (int i = 0; i < n; i++)
        {
            final long clientId = r.getLong();
            final ClientState c = new ClientState();
            c.lastApplied = r.getLong();
            c.names.restoreFrom(r);
            clients.put(clientId, c);
        }
        final int engineLength = r.getInt();
        engine.restore(bytes, r.position(), engineLength);
    }

    // ------------------------------------------------------------------ roles and the end

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // observed only: no state depends on the role (every member must apply the same log the same way)
        role = newRole;
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        if (engine != null)
        {
            engine.close();
        }
    }

    // ------------------------------------------------------------------ observation (any thread; read when the log is quiet)

    /** Requests applied, of all clients. */
    public long applied()
    {
        return applied;
    }

    /** The evaluator's state hash; exact once {@link #applied()} has stopped moving. */
    public long stateHash()
    {
        return engine.evaluator().stateHash();
    }

    public ExitEngine engine()
    {
        return engine;
    }

    public long gaps()
    {
        return gaps;
    }

    public long unsupported()
    {
        return unsupported;
    }

    public long malformed()
    {
        return malformed;
    }

    public String lastError()
    {
        return lastError;
    }

    public Cluster.Role role()
    {
        return role;
    }

    /** What the service knows of one client: the last request applied, and the client's names by its ids. */
    private static final class ClientState
    {
        long lastApplied;
        final Names names = new Names();
    }

    /**
     * The engine's journal port in a member: the Raft log is the input journal, so nothing is kept here; it
     * says it records inputs so that the journal handler counts the names the inputs used, which the
     * engine's snapshot holds.
     */
    private static final class CountingJournal implements JournalPort
    {
        @Override
        public void writeHeader(final int formatVersion, final String configuration)
        {
        }

        @Override
        public void appendInputs(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void appendOutputs(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void close()
        {
        }
    }
}
