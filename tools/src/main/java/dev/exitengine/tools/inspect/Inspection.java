package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.journal.JournalReader;
import dev.exitengine.tools.OutputFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.BooleanSupplier;

/**
 * One pass of {@code inspect} over a journal: inputs and decisions in journal order ({@link
 * JournalReader#readInOrder}), each input held only until its decisions are read ({@link InputGroup}), the
 * {@link EventFilter} applied, the rows written as they come. Memory does not grow with the journal.
 */
public final class Inspection
{
    /** Inputs read between two calls of the progress callback. */
    static final int PROGRESS_EVERY = 1 << 16;

    /** Unwinds the reader when the output is gone (a closed pipe): nothing more to read for. */
    private static final class Stopped extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Stopped()
        {
            super(null, null, false, false);
        }
    }

    private final EventFilter filter;
    private final RowSink sink;
    private final CloseOwners owners = new CloseOwners();
    private final InputGroup group = new InputGroup();
    private Names names;
    private long inputs;
    private long decisions;
    private long rows;

    public Inspection(final EventFilter filter, final OutputFormat format, final Writer out)
    {
        this.filter = filter;
        this.sink = RowSink.of(format, out);
    }

    /**
     * Reads the whole journal (or until {@code stop} says the output is gone) and writes the rows that pass.
     * {@code progress} is called every {@value #PROGRESS_EVERY} inputs.
     */
    public void run(final JournalReader reader, final Runnable progress, final BooleanSupplier stop) throws IOException
    {
        names = new Names();
        try
        {
            reader.readInOrder(names, event ->
            {
                flush();
                group.start(event);
                if (++inputs % PROGRESS_EVERY == 0)
                {
                    progress.run();
                    if (stop.getAsBoolean())
                    {
                        throw new Stopped();
                    }
                }
            }, (decision, buffer, offset, length) ->
            {
                decisions++;
                if (group.present() && decision.seq == group.input.seq)
                {
                    group.add(decision);
                }
                else
                {
                    // an output of no journaled input: shown on its own
                    flush();
                    decision(decision);
                }
            });
            flush();
        }
        catch (final Stopped ex)
        {
            return;
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        sink.finish();
    }

    /** Writes the held input (when it passes) and then its decisions (each when it passes). */
    private void flush()
    {
        if (!group.present())
        {
            return;
        }
        try
        {
            final EngineEvent e = group.input;
            if (filter.input(group, names, owners))
            {
                sink.input(e, names, owners);
                rows++;
            }
            for (int i = 0; i < group.size(); i++)
            {
                decision(group.decision(i));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            group.clear();
        }
    }

    private void decision(final Decision d)
    {
        owners.onDecision(d);
        if (filter.decision(d, names))
        {
            try
            {
                sink.decision(d, names);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            rows++;
        }
    }

    /** Inputs read so far. */
    public long inputs()
    {
        return inputs;
    }

    /** Decisions read so far. */
    public long decisions()
    {
        return decisions;
    }

    /** Rows written so far. */
    public long rows()
    {
        return rows;
    }
}
