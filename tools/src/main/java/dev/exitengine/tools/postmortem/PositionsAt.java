package dev.exitengine.tools.postmortem;

import dev.exitengine.tools.OutputFormat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code positions --at}: the journal replayed up to a moment (from a snapshot before it when there is one), the book then. */
public final class PositionsAt
{
    /** What the replay found. */
    public static final class Result
    {
        public int positions;
        public long lastSeq;
        public long replayed;
        public long fromSnapshot;
        public long elapsedNanos;
    }

    private PositionsAt()
    {
    }

    /** The open positions at {@code at} as records (filters: null for all). */
    public static List<Map<String, Object>> records(final Path journal, final long at, final Result result) throws IOException
    {
        final long start = System.nanoTime();
        try (JournalRun run = JournalRun.open(journal, null, null, null, msg -> { }))
        {
            result.fromSnapshot = run.startFromSnapshotAtOrBefore(at);
            result.replayed = run.replay(e -> e.ts <= at);
            result.lastSeq = run.engine().ingress().lastSeq();
            final List<Map<String, Object>> out = OpenPositions.of(run.engine());
            result.elapsedNanos = System.nanoTime() - start;
            return out;
        }
    }

    public static Result run(final Path journal, final long at, final String symbol, final String account, final OutputFormat format,
        final Writer out) throws IOException
    {
        final Result result = new Result();
        final Records records = new Records(format, out);
        for (final Map<String, Object> p : records(journal, at, result))
        {
            if ((symbol == null || symbol.equals(p.get("symbol"))) && (account == null || account.equals(p.get("account"))))
            {
                records.write(p);
                result.positions++;
            }
        }
        records.finish();
        return result;
    }
}
