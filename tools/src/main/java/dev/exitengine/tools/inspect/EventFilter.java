package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.Snapshot;
import dev.exitengine.core.order.ClientOrderIds;

import java.util.Set;

/**
 * What {@code inspect} shows: every filter given must hold (time, type, symbol, account, position).
 * <ul>
 * <li>Time: the event time, {@code from} and {@code to} both included; a decision has its input's time.</li>
 * <li>Symbol and account: a decision's own; an input's own (a tick, a fill, an instrument, a command, a
 *     snapshot that lists the symbol, the account of a fill, a command or a snapshot); a venue answer's is that
 *     of the close it answers; an input that names none (a timer, a global command, a tick for an account)
 *     matches when one of the decisions it caused does: the tick that triggered one of the account's closes
 *     is shown with {@code --account}, the ticks that did nothing to it are not.</li>
 * <li>Position: the decisions naming it; the inputs that caused one of them (its entry and adding fills, the
 *     ticks that moved its levels or triggered its close, the commands that acted on it); the venue answers
 *     carrying one of its client order ids ({@code xe-ID-n}); and the fills and commands naming its account and
 *     symbol during its life ({@link PositionLife}), such as a fill from outside that closed it. Market data that
 *     moved nothing of it is not shown: use {@code --symbol} with a time range for that.</li>
 * </ul>
 */
public final class EventFilter
{
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    /** Input kinds shown; null for all. */
    Set<EventType> inputTypes;
    /** Decision kinds shown; null for all. */
    Set<DecisionType> decisionTypes;
    String symbol;
    String account;
    long positionId = -1;
    private PositionLife life;
    private int symbolId = -1;
    private int accountId = -1;

    /** Every input and decision. */
    public EventFilter()
    {
    }

    public EventFilter between(final Long fromMs, final Long toMs)
    {
        this.from = fromMs == null ? Long.MIN_VALUE : fromMs;
        this.to = toMs == null ? Long.MAX_VALUE : toMs;
        return this;
    }

    /** Only these kinds: inputs by {@link EventType}, decisions by {@link DecisionType}; null for every kind. */
    public EventFilter types(final Set<EventType> inputs, final Set<DecisionType> decisions)
    {
        this.inputTypes = inputs;
        this.decisionTypes = decisions;
        return this;
    }

    public EventFilter symbol(final String name)
    {
        this.symbol = name;
        return this;
    }

    public EventFilter account(final String name)
    {
        this.account = name;
        return this;
    }

    /** Only what belongs to this position; negative for every position. */
    public EventFilter position(final long id)
    {
        this.positionId = id;
        this.life = id < 0 ? null : new PositionLife(id);
        return this;
    }

    boolean decision(final Decision d, final Names names)
    {
        return d.ts >= from && d.ts <= to
            && (decisionTypes == null || decisionTypes.contains(d.type))
            && (symbol == null || (d.symbolId >= 0 && d.symbolId == symbolId(names)))
            && (account == null || (d.accountId >= 0 && d.accountId == accountId(names)))
            && (positionId < 0 || d.positionId == positionId);
    }

    boolean input(final InputGroup group, final Names names, final CloseOwners owners)
    {
        // the position's life is followed through every group, shown or not
        final boolean namesPosition = life != null && life.namesIt(group);
        final EngineEvent e = group.input;
        if (e.ts < from || e.ts > to || (inputTypes != null && !inputTypes.contains(e.type)))
        {
            return false;
        }
        if (symbol != null && !symbolMatches(group, names, owners))
        {
            return false;
        }
        if (account != null && !accountMatches(group, names, owners))
        {
            return false;
        }
        return positionId < 0 || namesPosition || positionMatches(group);
    }

    private boolean symbolMatches(final InputGroup group, final Names names, final CloseOwners owners)
    {
        final EngineEvent e = group.input;
        final int wanted = symbolId(names);
        if (wanted < 0)
        {
            return false;
        }
        if (e.type == EventType.POSITION_SNAPSHOT)
        {
            for (final int id : ((Snapshot)e.payload).symbolIds)
            {
                if (id == wanted)
                {
                    return true;
                }
            }
            return false;
        }
        final int own = e.symbolId >= 0 ? e.symbolId
            : e.type.isGatewayResponse() ? owners.symbolOf(ClientOrderIds.positionId(e.clientOrderId)) : -1;
        if (own >= 0)
        {
            return own == wanted;
        }
        for (int i = 0; i < group.size(); i++)
        {
            if (group.decision(i).symbolId == wanted)
            {
                return true;
            }
        }
        return false;
    }

    private boolean accountMatches(final InputGroup group, final Names names, final CloseOwners owners)
    {
        final EngineEvent e = group.input;
        final int wanted = accountId(names);
        if (wanted < 0)
        {
            return false;
        }
        final int own = e.accountId >= 0 ? e.accountId
            : e.type.isGatewayResponse() ? owners.accountOf(ClientOrderIds.positionId(e.clientOrderId)) : -1;
        if (own >= 0)
        {
            return own == wanted;
        }
        for (int i = 0; i < group.size(); i++)
        {
            if (group.decision(i).accountId == wanted)
            {
                return true;
            }
        }
        return false;
    }

    private boolean positionMatches(final InputGroup group)
    {
        final EngineEvent e = group.input;
        if (e.type.isGatewayResponse() && ClientOrderIds.positionId(e.clientOrderId) == positionId)
        {
            return true;
        }
        for (int i = 0; i < group.size(); i++)
        {
            if (group.decision(i).positionId == positionId)
            {
                return true;
            }
        }
        return false;
    }

    /** Ids are assigned as names first appear: looked up until the journal has brought the name, then kept. */
    private int symbolId(final Names names)
    {
        if (symbolId < 0)
        {
            symbolId = names.find(Names.Kind.SYMBOL, symbol);
        }
        return symbolId;
    }

    private int accountId(final Names names)
    {
        if (accountId < 0)
        {
            accountId = names.find(Names.Kind.ACCOUNT, account);
        }
        return accountId;
    }
}
