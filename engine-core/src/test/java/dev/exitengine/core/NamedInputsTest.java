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
                "rejected fill o1 ts 1000: out of order: 9000 ms older than the newest input (10000), more than maxTimeRegressionMs 5000",
                "rejected fill o1 ts 1000: duplicate fill: account late, order o1, qty 1 at 100 was already applied"), s.errors);
            assertEquals(-1, s.engine.names().find(Names.Kind.ACCOUNT, "late"));
            assertEquals(2, s.engine.counters().get(Counter.INPUTS_REJECTED));
            s.errors.clear();
        }
    }

    @Test
    void anInputTooFarAheadIsRefusedAndNeverBecomesTheClockThatRefusesTheNextOnes()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            final long ms = 1_723_161_600_000L;
            s.in.trade(ms, "TEST", parse("100"), parse("1"));
            s.in.trade(ms * 1_000, "TEST", parse("100"), parse("1"));
            s.in.timer(ms + 365L * 24 * 3_600_000);
            s.in.fill(ms + 3_600_001, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            s.in.trade(ms + 1, "TEST", parse("101"), parse("1"));
            s.in.trade(ms + 1 + 3_600_000, "TEST", parse("102"), parse("1"));
            s.engine.awaitQuiet();
            assertEquals(List.of(
                "rejected trade TEST ts " + ms * 1_000 + ": too far ahead: " + (ms * 1_000 - ms) + " ms newer than the newest input ("
                    + ms + "), more than maxTimeAheadMs 3600000",
                "rejected timer ts " + (ms + 31_536_000_000L) + ": too far ahead: 31536000000 ms newer than the newest input (" + ms
                    + "), more than maxTimeAheadMs 3600000",
                "rejected fill o1 ts " + (ms + 3_600_001) + ": too far ahead: 3600001 ms newer than the "
                    + "newest input (" + ms + "), more than maxTimeAheadMs 3600000"), s.errors);
            assertEquals(3, s.engine.counters().get(Counter.INPUTS_REJECTED));
            assertEquals(3, s.engine.counters().get(Counter.TICKS), "the trades on time, the last one exactly at the bound, are evaluated");
            s.errors.clear();
        }
    }

    @Test
    void theFirstInputsTimeIsTakenAsItIsAndTheBoundIsConfigurable()
    {
        final EngineConfig config = new EngineConfig();
        config.maxTimeAheadMs = 10;
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", config, new RecordingGateway()))
        {
            s.in.trade(1_723_161_600_000_000L, "TEST", parse("100"), parse("1"));
            s.in.trade(1_723_161_600_000_010L, "TEST", parse("100"), parse("1"));
            s.in.trade(1_723_161_600_000_021L, "TEST", parse("100"), parse("1"));
            s.engine.awaitQuiet();
            assertEquals(2, s.engine.counters().get(Counter.TICKS));
            assertEquals(List.of("rejected trade TEST ts 1723161600000021: too far ahead: 11 ms newer than the newest input "
                + "(1723161600000010), more than maxTimeAheadMs 10"), s.errors);
            s.errors.clear();
        }
        config.maxTimeAheadMs = 0;
        assertEquals("maxTimeAheadMs: must be positive, was 0",
            assertThrows(IllegalArgumentException.class, config::validate).getMessage());
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
