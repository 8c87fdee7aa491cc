package dev.exitengine.gateway.binance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one account is at start, read over REST in NautilusTrader's order (BINANCE.md §2–§3): the server
 * time offset, the position mode, the price bands of exchangeInfo, the commission rates of each symbol,
 * the open positions, open orders and open algo orders. Also the re-read after a user-stream rotation
 * (positions and open orders). Every failure names the endpoint and what the venue said; never a secret.
 */
public final class AccountBootstrap
{
    private final String account;
    private final BinanceRest rest;

    public AccountBootstrap(final String account, final BinanceRest rest)
    {
        this.account = account;
        this.rest = rest;
    }

    /** The account as the venue has it now. */
    public record AccountState(PositionMode mode, PriceBands bands, Map<String, AccountReads.CommissionRate> fees,
        List<AccountReads.PositionRisk> positions, List<AccountReads.OpenOrder> openOrders, List<AccountReads.OpenAlgoOrder> openAlgoOrders)
    {
    }

    /** Everything, for the symbols the engine watches. */
    public AccountState read(final List<String> symbols)
    {
        rest.syncClock();
        final PositionMode mode = PositionMode.ofDualSidePosition(
            AccountReads.dualSidePosition(body("/fapi/v1/positionSide/dual", Map.of(), BinanceRest.Security.SIGNED)));
        final PriceBands bands = PriceBands.parse(body("/fapi/v1/exchangeInfo", Map.of(), BinanceRest.Security.NONE));
        final Map<String, AccountReads.CommissionRate> fees = new LinkedHashMap<>();
        for (final String symbol : symbols)
        {
            fees.put(symbol, AccountReads.commissionRate(body("/fapi/v1/commissionRate", Map.of("symbol", symbol), BinanceRest.Security.SIGNED)));
        }
        return new AccountState(mode, bands, fees, positions(symbols), openOrders(symbols),
            AccountReads.openAlgoOrders(body("/fapi/v1/openAlgoOrders", Map.of(), BinanceRest.Security.SIGNED)));
    }

    /** The open positions of the watched symbols ({@code GET /fapi/v3/positionRisk}). */
    public List<AccountReads.PositionRisk> positions(final List<String> symbols)
    {
        final List<AccountReads.PositionRisk> out = new ArrayList<>();
        for (final AccountReads.PositionRisk p : AccountReads.positions(body("/fapi/v3/positionRisk", Map.of(), BinanceRest.Security.SIGNED)))
        {
            if (symbols.contains(p.symbol()))
            {
                out.add(p);
            }
        }
        return out;
    }

    /** The open orders of the watched symbols ({@code GET /fapi/v1/openOrders}). */
    public List<AccountReads.OpenOrder> openOrders(final List<String> symbols)
    {
        final List<AccountReads.OpenOrder> out = new ArrayList<>();
        for (final AccountReads.OpenOrder o : AccountReads.openOrders(body("/fapi/v1/openOrders", Map.of(), BinanceRest.Security.SIGNED)))
        {
            if (symbols.contains(o.symbol()))
            {
                out.add(o);
            }
        }
        return out;
    }

    /** The body of a successful GET; throws naming the account, the endpoint and the venue's answer otherwise. */
    String body(final String path, final Map<String, String> params, final BinanceRest.Security security)
    {
        final RestAnswer a = rest.get(path, params, security);
        if (!a.ok())
        {
            throw new IllegalStateException("account " + account + ": GET " + path + ": " + a.error());
        }
        return a.body();
    }
}
