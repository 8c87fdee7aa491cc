package dev.exitengine.tools.live;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A strict reader of the Prometheus text exposition format 0.0.4: fails on any line that is not a comment or a sample. */
final class PrometheusText
{
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*})?) "
            + "(-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)");

    private final Map<String, Double> samples = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(final String body)
    {
        final PrometheusText text = new PrometheusText();
        assertTrue(body.endsWith("\n"), "ends with a new line");
        for (final String line : body.split("\n"))
        {
            final Matcher type = TYPE.matcher(line);
            final Matcher sample = SAMPLE.matcher(line);
            if (type.matches())
            {
                text.types.put(type.group(1), type.group(2));
            }
            else if (sample.matches())
            {
                text.samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
            else if (!line.startsWith("# HELP "))
            {
                fail("not Prometheus text: '" + line + "'");
            }
        }
        return text;
    }

    double value(final String sample)
    {
        final Double value = samples.get(sample);
        if (value == null)
        {
            fail("no sample " + sample + " among " + samples.keySet());
        }
        return value;
    }

    boolean has(final String sample)
    {
        return samples.containsKey(sample);
    }

    String type(final String metric)
    {
        return types.get(metric);
    }
}
