package dev.exitengine.core;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import static dev.exitengine.core.Scenario.field;
import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §6: a profile falls back to another trigger source while its own is stale for the symbol. */
class SourceFallbackTest
{
    private static Scenario scenario(final long staleAfterMs)
    {
        final EngineConfig config = new EngineConfig();
        config.staleAfterMs = staleAfterMs;
        return new Scenario("TEST", "0.01", "0.0004", config, new RecordingGateway());
    }

    private static ExitProfile markWithLastFallback()
    {
        return ExitProfile.builder("m").stopLoss(LevelKind.PRICE, parse("95")).source(TriggerSource.MARK)
            .fallbackSource(TriggerSource.LAST).build();
    }

    @Test
    void aFreshSourceIgnoresTheFallback()
    {
        try (Scenario s = scenario(10_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").mark("TEST", "100");
            // trades at 1 s spacing, the mark 1..5 s old: fresh, so trades below the stop do nothing
            s.trade("TEST", "94", "93", "92", "91", "90");
            assertTrue(s.of("close").isEmpty(), "the mark is fresh: trades do not move a MARK profile");
            assertEquals(0, s.engine.counters().get(Counter.SOURCE_FALLBACKS));
        }
    }

    @Test
    void aStaleSourceFallsBackAtTheFirstFallbackEventPastTheTtlExactly()
    {
        try (Scenario s = scenario(10_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").mark("TEST", "100");
            final long markAt = s.ts;
            s.advance(9_000).trade("TEST", "96"); // the mark 10 s old: not stale yet (stale is more than the TTL)
            assertEquals(markAt + 10_000, s.ts);
            s.trade("TEST", "94.5"); // 11 s, more than the TTL: stale, so the position falls back at this trade
            final String close = s.of("close").get(0);
            assertEquals("STOP_LOSS", field(close, "reason"));
            assertEquals("94.5", field(close, "price"), "evaluated on the trade that found the mark stale");
            assertEquals(1, s.engine.counters().get(Counter.SOURCE_FALLBACKS));
        }
    }

    @Test
    void theSourceComingBackTakesThePositionBack()
    {
        try (Scenario s = scenario(5_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").mark("TEST", "100");
            s.advance(10_000).trade("TEST", "96"); // stale: on LAST now; 96 is above the stop
            assertEquals(1, s.engine.counters().get(Counter.SOURCE_FALLBACKS));
            s.mark("TEST", "99"); // the mark is back: the position returns to MARK
            s.trade("TEST", "94", "93"); // fresh mark: trades no longer count
            assertTrue(s.of("close").isEmpty(), "back on MARK, trades below the stop do nothing");
            s.mark("TEST", "95");
            assertEquals("95", field(s.of("close").get(0), "price"));
        }
    }

    @Test
    void aSourceNeverSeenCountsFromTheSymbolsFirstMarketEvent()
    {
        try (Scenario s = scenario(3_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m");
            s.trade("TEST", "99", "98", "97"); // first event at +1 s, no mark ever: stale once 3 s have passed
            assertTrue(s.of("close").isEmpty());
            s.trade("TEST", "96", "94");
            assertEquals("94", field(s.of("close").get(0), "price"));
        }
    }

    @Test
    void aTrailingPeakCarriesOverToTheFallback()
    {
        try (Scenario s = scenario(2_000))
        {
            s.profile(ExitProfile.builder("t").trailingActivation(ActivationKind.NONE, 0)
                .trailingDistance(DistanceKind.CALLBACK_PCT, parse("10")).source(TriggerSource.BID_ASK)
                .fallbackSource(TriggerSource.MARK).build());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "t").quote("TEST", "120", "120.1");
            s.advance(5_000).mark("TEST", "110"); // quotes stale: MARK now; the peak 120 stays, the stop 108
            assertTrue(s.of("close").isEmpty());
            s.mark("TEST", "108");
            final String close = s.of("close").get(0);
            assertEquals("TRAILING_STOP", field(close, "reason"));
            assertEquals("108", field(close, "price"));
        }
    }

    @Test
    void replayOfTheSameEventsFallsBackAtTheSameEvents()
    {
        final String first;
        final String second;
        try (Scenario s = scenario(10_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").mark("TEST", "100").advance(12_000).trade("TEST", "94");
            first = String.join("\n", s.of("close"));
        }
        try (Scenario s = scenario(10_000))
        {
            s.profile(markWithLastFallback());
            s.fill("a1", "TEST", Side.BUY, "1", "100", "m").mark("TEST", "100").advance(12_000).trade("TEST", "94");
            second = String.join("\n", s.of("close"));
        }
        assertEquals(first, second);
        assertTrue(first.contains("STOP_LOSS"));
    }

    @Test
    void aFallbackEqualToTheSourceIsRefusedNamingTheKey()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ExitProfile.builder("x").source(TriggerSource.MARK).fallbackSource(TriggerSource.MARK).build());
        assertTrue(ex.getMessage().contains("fallbackSource"), ex.getMessage());
    }

    @Test
    void theProfileTextCarriesTheFallback()
    {
        final ExitProfile p = markWithLastFallback();
        assertEquals(TriggerSource.LAST, ExitProfile.decode(p.encode()).fallbackSource);
        assertEquals(p, ExitProfile.decode(p.encode()));
    }
}
