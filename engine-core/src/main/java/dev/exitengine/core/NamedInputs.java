package dev.exitengine.core;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.core.ingest.SnapshotPosition;
import dev.exitengine.core.rules.ExitProfile;

import java.util.List;

/**
 * Inputs as feeds deliver them, by name: resolves each symbol, account, profile and client order id
 * once, refuses what names nothing, and publishes by id through the {@link Ingress} (the path the
 * benchmarks measure). A name is registered only when its input is accepted, so a refused input
 * leaves no trace in the journal. Refuses an exact duplicate entry fill. Use it from one thread.
 */
public final class NamedInputs implements InputSink
{
    /** How many recent entry fills are remembered to refuse an exact duplicate. */
    static final int RECENT_FILLS = 100_000;

    private final Ingress ingress;
    private final Names names;
    private final InputChecks checks;
    private final RecentFills recentFills = new RecentFills(RECENT_FILLS);
    private long inputs;

    NamedInputs(final Ingress ingress)
    {
        this.ingress = ingress;
        this.names = ingress.names();
        this.checks = ingress.checks();
    }

    /** The by-id publisher behind this adapter. */
    public Ingress ingress()
    {
        return ingress;
    }

    private boolean commandAccepted;

    /** With true, an input the ingress refuses stops the feed (an {@link InputRefusedException} from the sink call). */
    public void stopOnRefusal(final boolean stop)
    {
        checks.stopOnRefusal(stop);
    }

    /** How many inputs were delivered here, accepted or not. */
    public long inputsSeen()
    {
        return inputs;
    }

    /** Runs before each feed line's inputs (the engine's periodic snapshots: a line boundary is a clean cut). */
    void beforeEachLine(final Runnable hook)
    {
        lineHook = hook;
    }

    private Runnable lineHook;

    @Override
    public void position(final String source, final long line)
    {
        if (lineHook != null)
        {
            lineHook.run();
        }
        checks.position(source, line);
    }

    @Override
    public void instrument(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        inputs++;
        if (checks.instrument(symbol, tickSize, stepSize, minQty, makerFee, takerFee))
        {
            ingress.publishInstrument(names.intern(Names.Kind.SYMBOL, symbol), tickSize, stepSize, minQty, makerFee, takerFee);
        }
    }

    @Override
    public void profile(final ExitProfile profile)
    {
        inputs++;
        ingress.publishProfile(names.intern(Names.Kind.PROFILE, profile.name), profile);
    }

    @Override
    public void trade(final long ts, final String symbol, final long price, final long qty)
    {
        inputs++;
        final int id = checks.knownSymbol(symbol, "trade", ts);
        if (id >= 0)
        {
            ingress.publishTrade(id, ts, price, qty);
        }
    }

    @Override
    public void quote(final long ts, final String symbol, final long bid, final long ask)
    {
        inputs++;
        final int id = checks.knownSymbol(symbol, "quote", ts);
        if (id >= 0)
        {
            ingress.publishQuote(id, ts, bid, ask);
        }
    }

    @Override
    public void mark(final long ts, final String symbol, final long price)
    {
        inputs++;
        final int id = checks.knownSymbol(symbol, "mark", ts);
        if (id >= 0)
        {
            ingress.publishMark(id, ts, price);
        }
    }

    @Override
    public void timer(final long ts)
    {
        inputs++;
        ingress.publishTimer(ts);
    }

    @Override
    public void fill(final long ts, final String account, final String symbol, final Side side, final PositionSide positionSide,
        final long qty, final long price, final long fee, final String orderId, final String profile)
    {
        inputs++;
        final int symbolId = checks.knownSymbol(symbol, "fill", ts);
        if (symbolId < 0 || !checks.fillValues("fill", orderId, ts, qty, price, fee))
        {
            return;
        }
        if (account == null || account.isEmpty() || side == null)
        {
            checks.fillWithoutParties(orderId, ts);
            return;
        }
        int profileId = -1;
        if (profile != null)
        {
            profileId = checks.knownFillProfile(profile, orderId, ts);
            if (profileId < 0)
            {
                return;
            }
        }
        // remembered even when the time rule then refuses it: a repeat is reported as the duplicate it is
        if (orderId != null && !recentFills.add(account, orderId, ts, qty, price))
        {
            checks.duplicateFill(account, orderId, ts, qty, price);
            return;
        }
        // the time rule before the account is registered: a refused fill leaves no name behind
        if (checks.fillTime(orderId, ts))
        {
            ingress.publishFill(ts, names.intern(Names.Kind.ACCOUNT, account), symbolId, side, positionSide, qty, price, fee, orderId,
                profileId);
        }
    }

    @Override
    public void command(final long ts, final Command command)
    {
        inputs++;
        commandAccepted = false;
        final String where = "command " + command.type + " ts " + ts;
        int symbolId = -1;
        if (command.symbol != null)
        {
            symbolId = checks.knownSymbol(command.symbol, "command", ts);
            if (symbolId < 0)
            {
                return;
            }
        }
        int profileId = -1;
        if (command.type == CommandType.SET_PROFILE)
        {
            profileId = checks.knownProfile(command.profile, where);
            if (profileId < 0)
            {
                return;
            }
        }
        if (checks.time(ts, where))
        {
            final int accountId = command.account == null ? -1 : names.intern(Names.Kind.ACCOUNT, command.account);
            commandAccepted = ingress.publishCommand(ts, command.type, accountId, symbolId, profileId, command.positionSide, command.on,
                command.state);
        }
    }

    /** Whether the last {@link #command} was accepted (what a state store records only then). */
    @Override
    public boolean commandAccepted()
    {
        return commandAccepted;
    }

    @Override
    public void orderAck(final long ts, final String clientOrderId)
    {
        inputs++;
        final long coid = checks.clientOrderId(clientOrderId, "ack", ts);
        if (coid >= 0)
        {
            ingress.publishOrderAck(ts, coid);
        }
    }

    @Override
    public void orderReject(final long ts, final String clientOrderId, final String reason)
    {
        inputs++;
        final long coid = checks.clientOrderId(clientOrderId, "reject", ts);
        if (coid >= 0)
        {
            ingress.publishOrderReject(ts, coid, reason);
        }
    }

    @Override
    public void orderFill(final long ts, final String clientOrderId, final long qty, final long price, final long fee)
    {
        inputs++;
        final long coid = checks.clientOrderId(clientOrderId, "orderFill", ts);
        if (coid >= 0 && checks.fillValues("orderFill", clientOrderId, ts, qty, price, fee))
        {
            ingress.publishOrderFill(ts, coid, qty, price, fee);
        }
    }

    @Override
    public void orderExpired(final long ts, final String clientOrderId)
    {
        inputs++;
        final long coid = checks.clientOrderId(clientOrderId, "expired", ts);
        if (coid >= 0)
        {
            ingress.publishOrderExpired(ts, coid);
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
            symbols[i] = checks.knownSymbol(p.symbol, "snapshot", ts);
            if (symbols[i] < 0)
            {
                return;
            }
            sides[i] = p.positionSide;
            qty[i] = p.qty;
            entry[i] = p.entryPrice;
        }
        if (checks.time(ts, "snapshot " + account))
        {
            ingress.publishPositionSnapshot(ts, names.intern(Names.Kind.ACCOUNT, account), new Snapshot(symbols, sides, qty, entry));
        }
    }

    @Override
    public void rejected(final String where, final String what)
    {
        inputs++;
        // the feed names the place itself and applies its own error policy
        checks.rejectedByFeed(where, what);
    }
}
