package dev.exitengine.journal.cluster;

import dev.exitengine.core.ExitEngine;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterCounters;
import org.agrona.concurrent.status.CountersReader;

import java.util.function.Consumer;

/**
 * The engine's gateway in a cluster member ({@link ClusteredExitEngine}): every member's engine calls it
 * alike, on the service thread; a close reaches this member's venue only while the member leads the current
 * term. Its answers never come back here (the venue is bound to its {@link ClusterVenue}, whose adapter sends
 * them to the log), and the engine's own answer queue stays empty: no member applies anything the log does
 * not hold. Nothing here is replicated state: it only decides whether this member's venue is used.
 * <p>
 * <b>Leading</b> starts when the role is LEADER and the log's latest new-term event names this member, read
 * while its election was closed: Aeron makes a new leader's role LEADER before it replays the old terms of
 * its own log, whose new-term events (some naming it, from an earlier term of its own) come with its
 * election still open and so never count. Its own new-term event comes after every entry of the older
 * terms and before any of its own: there it first hands every close in flight to the venue to look up
 * ({@link OrderGateway#recover}), then sends what its term decides. Any role other than LEADER, or another
 * member's new term, ends leading.
 */
final class LeaderGateway implements OrderGateway
{
    private static final int NOT_LOOKED_FOR = -2;

    private final ClusterVenue venue;
    private final Consumer<String> errors;
    private Cluster cluster;
    private ExitEngine engine;
    private Cluster.Role role = Cluster.Role.FOLLOWER;
    /** The member the log's latest new-term event names, -1 before one. */
    private int termLeader = -1;
    /** Whether that event was read with this member's election closed. */
    private boolean termLive;
    private int electionCounterId = NOT_LOOKED_FOR;
    private volatile boolean leading;
    /** Told when leading starts and ends (service thread), or null. */
    private ClusteredExitEngine.LeadershipListener leadership;
    private volatile long ordersSent;
    private volatile long ordersNotSent;
    private volatile long lookUps;
    private volatile long leaderships;

    /** @param venue this member's venue, or null: no order leaves this member */
    LeaderGateway(final ClusterVenue venue, final Consumer<String> errors)
    {
        this.venue = venue;
        this.errors = errors;
    }

    /** What else acts only while this member leads (the accounts' safety stops); before the start. */
    void leadership(final ClusteredExitEngine.LeadershipListener listener)
    {
        this.leadership = listener;
    }

    /** The member's cluster and its engine, once built (service thread). */
    void start(final Cluster cluster, final ExitEngine engine)
    {
        this.cluster = cluster;
        this.engine = engine;
    }

    void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
        if (newRole != Cluster.Role.LEADER)
        {
            termLive = false;
            stopLeading();
        }
        else
        {
            maybeLead();
        }
    }

    void onNewTerm(final int leaderMemberId)
    {
        termLeader = leaderMemberId;
        termLive = electionClosed();
        stopLeading();
        maybeLead();
    }

    private void maybeLead()
    {
        if (leading || role != Cluster.Role.LEADER || !termLive || cluster == null || termLeader != cluster.memberId())
        {
            return;
        }
        leading = true;
        leaderships++;
        if (venue != null)
        {
            final Names names = engine.names();
            engine.evaluator().closesInFlight(engine.counters().get(Counter.LAST_EVENT_TS), order ->
            {
                order.account = names.account(order.accountId);
                order.symbol = names.symbol(order.symbolId);
                lookUps++;
                try
                {
                    venue.gateway().recover(order);
                }
                catch (final RuntimeException ex)
                {
                    // through the log like any answer: a reject, which the engine retries under a new attempt
                    errors.accept("look-up of close " + order.clientOrderIdText() + ": " + ex);
                    venue.answers().reject(order.ts, order.clientOrderId, "look-up failed: " + ex);
                }
            });
        }
        if (leadership != null)
        {
            leadership.onLeadershipChange(true);
        }
    }

    private void stopLeading()
    {
        if (leading)
        {
            leading = false;
            if (leadership != null)
            {
                leadership.onLeadershipChange(false);
            }
        }
    }

    /** Whether this member's election is closed; true when its counter cannot be found. */
    private boolean electionClosed()
    {
        final CountersReader counters = cluster.aeron().countersReader();
        if (electionCounterId == NOT_LOOKED_FOR)
        {
            electionCounterId = ClusterCounters.find(counters, ConsensusModule.Configuration.ELECTION_STATE_TYPE_ID,
                cluster.context().clusterId());
        }
        return electionCounterId < 0 || ElectionState.get(counters.getCounterValue(electionCounterId)) == ElectionState.CLOSED;
    }

    @Override
    public void bind(final GatewayResponses responses)
    {
        // the engine's local answer queue: never written (the venue answers through the log)
    }

    @Override
    public void send(final CloseOrder order)
    {
        if (!leading || venue == null)
        {
            ordersNotSent++;
            return;
        }
        try
        {
            venue.gateway().send(order);
            ordersSent++;
        }
        catch (final RuntimeException ex)
        {
            // not the engine's local reject (it would be applied on this member only): a reject through the log
            errors.accept("send of close " + order.clientOrderIdText() + ": " + ex);
            venue.answers().reject(order.ts, order.clientOrderId, "send failed: " + ex);
        }
    }

    @Override
    public void onMarketEvent(final EngineEvent event)
    {
        if (leading && venue != null)
        {
            venue.gateway().onMarketEvent(event);
        }
    }

    @Override
    public Recovery recovery()
    {
        return Recovery.LOOKUP;
    }

    @Override
    public void close()
    {
        if (venue != null)
        {
            venue.close();
        }
    }

    boolean leading()
    {
        return leading;
    }

    long ordersSent()
    {
        return ordersSent;
    }

    long ordersNotSent()
    {
        return ordersNotSent;
    }

    long lookUps()
    {
        return lookUps;
    }

    long leaderships()
    {
        return leaderships;
    }

    ClusterVenue venue()
    {
        return venue;
    }
}
