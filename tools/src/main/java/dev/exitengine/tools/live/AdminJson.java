package dev.exitengine.tools.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.exitengine.core.num.Fixed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The admin endpoint's JSON bodies: health, open positions, per-line verdicts and errors. Decimals are strings, as in decisions. */
final class AdminJson
{
    private static final JsonFactory JSON = new JsonFactory();

    private AdminJson()
    {
    }

    /** Writes one body (or, for JSON Lines, its values one a line) onto a generator. */
    @FunctionalInterface
    interface Body
    {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] health(final HealthSnapshot h)
    {
        return write(g ->
        {
            g.writeStartObject();
            g.writeStringField("status", h.status());
            if (h.fault() != null)
            {
                g.writeStringField("fault", h.fault());
            }
            g.writeNumberField("openPositions", h.openPositions());
            g.writeObjectFieldStart("exitsByReason");
            for (final Map.Entry<String, Long> e : h.exitsByReason().entrySet())
            {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("lastEventTime", h.lastEventTime());
            g.writeArrayFieldStart("streams");
            for (final StreamHealth s : h.streams())
            {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeBooleanField("connected", s.connected());
                g.writeNumberField("lastMessageAgeMs", s.lastMessageAgeMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("staleSymbols");
            for (final String symbol : h.staleSymbols())
            {
                g.writeString(symbol);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static byte[] positions(final List<OpenPosition> positions)
    {
        return write(g ->
        {
            g.writeStartArray();
            for (final OpenPosition p : positions)
            {
                g.writeStartObject();
                g.writeNumberField("positionId", p.positionId());
                g.writeStringField("account", p.account());
                g.writeStringField("symbol", p.symbol());
                g.writeStringField("positionSide", p.positionSide());
                decimal(g, "qty", p.qty());
                decimal(g, "entryPrice", p.entryPrice());
                decimal(g, "takeProfit", p.takeProfit());
                decimal(g, "stopLoss", p.stopLoss());
                decimal(g, "trailingStop", p.trailingStop());
                decimal(g, "breakevenStop", p.breakevenStop());
                decimal(g, "profitFloor", p.profitFloor());
                decimal(g, "scaleOutTarget", p.scaleOutTarget());
                decimal(g, "roiTarget", p.roiTarget());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** One line of {@code POST /events}'s answer: {@code {"line":N,"accepted":true}} or with the refusal. */
    static void verdict(final JsonGenerator g, final int line, final String refusal) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("line", line);
        g.writeBooleanField("accepted", refusal == null);
        if (refusal != null)
        {
            g.writeStringField("reason", refusal);
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    static byte[] error(final String message)
    {
        return write(g ->
        {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** Absent values (Fixed.NONE) are left out, as the decision lines do. */
    private static void decimal(final JsonGenerator g, final String key, final long value) throws IOException
    {
        if (value != Fixed.NONE)
        {
            g.writeStringField(key, Fixed.toString(value));
        }
    }

    static byte[] write(final Body body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out))
        {
            g.setRootValueSeparator(null);
            body.write(g);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
