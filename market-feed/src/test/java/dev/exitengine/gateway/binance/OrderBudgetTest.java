package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderBudgetTest
{
    @Test
    void nothingKnownNothingWaits()
    {
        assertEquals(0, new OrderBudget().waitMs(1_000));
    }

    @Test
    void aFullTenSecondWindowWaitsUntilItHasPassedSinceTheReading()
    {
        final OrderBudget b = new OrderBudget();
        b.fromRateLimits(List.of(new WsApiResponse.RateLimit("ORDERS", "SECOND", 10, 5, 5),
            new WsApiResponse.RateLimit("ORDERS", "MINUTE", 1, 100, 5),
            new WsApiResponse.RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400, 2400)), 1_000);
        assertEquals(10_000, b.waitMs(1_000));
        assertEquals(3_000, b.waitMs(8_000));
        assertEquals(0, b.waitMs(11_000), "the window has rolled over");
    }

    @Test
    void theMinuteWindowAndTheHeadersCountToo()
    {
        final OrderBudget b = new OrderBudget();
        b.fromHeaders(3, OrderBudget.DEFAULT_LIMIT_1M, 0);
        assertEquals(60_000, b.waitMs(0));
        assertEquals(1, b.waitMs(59_999));
        assertEquals(0, b.waitMs(60_000));
    }

    @Test
    void anOrderSpentTakesThePlaceBeforeItsAnswerComes()
    {
        final OrderBudget b = new OrderBudget();
        b.fromRateLimits(List.of(new WsApiResponse.RateLimit("ORDERS", "SECOND", 10, 5, 4)), 0);
        assertEquals(0, b.waitMs(0));
        b.spend();
        assertEquals(10_000, b.waitMs(0), "the fifth went: the sixth waits");
    }
}
