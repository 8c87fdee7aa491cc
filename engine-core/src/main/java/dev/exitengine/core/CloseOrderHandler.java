package dev.exitengine.core;

import com.lmax.disruptor.EventHandler;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.JournalPort;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.codec.DecisionCodec;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.OrderGateway;
import org.HdrHistogram.Histogram;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The close-order handler: runs after both the journal and the evaluator, so a close order never
 * leaves before the input that caused it is journaled. Sends close decisions to the gateway, lets a
 * simulated venue see market events, journals every decision as an output and hands it to listeners.
 */
public final class CloseOrderHandler implements EventHandler<EngineEvent>
{
    private final OrderGateway gateway;
    private final JournalPort journal;
    private final Names names;
    private final EngineCounters counters;
    private final DecisionListener[] listeners;
    private final Histogram tickToOrder;
    private final dev.exitengine.core.order.GatewayResponses responses;
    private final java.util.function.Consumer<String> errors;
    private final CloseOrder order = new CloseOrder();
    private final ExpandableDirectByteBuffer outputs = new ExpandableDirectByteBuffer(16 * 1024);
    private int length;
    private boolean decidedInBatch;
    /**
     * Run before decisions are journaled in the middle of a batch: in the one-thread pipelines, the journaling of
     * the batch's inputs so far (elsewhere the journal handler ran ahead, and this does nothing).
     */
    private Runnable beforeOutputs = () -> { };
    /**
     * While a resumed run re-reads its journal and the gateway is a real venue ({@link OrderGateway.Recovery#LOOKUP}):
     * it sees nothing, the closes of the re-run left before the crash (set by the starting thread).
     */
    private volatile boolean silentGateway;

    public CloseOrderHandler(final OrderGateway gateway, final JournalPort journal, final Names names, final EngineCounters counters,
        final DecisionListener[] listeners, final Histogram tickToOrder,
        final dev.exitengine.core.order.GatewayResponses responses, final java.util.function.Consumer<String> errors)
    {
        this.responses = responses;
        this.errors = errors;
        this.gateway = gateway;
        this.journal = journal;
        this.names = names;
        this.counters = counters;
        this.listeners = listeners;
        this.tickToOrder = tickToOrder;
    }

    @Override
    public void onEvent(final EngineEvent e, final long sequence, final boolean endOfBatch)
    {
        final boolean toGateway = !silentGateway;
        if (toGateway && e.type.isMarketData())
        {
            try
            {
                gateway.onMarketEvent(e);
            }
            catch (final RuntimeException ex)
            {
                fault("gateway market event #" + e.seq, ex);
            }
        }
        final int n = e.decisions.size();
        for (int i = 0; i < n; i++)
        {
            final Decision d = e.decisions.get(i);
            if (toGateway && d.type == DecisionType.CLOSE)
            {
                try
                {
                    send(e, d);
                }
                catch (final RuntimeException ex)
                {
                    // the order did not leave: the venue's answer is a reject, an input like any other, and the
                    // evaluator retries it with backoff; the other decisions of this event go on
                    fault("send of close " + dev.exitengine.core.order.ClientOrderIds.toString(d.clientOrderId), ex);
                    responses.reject(d.ts, d.clientOrderId, "send failed: " + ex);
                }
            }
            outputs.checkLimit(length + DecisionCodec.maxLength(d));
            length += DecisionCodec.encode(outputs, length, d);
            for (final DecisionListener l : listeners)
            {
                try
                {
                    l.onDecision(d, names);
                }
                catch (final RuntimeException ex)
                {
                    fault("decision listener", ex);
                }
            }
        }
        decidedInBatch |= n > 0;
        if (endOfBatch)
        {
            endBatch();
        }
        else if (length > 60 * 1024)
        {
            // mid-batch: the inputs of these decisions go to the journal first
            beforeOutputs.run();
            journal.appendOutputs(outputs, 0, length);
            length = 0;
        }
    }

    void beforeOutputs(final Runnable inputsFirst)
    {
        beforeOutputs = inputsFirst;
    }

    /** Journals the decisions of the batch and tells the listeners it ended. */
    void endBatch()
    {
        if (length > 0)
        {
            journal.appendOutputs(outputs, 0, length);
            length = 0;
        }
        if (decidedInBatch)
        {
            decidedInBatch = false;
            for (final DecisionListener l : listeners)
            {
                try
                {
                    l.onBatchEnd();
                }
                catch (final RuntimeException ex)
                {
                    fault("decision listener", ex);
                }
            }
        }
    }

    /** See {@link #silentGateway}. */
    void silenceGateway(final boolean silent)
    {
        silentGateway = silent;
    }

    /**
     * A resumed run's close in flight (see {@link dev.exitengine.core.evaluator.PositionEvaluator#closesInFlight}),
     * handed to the gateway to look up; called on a quiet engine.
     */
    void recover(final CloseOrder inFlight)
    {
        inFlight.account = names.account(inFlight.accountId);
        inFlight.symbol = names.symbol(inFlight.symbolId);
        try
        {
            gateway.recover(inFlight);
        }
        catch (final RuntimeException ex)
        {
            fault("look-up of close " + dev.exitengine.core.order.ClientOrderIds.toString(inFlight.clientOrderId), ex);
            responses.reject(inFlight.ts, inFlight.clientOrderId, "look-up failed: " + ex);
        }
    }

    private void send(final EngineEvent e, final Decision d)
    {
        order.clientOrderId = d.clientOrderId;
        order.seq = d.seq;
        order.ts = d.ts;
        order.accountId = d.accountId;
        order.account = names.account(d.accountId);
        order.symbolId = d.symbolId;
        order.symbol = names.symbol(d.symbolId);
        order.side = d.side;
        order.positionSide = d.positionSide;
        order.qty = d.qty;
        order.filledQty = 0;
        order.reason = d.reason;
        // the instrument as the evaluator saw it when it decided: this thread reads no state of the evaluator's
        order.tickSize = d.tickSize;
        order.stepSize = d.stepSize;
        order.takerFee = d.takerFee;
        gateway.send(order);
        counters.increment(Counter.CLOSES_SENT);
        if (tickToOrder != null && e.ingressNanos != 0)
        {
            final long nanos = System.nanoTime() - e.ingressNanos;
            if (nanos > 0)
            {
                tickToOrder.recordValue(Math.min(nanos, tickToOrder.getHighestTrackableValue()));
            }
        }
    }

    private void fault(final String what, final RuntimeException ex)
    {
        counters.increment(Counter.ERRORS);
        errors.accept(what + ": " + ex);
    }

    @Override
    public void onShutdown()
    {
        if (length > 0)
        {
            journal.appendOutputs(outputs, 0, length);
            length = 0;
        }
    }
}
