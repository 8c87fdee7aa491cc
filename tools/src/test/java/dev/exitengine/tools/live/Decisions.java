package dev.exitengine.tools.live;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;

/** Hand-built decisions, as the engine writes them, one reused object like the engine's. */
final class Decisions
{
    private final Names names;
    private final Decision d = new Decision();

    Decisions(final Names names)
    {
        this.names = names;
    }

    Decision levels(final long positionId, final String account, final String symbol, final String qty, final String entry,
        final String takeProfit, final String stopLoss)
    {
        d.reset(DecisionType.LEVELS, positionId * 10, 1_723_161_256_000L);
        d.positionId = positionId;
        d.accountId = names.intern(Names.Kind.ACCOUNT, account);
        d.symbolId = names.intern(Names.Kind.SYMBOL, symbol);
        d.positionSide = PositionSide.LONG;
        d.qty = Fixed.parse(qty);
        d.entryPrice = Fixed.parse(entry);
        d.takeProfit = Fixed.parse(takeProfit);
        d.stopLoss = Fixed.parse(stopLoss);
        return d;
    }

    Decision of(final DecisionType type, final long positionId, final String qty)
    {
        d.reset(type, positionId * 10 + 1, 1_723_161_257_000L);
        d.positionId = positionId;
        d.qty = Fixed.parse(qty);
        d.reason = type == DecisionType.EXIT ? ExitReason.TAKE_PROFIT : null;
        return d;
    }
}
