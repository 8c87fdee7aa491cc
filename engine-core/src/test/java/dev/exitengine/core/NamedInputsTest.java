package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamedInputsTest
{
    @Test
    void aTradeOfAnUnknownSymbolIsRefusedByNameAndNeverReachesTheRing()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            final long events = s.engine.counters().get(Counter.EVENTS);
            s.in.trade(5_000, "NOPE", parse("100"), parse("1"));
            assertEquals(List.of("rejected trade ts 5000: unknown symbol 'NOPE' (no instrument definition)"), s.errors);
            assertEquals(events, s.engine.counters().get(Counter.EVENTS));
            assertEquals(1, s.engine.counters().get(Counter.INPUTS_REJECTED));
            s.errors.clear();
        }
    }

    @Test
    void aNamedTradeIsPublishedAsTheSameEventAsOneById()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            final int id = s.engine.ingress().symbolId("TEST");
            s.in.trade(5_000, "TEST", parse("100"), parse("1"));
            s.engine.ingress().publishTrade(id, 5_001, parse("100"), parse("1"));
            s.engine.awaitQuiet();
            assertEquals(2, s.engine.counters().get(Counter.TICKS));
            assertEquals(2, s.in.inputsSeen(), "the instrument and the named trade were delivered by name");
        }
    }

    @Test
    void aFillOfAnUnknownProfileIsRefusedWithItsOrderAndTime()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.in.fill(1_000, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", "nope");
            assertEquals(List.of("rejected fill o1 ts 1000: unknown profile 'nope'"), s.errors);
            assertEquals(-1, s.engine.names().find(Names.Kind.ACCOUNT, "a1"), "a refused fill registers no account");
            s.errors.clear();
        }
    }

    @Test
    void aFillRefusedAsOutOfOrderRegistersNoAccountAndItsRepeatIsADuplicate()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.in.trade(10_000, "TEST", parse("100"), parse("1"));
            s.in.fill(1_000, "late", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            s.in.fill(1_000, "late", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            assertEquals(List.of(
                "rejected fill o1 ts 1000 ts 1000: out of order: 9000 ms older than the newest input (10000), more than maxTimeRegressionMs 5000",
                "rejected fill o1 ts 1000: duplicate fill: account late, order o1, qty 1 at 100 was already applied"), s.errors);
            assertEquals(-1, s.engine.names().find(Names.Kind.ACCOUNT, "late"));
            assertEquals(2, s.engine.counters().get(Counter.INPUTS_REJECTED));
            s.errors.clear();
        }
    }

    @Test
    void aRefusalNamesTheFeedsPlaceAndStopsTheFeedWhenToldTo()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.in.stopOnRefusal(true);
            s.in.position("events.jsonl", 17);
            final InputRefusedException ex = assertThrows(InputRefusedException.class,
                () -> s.in.orderAck(2_000, "not-an-order-id"));
            assertEquals(s.errors.get(0), ex.getMessage());
            assertEquals(1, s.errors.size());
            assertEquals(true, ex.getMessage().startsWith("rejected events.jsonl:17: "), ex.getMessage());
            assertEquals(true, ex.getMessage().endsWith(" (ack ts 2000)"), ex.getMessage());
            s.errors.clear();
        }
    }
}
