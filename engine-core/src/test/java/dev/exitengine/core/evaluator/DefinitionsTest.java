package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DefinitionsTest
{
    private final ExitProfile builtIn = EngineConfig.builtInDefaultProfile();
    private final Definitions defs = new Definitions("house", builtIn);

    private static Position position()
    {
        return new Position(1, 0, 0, PositionSide.LONG, false);
    }

    private static ExitProfile named(final String name)
    {
        return ExitProfile.builder(name).stopLoss(LevelKind.PCT, parse("1")).build();
    }

    @Test
    void withoutAProfileNamedAsTheDefaultTheBuiltInOneIsGiven()
    {
        defs.defineProfile(0, named("other"));
        final Position p = position();
        defs.assignProfile(p, -1);
        assertSame(builtIn, p.profile);
        assertEquals(-1, p.profileId);
    }

    @Test
    void aProfileNamedAsTheDefaultBecomesTheDefault()
    {
        final ExitProfile house = named("house");
        defs.defineProfile(3, house);
        final Position p = position();
        defs.assignProfile(p, -1);
        assertSame(house, p.profile);
        assertEquals(3, p.profileId);
    }

    @Test
    void aNamedIdGivesThatProfile()
    {
        defs.defineProfile(3, named("house"));
        final ExitProfile tight = named("tight");
        defs.defineProfile(40, tight);
        final Position p = position();
        defs.assignProfile(p, 40);
        assertSame(tight, p.profile);
        assertEquals(40, p.profileId);
        assertSame(tight, defs.profile(40));
    }

    @Test
    void anUnknownIdThrowsAndLeavesThePositionAsItWas()
    {
        defs.defineProfile(0, named("a"));
        final Position p = position();
        defs.assignProfile(p, 0);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> defs.assignProfile(p, 5));
        assertEquals("unknown profile id 5", ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> defs.assignProfile(p, 1_000));
        assertEquals("unknown profile id 1000", ex.getMessage());
        assertEquals(0, p.profileId);
        assertEquals("a", p.profile.name);
    }

    @Test
    void instrumentsAreFoundByIdAndTheTableGrowsForLargeIds()
    {
        assertEquals(16, defs.symbolCapacity());
        defs.defineInstrument(2, parse("0.1"), parse("0.001"), parse("0.002"), parse("0.0002"), parse("0.0004"));
        defs.defineInstrument(40, parse("0.01"), parse("1"), parse("1"), parse("0.0001"), parse("0.0005"));
        assertEquals(41, defs.symbolCapacity());
        final Instrument i = defs.instrument(2);
        assertEquals(2, i.symbolId);
        assertEquals(parse("0.1"), i.tickSize);
        assertEquals(parse("0.001"), i.stepSize);
        assertEquals(parse("0.002"), i.minQty);
        assertEquals(parse("0.0002"), i.makerFee);
        assertEquals(parse("0.0004"), i.takerFee);
        assertEquals(parse("0.04"), i.takerFeeModel.fee(parse("100")));
        assertEquals(parse("0.0005"), defs.instrument(40).takerFee);
        assertNull(defs.instrument(3));
        assertNull(defs.instrument(-1));
        assertNull(defs.instrument(41));
        assertNull(defs.profile(-1));
        assertNull(defs.profile(99));
    }

    @Test
    void stateHashFollowsDefinitionsAndIsEqualForEqualOnes()
    {
        final Definitions other = new Definitions("house", builtIn);
        assertEquals(defs.stateHash(), other.stateHash());
        defs.defineInstrument(1, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        other.defineInstrument(1, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        assertEquals(defs.stateHash(), other.stateHash());
        other.defineInstrument(1, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.00040001"));
        assertNotEquals(defs.stateHash(), other.stateHash(), "the taker fee");
        final long before = defs.stateHash();
        defs.defineProfile(2, named("x"));
        final long named = defs.stateHash();
        assertNotEquals(before, named);
        defs.defineProfile(2, ExitProfile.builder("x").stopLoss(LevelKind.PCT, parse("1")).source(TriggerSource.MARK).build());
        assertNotEquals(named, defs.stateHash(), "the trigger source");
        final long beforeDefault = defs.stateHash();
        defs.defineProfile(2, ExitProfile.builder("house").stopLoss(LevelKind.PCT, parse("1")).source(TriggerSource.MARK).build());
        assertNotEquals(beforeDefault, defs.stateHash(), "the name, and with it the default profile id");
    }
}
