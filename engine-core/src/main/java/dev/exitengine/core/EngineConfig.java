package dev.exitengine.core;

import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * What an engine is built from. Defaults run as they are. {@link #encode()} gives the canonical text
 * that the journal header keeps, so a replay runs with what the run used.
 */
public final class EngineConfig
{
    /** How handlers map onto threads. Outputs are identical either way. */
    public enum Layout
    {
        /** Journal, evaluator and close handler on one consumer thread: best on 2 cores. */
        SINGLE_THREAD,
        /** Each handler on its own thread: for machines with a spare core per handler. */
        THREAD_PER_HANDLER
    }

    /** How consumer threads wait for events. */
    public enum Wait
    {
        BLOCKING, YIELDING, BUSY_SPIN, SLEEPING
    }

    /** An instrument known from the configuration rather than from an instrument event. */
    public static final class InstrumentDef
    {
        public final String symbol;
        public final long tickSize;
        public final long stepSize;
        public final long minQty;
        public final long makerFee;
        public final long takerFee;

        public InstrumentDef(final String symbol, final long tickSize, final long stepSize, final long minQty, final long makerFee,
            final long takerFee)
        {
            this.symbol = symbol;
            this.tickSize = tickSize;
            this.stepSize = stepSize;
            this.minQty = minQty;
            this.makerFee = makerFee;
            this.takerFee = takerFee;
        }
    }

    public static final int FORMAT_VERSION = 1;

    public int ringSize = 1 << 14;
    public Layout layout = Layout.SINGLE_THREAD;
    public Wait wait = Wait.YIELDING;
    public String defaultProfile = "default";
    public final List<ExitProfile> profiles = new ArrayList<>();
    public final List<InstrumentDef> instruments = new ArrayList<>();
    /** An event older than the newest accepted by more than this is refused as out of order. */
    public long maxTimeRegressionMs = 5_000;
    /**
     * Ingress waits for each event to pass the close-order handler before the next: a simulated venue
     * then answers at exactly the next market event, so file runs are deterministic end to end.
     */
    public boolean lockstep;
    public boolean recordLatency = true;

    /** The built-in default exit profile: +2.5 % / −1.5 % from entry, on the last trade. */
    public static ExitProfile builtInDefaultProfile()
    {
        return ExitProfile.builder("default")
            .takeProfit(ExitProfile.LevelKind.PCT, Fixed.parse("2.5"))
            .stopLoss(ExitProfile.LevelKind.PCT, Fixed.parse("1.5"))
            .source(TriggerSource.LAST)
            .build();
    }

    public EngineConfig validate()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize: must be a power of two, was " + ringSize);
        }
        if (maxTimeRegressionMs < 0)
        {
            throw new IllegalArgumentException("maxTimeRegressionMs: must not be negative");
        }
        return this;
    }

    /** Canonical text of what shapes the outputs (threading and waiting do not). */
    public String encode()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("formatVersion=").append(FORMAT_VERSION).append('\n');
        sb.append("defaultProfile=").append(defaultProfile).append('\n');
        sb.append("maxTimeRegressionMs=").append(maxTimeRegressionMs).append('\n');
        for (final ExitProfile p : profiles)
        {
            sb.append("profile=").append(p.encode()).append('\n');
        }
        for (final InstrumentDef i : instruments)
        {
            sb.append("instrument=").append(i.symbol).append(':').append(Fixed.toString(i.tickSize)).append(':')
                .append(Fixed.toString(i.stepSize)).append(':').append(Fixed.toString(i.minQty)).append(':')
                .append(Fixed.toString(i.makerFee)).append(':').append(Fixed.toString(i.takerFee)).append('\n');
        }
        return sb.toString();
    }

    /** Reads {@link #encode()}'s text back (the journal header). */
    public static EngineConfig decode(final String text)
    {
        final EngineConfig c = new EngineConfig();
        for (final String line : text.split("\n"))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf('=');
            final String key = line.substring(0, eq);
            final String value = line.substring(eq + 1);
            switch (key)
            {
                case "formatVersion":
                    if (Integer.parseInt(value) != FORMAT_VERSION)
                    {
                        throw new IllegalArgumentException("journal format version " + value + ", this engine reads " + FORMAT_VERSION);
                    }
                    break;
                case "defaultProfile": c.defaultProfile = value; break;
                case "maxTimeRegressionMs": c.maxTimeRegressionMs = Long.parseLong(value); break;
                case "profile": c.profiles.add(ExitProfile.decode(value)); break;
                case "instrument":
                {
                    final String[] f = value.split(":");
                    c.instruments.add(new InstrumentDef(f[0], Fixed.parse(f[1]), Fixed.parse(f[2]), Fixed.parse(f[3]),
                        Fixed.parse(f[4]), Fixed.parse(f[5])));
                    break;
                }
                default:
                    break;
            }
        }
        return c;
    }
}
