package dev.exitengine.core.evaluator;

import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LastPricesTest
{
    private final LastPrices prices = new LastPrices();

    private static Position position(final PositionSide side, final TriggerSource source)
    {
        final Position p = new Position(1, 0, 3, side, false);
        p.profile = source == null ? null
            : ExitProfile.builder(source.name()).stopLoss(LevelKind.PCT, parse("1")).source(source).build();
        return p;
    }

    private void seeAll()
    {
        prices.trade(3, parse("100.5"));
        prices.quote(3, parse("100.4"), parse("100.6"));
        prices.mark(3, parse("100.45"));
    }

    @Test
    void eachTriggerSourceReadsItsOwnPriceLongsTheBidShortsTheAsk()
    {
        seeAll();
        assertEquals(parse("100.5"), prices.sourcePrice(position(PositionSide.LONG, TriggerSource.LAST)));
        assertEquals(parse("100.5"), prices.sourcePrice(position(PositionSide.SHORT, TriggerSource.LAST)));
        assertEquals(parse("100.4"), prices.sourcePrice(position(PositionSide.LONG, TriggerSource.BID_ASK)));
        assertEquals(parse("100.6"), prices.sourcePrice(position(PositionSide.SHORT, TriggerSource.BID_ASK)));
        assertEquals(parse("100.45"), prices.sourcePrice(position(PositionSide.LONG, TriggerSource.MARK)));
        assertEquals(parse("100.45"), prices.sourcePrice(position(PositionSide.SHORT, TriggerSource.MARK)));
        assertEquals(parse("100.5"), prices.sourcePrice(position(PositionSide.SHORT, null)), "no profile: the last trade");
    }

    @Test
    void aSourceNotSeenYetIsNoneEvenWhenOthersAre()
    {
        prices.trade(3, parse("100.5"));
        assertEquals(Fixed.NONE, prices.sourcePrice(position(PositionSide.LONG, TriggerSource.BID_ASK)));
        assertEquals(Fixed.NONE, prices.sourcePrice(position(PositionSide.LONG, TriggerSource.MARK)));
        prices.quote(3, parse("100.4"), 0);
        assertEquals(parse("100.4"), prices.sourcePrice(position(PositionSide.LONG, TriggerSource.BID_ASK)));
        assertEquals(Fixed.NONE, prices.sourcePrice(position(PositionSide.SHORT, TriggerSource.BID_ASK)));
    }

    @Test
    void lastTradeIsNoneBeforeTheFirstTradeAndBeyondTheTable()
    {
        assertEquals(Fixed.NONE, prices.lastTrade(3));
        assertEquals(Fixed.NONE, prices.lastTrade(16));
        prices.trade(3, parse("0.00000001"));
        assertEquals(parse("0.00000001"), prices.lastTrade(3));
    }

    @Test
    void tablesGrowAndKeepWhatTheyHeld()
    {
        seeAll();
        prices.ensureCapacity(8);
        prices.ensureCapacity(100);
        prices.trade(99, parse("7"));
        assertEquals(parse("7"), prices.lastTrade(99));
        assertEquals(parse("100.5"), prices.lastTrade(3));
        assertEquals(parse("100.6"), prices.sourcePrice(position(PositionSide.SHORT, TriggerSource.BID_ASK)));
    }

    @Test
    void stateHashChangesWithEveryKindOfPrice()
    {
        final long fresh = prices.stateHash();
        assertEquals(fresh, new LastPrices().stateHash());
        prices.trade(3, parse("1"));
        final long traded = prices.stateHash();
        assertNotEquals(fresh, traded);
        prices.quote(3, 0, parse("1"));
        final long quoted = prices.stateHash();
        assertNotEquals(traded, quoted);
        prices.mark(3, parse("1"));
        assertNotEquals(quoted, prices.stateHash());
    }
}
