package dev.exitengine.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Reads a decisions file ({@code --out}) and holds it to the reference model's lines, field by field. */
final class DecisionLines
{
    /** Fields compared as decimals (the engine writes 51041 where the model has 51041.0). */
    private static final Set<String> DECIMALS = Set.of("qty", "entryPrice", "takeProfit", "stopLoss", "level", "price",
        "triggerPrice", "exitPrice", "fees", "netPnl");
    private static final JsonFactory JSON = new JsonFactory();

    private DecisionLines()
    {
    }

    /** Each line of the file as its flat fields, values as text. */
    static List<Map<String, String>> read(final Path file)
    {
        try
        {
            final List<Map<String, String>> out = new ArrayList<>();
            for (final String line : Files.readAllLines(file))
            {
                out.add(parse(line));
            }
            return out;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static Map<String, String> parse(final String line)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                fail("not a JSON object: " + line);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                final JsonToken value = p.nextToken();
                if (value.isStructStart())
                {
                    fail("decision lines are flat, '" + key + "' is not: " + line);
                }
                fields.put(key, p.getText());
            }
        }
        catch (final IOException ex)
        {
            fail("not valid JSON: " + line + " (" + ex.getMessage() + ")");
        }
        return fields;
    }

    /** Holds the actual lines to the expected, in order, on every field the expected line names. */
    static void assertMatch(final List<ReferenceExits.Line> expected, final List<Map<String, String>> actual)
    {
        final int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++)
        {
            final ReferenceExits.Line e = expected.get(i);
            final Map<String, String> a = actual.get(i);
            for (final Map.Entry<String, String> f : e.fields.entrySet())
            {
                final String key = f.getKey();
                final String got = a.get(key);
                final String where = "decision line " + (i + 1) + ", field '" + key + "'\n  expected: " + e + "\n  actual:   " + a;
                assertNotNull(got, where);
                if (DECIMALS.contains(key))
                {
                    if (new BigDecimal(f.getValue()).compareTo(new BigDecimal(got)) != 0)
                    {
                        fail(where);
                    }
                }
                else
                {
                    assertEquals(f.getValue(), got, where);
                }
            }
        }
        assertEquals(expected.size(), actual.size(), "number of decision lines; first unmatched: "
            + (expected.size() > n ? expected.get(n) : actual.size() > n ? actual.get(n) : "-"));
    }

    static long count(final List<Map<String, String>> lines, final String type, final String reason)
    {
        return lines.stream().filter(l -> type.equals(l.get("type")) && (reason == null || reason.equals(l.get("reason")))).count();
    }
}
