package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Binance USDⓈ-M REST calls over the JDK's {@link HttpClient}, against a base URL
 * ({@code https://fapi.binance.com}, or {@code http://127.0.0.1:P} in tests). Parameters go in the query
 * string, in the map's iteration order, URL-encoded; a {@link Security#SIGNED} call appends
 * {@code recvWindow} and {@code timestamp} (the venue's time from {@link ServerClock}) and then
 * {@code signature} last, and sends the API key in {@code X-MBX-APIKEY}, as does {@link Security#API_KEY}.
 * Every call ends in a {@link RestAnswer}, never an exception: a timeout or I/O failure is an answer flagged
 * as such, naming the method and path but not the query (it carries the signature). The last usage headers
 * seen are kept for {@link #ordersLeft10s(long)} and the like. Thread-safe: the synchronous calls block the
 * calling thread (never the engine's), the asynchronous ones complete on the client's executor.
 */
public final class BinanceRest
{
    /** How a call is authenticated. */
    public enum Security
    {
        /** Public: no key, no signature. */
        NONE,
        /** {@code X-MBX-APIKEY} only (USER_STREAM: the listenKey calls). */
        API_KEY,
        /** {@code X-MBX-APIKEY}, {@code recvWindow}, {@code timestamp} and {@code signature} (TRADE, USER_DATA). */
        SIGNED
    }

    public static final String PRODUCTION = "https://fapi.binance.com";
    public static final String TIME_PATH = "/fapi/v1/time";
    private static final String API_KEY_HEADER = "X-MBX-APIKEY";
    private static final JsonFactory JSON = new JsonFactory();

    private final String baseUrl;
    private final ApiCredentials credentials;
    private final RequestSigner signer;
    private final ServerClock clock;
    private final Duration timeout;
    private final String recvWindow;
    private final HttpClient http;
    private volatile long usedWeight1m = -1;
    private volatile long orderCount10s = -1;
    private volatile long orderCount1m = -1;

    /**
     * Calls to {@code baseUrl} for the account of {@code credentials} (null: public calls only), stamped by
     * {@code clock}, each given {@code timeout} for its answer, signed ones valid for {@code recvWindowMs}.
     */
    public BinanceRest(final String baseUrl, final ApiCredentials credentials, final ServerClock clock, final Duration timeout,
        final long recvWindowMs)
    {
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://"))
        {
            throw new IllegalArgumentException("not an http:// or https:// base URL: " + baseUrl);
        }
        if (recvWindowMs < 1 || recvWindowMs > 60_000)
        {
            throw new IllegalArgumentException("recvWindow must be 1 to 60000 ms, was " + recvWindowMs);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.signer = credentials == null ? null : new RequestSigner(credentials);
        this.clock = clock;
        this.timeout = timeout;
        this.recvWindow = Long.toString(recvWindowMs);
        this.http = HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(this.baseUrl.startsWith("https://") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    public String baseUrl()
    {
        return baseUrl;
    }

    public ServerClock clock()
    {
        return clock;
    }

    // ---------------------------------------------------------------- synchronous

    public RestAnswer get(final String path, final Map<String, String> params, final Security security)
    {
        return call("GET", path, params, security);
    }

    public RestAnswer post(final String path, final Map<String, String> params, final Security security)
    {
        return call("POST", path, params, security);
    }

    public RestAnswer put(final String path, final Map<String, String> params, final Security security)
    {
        return call("PUT", path, params, security);
    }

    public RestAnswer delete(final String path, final Map<String, String> params, final Security security)
    {
        return call("DELETE", path, params, security);
    }

    /** {@code method} ({@code GET}, {@code POST}, {@code PUT}, {@code DELETE}) of {@code path}, waiting for the answer. */
    public RestAnswer call(final String method, final String path, final Map<String, String> params, final Security security)
    {
        final HttpRequest request;
        try
        {
            request = request(method, path, params, security);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return RestAnswer.failed(method, path, false, "not sent: " + ex.getMessage());
        }
        try
        {
            return answered(method, path, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return RestAnswer.failed(method, path, false, "interrupted while waiting for the answer");
        }
        catch (final IOException ex)
        {
            return failure(method, path, ex);
        }
    }

    // ---------------------------------------------------------------- asynchronous

    /** As {@link #call}, without blocking: the future always completes normally, with the answer or the failure. */
    public CompletableFuture<RestAnswer> callAsync(final String method, final String path, final Map<String, String> params,
        final Security security)
    {
        final HttpRequest request;
        try
        {
            request = request(method, path, params, security);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return CompletableFuture.completedFuture(RestAnswer.failed(method, path, false, "not sent: " + ex.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .handle((response, ex) -> ex == null ? answered(method, path, response) : failure(method, path, unwrap(ex)));
    }

    // ---------------------------------------------------------------- clock and limits

    /**
     * Measures the venue's clock: {@code GET /fapi/v1/time}, timed locally before and after, handed to the
     * {@link ServerClock}. Returns the answer; the clock is left as it was when it failed.
     */
    public synchronized RestAnswer syncClock()
    {
        final long t0 = localMillis();
        final RestAnswer answer = get(TIME_PATH, Map.of(), Security.NONE);
        final long t1 = localMillis();
        if (!answer.ok())
        {
            return answer;
        }
        final long serverTime = serverTime(answer.body());
        if (serverTime <= 0)
        {
            return RestAnswer.failed("GET", TIME_PATH, false, "no serverTime in the answer");
        }
        clock.measured(t0, serverTime, t1);
        return answer;
    }

    /** The local clock the {@link ServerClock} runs on (its time less its offset; only syncClock changes the offset). */
    private long localMillis()
    {
        return clock.now() - clock.offsetMs();
    }

    /** {@code X-MBX-USED-WEIGHT-1M} of the last answer that carried it; -1 before any. */
    public long usedWeight1m()
    {
        return usedWeight1m;
    }

    /** {@code X-MBX-ORDER-COUNT-10S} of the last answer that carried it; -1 before any. */
    public long orderCount10s()
    {
        return orderCount10s;
    }

    /** {@code X-MBX-ORDER-COUNT-1M} of the last answer that carried it; -1 before any. */
    public long orderCount1m()
    {
        return orderCount1m;
    }

    /** Orders left in the 10-second window under {@code limit}, by the last count seen ({@code limit} before any). */
    public long ordersLeft10s(final long limit)
    {
        return left(limit, orderCount10s);
    }

    /** Orders left in the 1-minute window under {@code limit}, by the last count seen. */
    public long ordersLeft1m(final long limit)
    {
        return left(limit, orderCount1m);
    }

    /** Request weight left in the 1-minute window under {@code limit}, by the last weight seen. */
    public long weightLeft1m(final long limit)
    {
        return left(limit, usedWeight1m);
    }

    private static long left(final long limit, final long used)
    {
        return used < 0 ? limit : Math.max(0, limit - used);
    }

    // ---------------------------------------------------------------- internals

    private HttpRequest request(final String method, final String path, final Map<String, String> params, final Security security)
    {
        if (!path.startsWith("/"))
        {
            throw new IllegalArgumentException("path must start with /");
        }
        final StringBuilder query = new StringBuilder(256);
        if (params != null)
        {
            for (final Map.Entry<String, String> e : params.entrySet())
            {
                if ("signature".equals(e.getKey()) || (security == Security.SIGNED && ("timestamp".equals(e.getKey()) || "recvWindow".equals(e.getKey()))))
                {
                    throw new IllegalArgumentException(e.getKey() + " is added by the client, not by the caller");
                }
                append(query, e.getKey(), e.getValue());
            }
        }
        final HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(timeout);
        if (security != Security.NONE)
        {
            if (credentials == null)
            {
                throw new IllegalStateException("no API key for a " + security + " call");
            }
            builder.header(API_KEY_HEADER, credentials.apiKey());
        }
        if (security == Security.SIGNED)
        {
            append(query, "recvWindow", recvWindow);
            append(query, "timestamp", Long.toString(clock.now()));
            final String signature;
            synchronized (signer) // one Mac between threads
            {
                signature = signer.restSignature(query.toString(), "");
            }
            query.append("&signature=").append(signature);
        }
        final String uri = query.length() == 0 ? baseUrl + path : baseUrl + path + '?' + query;
        return builder.uri(URI.create(uri)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private static void append(final StringBuilder query, final String name, final String value)
    {
        if (query.length() > 0)
        {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private RestAnswer answered(final String method, final String path, final HttpResponse<String> response)
    {
        final HttpHeaders headers = response.headers();
        final long weight = header(headers, "X-MBX-USED-WEIGHT-1M");
        final long count10s = header(headers, "X-MBX-ORDER-COUNT-10S");
        final long count1m = header(headers, "X-MBX-ORDER-COUNT-1M");
        if (weight >= 0)
        {
            usedWeight1m = weight;
        }
        if (count10s >= 0)
        {
            orderCount10s = count10s;
        }
        if (count1m >= 0)
        {
            orderCount1m = count1m;
        }
        return RestAnswer.answered(method, path, response.statusCode(), response.body(), header(headers, "Retry-After"), weight, count10s, count1m);
    }

    private static long header(final HttpHeaders headers, final String name)
    {
        final String value = headers.firstValue(name).orElse(null);
        if (value == null)
        {
            return -1;
        }
        try
        {
            final long n = Long.parseLong(value.strip());
            return n >= 0 ? n : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private RestAnswer failure(final String method, final String path, final Throwable ex)
    {
        if (ex instanceof HttpTimeoutException)
        {
            return RestAnswer.failed(method, path, true, "no answer within " + timeout.toMillis() + " ms");
        }
        // only the type: an I/O exception's message may quote the URI, whose query holds the signature
        return RestAnswer.failed(method, path, false, "no answer (" + ex.getClass().getSimpleName() + ")");
    }

    private static Throwable unwrap(final Throwable ex)
    {
        return ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
    }

    private static long serverTime(final String body)
    {
        try (JsonParser p = JSON.createParser(body))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken t = p.nextToken();
                if ("serverTime".equals(name) && t == JsonToken.VALUE_NUMBER_INT)
                {
                    return p.getLongValue();
                }
                p.skipChildren();
            }
            return -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
