package dev.exitengine.tools.postmortem;

import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.gateway.PaperGateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * The venue of a what-if. A close the what-if sends as the journaled run sent it (the same client order id, on
 * the same input of the journal, for the same account, symbol, side and quantity) is answered by the journal:
 * its journaled answers go in where they stand. Any other close (one sent earlier, later, for another quantity,
 * or never sent by the run) is a close that happens only in the what-if: the paper venue answers it, and the
 * journal's answers to that client order id (the run's close at another moment) are left out. A journaled
 * answer goes in only when its client order id is a close the what-if shares with the run.
 */
final class WhatIfVenue implements OrderGateway
{
    /** A close the journaled run decided. */
    private record Close(long seq, int accountId, int symbolId, Side side, long qty)
    {
    }

    private final Map<Long, List<Close>> journaled = new HashMap<>();
    private final Set<Long> shared = new HashSet<>();
    private final PaperGateway paper;
    private final LongUnaryOperator journalSeqOf;
    long sharedCloses;
    long paperCloses;

    /**
     * @param paper        answers the closes only the what-if makes
     * @param journalSeqOf the journal's number of the engine's input {@code seq}; -1 when the journal has no such input
     */
    WhatIfVenue(final PaperGateway paper, final LongUnaryOperator journalSeqOf)
    {
        this.paper = paper;
        this.journalSeqOf = journalSeqOf;
    }

    /** A close decision of the journal's outputs. */
    void journaledClose(final Decision d)
    {
        journaled.computeIfAbsent(d.clientOrderId, k -> new ArrayList<>(1))
            .add(new Close(d.seq, d.accountId, d.symbolId, d.side, d.qty));
    }

    /** Whether a journaled answer to {@code clientOrderId} goes in: the what-if sent that close as the run did. */
    boolean answersFromJournal(final long clientOrderId)
    {
        return shared.contains(clientOrderId);
    }

    @Override
    public void bind(final GatewayResponses responses)
    {
        paper.bind(responses);
    }

    @Override
    public void send(final CloseOrder order)
    {
        final List<Close> run = journaled.get(order.clientOrderId);
        final long seq = journalSeqOf.applyAsLong(order.seq);
        if (run != null && seq >= 0)
        {
            for (final Close c : run)
            {
                if (c.seq == seq && c.accountId == order.accountId && c.symbolId == order.symbolId && c.side == order.side
                    && c.qty == order.qty)
                {
                    shared.add(order.clientOrderId);
                    sharedCloses++;
                    return;
                }
            }
        }
        shared.remove(order.clientOrderId);
        paperCloses++;
        paper.send(order);
    }

    @Override
    public void onMarketEvent(final EngineEvent event)
    {
        paper.onMarketEvent(event);
    }

    @Override
    public Recovery recovery()
    {
        return Recovery.REDERIVE;
    }
}
