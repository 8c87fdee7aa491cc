package dev.exitengine.bench;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, numbers, booleans and strings as indented JSON. NaN and infinities become null. */
public final class Json
{
    private Json()
    {
    }

    public static String write(final Object value)
    {
        final StringBuilder sb = new StringBuilder(4096);
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(final StringBuilder sb, final Object v, final int indent)
    {
        if (v == null)
        {
            sb.append("null");
        }
        else if (v instanceof Map)
        {
            final Map<?, ?> m = (Map<?, ?>)v;
            if (m.isEmpty())
            {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (final Map.Entry<?, ?> e : m.entrySet())
            {
                pad(sb, indent + 2);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent + 2);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append('}');
        }
        else if (v instanceof List)
        {
            final List<?> l = (List<?>)v;
            if (l.isEmpty())
            {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++)
            {
                pad(sb, indent + 2);
                write(sb, l.get(i), indent + 2);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append(']');
        }
        else if (v instanceof Double || v instanceof Float)
        {
            final double d = ((Number)v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d))
            {
                sb.append("null");
            }
            else if (d == Math.rint(d) && Math.abs(d) < 1e15)
            {
                sb.append((long)d);
            }
            else
            {
                sb.append(new java.math.BigDecimal(d).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString());
            }
        }
        else if (v instanceof Number || v instanceof Boolean)
        {
            sb.append(v);
        }
        else
        {
            string(sb, v.toString());
        }
    }

    private static void pad(final StringBuilder sb, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            sb.append(' ');
        }
    }

    private static void string(final StringBuilder sb, final String s)
    {
        dev.exitengine.tools.postmortem.Records.quote(sb, s);
    }
}
