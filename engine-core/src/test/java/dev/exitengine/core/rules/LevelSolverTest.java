package dev.exitengine.core.rules;

import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.util.SplittableRandom;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelSolverTest
{
    private static final FeeModel TAKER_4BP = FeeModels.percent(parse("0.0004"));
    private static final long TICK = parse("0.1");

    private static long notional(final String price, final String qty)
    {
        return Fixed.mulDiv(parse(price), parse(qty), Fixed.ONE, RoundingMode.HALF_UP);
    }

    @Test
    void longTakeProfitNetsTenDollarsAfterFees()
    {
        final long entryFee = TAKER_4BP.fee(notional("50000", "0.01"));
        assertEquals(parse("0.2"), entryFee);
        final long tp = LevelSolver.solveNet(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, parse("10"), TICK);
        assertEquals(parse("51040.5"), tp);
        assertEquals(parse("10.000838"), LevelSolver.netPnl(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, tp));
        // one tick lower would miss the target
        assertTrue(LevelSolver.netPnl(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, tp - TICK) < parse("10"));
    }

    @Test
    void longStopLosesAtMostTenDollarsAfterFees()
    {
        final long entryFee = parse("0.2");
        final long sl = LevelSolver.solveNet(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, parse("-10"), TICK);
        assertEquals(parse("49039.7"), sl);
        assertEquals(parse("-9.9991588"), LevelSolver.netPnl(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, sl));
        assertTrue(LevelSolver.netPnl(true, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, sl - TICK) < parse("-10"));
    }

    @Test
    void shortLevelsMirrorAndRoundDown()
    {
        final long entryFee = parse("0.2");
        final long tp = LevelSolver.solveNet(false, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, parse("10"), TICK);
        final long sl = LevelSolver.solveNet(false, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, parse("-10"), TICK);
        // closed form: (500 - 0.2 - 10) / (0.01 * 1.0004) = 48960.4158..., down to the tick
        assertEquals(parse("48960.4"), tp);
        // (500 - 0.2 + 10) / (0.01 * 1.0004) = 50959.6161..., down to the tick
        assertEquals(parse("50959.6"), sl);
        assertTrue(LevelSolver.netPnl(false, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, tp) >= parse("10"));
        assertTrue(LevelSolver.netPnl(false, parse("0.01"), notional("50000", "0.01"), entryFee, TAKER_4BP, sl) >= parse("-10"));
    }

    @Test
    void solverMatchesClosedFormOverThousandsOfRandomInstruments()
    {
        final SplittableRandom random = new SplittableRandom(20240808);
        final long[] ticks = {parse("0.1"), parse("0.01"), parse("0.001"), parse("0.5"), parse("1"), parse("0.0001")};
        for (int i = 0; i < 5_000; i++)
        {
            final long tick = ticks[random.nextInt(ticks.length)];
            final long price = Fixed.roundToTick(parse(String.valueOf(1 + random.nextInt(90_000))) + random.nextLong(Fixed.ONE), tick, false)
                + tick;
            final long qty = parse("0.001") * (1 + random.nextInt(5_000));
            final long rate = random.nextInt(11) * parse("0.0001"); // 0 .. 0.1 %
            final boolean isLong = random.nextBoolean();
            final boolean takeProfit = random.nextBoolean();
            final FeeModel fee = FeeModels.percent(rate);
            final long entryNotional = Fixed.mulDiv(price, qty, Fixed.ONE, RoundingMode.HALF_UP);
            final long entryFee = fee.fee(entryNotional);
            final long amount = parse(String.valueOf(1 + random.nextInt(50)));
            final long target = takeProfit ? amount : -amount;
            final double exact = LevelSolver.closedFormLinear(isLong, Fixed.toDouble(qty), Fixed.toDouble(entryNotional),
                Fixed.toDouble(entryFee), Fixed.toDouble(rate), Fixed.toDouble(target));
            if (exact <= Fixed.toDouble(tick) * 2)
            {
                continue;
            }
            final long solved = LevelSolver.solveNet(isLong, qty, entryNotional, entryFee, fee, target, tick);
            final long closedRounded = Fixed.roundToTick(Math.round(exact * Fixed.ONE), tick, isLong);
            // the exact solution can sit within floating-point error of a tick; then either neighbour is legitimate
            assertTrue(Math.abs(solved - closedRounded) <= tick,
                () -> "solver " + Fixed.toString(solved) + " vs closed form " + Fixed.toString(closedRounded));
            final long net = LevelSolver.netPnl(isLong, qty, entryNotional, entryFee, fee, solved);
            assertTrue(net >= target, "promise holds");
            final long tighter = isLong ? solved - tick : solved + tick;
            assertTrue(tighter <= 0 || LevelSolver.netPnl(isLong, qty, entryNotional, entryFee, fee, tighter) < target,
                "tightest tick");
            if (Math.abs(exact * Fixed.ONE - Math.round(exact / Fixed.toDouble(tick)) * (double)tick) > 1e-3 * tick)
            {
                assertEquals(closedRounded, solved, "away from a tick boundary the closed form decides alone");
            }
        }
    }

    @Test
    void solverWorksWithTieredDiscountedAndMinimumFees()
    {
        final FeeModel tiered = FeeModels.tiered(new long[] {parse("1000")}, new long[] {parse("0.0005"), parse("0.0002")});
        final FeeModel discounted = FeeModels.discounted(FeeModels.percent(parse("0.0005")), parse("0.1"));
        final FeeModel minimum = FeeModels.withMinimum(FeeModels.percent(parse("0.0004")), parse("1"));
        for (final FeeModel fee : new FeeModel[] {tiered, discounted, minimum})
        {
            for (final boolean isLong : new boolean[] {true, false})
            {
                for (final String target : new String[] {"10", "-10", "0", "250"})
                {
                    final long qty = parse("0.05");
                    final long entryNotional = notional("61800.3", "0.05");
                    final long entryFee = fee.fee(entryNotional);
                    final long level = LevelSolver.solveNet(isLong, qty, entryNotional, entryFee, fee, parse(target), TICK);
                    assertTrue(LevelSolver.netPnl(isLong, qty, entryNotional, entryFee, fee, level) >= parse(target));
                    final long tighter = isLong ? level - TICK : level + TICK;
                    assertTrue(LevelSolver.netPnl(isLong, qty, entryNotional, entryFee, fee, tighter) < parse(target));
                }
            }
        }
        // minimum fee of $1 per side binds: 0.01 BTC at 61800.3 would pay 0.2472 at 0.04 %
        final long qty = parse("0.01");
        final long entryNotional = notional("61800.3", "0.01");
        assertEquals(parse("1"), minimum.fee(entryNotional));
        // long TP $10: X·0.01 = 618.003 + 1 + 10 + 1, so X = 63000.3 exactly, netting exactly 10
        final long tp = LevelSolver.solveNet(true, qty, entryNotional, parse("1"), minimum, parse("10"), TICK);
        assertEquals(parse("63000.3"), tp);
        assertEquals(parse("10"), LevelSolver.netPnl(true, qty, entryNotional, parse("1"), minimum, tp));
    }

    @Test
    void tieredFeeChargesEachTierItsRate()
    {
        final FeeModel tiered = FeeModels.tiered(new long[] {parse("1000")}, new long[] {parse("0.0005"), parse("0.0002")});
        assertEquals(parse("0.5"), tiered.fee(parse("1000")));
        assertEquals(parse("0.7"), tiered.fee(parse("2000")));
    }

    @Test
    void impossibleTargetIsAClearError()
    {
        // a short cannot net $1,000 on $500 of notional
        final LevelSolverException ex = assertThrows(LevelSolverException.class, () ->
            LevelSolver.solveNet(false, parse("0.01"), notional("50000", "0.01"), parse("0.2"), TAKER_4BP, parse("1000"), TICK));
        assertTrue(ex.getMessage().contains("1000"), ex.getMessage());
        // a fee model that grows faster than the notional does not converge
        final FeeModel absurd = new FeeModel()
        {
            @Override
            public long fee(final long notional)
            {
                return notional * 2;
            }

            @Override
            public double feeApprox(final double notional)
            {
                return notional * 2;
            }
        };
        final LevelSolverException div = assertThrows(LevelSolverException.class, () ->
            LevelSolver.solveNet(true, parse("0.01"), notional("50000", "0.01"), parse("0.2"), absurd, parse("10"), TICK));
        assertTrue(div.getMessage().contains("did not converge"), div.getMessage());
    }

    @Test
    void percentLevelsRoundInThePositionsFavour()
    {
        // long: +2.5 % of 61800.3 = 63345.3075 -> up to 63345.4; -1.5 % = 60873.2955 -> up to 60873.3
        assertEquals(parse("63345.4"), LevelSolver.percentLevel(parse("61800.3"), parse("2.5"), true, true, TICK));
        assertEquals(parse("60873.3"), LevelSolver.percentLevel(parse("61800.3"), parse("1.5"), false, true, TICK));
        // short: -2.5 % = 60255.2925 -> down to 60255.2; +1.5 % = 62727.3045 -> down to 62727.3
        assertEquals(parse("60255.2"), LevelSolver.percentLevel(parse("61800.3"), parse("2.5"), false, false, TICK));
        assertEquals(parse("62727.3"), LevelSolver.percentLevel(parse("61800.3"), parse("1.5"), true, false, TICK));
    }
}
