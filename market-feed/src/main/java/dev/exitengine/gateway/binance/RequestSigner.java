package dev.exitengine.gateway.binance;

import javax.crypto.Mac;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs Binance USDⓈ-M requests with one account's key. REST: the payload is the query string followed
 * directly by the body (no {@code &}), and {@code signature} goes last in the query. WebSocket API: the
 * payload is every parameter but {@code signature}, sorted by name, as {@code k=v&…}. HMAC-SHA256 signs in
 * lowercase hex; Ed25519 in Base64, URL-encoded where it enters a query string. One instance per thread:
 * it keeps its {@link Mac} or {@link Signature} between requests.
 */
public final class RequestSigner
{
    private final ApiCredentials credentials;
    private final Mac mac;
    private final Signature ed25519;

    public RequestSigner(final ApiCredentials credentials)
    {
        this.credentials = credentials;
        try
        {
            if (credentials.type() == ApiCredentials.KeyType.HMAC_SHA256)
            {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(credentials.signingKey());
                ed25519 = null;
            }
            else
            {
                mac = null;
                ed25519 = Signature.getInstance("Ed25519");
                ed25519.initSign((PrivateKey)credentials.signingKey());
            }
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("account " + credentials.name() + ": this JDK cannot sign with " + credentials.type()
                + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    public ApiCredentials credentials()
    {
        return credentials;
    }

    /** The signature of {@code payload} as Binance expects it in JSON: hex for HMAC, Base64 for Ed25519. */
    public String sign(final String payload)
    {
        final byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (mac != null)
        {
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        }
        try
        {
            ed25519.update(bytes);
            return Base64.getEncoder().encodeToString(ed25519.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("account " + credentials.name() + ": Ed25519 signing failed (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** The signature of a REST request, URL-encoded for its query string: over {@code query} then {@code body}. */
    public String restSignature(final String query, final String body)
    {
        final String signature = sign(body == null || body.isEmpty() ? query : query + body);
        return mac != null ? signature : URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    /** {@code query&signature=…}: a signed REST query with no body. */
    public String signedQuery(final String query)
    {
        return query + "&signature=" + restSignature(query, "");
    }

    /** {@code k=v&…} of {@code params} in their iteration order, leaving out {@code signature}. */
    public static String query(final Map<String, String> params)
    {
        final StringBuilder sb = new StringBuilder(256);
        for (final Map.Entry<String, String> e : params.entrySet())
        {
            if (!"signature".equals(e.getKey()))
            {
                if (sb.length() > 0)
                {
                    sb.append('&');
                }
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }

    /** The WebSocket API payload: every parameter but {@code signature}, sorted by name, as {@code k=v&…}. */
    public static String webSocketPayload(final Map<String, String> params)
    {
        // already sorted by name (a TreeMap of natural order): no second copy
        return query(params instanceof java.util.SortedMap && ((java.util.SortedMap<String, String>)params).comparator() == null
            ? params : new TreeMap<>(params));
    }

    /** The signature of a WebSocket API request's parameters, for its {@code signature} field (not URL-encoded). */
    public String webSocketSignature(final Map<String, String> params)
    {
        return sign(webSocketPayload(params));
    }
}
