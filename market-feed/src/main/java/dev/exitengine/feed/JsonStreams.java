package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.Writer;

/**
 * The one Jackson {@link JsonFactory} of market-feed, and the parsers and generators made from it. A
 * factory is thread-safe and holds the buffer recyclers and symbol tables its parsers share, so one is
 * enough.
 */
final class JsonStreams
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStreams()
    {
    }

    /** A parser over {@code length} chars of {@code chars} from {@code offset}, read in place. */
    static JsonParser parser(final char[] chars, final int offset, final int length) throws IOException
    {
        return FACTORY.createParser(chars, offset, length);
    }

    static JsonParser parser(final String text) throws IOException
    {
        return FACTORY.createParser(text);
    }

    static JsonGenerator generator(final Writer out) throws IOException
    {
        return FACTORY.createGenerator(out);
    }
}
