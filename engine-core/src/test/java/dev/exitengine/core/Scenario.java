package dev.exitengine.core;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.ingest.Command;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scripted run: one engine in lockstep with a venue that fills closes at the next trade. */
final class Scenario implements AutoCloseable
{
    final List<String> lines = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final ExitEngine engine;
    final NamedInputs in;
    long ts = 1_723_161_600_000L;

    Scenario(final String symbol, final String tick, final String taker)
    {
        this(symbol, tick, taker, new EngineConfig(), new RecordingGateway());
    }

    Scenario(final String symbol, final String tick, final String taker, final EngineConfig config,
        final dev.exitengine.core.order.OrderGateway gateway)
    {
        config.lockstep = true;
        engine = ExitEngine.builder(config).gateway(gateway)
            .listener((d, names) -> lines.add(DecisionJson.toJson(d, names))).errors(errors::add).build().start();
        in = engine.inputs();
        in.instrument(symbol, Fixed.parse(tick), Fixed.parse("0.001"), 0, Fixed.parse("0.0002"), Fixed.parse(taker));
    }

    Scenario profile(final ExitProfile p)
    {
        in.profile(p);
        return this;
    }

    Scenario fill(final String account, final String symbol, final Side side, final String qty, final String price, final String profile)
    {
        in.fill(ts, account, symbol, side, PositionSide.BOTH, Fixed.parse(qty), Fixed.parse(price), Fixed.NONE, "o-" + ts, profile);
        return this;
    }

    Scenario trade(final String symbol, final String... prices)
    {
        for (final String p : prices)
        {
            ts += 1_000;
            in.trade(ts, symbol, Fixed.parse(p), Fixed.parse("0.001"));
        }
        return this;
    }

    Scenario quote(final String symbol, final String bid, final String ask)
    {
        ts += 1_000;
        in.quote(ts, symbol, Fixed.parse(bid), Fixed.parse(ask));
        return this;
    }

    Scenario mark(final String symbol, final String price)
    {
        ts += 1_000;
        in.mark(ts, symbol, Fixed.parse(price));
        return this;
    }

    Scenario timerAt(final long at)
    {
        ts = at;
        in.timer(at);
        return this;
    }

    Scenario command(final Command c)
    {
        ts += 1_000;
        in.command(ts, c);
        return this;
    }

    Scenario advance(final long millis)
    {
        ts += millis;
        return this;
    }

    List<String> of(final String type)
    {
        engine.awaitQuiet();
        final List<String> out = new ArrayList<>();
        for (final String l : lines)
        {
            if (l.startsWith("{\"type\":\"" + type + "\""))
            {
                out.add(l);
            }
        }
        return out;
    }

    static String field(final String line, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\":\"?([^\",}]*)\"?").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close()
    {
        engine.close();
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
