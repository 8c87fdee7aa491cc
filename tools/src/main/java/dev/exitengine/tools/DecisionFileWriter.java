package dev.exitengine.tools;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.DecisionListener;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes decisions as JSON Lines (SPEC appendix format), one line each, in the order they were made. */
public final class DecisionFileWriter implements DecisionListener, AutoCloseable
{
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private final boolean flushPerBatch;

    public DecisionFileWriter(final Path file) throws IOException
    {
        this(file, false);
    }

    /** @param flushPerBatch flush after each batch that decided something, so {@code tail -f} shows decisions as they happen */
    public DecisionFileWriter(final Path file, final boolean flushPerBatch) throws IOException
    {
        this.flushPerBatch = flushPerBatch;
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void onDecision(final Decision decision, final Names names)
    {
        line.setLength(0);
        DecisionJson.append(line, decision, names);
        line.append('\n');
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void onBatchEnd()
    {
        if (flushPerBatch)
        {
            try
            {
                out.flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
