package dev.exitengine.bench;

import java.nio.file.Path;
import java.util.Properties;

/** The {@code ta4j} section: the engine and ta4j over the same real trades and positions, exits compared first, then times. */
final class EngineVsTa4j extends ProfileSection
{
    EngineVsTa4j(final boolean full, final Path artifacts, final Properties out)
    {
        super(full, artifacts, out);
    }

    @Override
    void measure()
    {
        final TradeTape tape = TradeTape.bundled();
        // ta4j's cost grows with the square of holding times (its trailing rule rescans every bar since
        // entry on every check): a position every 400 trades keeps the quick profile's run to seconds
        final Ta4jComparison cmp = new Ta4jComparison(tape, full ? 100 : 400);
        final Ta4jComparison.Result r = cmp.compare(full ? 50 : 20, full ? 21 : 9, full ? 3 : 1);
        put("ta4j.spacing", full ? 100 : 400);
        put("ta4j.trades", r.trades);
        put("ta4j.positions", r.positions);
        put("ta4j.exits", r.exits);
        put("ta4j.trailingCompared", Boolean.toString(r.trailingCompared));
        put("ta4j.exitsMatch", Boolean.toString(r.exitsMatch));
        put("ta4j.mismatches", String.join("\n", r.mismatches));
        put("ta4j.engineNanos", r.engineNanos);
        put("ta4j.ta4jNanos", r.ta4jNanos);
        log("%,d real trades, %,d positions, %,d exits; trailing stops compared: %s", r.trades, r.positions, r.exits,
            r.trailingCompared);
        log("exits equal: %s", r.exitsMatch);
        for (final String m : r.mismatches)
        {
            log("  %s", m);
        }
        log("engine %.2f ms, ta4j %.1f ms", r.engineNanos / 1e6, r.ta4jNanos / 1e6);
    }
}
