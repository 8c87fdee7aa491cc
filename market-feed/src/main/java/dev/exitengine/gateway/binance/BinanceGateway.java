package dev.exitengine.gateway.binance;

import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Real closes on Binance USDⓈ-M for several accounts: each close goes to the account it names, each
 * account with its own connections, venue thread, limits and back-off, so one account's outage never
 * delays another's closes. Keeps the last mark price of each symbol (the band edge of an IOC fallback);
 * a close for an account it does not know is refused at once, naming it.
 */
public final class BinanceGateway implements OrderGateway
{
    private static final int MAX_SYMBOLS = 1 << 12;

    private final Map<String, BinanceAccount> accounts = new LinkedHashMap<>();
    private final AtomicLongArray marks = new AtomicLongArray(MAX_SYMBOLS);
    private final AtomicLongArray trades = new AtomicLongArray(MAX_SYMBOLS);
    private GatewayResponses responses;

    public BinanceGateway(final List<BinanceAccount> list)
    {
        for (final BinanceAccount a : list)
        {
            accounts.put(a.name(), a);
        }
    }

    /** The last mark price of the symbol (its last trade before any mark), or 0; any thread. */
    public long markPrice(final int symbolId)
    {
        if (symbolId < 0 || symbolId >= MAX_SYMBOLS)
        {
            return 0;
        }
        final long mark = marks.get(symbolId);
        return mark > 0 ? mark : trades.get(symbolId);
    }

    @Override
    public void bind(final GatewayResponses responses)
    {
        this.responses = responses;
        for (final BinanceAccount a : accounts.values())
        {
            a.bind(responses, this::markPrice);
        }
    }

    @Override
    public void send(final CloseOrder order)
    {
        final BinanceAccount a = accounts.get(order.account);
        if (a == null)
        {
            responses.reject(order.ts, order.clientOrderId, "no venue account '" + order.account + "' is configured");
            return;
        }
        a.send(order);
    }

    /** Looked up at the account's venue before anything else is done with it (never re-sent blindly). */
    @Override
    public void recover(final CloseOrder order)
    {
        final BinanceAccount a = accounts.get(order.account);
        if (a == null)
        {
            responses.reject(order.ts, order.clientOrderId, "no venue account '" + order.account + "' is configured");
            return;
        }
        a.recover(order);
    }

    @Override
    public void onMarketEvent(final EngineEvent event)
    {
        final int id = event.symbolId;
        if (id >= 0 && id < MAX_SYMBOLS)
        {
            if (event.type == EventType.MARK)
            {
                marks.lazySet(id, event.price);
            }
            else if (event.type == EventType.TRADE)
            {
                trades.lazySet(id, event.price);
            }
        }
    }

    public Iterable<BinanceAccount> accounts()
    {
        return accounts.values();
    }

    @Override
    public void close()
    {
        for (final BinanceAccount a : accounts.values())
        {
            a.close();
        }
    }
}
