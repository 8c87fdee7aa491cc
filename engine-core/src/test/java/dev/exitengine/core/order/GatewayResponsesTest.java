package dev.exitengine.core.order;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.exitengine.core.order.GatewayResponseLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayResponsesTest
{
    private final List<String> seen = new ArrayList<>();

    private final GatewayResponses.Handler recorder = new GatewayResponses.Handler()
    {
        public void onAck(final long ts, final long clientOrderId)
        {
            seen.add("ack " + ts + " " + clientOrderId);
        }

        public void onReject(final long ts, final long clientOrderId, final String reason)
        {
            seen.add("reject " + ts + " " + clientOrderId + " " + reason);
        }

        public void onFill(final long ts, final long clientOrderId, final long qty, final long price, final long fee)
        {
            seen.add("fill " + ts + " " + clientOrderId + " " + qty + " " + price + " " + fee);
        }

        public void onExpired(final long ts, final long clientOrderId)
        {
            seen.add("expired " + ts + " " + clientOrderId);
        }
    };

    @Test
    void theLayoutIsTheDrawnOne()
    {
        assertEquals(0, TS_OFFSET);
        assertEquals(8, CLIENT_ORDER_ID_OFFSET);
        assertEquals(16, ID_ONLY_LENGTH);
        assertEquals(16, FILL_QTY_OFFSET);
        assertEquals(24, FILL_PRICE_OFFSET);
        assertEquals(32, FILL_FEE_OFFSET);
        assertEquals(40, FILL_LENGTH);
        assertEquals(16, REJECT_REASON_LENGTH_OFFSET);
        assertEquals(20, REJECT_REASON_OFFSET);
        assertTrue(REJECT_REASON_OFFSET + MAX_REASON_BYTES <= SCRATCH_CAPACITY, "the longest reject fits the scratch buffer");
    }

    @Test
    void everyAnswerComesOutAsItWentInInOrder()
    {
        final GatewayResponses responses = new GatewayResponses(1 << 12);
        assertTrue(responses.ack(1_000, 71));
        assertTrue(responses.fill(1_001, 71, 200_000, 6_180_010_000_000L, -3));
        assertTrue(responses.reject(1_002, 72, "Margin is insufficient."));
        assertTrue(responses.reject(1_003, 73, null));
        assertTrue(responses.expired(1_004, 74));
        assertEquals(5, responses.drain(recorder));
        assertEquals(List.of("ack 1000 71", "fill 1001 71 200000 6180010000000 -3", "reject 1002 72 Margin is insufficient.",
            "reject 1003 73 ", "expired 1004 74"), seen);
        assertTrue(responses.isEmpty());
    }

    @Test
    void aReasonLongerThanTheLimitIsCutToIt()
    {
        final GatewayResponses responses = new GatewayResponses(1 << 14);
        assertTrue(responses.reject(1, 2, "x".repeat(MAX_REASON_BYTES + 50)));
        responses.drain(recorder);
        assertEquals("reject 1 2 " + "x".repeat(MAX_REASON_BYTES), seen.get(0));
    }
}
