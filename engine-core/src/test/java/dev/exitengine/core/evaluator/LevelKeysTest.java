package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.ExitReason;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.position.RuleState;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelKeysTest
{
    private static Position position(final PositionSide side)
    {
        final Position p = new Position(1, 0, 0, side, false);
        p.rules = new RuleState();
        return p;
    }

    @Test
    void aLongsTightestStopIsItsHighestAndNamesItsRule()
    {
        final Position p = position(PositionSide.LONG);
        p.stopLoss = parse("95");
        final RuleState r = p.rules;
        r.trailActive = true;
        r.trailLevel = parse("97");
        r.breakevenActive = true;
        r.breakevenStop = parse("96");
        r.floorActive = true;
        r.floorLevel = parse("96.5");
        LevelKeys.refresh(p);
        assertEquals(parse("97"), p.stopKey);
        assertEquals(ExitReason.TRAILING_STOP, p.stopReason);
        r.floorLevel = parse("97.00000001");
        LevelKeys.refresh(p);
        assertEquals(parse("97.00000001"), p.stopKey);
        assertEquals(ExitReason.PROFIT_FLOOR, p.stopReason);
    }

    @Test
    void aShortsTightestStopIsItsLowest()
    {
        final Position p = position(PositionSide.SHORT);
        p.stopLoss = parse("105");
        p.rules.trailActive = true;
        p.rules.trailLevel = parse("103");
        p.rules.floorActive = true;
        p.rules.floorLevel = parse("104");
        LevelKeys.refresh(p);
        assertEquals(parse("103"), p.stopKey);
        assertEquals(ExitReason.TRAILING_STOP, p.stopReason);
    }

    @Test
    void tiesGoToTheRuleOfHigherPriority()
    {
        final Position p = position(PositionSide.LONG);
        p.stopLoss = parse("98");
        p.rules.trailActive = true;
        p.rules.trailLevel = parse("98");
        p.rules.breakevenActive = true;
        p.rules.breakevenStop = parse("98");
        LevelKeys.refresh(p);
        assertEquals(ExitReason.STOP_LOSS, p.stopReason);
        p.stopLoss = parse("97");
        LevelKeys.refresh(p);
        assertEquals(parse("98"), p.stopKey);
        assertEquals(ExitReason.TRAILING_STOP, p.stopReason, "trailing before breakeven");
        final Position s = position(PositionSide.SHORT);
        s.rules.breakevenActive = true;
        s.rules.breakevenStop = parse("101");
        s.rules.floorActive = true;
        s.rules.floorLevel = parse("101");
        LevelKeys.refresh(s);
        assertEquals(ExitReason.BREAKEVEN, s.stopReason, "breakeven before the profit floor");
    }

    @Test
    void inactiveRulesAndAnAtrStopOfAnotherKindOfProfileAreNotCandidates()
    {
        final Position p = position(PositionSide.LONG);
        p.profile = ExitProfile.builder("pct").stopLoss(LevelKind.PCT, parse("2")).build();
        p.stopLoss = parse("95");
        p.rules.trailLevel = parse("99");
        p.rules.breakevenStop = parse("99");
        p.rules.floorLevel = parse("99");
        p.rules.atrStop = parse("99");
        LevelKeys.refresh(p);
        assertEquals(parse("95"), p.stopKey);
        assertEquals(ExitReason.STOP_LOSS, p.stopReason);
    }

    @Test
    void anAtrProfilesVolatilityStopCompetesWithTheOthers()
    {
        final Position p = position(PositionSide.LONG);
        p.profile = ExitProfile.builder("atr").stopLoss(LevelKind.ATR, parse("2")).build();
        p.rules.atrStop = parse("96");
        LevelKeys.refresh(p);
        assertEquals(parse("96"), p.stopKey);
        assertEquals(ExitReason.VOLATILITY_STOP, p.stopReason);
        p.rules.trailActive = true;
        p.rules.trailLevel = parse("96");
        LevelKeys.refresh(p);
        assertEquals(ExitReason.VOLATILITY_STOP, p.stopReason, "a tie stays with the volatility stop");
    }

    @Test
    void withoutAnyStopTheKeyIsNoneAndNamesNoRule()
    {
        final Position p = new Position(1, 0, 0, PositionSide.LONG, false);
        p.takeProfit = parse("110");
        LevelKeys.refresh(p);
        assertEquals(Fixed.NONE, p.stopKey);
        assertNull(p.stopReason);
        assertEquals(parse("110"), p.targetKey);
    }

    @Test
    void theTargetIsTheNearestUpwardThresholdIncludingActivationsNotYetReached()
    {
        final Position p = position(PositionSide.LONG);
        final RuleState r = p.rules;
        p.takeProfit = parse("110");
        r.scalePrice = parse("105");
        r.roiLevel = parse("107");
        r.trailActivation = parse("103");
        r.breakevenTrigger = parse("104");
        r.floorActivation = parse("102");
        LevelKeys.refresh(p);
        assertEquals(parse("102"), p.targetKey);
        r.floorActive = true;
        LevelKeys.refresh(p);
        assertEquals(parse("103"), p.targetKey);
        r.trailActive = true;
        r.breakevenActive = true;
        LevelKeys.refresh(p);
        assertEquals(parse("105"), p.targetKey, "reached activations are no longer targets");
        r.scalePrice = Fixed.NONE;
        LevelKeys.refresh(p);
        assertEquals(parse("107"), p.targetKey);
    }

    @Test
    void aShortsNearestTargetIsTheHighest()
    {
        final Position p = position(PositionSide.SHORT);
        p.takeProfit = parse("90");
        p.rules.scalePrice = parse("95");
        p.rules.roiLevel = parse("93");
        LevelKeys.refresh(p);
        assertEquals(parse("95"), p.targetKey);
    }

    @Test
    void crossingsAreInclusiveAndMirrorForShorts()
    {
        assertTrue(LevelKeys.crossesUp(true, parse("105"), parse("105")));
        assertFalse(LevelKeys.crossesUp(true, parse("104.99999999"), parse("105")));
        assertTrue(LevelKeys.crossesUp(false, parse("95"), parse("95")));
        assertFalse(LevelKeys.crossesUp(false, parse("95.00000001"), parse("95")));
        assertTrue(LevelKeys.crossesDown(true, parse("95"), parse("95")));
        assertFalse(LevelKeys.crossesDown(true, parse("95.00000001"), parse("95")));
        assertTrue(LevelKeys.crossesDown(false, parse("105"), parse("105")));
        assertFalse(LevelKeys.crossesDown(false, parse("104.99999999"), parse("105")));
    }
}
