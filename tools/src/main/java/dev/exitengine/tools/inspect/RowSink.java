package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.tools.OutputFormat;

import java.io.IOException;
import java.io.Writer;

/** Where {@code inspect} writes the inputs and decisions it shows, one row each, in one {@link OutputFormat}. */
interface RowSink
{
    void input(EngineEvent e, Names names, CloseOwners owners) throws IOException;

    void decision(Decision d, Names names) throws IOException;

    /** After the last row: writes what is buffered. */
    void finish() throws IOException;

    /** The sink of {@code format} writing to {@code out}. */
    static RowSink of(final OutputFormat format, final Writer out)
    {
        switch (format)
        {
            case JSONL: return new JsonLinesRows(out);
            case CSV: return new CsvRows(out);
            case TABLE: return new TableRows(out);
            default: throw new IllegalArgumentException("no sink for " + format);
        }
    }
}
