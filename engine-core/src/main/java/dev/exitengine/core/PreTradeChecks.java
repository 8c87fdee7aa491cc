package dev.exitengine.core;

import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.api.PreTradeCheck;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.TradingState;
import dev.exitengine.core.num.Fixed;

/**
 * Whether an entry may be opened, and if not, why ({@link ExitEngine#preTradeCheck}): trading states, cooldowns
 * and caps. Callable from any thread: it reads what the evaluator published in the {@link RiskView} (open
 * positions, notional, trading states, cooldowns), never the evaluator's own state.
 */
final class PreTradeChecks
{
    private final EngineConfig config;
    private final Names names;
    private final EngineCounters counters;
    private final RiskView riskView;

    PreTradeChecks(final EngineConfig config, final Names names, final EngineCounters counters, final RiskView riskView)
    {
        this.config = config;
        this.names = names;
        this.counters = counters;
        this.riskView = riskView;
    }

    PreTradeCheck check(final String account, final String symbol, final long qty, final long price)
    {
        if (riskView.globalState() != TradingState.ACTIVE)
        {
            return PreTradeCheck.deny("trading state " + riskView.globalState() + " (global): exits only");
        }
        final int symbolId = names.find(Names.Kind.SYMBOL, symbol);
        if (symbolId < 0)
        {
            return PreTradeCheck.deny("unknown symbol '" + symbol + "'");
        }
        final int accountId = names.find(Names.Kind.ACCOUNT, account);
        if (accountId >= 0)
        {
            final TradingState state = riskView.state(accountId);
            if (state != TradingState.ACTIVE)
            {
                return PreTradeCheck.deny("trading state " + state + " for account " + account + ": exits only");
            }
            final long now = counters.get(dev.exitengine.core.api.Counter.LAST_EVENT_TS);
            final long until = riskView.cooldownUntil(accountId);
            if (until > now)
            {
                return PreTradeCheck.deny("account " + account + " in cooldown until " + until);
            }
            if (config.maxPositionsPerAccount > 0 && riskView.open(accountId) + 1 > config.maxPositionsPerAccount)
            {
                return PreTradeCheck.deny("account " + account + " holds " + riskView.open(accountId) + " positions, cap "
                    + config.maxPositionsPerAccount);
            }
            if (config.capitalPerAccount > 0)
            {
                final long cap = Fixed.mul(config.capitalPerAccount, config.maxNotionalShare);
                final long after = riskView.notional(accountId) + Fixed.mul(qty, price);
                if (after > cap)
                {
                    return PreTradeCheck.deny("notional " + Fixed.toString(after) + " would exceed " + Fixed.toString(cap) + " ("
                        + Fixed.toString(config.maxNotionalShare) + " of capital)");
                }
            }
        }
        if (config.maxPositionsPerSymbol > 0 && riskView.symbolOpen(symbolId) + 1 > config.maxPositionsPerSymbol)
        {
            return PreTradeCheck.deny(symbol + " holds " + riskView.symbolOpen(symbolId) + " positions, cap " + config.maxPositionsPerSymbol);
        }
        if (config.maxPositionsGlobal > 0 && riskView.globalOpen() + 1 > config.maxPositionsGlobal)
        {
            return PreTradeCheck.deny(riskView.globalOpen() + " positions open, global cap " + config.maxPositionsGlobal);
        }
        return PreTradeCheck.ALLOWED;
    }
}
