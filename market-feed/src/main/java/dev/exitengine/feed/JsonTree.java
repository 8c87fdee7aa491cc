package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read whole into maps (in key order), lists and {@link Scalar}s, for what is small and read rarely
 * (a profile) and must be checked as a whole: every key known, none given twice. The first key given
 * twice is kept as {@link #duplicate}.
 */
final class JsonTree
{
    /** A JSON scalar as its token and text; decimals keep their exact text. */
    static final class Scalar
    {
        final JsonToken token;
        final String text;

        Scalar(final JsonToken token, final String text)
        {
            this.token = token;
            this.text = text;
        }
    }

    /** The key path of the first key given twice in an object; null when none was. */
    String duplicate;

    /** The token a value was read from: its own for a scalar, the start of a list or object otherwise. */
    static JsonToken token(final Object value)
    {
        if (value instanceof Scalar)
        {
            return ((Scalar)value).token;
        }
        return value instanceof List ? JsonToken.START_ARRAY : JsonToken.START_OBJECT;
    }

    /** A scalar's text; null for a list or object. */
    static String text(final Object value)
    {
        return value instanceof Scalar ? ((Scalar)value).text : null;
    }

    /** Reads the object the parser is at the {@code START_OBJECT} of, up to its {@code END_OBJECT}. */
    Map<String, Object> readObject(final JsonParser p, final String path) throws IOException
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = p.currentName();
            final String keyPath = path.isEmpty() ? key : path + "." + key;
            p.nextToken();
            final Object value = readValue(p, keyPath);
            if (object.put(key, value) != null && duplicate == null)
            {
                duplicate = keyPath;
            }
        }
        return object;
    }

    private Object readValue(final JsonParser p, final String path) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT)
        {
            return readObject(p, path);
        }
        if (token == JsonToken.START_ARRAY)
        {
            final List<Object> list = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY)
            {
                list.add(readValue(p, path + "[" + i++ + "]"));
            }
            return list;
        }
        return new Scalar(token, p.getText());
    }
}
