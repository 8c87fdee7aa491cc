package dev.exitengine.gateway.binance;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.exitengine.gateway.binance.ApiCredentialsTest.API_KEY;
import static dev.exitengine.gateway.binance.ApiCredentialsTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance's documented HMAC vector, Ed25519 signatures its public key verifies, and the WebSocket API's sorted payload. */
class RequestSignerTest
{
    static final String DOC_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
    static final String DOC_SIGNATURE = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    static RequestSigner hmac()
    {
        return new RequestSigner(ApiCredentials.of("a1", API_KEY, SECRET, "test"));
    }

    @Test
    void theDocumentedHmacVectorSignsExactly()
    {
        final RequestSigner signer = hmac();
        assertEquals(DOC_SIGNATURE, signer.sign(DOC_QUERY));
        assertEquals(DOC_QUERY + "&signature=" + DOC_SIGNATURE, signer.signedQuery(DOC_QUERY));
        assertEquals(DOC_SIGNATURE, signer.sign(DOC_QUERY), "the same again: the Mac is reset between requests");
    }

    @Test
    void aRestBodyIsConcatenatedToTheQueryWithoutAnAmpersand()
    {
        final RequestSigner signer = hmac();
        final String query = "symbol=BTCUSDT&side=BUY&type=LIMIT";
        final String body = "quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
        assertEquals(signer.sign(query + body), signer.restSignature(query, body));
        assertEquals(signer.sign(query), signer.restSignature(query, ""));
    }

    @Test
    void anEd25519SignatureVerifiesWithThePublicKeyAndIsUrlEncodedInTheQuery() throws Exception
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
        final RequestSigner signer = new RequestSigner(ApiCredentials.of("a1", API_KEY, pem, "test"));
        final String signature = signer.sign(DOC_QUERY);
        final Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(DOC_QUERY.getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getDecoder().decode(signature)));
        assertEquals(signature, signer.sign(DOC_QUERY), "Ed25519 is deterministic");

        final String signed = signer.signedQuery(DOC_QUERY);
        final String encoded = signed.substring((DOC_QUERY + "&signature=").length());
        assertEquals(signature, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        assertTrue(encoded.matches("[A-Za-z0-9%._-]+"), "no raw '+', '/' or '=' in the query: " + encoded);
    }

    @Test
    void theWebSocketPayloadIsEveryParameterButTheSignatureSortedByName()
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "SELL");
        params.put("type", "MARKET");
        params.put("quantity", "0.010");
        params.put("timestamp", "1700000000000");
        params.put("apiKey", API_KEY);
        params.put("signature", "ignored");
        params.put("newClientOrderId", "xe-1-1");
        assertEquals("apiKey=" + API_KEY + "&newClientOrderId=xe-1-1&quantity=0.010&side=SELL&symbol=BTCUSDT&timestamp=1700000000000&type=MARKET",
            RequestSigner.webSocketPayload(params));
        final RequestSigner signer = hmac();
        assertEquals(signer.sign(RequestSigner.webSocketPayload(params)), signer.webSocketSignature(params));
    }
}
