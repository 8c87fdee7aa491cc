package dev.exitengine.tools.inspect;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.Decision;
import dev.exitengine.core.event.EngineEvent;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code --format jsonl}: an input as its JSON Lines event ({@link InputJson}), a decision exactly as the run's
 * {@code --out} file has it ({@link DecisionJson}).
 */
final class JsonLinesRows implements RowSink
{
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    JsonLinesRows(final Writer out)
    {
        this.out = out;
    }

    @Override
    public void input(final EngineEvent e, final Names names, final CloseOwners owners) throws IOException
    {
        line.setLength(0);
        InputJson.append(line, e, names);
        write();
    }

    @Override
    public void decision(final Decision d, final Names names) throws IOException
    {
        line.setLength(0);
        DecisionJson.append(line, d, names);
        write();
    }

    private void write() throws IOException
    {
        line.append('\n');
        out.append(line);
    }

    @Override
    public void finish() throws IOException
    {
        out.flush();
    }
}
