package dev.exitengine.core;

import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.exitengine.core.Scenario.field;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A position whose rule already holds at the last known price of its source when it is armed closes on
 * that input; an exit record reports its fill's own price, not one derived from a rounded notional.
 */
class ArmedOnCrossedLevelTest
{
    private static ExitProfile stopAt95()
    {
        return ExitProfile.builder("s95").stopLoss(LevelKind.PRICE, parse("95")).takeProfit(LevelKind.PRICE, parse("120")).build();
    }

    @Test
    void anEntryWhoseStopTheLastTradeAlreadyCrossedClosesOnTheFillItself()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(stopAt95());
            s.trade("TEST", "90");
            s.fill("a1", "TEST", Side.BUY, "1", "100", "s95");
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size(), s.lines.toString());
            assertEquals("STOP_LOSS", field(closes.get(0), "reason"));
            assertEquals("90", field(closes.get(0), "price"));
            assertEquals(field(s.of("levels").get(0), "seq"), field(closes.get(0), "seq"), "decided on the fill's own input");
            s.trade("TEST", "89");
            assertEquals(1, s.of("close").size(), "never a second close");
        }
    }

    @Test
    void aTargetAlreadyReachedWhenAProfileIsSetClosesOnTheCommand()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(stopAt95());
            s.profile(ExitProfile.builder("wide").stopLoss(LevelKind.PRICE, parse("50")).takeProfit(LevelKind.PRICE, parse("200")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "wide");
            s.trade("TEST", "121");
            assertTrue(s.of("close").isEmpty());
            s.command(Command.setProfile("a1", "TEST", PositionSide.BOTH, "s95"));
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size(), s.lines.toString());
            assertEquals("TAKE_PROFIT", field(closes.get(0), "reason"));
            assertEquals("121", field(closes.get(0), "price"));
        }
    }

    @Test
    void anExitReportsItsOffTickFillPriceItselfAndTheSlippageFromIt()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.profile(stopAt95());
            s.fill("a1", "TEST", Side.BUY, "0.003", "100", "s95");
            s.trade("TEST", "94");
            final String close = s.of("close").get(0);
            s.in.orderFill(s.ts + 1, field(close, "clientOrderId"), parse("0.003"), parse("93.12345678"), Fixed.NONE);
            final String exit = s.of("exit").get(0);
            assertEquals("93.12345678", field(exit, "exitPrice"), exit);
            assertEquals("1.87654322", field(exit, "slippage"), exit);
        }
    }
}
