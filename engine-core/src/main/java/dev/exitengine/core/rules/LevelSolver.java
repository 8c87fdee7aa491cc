package dev.exitengine.core.rules;

import dev.exitengine.core.num.Fixed;

import java.math.RoundingMode;

/**
 * Solves "net PnL after fees equals a target" for the exit price, for any monotonic fee model.
 *
 * <p>Net PnL of a long closed at X is {@code X·q − entryNotional − entryFees − fee(X·q)}; of a short,
 * {@code entryNotional − X·q − entryFees − fee(X·q)}. The solver iterates
 * {@code X ← (entryNotional + entryFees + target + fee(X·q)) / q} (mirrored for shorts), a contraction
 * because a fee grows slower than the notional, until the net moves by less than 0.01 of the quote
 * currency; then rounds once to the tick in the position's favour and checks the result with exact
 * fixed-point arithmetic, stepping a tick if floating point put it on the wrong side. The result is
 * the tightest tick price whose exact net is at least the target: a take profit nets at least its
 * target, a stop loses at most its amount.
 */
public final class LevelSolver
{
    public static final int MAX_ITERATIONS = 64;
    /** Convergence tolerance of the iteration, in quote currency. */
    public static final double TOLERANCE = 0.01;

    private LevelSolver()
    {
    }

    /** Exact net PnL at {@code price}, as the exit record will compute it. */
    public static long netPnl(
        final boolean isLong, final long qty, final long entryNotional, final long entryFees, final FeeModel exitFee,
        final long price)
    {
        final long exitNotional = Fixed.mulDiv(price, qty, Fixed.ONE, RoundingMode.HALF_UP);
        final long gross = isLong ? exitNotional - entryNotional : entryNotional - exitNotional;
        return gross - entryFees - exitFee.fee(exitNotional);
    }

    /**
     * The tightest price on the tick grid at which net PnL is at least {@code targetNet}: for a long the
     * lowest such price (rounded up), for a short the highest (rounded down). A take profit of $10 passes
     * {@code targetNet} = 10; a stop of at most $10 loss passes −10.
     *
     * @throws LevelSolverException when no positive price satisfies it or the iteration does not converge.
     */
    public static long solveNet(
        final boolean isLong, final long qty, final long entryNotional, final long entryFees, final FeeModel exitFee,
        final long targetNet, final long tick)
    {
        if (qty <= 0)
        {
            throw new LevelSolverException("quantity must be positive, was " + Fixed.toString(qty));
        }
        final double q = Fixed.toDouble(qty);
        final double base = Fixed.toDouble(entryNotional);
        final double fees = Fixed.toDouble(entryFees);
        final double target = Fixed.toDouble(targetNet);

        double x = base / q;
        boolean converged = false;
        for (int i = 0; i < MAX_ITERATIONS; i++)
        {
            final double exitFeeAtX = exitFee.feeApprox(x * q);
            final double next = isLong ? (base + fees + target + exitFeeAtX) / q : (base - fees - target - exitFeeAtX) / q;
            if (!Double.isFinite(next))
            {
                break;
            }
            final double moved = Math.abs(next - x) * q;
            x = next;
            if (moved < TOLERANCE / 100)
            {
                converged = true;
                break;
            }
        }
        if (!converged)
        {
            throw new LevelSolverException(String.format(
                "net level %s did not converge in %d iterations (qty %s, entry notional %s, fee model %s)",
                Fixed.toString(targetNet), MAX_ITERATIONS, Fixed.toString(qty), Fixed.toString(entryNotional), exitFee));
        }
        if (x <= 0)
        {
            throw new LevelSolverException("no positive price nets " + Fixed.toString(targetNet) + " (solved " + x + ")");
        }
        final long step = tick > 0 ? tick : 1;
        final long estimate = Fixed.roundToTick(toFixedNear(x), step, isLong);
        return tightest(isLong, qty, entryNotional, entryFees, exitFee, targetNet, step, estimate);
    }

