package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The offset is the server's time minus the local midpoint of the request; timestamps follow it. */
class ServerClockTest
{
    @Test
    void aLocalClockAheadOfTheServerIsMovedBack()
    {
        final AtomicLong local = new AtomicLong(1_700_000_002_000L);
        final ServerClock clock = new ServerClock(local::get);
        assertEquals(1_700_000_002_000L, clock.now(), "no offset before a measurement");
        assertEquals(-1, clock.roundTripMs());
        // sent at ...1_000, received at ...1_040: the server answered ...0_000 at the local midpoint ...1_020
        clock.measured(1_700_000_001_000L, 1_700_000_000_000L, 1_700_000_001_040L);
        assertEquals(-1_020, clock.offsetMs());
        assertEquals(40, clock.roundTripMs());
        assertEquals(1_700_000_000_980L, clock.now());
        local.addAndGet(500);
        assertEquals(1_700_000_001_480L, clock.now());
    }

    @Test
    void aLocalClockBehindIsMovedForwardAndAnOddRoundTripRoundsTheMidpointDown()
    {
        assertEquals(2_499, ServerClock.offset(1_000, 3_500, 1_003));
        assertEquals(0, ServerClock.offset(1_000, 1_000, 1_000));
    }

    @Test
    void anAnswerReceivedBeforeItsRequestWasSentIsRefused()
    {
        final ServerClock clock = new ServerClock(() -> 0);
        assertThrows(IllegalArgumentException.class, () -> clock.measured(10, 5, 9));
        assertEquals(0, clock.offsetMs());
    }
}
