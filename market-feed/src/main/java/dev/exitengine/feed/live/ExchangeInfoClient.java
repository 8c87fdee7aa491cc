package dev.exitengine.feed.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the instruments of Binance USDⓈ-M symbols from {@code GET {restUrl}/fapi/v1/exchangeInfo}: the
 * tick size of {@code PRICE_FILTER}, and the step size and minimum quantity of {@code MARKET_LOT_SIZE}
 * (what a MARKET close must obey; {@code LOT_SIZE} where a symbol has no market filter). The exchange
 * does not publish fees there (they are per account): the caller gives the rates to assume.
 */
public final class ExchangeInfoClient
{
    /** The path appended to the REST base URL. */
    public static final String PATH = "/fapi/v1/exchangeInfo";

    private final URI uri;
    private final HttpClient http;
    private final Duration timeout;

    /** @param restUrl {@code https://fapi.binance.com}, or {@code http://127.0.0.1:PORT} for a local venue */
    public ExchangeInfoClient(final String restUrl, final Duration timeout)
    {
        this.uri = URI.create(stripSlash(restUrl) + PATH);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * The instruments of {@code symbols}, in their order.
     *
     * @throws IOException naming the URL when the venue does not answer, answers other than 200, or lacks a symbol
     */
    public List<EngineConfig.InstrumentDef> instruments(final List<String> symbols, final long makerFee, final long takerFee)
        throws IOException
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        final HttpResponse<byte[]> response;
        try
        {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("GET " + uri + ": interrupted", ex);
        }
        catch (final IOException ex)
        {
            // a refused connection has no message of its own: name what happened
            final String why = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
            throw new IOException("GET " + uri + ": " + why, ex);
        }
        if (response.statusCode() != 200)
        {
            throw new IOException("GET " + uri + ": HTTP " + response.statusCode());
        }
        final Map<String, long[]> grids = parse(response.body());
        final List<EngineConfig.InstrumentDef> out = new ArrayList<>(symbols.size());
        for (final String symbol : symbols)
        {
            final long[] g = grids.get(symbol.toUpperCase(Locale.ROOT));
            if (g == null)
            {
                throw new IOException("GET " + uri + ": no symbol " + symbol + " in the exchange's answer");
            }
            out.add(new EngineConfig.InstrumentDef(symbol.toUpperCase(Locale.ROOT), g[0], g[1], g[2], makerFee, takerFee));
        }
        return out;
    }

    /** Symbol → {tickSize, stepSize, minQty} of an exchangeInfo answer; a symbol without a tick or a step is left out. */
    static Map<String, long[]> parse(final byte[] body) throws IOException
    {
        final Map<String, long[]> grids = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(body))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("exchangeInfo: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                p.nextToken();
                if ("symbols".equals(key) && p.currentToken() == JsonToken.START_ARRAY)
                {
                    while (p.nextToken() == JsonToken.START_OBJECT)
                    {
                        symbol(p, grids);
                    }
                }
                else
                {
                    p.skipChildren();
                }
            }
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IOException("exchangeInfo: not valid JSON: " + ex.getOriginalMessage());
        }
        return grids;
    }

    private static void symbol(final JsonParser p, final Map<String, long[]> grids) throws IOException
    {
        String name = null;
        long tick = 0;
        final long[] market = {0, 0};
        final long[] lot = {0, 0};
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = p.currentName();
            p.nextToken();
            if ("symbol".equals(key))
            {
                name = p.getText();
            }
            else if ("filters".equals(key) && p.currentToken() == JsonToken.START_ARRAY)
            {
                while (p.nextToken() == JsonToken.START_OBJECT)
                {
                    final Map<String, String> f = flat(p);
                    switch (f.getOrDefault("filterType", ""))
                    {
                        case "PRICE_FILTER": tick = decimal(f, "tickSize"); break;
                        case "MARKET_LOT_SIZE": market[0] = decimal(f, "stepSize"); market[1] = decimal(f, "minQty"); break;
                        case "LOT_SIZE": lot[0] = decimal(f, "stepSize"); lot[1] = decimal(f, "minQty"); break;
                        default: break;
                    }
                }
            }
            else
            {
                p.skipChildren();
            }
        }
        final long[] grid = market[0] > 0 ? market : lot;
        if (name != null && tick > 0 && grid[0] > 0)
        {
            grids.put(name, new long[] {tick, grid[0], grid[1]});
        }
    }

    /** One filter object's scalar fields as text. */
    private static Map<String, String> flat(final JsonParser p) throws IOException
    {
        final Map<String, String> f = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = p.currentName();
            final JsonToken t = p.nextToken();
            if (t.isScalarValue())
            {
                f.put(key, p.getText());
            }
            else
            {
                p.skipChildren();
            }
        }
        return f;
    }

    private static long decimal(final Map<String, String> filter, final String key)
    {
        final String text = filter.get(key);
        return text == null ? 0 : Fixed.parse(text);
    }

    private static String stripSlash(final String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