    /**
     * Exact search around an estimate: the tightest multiple of {@code step} whose exact net meets the
     * target (lowest for a long, highest for a short). Gallops away from the estimate to bracket the
     * answer, then bisects: O(log distance) exact evaluations however far off the estimate was.
     */
    private static long tightest(
        final boolean isLong, final long qty, final long entryNotional, final long entryFees, final FeeModel exitFee,
        final long targetNet, final long step, final long estimate)
    {
        // in "grid units" g: price = g × step; a long's net rises with g, a short's falls
        long good;
        long bad;
        final long g0 = Math.max(1, estimate / step);
        if (satisfies(isLong, qty, entryNotional, entryFees, exitFee, targetNet, g0 * step))
        {
            good = g0;
            long distance = 1;
            while (true)
            {
                final long candidate = isLong ? good - distance : good + distance;
                if (candidate <= 0)
                {
                    bad = 0;
                    break;
                }
                if (!satisfies(isLong, qty, entryNotional, entryFees, exitFee, targetNet, candidate * step))
                {
                    bad = candidate;
                    break;
                }
                good = candidate;
                distance *= 2;
            }
        }
        else
        {
            bad = g0;
            long distance = 1;
            while (true)
            {
                final long candidate = isLong ? bad + distance : bad - distance;
                if (candidate <= 0 || distance > (1L << 50))
                {
                    throw new LevelSolverException("no price on the grid nets " + Fixed.toString(targetNet));
                }
                if (satisfies(isLong, qty, entryNotional, entryFees, exitFee, targetNet, candidate * step))
                {
                    good = candidate;
                    break;
                }
                bad = candidate;
                distance *= 2;
            }
        }
        // invariant: good satisfies, bad does not (bad may be 0 = "no positive price"), they differ by ≥ 1
        while (Math.abs(good - bad) > 1)
        {
            final long mid = (good + bad) >>> 1;
            if (mid > 0 && satisfies(isLong, qty, entryNotional, entryFees, exitFee, targetNet, mid * step))
            {
                good = mid;
            }
            else
            {
                bad = mid;
            }
        }
        return good * step;
    }

    /**
     * The exact price threshold of a net condition: the lowest price (long; highest for a short), on the
     * eight-decimal grid, at which net PnL is at least {@code targetNet}. For activations and time-keyed
     * profit targets, which compare unrounded.
     */
    public static long exactThreshold(
        final boolean isLong, final long qty, final long entryNotional, final long entryFees, final FeeModel exitFee,
        final long targetNet)
    {
        return solveNet(isLong, qty, entryNotional, entryFees, exitFee, targetNet, 1);
    }

    private static boolean satisfies(
        final boolean isLong, final long qty, final long entryNotional, final long entryFees, final FeeModel exitFee,
        final long targetNet, final long price)
    {
        return netPnl(isLong, qty, entryNotional, entryFees, exitFee, price) >= targetNet;
    }

    private static long toFixedNear(final double x)
    {
        return Math.round(x * Fixed.ONE);
    }

    /**
     * Closed form for a flat taker rate r, used by tests to hold the solver to it: long
     * {@code X = (N + F + T) / (q (1 − r))}, short {@code X = (N − F − T) / (q (1 + r))}, before rounding.
     */
    public static double closedFormLinear(
        final boolean isLong, final double qty, final double entryNotional, final double entryFees, final double rate,
        final double targetNet)
    {
        return isLong
            ? (entryNotional + entryFees + targetNet) / (qty * (1 - rate))
            : (entryNotional - entryFees - targetNet) / (qty * (1 + rate));
    }

    /** {@code entry × (1 ± pct/100)} rounded to the tick in the position's favour. */
    public static long percentLevel(final long entryPrice, final long pct, final boolean above, final boolean isLong, final long tick)
    {
        final long factor = above ? Fixed.of(100) + pct : Fixed.of(100) - pct;
        final RoundingMode mode = isLong ? RoundingMode.CEILING : RoundingMode.FLOOR;
        final long raw = Fixed.mulDiv(entryPrice, factor, Fixed.of(100), mode);
        return Fixed.roundToTick(raw, tick, isLong);
    }
}
