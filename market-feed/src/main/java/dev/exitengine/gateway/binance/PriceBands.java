package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Each symbol's {@code PERCENT_PRICE} band from exchangeInfo ({@code multiplierUp}, {@code multiplierDown}):
 * how far from the mark price an order may trade. A MARKET close on a thin book that would trade beyond
 * it is refused with {@code -4131}; the close then goes as an IOC LIMIT at the band's edge — mark ×
 * multiplierDown for a SELL, mark × multiplierUp for a BUY — the worst price the venue lets it take.
 */
public final class PriceBands
{
    /** Where exchangeInfo names no band: Binance's usual 5 % each way. */
    public static final long DEFAULT_UP = Fixed.parse("1.05");
    public static final long DEFAULT_DOWN = Fixed.parse("0.95");

    private final Map<String, long[]> bands;

    private PriceBands(final Map<String, long[]> bands)
    {
        this.bands = bands;
    }

    public static PriceBands none()
    {
        return new PriceBands(Map.of());
    }

    /** Reads the bands of every symbol in an exchangeInfo body; throws naming the symbol and field on a bad value. */
    public static PriceBands parse(final String exchangeInfo)
    {
        final Map<String, long[]> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(exchangeInfo))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IllegalArgumentException("exchangeInfo: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                p.nextToken();
                if (!"symbols".equals(key) || p.currentToken() != JsonToken.START_ARRAY)
                {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT)
                {
                    symbol(p, out);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("exchangeInfo: " + ex.getMessage(), ex);
        }
        return new PriceBands(out);
    }

    private static void symbol(final JsonParser p, final Map<String, long[]> out) throws IOException
    {
        String symbol = null;
        long[] band = null;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = p.currentName();
            p.nextToken();
            if ("symbol".equals(key))
            {
                symbol = p.getText();
            }
            else if ("filters".equals(key) && p.currentToken() == JsonToken.START_ARRAY)
            {
                while (p.nextToken() == JsonToken.START_OBJECT)
                {
                    final Map<String, String> f = new HashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String name = p.currentName();
                        p.nextToken();
                        if (p.currentToken().isScalarValue())
                        {
                            f.put(name, p.getText());
                        }
                        else
                        {
                            p.skipChildren();
                        }
                    }
                    if ("PERCENT_PRICE".equals(f.get("filterType")))
                    {
                        band = new long[] {decimal(f, "multiplierUp", symbol), decimal(f, "multiplierDown", symbol)};
                    }
                }
            }
            else
            {
                p.skipChildren();
            }
        }
        if (symbol != null && band != null)
        {
            out.put(symbol, band);
        }
    }

    private static long decimal(final Map<String, String> f, final String field, final String symbol)
    {
        final String text = f.get(field);
        try
        {
            return Fixed.parse(text);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("exchangeInfo " + symbol + " PERCENT_PRICE." + field + ": not a decimal: '" + text + "'");
        }
    }

    /** The band's edge for a close of {@code side} at mark price {@code mark}: the worst price it may trade at. */
    public long edge(final String symbol, final Side side, final long mark)
    {
        final long[] band = bands.get(symbol);
        final long multiplier = side == Side.SELL ? (band == null ? DEFAULT_DOWN : band[1]) : (band == null ? DEFAULT_UP : band[0]);
        return Fixed.mulDiv(mark, multiplier, Fixed.ONE, RoundingMode.HALF_UP);
    }
}
