package dev.exitengine.core.rules;

/**
 * The fee a venue charges for one fill of a given notional. Any model works with the level solver as
 * long as the fee never decreases as the notional grows and grows slower than the notional
 * (percent per side, tiers, discounts, a minimum fee per fill).
 */
public interface FeeModel
{
    /** Exact fee in fixed point for a notional in fixed point. */
    long fee(long notional);

    /** The same fee in floating point, for the solver's iteration only. */
    double feeApprox(double notional);
}
