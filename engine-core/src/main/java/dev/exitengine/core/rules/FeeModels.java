package dev.exitengine.core.rules;

import dev.exitengine.core.num.Fixed;

import java.math.RoundingMode;
import java.util.Arrays;

/** Fee models the level solver is tested on: percent per side, tiered, discounted, with a minimum fee. */
public final class FeeModels
{
    private FeeModels()
    {
    }

    /** A flat rate per fill ({@code rate} 0.0004 = 0.04 %), rounded half-up to eight decimals. */
    public static FeeModel percent(final long rate)
    {
        return new Percent(rate);
    }

    /**
     * Marginal tiers: notional up to {@code bounds[0]} pays {@code rates[0]}, the part above it up to
     * {@code bounds[1]} pays {@code rates[1]}, and so on; the last rate has no upper bound.
     */
    public static FeeModel tiered(final long[] bounds, final long[] rates)
    {
        if (rates.length != bounds.length + 1)
        {
            throw new IllegalArgumentException("tiered fees need one rate more than bounds");
        }
        return new Tiered(bounds.clone(), rates.clone());
    }

    /** {@code inner} reduced by a discount ({@code discount} 0.1 = 10 % off, as paying fees in BNB). */
    public static FeeModel discounted(final FeeModel inner, final long discount)
    {
        return new FeeModel()
        {
            @Override
            public long fee(final long notional)
            {
                return Fixed.mulDiv(inner.fee(notional), Fixed.ONE - discount, Fixed.ONE, RoundingMode.HALF_UP);
            }

            @Override
            public double feeApprox(final double notional)
            {
                return inner.feeApprox(notional) * (1.0 - Fixed.toDouble(discount));
            }
        };
    }

    /** At least {@code minimum} per fill. */
    public static FeeModel withMinimum(final FeeModel inner, final long minimum)
    {
        return new FeeModel()
        {
            @Override
            public long fee(final long notional)
            {
                return Math.max(minimum, inner.fee(notional));
            }

            @Override
            public double feeApprox(final double notional)
            {
                return Math.max(Fixed.toDouble(minimum), inner.feeApprox(notional));
            }
        };
    }

    static final class Percent implements FeeModel
    {
        final long rate;
        final double rateD;

        Percent(final long rate)
        {
            if (rate < 0 || rate >= Fixed.ONE)
            {
                throw new IllegalArgumentException("fee rate must be in [0, 1), was " + Fixed.toString(rate));
            }
            this.rate = rate;
            this.rateD = Fixed.toDouble(rate);
        }

        @Override
        public long fee(final long notional)
        {
            return Fixed.mulDiv(Math.abs(notional), rate, Fixed.ONE, RoundingMode.HALF_UP);
        }

        @Override
        public double feeApprox(final double notional)
        {
            return Math.abs(notional) * rateD;
        }

        @Override
        public String toString()
        {
            return "percent " + Fixed.toString(rate);
        }
    }

    static final class Tiered implements FeeModel
    {
        final long[] bounds;
        final long[] rates;

        Tiered(final long[] bounds, final long[] rates)
        {
            for (int i = 1; i < bounds.length; i++)
            {
                if (bounds[i] <= bounds[i - 1])
                {
                    throw new IllegalArgumentException("tier bounds must increase: " + Arrays.toString(bounds));
                }
            }
            this.bounds = bounds;
            this.rates = rates;
        }

        @Override
        public long fee(final long notional)
        {
            final long n = Math.abs(notional);
            long total = 0;
            long lower = 0;
            for (int i = 0; i < rates.length; i++)
            {
                final long upper = i < bounds.length ? bounds[i] : Long.MAX_VALUE;
                if (n <= lower)
                {
                    break;
                }
                final long part = Math.min(n, upper) - lower;
                total += Fixed.mulDiv(part, rates[i], Fixed.ONE, RoundingMode.HALF_UP);
                lower = upper;
            }
            return total;
        }

        @Override
        public double feeApprox(final double notional)
        {
            final double n = Math.abs(notional);
            double total = 0;
            double lower = 0;
            for (int i = 0; i < rates.length; i++)
            {
                final double upper = i < bounds.length ? Fixed.toDouble(bounds[i]) : Double.MAX_VALUE;
                if (n <= lower)
                {
                    break;
                }
                total += (Math.min(n, upper) - lower) * Fixed.toDouble(rates[i]);
                lower = upper;
            }
            return total;
        }
    }
}
