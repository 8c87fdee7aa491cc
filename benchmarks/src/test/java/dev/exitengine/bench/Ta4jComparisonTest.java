package dev.exitengine.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine and ta4j-core 0.17 find the same exits (trade, price, reason) for the same positions over
 * the real trades of the bundled capture: the benchmark compares like with like.
 */
class Ta4jComparisonTest
{
    @Test
    void engineAndTa4jExitTheSamePositionsAtTheSameTradesAndPrices()
    {
        final Ta4jComparison cmp = new Ta4jComparison(TradeTape.bundled(), 400);
        final Ta4jComparison.Result r = cmp.compare(0, 1, 0);
        assertTrue(r.positions > 40, "positions: " + r.positions);
        assertTrue(r.exits > r.positions / 2, "exits: " + r.exits);
        assertTrue(r.exitsMatch, () -> "exits differ: " + String.join("\n", r.mismatches));
    }
}
