package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

/**
 * Operator and application commands: forced unwind of an account, trading state of the engine or an
 * account, manual close of a position, a new profile for a position.
 */
final class Commands
{
    private final PositionBook book;
    private final Definitions definitions;
    private final TradingStates states;
    private final RiskControls risk;
    private final RuleArming arming;
    private final CloseLifecycle closes;
    private final DecisionWriter writer;

    Commands(final PositionBook book, final Definitions definitions, final TradingStates states, final RiskControls risk,
        final RuleArming arming, final CloseLifecycle closes, final DecisionWriter writer)
    {
        this.book = book;
        this.definitions = definitions;
        this.states = states;
        this.risk = risk;
        this.arming = arming;
        this.closes = closes;
        this.writer = writer;
    }

    void onCommand(final EngineEvent e)
    {
        switch (e.command)
        {
            case FORCED_UNWIND:
                forcedUnwind(e);
                break;
            case TRADING_STATE:
                tradingState(e);
                break;
            case MANUAL_CLOSE:
                manualClose(e);
                break;
            case SET_PROFILE:
                setProfile(e);
                break;
            default:
                break;
        }
    }

    private void forcedUnwind(final EngineEvent e)
    {
        states.forcedUnwind(e.accountId, e.on);
        if (e.on)
        {
            for (final Position p : book.ofAccount(e.accountId))
            {
                if (p.state == PositionState.OPEN)
                {
                    closes.closeNow(e, p, ExitReason.FORCED_UNWIND);
                }
            }
        }
    }

    private void tradingState(final EngineEvent e)
    {
        if (e.accountId < 0)
        {
            states.global(e.tradingState);
            risk.publishGlobal(e.ts);
        }
        else
        {
            states.account(e.accountId, e.tradingState);
        }
        states.releaseHeld();
    }

    private void manualClose(final EngineEvent e)
    {
        final Position p = findForCommand(e);
        if (p == null)
        {
            writer.rejected(e, "manual close: no open position");
        }
        else if (p.state == PositionState.OPEN)
        {
            closes.closeNow(e, p, ExitReason.MANUAL);
        }
    }

    private void setProfile(final EngineEvent e)
    {
        final Position p = findForCommand(e);
        if (p == null)
        {
            writer.rejected(e, "set profile: no open position");
            return;
        }
        if (definitions.profile(e.profileId) == null)
        {
            writer.rejected(e, "set profile: unknown profile");
            return;
        }
        definitions.assignProfile(p, e.profileId);
        p.rules = null;
        if (p.state == PositionState.OPEN)
        {
            arming.armAndPublish(e, p);
        }
    }

    /** The command's position: its side's slot in hedge mode, else the one-way position, else a long, else a short. */
    private Position findForCommand(final EngineEvent e)
    {
        if (e.positionSide == PositionSide.BOTH || e.positionSide == null)
        {
            final Position oneWay = book.find(e.accountId, e.symbolId, PositionSide.BOTH);
            if (oneWay != null)
            {
                return oneWay;
            }
            final Position l = book.find(e.accountId, e.symbolId, PositionSide.LONG);
            return l != null ? l : book.find(e.accountId, e.symbolId, PositionSide.SHORT);
        }
        return book.find(e.accountId, e.symbolId, e.positionSide);
    }
}
