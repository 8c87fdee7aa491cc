package dev.exitengine.journal.cluster;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.NamedInputs;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.EventCodec;
import dev.exitengine.core.event.EngineEvent;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The exit engine as an Aeron Cluster service: the Raft log is the sequencer and the input journal; the
 * service thread runs the engine's handlers synchronously ({@link EngineConfig.Layout#CALLER_THREAD}).
 * <p>
 * An ingress message ({@link ClusterWire}) is one journal document from one client: NAME records give the
 * client's ids for names, event records the inputs, numbered by the client's request number in their
 * seq field. Each input goes to the engine by name through {@link NamedInputs}, exactly as a feed's does in a
 * single process (same checks, same refusals, the engine's own ids and input numbers), with the event
 * time the record carries: the wall clock never reaches the engine. Every input kind is carried: market
 * data, timers, instruments, profiles, entry fills, commands, position snapshots and venue answers.
 * <p>
 * <b>Exactly once.</b> Per client the service keeps the last request applied, as part of its replicated
 * state (and of its snapshot): a request at or below it is a resend and is skipped; one past it is applied;
 * one further on (a request lost in between, which an ordered client never causes) is counted as a gap
 * and skipped, the same on every member. After each message the member acknowledges the client's last
 * applied request; only the leader's acknowledgement leaves (Aeron mocks egress on followers), so a
 * client resends from its first unacknowledged request after a failover and nothing is applied twice.
 * <p>
 * <b>Orders: only the leader sends.</b> Every member runs the engine on the same log and so decides the
 * same closes; the engine's gateway here is a member gateway that hands a CLOSE to the member's real
 * venue ({@link ClusterVenue}) only while this member leads the current term, and drops it otherwise.
 * Leading means: role LEADER ({@link #onRoleChange}) and the log's latest new-term event names this member,
 * read while its election is closed (so the old terms a new leader replays during its election never
 * count). The venue's answers are never applied locally: its gateway is bound to the {@link ClusterVenue},
 * whose adapter thread sends them to the cluster as ingress records; every member applies them where the
 * log has them. A send that throws becomes a reject through the same route.
 * <p>
 * <b>Failover.</b> The new leader's own new-term event comes after every entry of the older terms in the
 * log: there, before any entry of its term (so before anything is sent), it hands every close in flight
 * ({@code PositionEvaluator.closesInFlight}: sent, no outcome in the log) to its gateway's
 * {@link dev.exitengine.core.order.OrderGateway#recover}, to be looked up at the venue by its client order id (sent there only when
 * the venue never got it, under the same id), as a single process does in {@code ExitEngine.endRecovery}.
 * The answers enter the log like any others. A close is so sent by exactly one leader and never lost:
 * decided in an old term it is looked up, decided in this term it is sent by this leader.
 * <p>
 * <b>Timers.</b> With a timer interval, the service keeps one cluster timer (scheduled at the first session
 * open, then again at each firing, {@code interval} of cluster time on). The firing is a log entry, so
 * each member turns it into a timer input at the same position, with the firing's cluster timestamp as
 * event time: time rules (time-outs, ROI steps, close retries) fire without market data, the same everywhere.
 * A firing not newer than the engine's last event time, or before any input, is skipped (on every member).
 * <p>
 * <b>Snapshots</b> write, in a fixed order, the clients (sorted by id: last request, names), the timer
 * state and then the engine's whole state ({@link ExitEngine#snapshotTo}); a member starting from one
 * restores both before the log after it is replayed (the pending cluster timer is in the consensus
 * module's snapshot).
 */
public final class ClusteredExitEngine implements ClusteredService
{
    private static final int SNAPSHOT_MAGIC = 0x434C5356; // "CLSV"
    private static final int SNAPSHOT_VERSION = 2;
    /** The correlation id of the service's one timer (service 0: no other bits). */
    private static final long TIMER_ID = 1;
    private static final int SNAPSHOT_CHUNK = 1024;

    private final Supplier<EngineConfig> config;
    private final DecisionListener listener;
    /** What the host adds to the engine's builder (counters, readable latency, more listeners), or null. */
    private Consumer<ExitEngine.Builder> options;
    /** This member's gateway in the engine: closes reach its venue only while it leads. */
    private final LeaderGateway gate;
    private final long timerIntervalMs;
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
    /** Event records of a kind the service does not know. */
    private long unsupported;
    /** Whether the timer was scheduled (replicated: the consensus module keeps it from then on). */
    private boolean timerScheduled;
    /** Timer inputs given to the engine (replicated). */
    private volatile long timerInputs;
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
        this(config, listener, null, 0);
    }

    /**
     * @param config          the engine's configuration, the same on every member (its layout is set to the caller-thread one)
     * @param listener        the decisions of this member, on the service thread
     * @param venue           this member's venue (its gateway's answers go to the cluster), or null: no order leaves
     * @param timerIntervalMs cluster time between timer inputs, 0 for none (the same on every member)
     */
    public ClusteredExitEngine(final Supplier<EngineConfig> config, final DecisionListener listener, final ClusterVenue venue,
        final long timerIntervalMs)
    {
        if (timerIntervalMs < 0)
        {
            throw new IllegalArgumentException("timerIntervalMs must not be negative: " + timerIntervalMs);
        }
        this.config = config;
        this.listener = listener;
        this.gate = new LeaderGateway(venue, msg -> lastError = msg);
        this.timerIntervalMs = timerIntervalMs;
    }

    /** Told on the service thread when this member starts leading (after handing the closes in flight to its venue) and when it stops. */
    @FunctionalInterface
    public interface LeadershipListener
    {
        void onLeadershipChange(boolean leading);
    }

    /**
     * What else acts on the world only while this member leads (a live member's safety stops on the venue); called on
     * the service thread, between log entries. Before the start.
     */
    public ClusteredExitEngine leadershipListener(final LeadershipListener listener)
    {
        gate.leadership(listener);
        return this;
    }

    /**
     * What the host adds to the engine's builder before each start: counters in a mapped file, latency
     * histograms other threads may read, more listeners (an admin endpoint's view). Nothing that changes
     * what the engine decides: that is the configuration's, the same on every member. Before the start.
     */
    public ClusteredExitEngine engineOptions(final Consumer<ExitEngine.Builder> builderOptions)
    {
        this.options = builderOptions;
        return this;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        final EngineConfig c = config.get();
        c.layout = EngineConfig.Layout.CALLER_THREAD;
        // the Raft log is the input journal: the engine keeps none (and encodes none: a sixth of the service's time went into
        // records thrown away); its snapshot then holds every name it knows, which a member restored from it needs
        final ExitEngine.Builder builder = ExitEngine.builder(c).journal(JournalPort.NONE).gateway(gate)
            .listener(listener).errors(msg -> lastError = msg);
        if (options != null)
        {
            options.accept(builder);
        }
        engine = builder.build().start();
        gate.start(cluster, engine);
        inputs = engine.inputs();
        if (snapshotImage != null)
        {
            loadSnapshot(snapshotImage);
            announceOpenPositions();
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        if (timerIntervalMs > 0 && !timerScheduled)
        {
            scheduleTimer(timestamp);
            timerScheduled = true;
        }
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
                    final int result = RecordsByName.apply(inputs, input, client.names);
                    unsupported += result == RecordsByName.UNSUPPORTED ? 1 : 0;
                    malformed += result == RecordsByName.MALFORMED ? 1 : 0;
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
        if (correlationId != TIMER_ID || timerIntervalMs == 0)
        {
            return;
        }
        final long ts = TimeUnit.MILLISECONDS.convert(timestamp, cluster.timeUnit());
        final long last = engine.counters().get(Counter.LAST_EVENT_TS);
        // replicated state only: every member skips the same firings
        if (last > 0 && ts > last)
        {
            inputs.timer(ts);
            timerInputs++;
        }
        scheduleTimer(timestamp);
    }

    /** The next firing, {@link #timerIntervalMs} of cluster time after {@code now} (only from a log callback). */
    private void scheduleTimer(final long now)
    {
        final long deadline = now + cluster.timeUnit().convert(timerIntervalMs, TimeUnit.MILLISECONDS);
        final IdleStrategy idle = cluster.idleStrategy();
        idle.reset();
        while (!cluster.scheduleTimer(TIMER_ID, deadline))
        {
            idle.idle();
        }
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
        w.putInt(timerScheduled ? 1 : 0);
        w.putLong(timerInputs);
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
        final int magic = r.getInt();
        final int version = r.getInt();
        if (magic != SNAPSHOT_MAGIC || version < 1 || version > SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("not a clustered exit engine snapshot of versions 1 to " + SNAPSHOT_VERSION);
        }
        gaps = r.getLong();
        unsupported = r.getLong();
        malformed = r.getLong();
        applied = r.getLong();
        if (version >= 2)
        {
            timerScheduled = r.getInt() == 1;
            timerInputs = r.getLong();
        }
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

    /**
     * After a snapshot: the listeners get a levels decision for every open position (in id order), as a resumed single
     * process's listeners get the decisions its journal holds. What they keep of the open positions (an admin
     * endpoint's view, the safety stops' latest levels) would otherwise miss every position the snapshot restored
     * until its levels next change. Changes no state.
     */
    private void announceOpenPositions()
    {
        final EngineEvent scratch = new EngineEvent();
        scratch.seq = engine.ingress().lastSeq();
        scratch.ts = engine.counters().get(Counter.LAST_EVENT_TS);
        engine.evaluator().levelsOfOpen(scratch);
        for (int i = 0; i < scratch.decisions.size(); i++)
        {
            engine.replayDecision(scratch.decisions.get(i));
        }
    }

    // ------------------------------------------------------------------ roles and the end

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // no state depends on the role (every member applies the same log the same way): it only says whether
        // this member's venue is used
        role = newRole;
        gate.onRoleChange(newRole);
    }

    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit, final int appVersion)
    {
        gate.onNewTerm(leaderMemberId);
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

    /** Whether this member sends closes to its venue now (it leads the current term). */
    public boolean leading()
    {
        return gate.leading();
    }

    /** Closes this member handed to its venue. */
    public long ordersSent()
    {
        return gate.ordersSent();
    }

    /** Closes this member decided while not leading (the leader's to send). */
    public long ordersNotSent()
    {
        return gate.ordersNotSent();
    }

    /** Closes in flight this member handed to its venue to look up when it started leading. */
    public long lookUps()
    {
        return gate.lookUps();
    }

    /** Times this member started leading. */
    public long leaderships()
    {
        return gate.leaderships();
    }

    /** Timer inputs given to the engine (replicated). */
    public long timerInputs()
    {
        return timerInputs;
    }

    /** This member's venue, or null. */
    public ClusterVenue venue()
    {
        return gate.venue();
    }

    /** What the service knows of one client: the last request applied, and the client's names by its ids. */
    private static final class ClientState
    {
        long lastApplied;
        final Names names = new Names();
    }
}
