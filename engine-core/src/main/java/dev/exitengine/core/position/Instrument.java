package dev.exitengine.core.position;

import dev.exitengine.core.rules.FeeModel;
import dev.exitengine.core.rules.FeeModels;

/** A tradable symbol's grid and fees, as its instrument event defined them. */
public final class Instrument
{
    public final int symbolId;
    public final long tickSize;
    public final long stepSize;
    public final long minQty;
    public final long makerFee;
    public final long takerFee;
    public final FeeModel takerFeeModel;

    public Instrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        this.symbolId = symbolId;
        this.tickSize = tickSize;
        this.stepSize = stepSize;
        this.minQty = minQty;
        this.makerFee = makerFee;
        this.takerFee = takerFee;
        this.takerFeeModel = FeeModels.percent(takerFee);
    }
}
