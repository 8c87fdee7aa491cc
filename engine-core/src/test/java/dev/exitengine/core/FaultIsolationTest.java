package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.exitengine.core.Scenario.field;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultIsolationTest
{
    @Test
    void aPositionWhoseRulesCannotBeSolvedIsQuarantinedAndTheOthersGoOn()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            // a short cannot net $1,000 on $100 of notional: no price solves it
            s.profile(ExitProfile.builder("impossible").takeProfit(LevelKind.NET, parse("1000")).build());
            s.profile(ExitProfile.builder("sl").stopLoss(LevelKind.PRICE, parse("95")).build());
            s.fill("bad", "TEST", Side.SELL, "1", "100", "impossible").fill("good", "TEST", Side.BUY, "1", "100", "sl")
                .trade("TEST", "94", "93");
            final String q = s.of("quarantine").get(0);
            assertEquals("bad", field(q, "account"));
            assertTrue(field(q, "detail").startsWith("LevelSolverException"), q);
            final List<String> exits = s.of("exit");
            assertEquals(1, exits.size());
            assertEquals("good", field(exits.get(0), "account"));
            assertEquals(1, s.engine.counters().get(Counter.POSITIONS_QUARANTINED));
            // a fill for the quarantined position is refused, not applied
            s.fill("bad", "TEST", Side.SELL, "1", "100", null);
            assertTrue(field(s.of("rejected").get(0), "detail").contains("quarantined"));
        }
    }

    @Test
    void anExceptionInAHandlerIsCountedAndNeverHaltsTheRing()
    {
        final OrderGateway throwing = new OrderGateway()
        {
            private GatewayResponses responses;
            private int sends;

            @Override
            public void bind(final GatewayResponses r)
            {
                responses = r;
            }

            @Override
            public void send(final CloseOrder order)
            {
                if (sends++ == 0)
                {
                    throw new IllegalStateException("gateway bug");
                }
                responses.fill(order.ts, order.clientOrderId, order.qty, parse("90"), Fixed.NONE);
            }
        };
        final EngineConfig config = new EngineConfig();
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", config, throwing))
        {
            s.profile(ExitProfile.builder("sl").stopLoss(LevelKind.PRICE, parse("95")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl").fill("a2", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "94");
            s.engine.awaitQuiet();
            assertEquals(1, s.engine.counters().get(Counter.ERRORS));
            assertTrue(s.engine.lastError().contains("gateway bug"), s.engine.lastError());
            s.errors.clear();
            // the close whose send threw came back as a reject; the other close of the same event still left
            final List<String> failed = s.of("closeFailed");
            assertEquals("a1", field(failed.get(0), "account"));
            assertTrue(field(failed.get(0), "detail").startsWith("rejected: send failed: java.lang.IllegalStateException: gateway bug"));
            // the ring goes on: later events are evaluated, and a1's close is retried after its backoff
            s.fill("a3", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "93");
            final List<String> closes = s.of("close");
            // a3 enters at 100 with the last trade at 94, below its stop: it closes on its own fill, before a1's retry at 93
            assertEquals(List.of("xe-1-1", "xe-2-1", "xe-3-1", "xe-1-2"),
                closes.stream().map(c -> field(c, "clientOrderId")).collect(java.util.stream.Collectors.toList()));
            assertEquals(3, s.of("exit").size(), "every position exits");
            s.errors.clear();
        }
    }

    /**
     * The caller-thread layout handles every event in one slot: an input published from inside the
     * pipeline (here a gateway calling the ingress instead of answering through its responses) would
     * overwrite the event being handled, so it is refused, and the event in hand is left whole.
     */
    @Test
    void anInputPublishedFromInsideTheCallerThreadPipelineIsRefused()
    {
        final NamedInputs[] ingress = new NamedInputs[1];
        final OrderGateway reentrant = new OrderGateway()
        {
            @Override
            public void bind(final GatewayResponses responses)
            {
            }

            @Override
            public void send(final CloseOrder order)
            {
                ingress[0].trade(order.ts, "TEST", parse("1"), parse("0.001"));
            }
        };
        final EngineConfig config = new EngineConfig();
        config.layout = EngineConfig.Layout.CALLER_THREAD;
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004", config, reentrant))
        {
            ingress[0] = s.in;
            s.profile(ExitProfile.builder("sl").stopLoss(LevelKind.PRICE, parse("95")).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "sl").trade("TEST", "94");
            final List<String> closes = s.of("close");
            assertEquals(1, closes.size());
            assertEquals("a1", field(closes.get(0), "account"));
            assertEquals("94", field(closes.get(0), "price"), "the event in hand is not overwritten");
            final String failed = s.of("closeFailed").get(0);
            assertTrue(field(failed, "detail").contains("published from within the caller-thread pipeline"), failed);
            assertEquals(1, s.engine.counters().get(Counter.TICKS), "the refused trade was never evaluated");
            s.errors.clear();
        }
    }

    @Test
    void anExactDuplicateFillIsRefusedAndCounted()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.in.fill(1000, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            s.in.fill(1000, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            s.in.fill(1001, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("1"), parse("100"), Fixed.NONE, "o1", null);
            final List<String> levels = s.of("levels");
            assertEquals("2", field(levels.get(levels.size() - 1), "qty"), "a later partial fill of the same order is applied");
            assertEquals(1, s.errors.size());
            assertTrue(s.errors.get(0).contains("duplicate fill: account a1, order o1"), s.errors.get(0));
            assertEquals(1, s.engine.counters().get(Counter.INPUTS_REJECTED));
            s.errors.clear();
        }
    }

    @Test
    void aFillWhoseNotionalDoesNotFitIsRefusedAtTheIngressNamingTheFill()
    {
        try (Scenario s = new Scenario("TEST", "0.01", "0.0004"))
        {
            s.in.position("events.jsonl", 7);
            s.in.fill(1000, "a1", "TEST", Side.BUY, PositionSide.BOTH, parse("90000000000"), parse("90000000000"), Fixed.NONE, "big", null);
            assertEquals(List.of("rejected events.jsonl:7: notional of qty 90000000000 at price 90000000000 is beyond the fixed-point "
                + "range (at most 92233720368.54775807) (fill big ts 1000)"), s.errors);
            assertEquals(1, s.engine.counters().get(Counter.INPUTS_REJECTED));
            s.errors.clear();
            s.fill("a1", "TEST", Side.BUY, "1", "100", null);
            assertEquals(1, s.of("levels").size(), "the next fill opens its position");
            assertEquals("1", field(s.of("levels").get(0), "qty"));
            assertEquals(List.of(), s.errors);
        }
    }
}
