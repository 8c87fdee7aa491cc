package dev.exitengine.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Where a feed's text comes from: a file, a classpath resource or a string, with a name for error
 * messages. Gzip input is recognised by its magic bytes (not its file name) and decompressed; text is
 * UTF-8.
 */
public final class FeedInput
{
    private static final int BUFFER_SIZE = 1 << 16;

    /** Opens the raw bytes; called once per run. */
    @FunctionalInterface
    private interface ByteSource
    {
        InputStream open() throws IOException;
    }

    private final String name;
    private final String fileName;
    private final ByteSource source;

    private FeedInput(final String name, final String fileName, final ByteSource source)
    {
        this.name = name;
        this.fileName = fileName;
        this.source = source;
    }

    /** A file, named by its path as given. */
    public static FeedInput file(final Path path)
    {
        Objects.requireNonNull(path, "path");
        final Path last = path.getFileName();
        return new FeedInput(path.toString(), last == null ? path.toString() : last.toString(), () -> Files.newInputStream(path));
    }

    /** A resource on this module's classpath, such as {@code "/data/BTCUSDT-2024-08-08-ws-capture.gz"}. */
    public static FeedInput classpath(final String resource)
    {
        Objects.requireNonNull(resource, "resource");
        final String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        return new FeedInput("classpath:" + resource, fileName, () ->
        {
            final InputStream in = FeedInput.class.getResourceAsStream(resource);
            if (in == null)
            {
                throw new IOException("classpath resource not found: " + resource);
            }
            return in;
        });
    }

    /** Text held in memory (tests, embedded configuration), with the name errors should give. */
    public static FeedInput text(final String name, final String content)
    {
        Objects.requireNonNull(name, "name");
        final byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new FeedInput(name, name, () -> new ByteArrayInputStream(bytes));
    }

    /** The name error messages use: the path as given, {@code classpath:/...}, or the given name. */
    public String name()
    {
        return name;
    }

    /** The last path segment, which for Binance's files starts with the symbol. */
    public String fileName()
    {
        return fileName;
    }

    /** Opens the input's bytes (UTF-8 text), gunzipped when it starts with the gzip magic bytes. */
    public InputStream openStream() throws IOException
    {
        final InputStream raw = source.open();
        try
        {
            final BufferedInputStream in = new BufferedInputStream(raw, BUFFER_SIZE);
            in.mark(2);
            final int b0 = in.read();
            final int b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER_SIZE) : in;
        }
        catch (final IOException | RuntimeException ex)
        {
            raw.close();
            throw ex;
        }
    }

    @Override
    public String toString()
    {
        return name;
    }
}
