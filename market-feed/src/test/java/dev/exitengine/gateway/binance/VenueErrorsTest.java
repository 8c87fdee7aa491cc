package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each of Binance's refusals the engine acts on, read from the body it really sends, mapped to what to do. */
class VenueErrorsTest
{
    @Test
    void executionStatusUnknownIsLookedUpNeverResent()
    {
        final VenueError e = VenueErrors.ofRest(400, null,
            "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; execution status unknown.\"}");
        assertEquals(VenueAction.UNKNOWN_OUTCOME, e.action());
        assertEquals(-1007, e.code());
        assertEquals(VenueAction.UNKNOWN_OUTCOME, VenueErrors.ofRest(500, null, "{\"code\":-1006,\"msg\":\"An unexpected response was received from the message bus. Execution status unknown.\"}").action());
    }

    @Test
    void http503AndOther5xxMayHaveExecuted()
    {
        final VenueError e = VenueErrors.ofRest(503, null, "{\"code\":-1000,\"msg\":\"Unknown error, please check your request or try again later.\"}");
        assertEquals(VenueAction.UNKNOWN_OUTCOME, e.action());
        assertEquals("UNKNOWN_OUTCOME -1000 Unknown error, please check your request or try again later. (HTTP 503)", e.toString());
        final VenueError proxy = VenueErrors.ofRest(504, null, "<html>Gateway Time-out</html>");
        assertEquals(VenueAction.UNKNOWN_OUTCOME, proxy.action());
        assertEquals("unreadable body: <html>Gateway Time-out</html>", proxy.message());
        assertEquals(VenueAction.UNKNOWN_OUTCOME, VenueErrors.ofRest(502, null, "").action());
    }

    @Test
    void aTimeoutIsAnUnknownOutcome()
    {
        final VenueError e = VenueErrors.timeout("no answer to POST /fapi/v1/order in 2000 ms");
        assertEquals(VenueAction.UNKNOWN_OUTCOME, e.action());
        assertEquals("UNKNOWN_OUTCOME no answer to POST /fapi/v1/order in 2000 ms", e.toString());
    }

    @Test
    void aTimestampOutsideTheWindowResyncsTheClock()
    {
        assertEquals(VenueAction.RESYNC_CLOCK_AND_RETRY,
            VenueErrors.ofRest(400, null, "{\"code\":-1021,\"msg\":\"Timestamp for this request was 1000ms ahead of the server's time.\"}").action());
        assertEquals(VenueAction.RESYNC_CLOCK_AND_RETRY,
            VenueErrors.ofRest(400, null, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}").action());
        assertEquals(VenueAction.RESYNC_CLOCK_AND_RETRY, VenueErrors.ofRest(400, null, "{\"code\":-5028,\"msg\":\"Timestamp for this request is outside of the ME recvWindow.\"}").action());
    }

    @Test
    void tooManyRequestsAndBansBackOffForRetryAfter()
    {
        final VenueError limited = VenueErrors.ofRest(429, "7", "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 2400 requests per minute.\"}");
        assertEquals(VenueAction.BACK_OFF, limited.action());
        assertEquals(7, limited.retryAfterSeconds());
        final VenueError banned = VenueErrors.ofRest(418, " 120 ", "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1700000120000.\"}");
        assertEquals(VenueAction.BACK_OFF, banned.action());
        assertEquals(120, banned.retryAfterSeconds());
        assertEquals(-1, VenueErrors.ofRest(429, null, "").retryAfterSeconds());
        assertEquals(-1, VenueErrors.ofRest(429, "Wed, 21 Oct 2026 07:28:00 GMT", "").retryAfterSeconds(), "a date is not taken for seconds");
    }

    @Test
    void aReduceOnlyConflictRereadsThePosition()
    {
        final VenueError e = VenueErrors.ofRest(400, null, "{\"code\":-2022,\"msg\":\"ReduceOnly Order is rejected.\"}");
        assertEquals(VenueAction.REREAD_POSITION, e.action());
        assertEquals("ReduceOnly Order is rejected.", e.message());
    }

    @Test
    void aMarketCloseBeyondThePriceBandFallsBackToIocLimit()
    {
        assertEquals(VenueAction.IOC_LIMIT_AT_BAND, VenueErrors.ofRest(400, null,
            "{\"code\":-4131,\"msg\":\"The counterparty's best price does not meet the PERCENT_PRICE filter limit.\"}").action());
    }

    @Test
    void badSignaturesStrayParametersDuplicateIdsAndTheRestAreRejectedWithCodeAndMessage()
    {
        final VenueError signature = VenueErrors.ofRest(400, null, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
        assertEquals("REJECTED -1022 Signature for this request is not valid. (HTTP 400)", signature.toString());
        final VenueError reduceOnly = VenueErrors.ofRest(400, null, "{\"msg\":\"Parameter 'reduceOnly' sent when not required.\",\"code\":-1106}");
        assertEquals(VenueAction.REJECTED, reduceOnly.action());
        assertEquals(-1106, reduceOnly.code());
        assertEquals("Parameter 'reduceOnly' sent when not required.", reduceOnly.message());
        assertEquals("REJECTED -4116 ClientOrderId is duplicated. (HTTP 400)",
            VenueErrors.ofRest(400, null, "{\"code\":-4116,\"msg\":\"ClientOrderId is duplicated.\"}").toString());
        assertEquals("REJECTED -2019 Margin is insufficient. (HTTP 400)",
            VenueErrors.ofRest(400, null, "{\"code\":-2019,\"msg\":\"Margin is insufficient.\"}").toString());
        assertEquals("REJECTED unreadable body: not json (HTTP 400)", VenueErrors.ofRest(400, null, "not json").toString());
        assertEquals("REJECTED -4164 (HTTP 400)", VenueErrors.ofRest(400, null, "{\"code\":-4164}").toString(), "a code without msg");
        assertEquals("REJECTED unreadable body: {\"code\":-4164 (HTTP 400)", VenueErrors.ofRest(400, null, "{\"code\":-4164").toString(), "cut short");
    }

    @Test
    void webSocketApiErrorsAreReadFromTheirErrorObject()
    {
        final VenueError e = VenueErrors.ofWebSocket("{\"id\":\"xe-7-1\",\"status\":400,\"error\":{\"code\":-2022,\"msg\":\"ReduceOnly Order is rejected.\"},"
            + "\"rateLimits\":[{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":300,\"count\":1}]}");
        assertEquals("REREAD_POSITION -2022 ReduceOnly Order is rejected. (HTTP 400)", e.toString());
        final VenueError late = VenueErrors.ofWebSocket("{\"id\":\"r\",\"error\":{\"code\":-1021,\"msg\":\"Timestamp outside.\"},\"status\":400}");
        assertEquals(VenueAction.RESYNC_CLOCK_AND_RETRY, late.action());
        assertEquals(400, late.httpStatus(), "status after the error object is still read");
        assertEquals(VenueAction.BACK_OFF, VenueErrors.ofWebSocket("{\"id\":\"r\",\"status\":429,\"error\":{\"code\":-1003,\"msg\":\"Too many requests.\"}}").action());
    }
}
