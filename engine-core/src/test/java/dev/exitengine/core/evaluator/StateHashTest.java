package dev.exitengine.core.evaluator;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.RiskView;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.order.ClientOrderIds;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.exitengine.core.evaluator.EvaluatorFixture.T0;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Whole evaluators fed the same inputs hash equal; one differing input makes them differ. */
class StateHashTest
{
    /** Feeds one evaluator hand-built events, one at a time, each its own batch. */
    static final class Feed
    {
        final PositionEvaluator evaluator;
        private long seq;
        long ts = T0;

        Feed()
        {
            this(EvaluatorFixture.quietConfig());
        }

        Feed(final EngineConfig c)
        {
            evaluator = new PositionEvaluator(EngineCounters.inMemory(), new Histogram(TimeUnit.SECONDS.toNanos(10), 3), c,
                EngineConfig.builtInDefaultProfile(), new RiskView());
        }

        EngineEvent send(final EventType type, final Consumer<EngineEvent> fields)
        {
            final EngineEvent e = new EngineEvent();
            e.clear(type);
            e.seq = ++seq;
            ts += 1_000;
            e.ts = ts;
            fields.accept(e);
            evaluator.onEvent(e, e.seq, true);
            return e;
        }

        Feed instrument()
        {
            send(EventType.INSTRUMENT, e ->
            {
                e.symbolId = 0;
                e.tickSize = parse("0.01");
                e.stepSize = parse("0.001");
                e.minQty = parse("0.001");
                e.makerFee = parse("0.0002");
                e.takerFee = parse("0.0004");
            });
            return this;
        }

        Feed trailingProfile()
        {
            final ExitProfile trail = ExitProfile.builder("trail").stopLoss(LevelKind.PCT, parse("5"))
                .trailingActivation(ActivationKind.PCT, 0).trailingDistance(DistanceKind.CALLBACK_PCT, parse("10")).build();
            send(EventType.PROFILE, e ->
            {
                e.profileId = 0;
                e.payload = trail;
            });
            return this;
        }

        Feed buy(final String qty, final String price)
        {
            send(EventType.FILL, e ->
            {
                e.accountId = 0;
                e.symbolId = 0;
                e.side = Side.BUY;
                e.qty = parse(qty);
                e.price = parse(price);
                e.profileId = 0;
                e.orderId = "o-" + e.seq;
            });
            return this;
        }

        Feed trades(final String... prices)
        {
            for (final String p : prices)
            {
                send(EventType.TRADE, e ->
                {
                    e.symbolId = 0;
                    e.price = parse(p);
                    e.qty = parse("0.001");
                });
            }
            return this;
        }

        Feed closeFill(final String qty, final String price)
        {
            send(EventType.ORDER_FILL, e ->
            {
                e.clientOrderId = ClientOrderIds.of(1, 1);
                e.qty = parse(qty);
                e.price = parse(price);
            });
            return this;
        }

        long hash()
        {
            return evaluator.stateHash();
        }
    }

    /** Open, trail up, fire the trailing stop at 99, fill half the close. */
    private static Feed script(final String fillPrice)
    {
        return new Feed().instrument().trailingProfile().buy("1", "100").trades("105", "110", "99").closeFill("0.5", fillPrice);
    }

    @Test
    void twoEvaluatorsFedTheSameEventsHaveEqualHashes()
    {
        final Feed a = script("98.99");
        final Feed b = script("98.99");
        assertEquals(a.hash(), b.hash());
        assertEquals(a.hash(), a.hash(), "reading the hash changes nothing");
        // the script did what it says: half closed, the rest closing
        assertEquals(parse("0.5"), a.evaluator.book().byId(1).qty);
    }

    @Test
    void aFillPriceOneUnitApartMakesTheHashesDiffer()
    {
        assertNotEquals(script("98.99").hash(), script("98.99000001").hash());
    }

    @Test
    void oneExtraTickThatMovesTheTrailingPeakMakesTheHashesDiffer()
    {
        // both end on a last trade of 110: only the peak differs
        final Feed a = new Feed().instrument().trailingProfile().buy("1", "100").trades("105", "110");
        final Feed b = new Feed().instrument().trailingProfile().buy("1", "100").trades("105", "111", "110");
        final Position pa = a.evaluator.book().byId(1);
        final Position pb = b.evaluator.book().byId(1);
        assertEquals(parse("110"), pa.rules.peak);
        assertEquals(parse("111"), pb.rules.peak);
        assertNotEquals(a.hash(), b.hash());
    }

    @Test
    void aTickThatMovesNothingButTheLastPriceStillChangesTheHash()
    {
        final Feed a = new Feed().instrument().trailingProfile().buy("1", "100").trades("105");
        final long before = a.hash();
        a.trades("104");
        assertEquals(parse("105"), a.evaluator.book().byId(1).rules.peak);
        assertNotEquals(before, a.hash());
    }

    @Test
    void theHashIsStableAcrossRunsInOneJvm()
    {
        final long first = script("98.99").hash();
        for (int run = 0; run < 3; run++)
        {
            assertEquals(first, script("98.99").hash(), "run " + run);
        }
    }

    @Test
    void everyKindOfInputThatChangesStateChangesTheHash()
    {
        final Feed f = new Feed();
        final long empty = f.hash();
        assertEquals(empty, new Feed().hash());
        f.instrument();
        final long defined = f.hash();
        assertNotEquals(empty, defined, "an instrument");
        f.trailingProfile();
        final long profiled = f.hash();
        assertNotEquals(defined, profiled, "a profile");
        f.buy("1", "100");
        final long opened = f.hash();
        assertNotEquals(profiled, opened, "a position");
        f.trades("105");
        final long traded = f.hash();
        assertNotEquals(opened, traded, "a tick");
        f.trades("94");
        assertEquals(dev.exitengine.core.position.PositionState.CLOSING, f.evaluator.book().byId(1).state);
        final long closing = f.hash();
        assertNotEquals(traded, closing, "a close decided");
        f.send(EventType.ORDER_REJECT, e ->
        {
            e.clientOrderId = ClientOrderIds.of(1, 1);
            e.text = "-1008 server busy";
        });
        // the sixth event, at T0 + 6 s: retried 200 ms later
        assertEquals(T0 + 6_000 + 200, f.evaluator.book().byId(1).retryAt());
        assertNotEquals(closing, f.hash(), "a failed close and the breaker's error");
    }

    @Test
    void theSameInputsInAnotherOrderGiveAnotherHash()
    {
        final Feed a = new Feed().instrument().trailingProfile().buy("1", "100").trades("105", "103");
        final Feed b = new Feed().instrument().trailingProfile().buy("1", "100").trades("103", "105");
        assertNotEquals(a.hash(), b.hash());
        assertEquals(parse("105"), a.evaluator.book().byId(1).rules.peak);
        assertEquals(parse("105"), b.evaluator.book().byId(1).rules.peak);
    }
}
