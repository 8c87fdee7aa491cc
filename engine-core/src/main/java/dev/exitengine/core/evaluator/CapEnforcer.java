package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.PositionBook;
import dev.exitengine.core.position.PositionState;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hard caps: an account, a symbol or the whole book over its cap (after a reconciliation, or an entry
 * the application made anyway) closes its smallest positions by notional first, reason RISK_LIMIT.
 */
final class CapEnforcer
{
    private final EngineConfig config;
    private final PositionBook book;
    private final RiskControls risk;
    private final LastPrices prices;
    private final CloseLifecycle closes;

    CapEnforcer(final EngineConfig config, final PositionBook book, final RiskControls risk, final LastPrices prices,
        final CloseLifecycle closes)
    {
        this.config = config;
        this.book = book;
        this.risk = risk;
        this.prices = prices;
        this.closes = closes;
    }

    /** After an event that may have opened positions: closes the over-cap victims, then writes any risk note. */
    void enforce(final EngineEvent e)
    {
        if (risk.takeCapBreach())
        {
            closeVictims(e);
        }
        risk.flushNote(e);
    }

    private void closeVictims(final EngineEvent e)
    {
        final int[] accountOpen = risk.accountOpen();
        final int[] symbolOpen = risk.symbolOpen();
        final boolean accountOver = config.maxPositionsPerAccount > 0 && anyOver(accountOpen, config.maxPositionsPerAccount);
        final boolean symbolOver = config.maxPositionsPerSymbol > 0 && anyOver(symbolOpen, config.maxPositionsPerSymbol);
        final boolean globalOver = config.maxPositionsGlobal > 0 && risk.globalOpen() > config.maxPositionsGlobal;
        if (!accountOver && !symbolOver && !globalOver)
        {
            return;
        }
        final List<Position> open = new ArrayList<>();
        for (final Position p : book.all())
        {
            if (p.state == PositionState.OPEN)
            {
                open.add(p);
            }
        }
        open.sort((a, b) ->
        {
            final int c = Long.compare(currentNotional(a), currentNotional(b));
            return c != 0 ? c : Long.compare(a.id, b.id);
        });
        final int[] acc = new int[accountOpen.length];
        final int[] sym = new int[symbolOpen.length];
        int all = 0;
        for (final Position p : open)
        {
            acc[p.accountId]++;
            sym[p.symbolId]++;
            all++;
        }
        for (final Position p : open)
        {
            final boolean over = (config.maxPositionsPerAccount > 0 && acc[p.accountId] > config.maxPositionsPerAccount)
                || (config.maxPositionsPerSymbol > 0 && sym[p.symbolId] > config.maxPositionsPerSymbol)
                || (config.maxPositionsGlobal > 0 && all > config.maxPositionsGlobal);
            if (over)
            {
                closes.closeNow(e, p, ExitReason.RISK_LIMIT);
                acc[p.accountId]--;
                sym[p.symbolId]--;
                all--;
            }
        }
    }

    private static boolean anyOver(final int[] counts, final int cap)
    {
        for (final int c : counts)
        {
            if (c > cap)
            {
                return true;
            }
        }
        return false;
    }

    private long currentNotional(final Position p)
    {
        final long last = prices.lastTrade(p.symbolId);
        return last == Fixed.NONE ? p.entryNotional : Fixed.mulDiv(p.qty, last, Fixed.ONE, RoundingMode.HALF_UP);
    }
}
