package dev.exitengine.journal.cluster;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * An {@link InputSink} in front of N shards (issue 19): each downstream sink is one shard's, a single
 * process's {@code engine.inputs()} or a cluster's ingress ({@link ClusterInputEncoder} with a
 * {@link ClusterIngressClient}). It keeps no state that routing depends on: {@link AccountShards} decides.
 * <ul>
 * <li>to the account's shard only: fills, position snapshots, commands naming an account;</li>
 * <li>to the shard whose position-id range holds the client order id: acks, rejects, order fills,
 *     expiries; one that is no engine's or in no shard's range goes to shard 0, where the engine refuses
 *     it as a single process would (counted in {@link #unrouted});</li>
 * <li>to every shard, in shard order: trades, quotes, marks, timers, instruments, profiles, commands for
 *     every account (no account), and {@link #position} (where the next input comes from);</li>
 * <li>to shard 0: {@link #rejected} (a line the feed could not read is counted once).</li>
 * </ul>
 * One thread, as every feed calls a sink. A shard that throws (a cluster ingress refusing a kind it does
 * not carry yet) throws to the feed, as it would without the router.
 */
public final class ShardRouter implements InputSink
{
    private final AccountShards shards;
    private final InputSink[] sinks;
    private final long[] routed;
    private long broadcasts;
    private long unrouted;
    private boolean commandAccepted = true;

    /** @param sinks shard {@code k}'s sink at index {@code k}; as many as {@code shards.count()} */
    public ShardRouter(final AccountShards shards, final List<? extends InputSink> sinks)
    {
        if (sinks.size() != shards.count())
        {
            throw new IllegalArgumentException(shards.count() + " shards need as many sinks, not " + sinks.size());
        }
        this.shards = shards;
        this.sinks = sinks.toArray(new InputSink[0]);
        this.routed = new long[this.sinks.length];
    }

    public AccountShards shards()
    {
        return shards;
    }

    /** Inputs that went to shard {@code k} alone. */
    public long routed(final int k)
    {
        return routed[k];
    }

    /** Inputs that went to every shard. */
    public long broadcasts()
    {
        return broadcasts;
    }

    /** Venue answers whose client order id belongs to no shard (sent to shard 0, which refuses them). */
    public long unrouted()
    {
        return unrouted;
    }

    private InputSink account(final String account)
    {
        final int k = shards.shardOf(account);
        routed[k]++;
        return sinks[k];
    }

    private InputSink order(final String clientOrderId)
    {
        int k = shards.shardOfClientOrderId(clientOrderId);
        if (k == AccountShards.NONE)
        {
            unrouted++;
            k = 0;
        }
        routed[k]++;
        return sinks[k];
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
        }
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.profile(profile);
        }
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.trade(ts, symbol, price, qty);
        }
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.quote(ts, symbol, bid, ask);
        }
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.mark(ts, symbol, price);
        }
    }

    @Override
    public void timer(final long ts)
    {
        broadcasts++;
        for (final InputSink s : sinks)
        {
            s.timer(ts);
        }
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        if (account == null)
        {
            // nothing to route by: shard 0's engine refuses it as a single process would
            unrouted++;
            routed[0]++;
            sinks[0].fill(ts, null, symbol, side, positionSide, qty, price, fee, orderId, profile);
            return;
        }
        account(account).fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
    }

    @Override
    public void command(final long ts, final Command command)
    {
        if (command.account == null)
        {
            broadcasts++;
            boolean accepted = true;
            for (final InputSink s : sinks)
            {
                s.command(ts, command);
                accepted &= s.commandAccepted();
            }
            commandAccepted = accepted;
            return;
        }
        final InputSink s = account(command.account);
        s.command(ts, command);
        commandAccepted = s.commandAccepted();
    }

    @Override
    public boolean commandAccepted()
    {
        return commandAccepted;
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        order(clientOrderId).orderAck(ts, clientOrderId);
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        order(clientOrderId).orderReject(ts, clientOrderId, reason);
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        order(clientOrderId).orderFill(ts, clientOrderId, qty, price, fee);
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        order(clientOrderId).orderExpired(ts, clientOrderId);
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        if (account == null)
        {
            unrouted++;
            routed[0]++;
            sinks[0].positionSnapshot(ts, null, positions);
            return;
        }
        account(account).positionSnapshot(ts, account, positions);
    }

    @Override
    public void position(final String source, final long line)
    {
        for (final InputSink s : sinks)
        {
            s.position(source, line);
        }
    }

    @Override
    public void rejected(final String where, final String what)
    {
        sinks[0].rejected(where, what);
    }
}
