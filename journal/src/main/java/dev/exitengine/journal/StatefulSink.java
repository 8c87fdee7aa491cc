package dev.exitengine.journal;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * Sits between a feed and the ingress: records each command's lasting effect in the {@link StateStore}
 * as it passes, and on the first input with a time replays what a previous run left there, so a
 * restarted engine resumes a forced unwind or a halt before anything else happens.
 */
public final class StatefulSink implements InputSink
{
    private final InputSink next;
    private final StateStore store;
    private List<Command> pending;

    public StatefulSink(final InputSink next, final StateStore store)
    {
        this(next, store, true);
    }

    /**
     * @param restore whether to replay the store's state first: not for a resumed run, whose journal holds
     *                the commands already
     */
    public StatefulSink(final InputSink next, final StateStore store, final boolean restore)
    {
        this.next = next;
        this.store = store;
        this.pending = restore ? store.restoringCommands() : null;
    }

    private void restore(final long ts)
    {
        if (pending != null)
        {
            final List<Command> commands = pending;
            pending = null;
            for (final Command c : commands)
            {
                next.command(ts, c);
            }
        }
    }

    @Override
    public void command(final long ts, final Command command)
    {
        restore(ts);
        next.command(ts, command);
        // only what the engine took: a refused command recorded here would greet the next run, unexplained
        if (next.commandAccepted())
        {
            store.record(command);
        }
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        next.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        next.profile(profile);
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        restore(ts);
        next.trade(ts, symbol, price, qty);
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        restore(ts);
        next.quote(ts, symbol, bid, ask);
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        restore(ts);
        next.mark(ts, symbol, price);
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        restore(ts);
        next.fill(ts, account, symbol, side, positionSide, qty, price, fee, orderId, profile);
    }

    @Override
    public void timer(final long ts)
    {
        restore(ts);
        next.timer(ts);
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        restore(ts);
        next.orderAck(ts, clientOrderId);
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        restore(ts);
        next.orderReject(ts, clientOrderId, reason);
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        restore(ts);
        next.orderFill(ts, clientOrderId, qty, price, fee);
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        restore(ts);
        next.orderExpired(ts, clientOrderId);
    }

    @Override
    public void positionSnapshot(final long ts, final String account, final List<SnapshotPosition> positions)
    {
        restore(ts);
        next.positionSnapshot(ts, account, positions);
    }

    @Override
    public boolean commandAccepted()
    {
        return next.commandAccepted();
    }

    @Override
    public void rejected(final String where, final String what)
    {
        next.rejected(where, what);
    }
}
