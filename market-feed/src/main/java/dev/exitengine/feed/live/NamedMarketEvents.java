package dev.exitengine.feed.live;

import dev.exitengine.core.ingest.InputSink;

/**
 * Hands events decoded by id to an {@link InputSink}, which takes symbol names: for file captures, whose
 * decoder {@link SymbolTable#intern interns} symbols, so a name is one shared string per symbol.
 */
public final class NamedMarketEvents implements MarketEventSink
{
    private final SymbolTable symbols;
    private InputSink sink;

    public NamedMarketEvents(final SymbolTable symbols)
    {
        this.symbols = symbols;
    }

    /** Where the next events go. */
    public void to(final InputSink sink)
    {
        this.sink = sink;
    }

    @Override
    public void quote(final int symbolId, final long ts, final long bid, final long ask)
    {
        sink.quote(ts, symbols.name(symbolId), bid, ask);
    }

    @Override
    public void trade(final int symbolId, final long ts, final long price, final long qty)
    {
        sink.trade(ts, symbols.name(symbolId), price, qty);
    }

    @Override
    public void mark(final int symbolId, final long ts, final long price)
    {
        sink.mark(ts, symbols.name(symbolId), price);
    }
}
