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
        THREAD_PER_HANDLER,
        /**
         * The handlers run on the publishing thread, right after each publish: no hand-off at all. For
         * replays and backtests, where the feed is a file and nothing else needs the ingress.
         */
        CALLER_THREAD
    }

    /** How consumer threads wait for events. */
    public enum Wait
    {
        BLOCKING, YIELDING, BUSY_SPIN, SLEEPING;

        /** A new Disruptor wait strategy of this kind (baselines use it too, to wait exactly as the engine does). */
        public com.lmax.disruptor.WaitStrategy newStrategy()
        {
            switch (this)
            {
                case BUSY_SPIN: return new com.lmax.disruptor.BusySpinWaitStrategy();
                case YIELDING: return new com.lmax.disruptor.YieldingWaitStrategy();
                case SLEEPING: return new com.lmax.disruptor.SleepingWaitStrategy();
                case BLOCKING:
                default: return new com.lmax.disruptor.BlockingWaitStrategy();
            }
        }
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

    /**
     * The journal's format ({@link dev.exitengine.core.codec.EventCodec}); 2 added the compact tick records,
     * 3 a trailer on every document (its checksum and, for inputs, how far the feed had been read).
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest format this engine still replays and verifies. */
    public static final int OLDEST_FORMAT_VERSION = 2;

    public int ringSize = 1 << 14;
    public Layout layout = Layout.SINGLE_THREAD;
    public Wait wait = Wait.YIELDING;
    public String defaultProfile = "default";
    public final List<ExitProfile> profiles = new ArrayList<>();
    public final List<InstrumentDef> instruments = new ArrayList<>();
    /** An event older than the newest accepted by more than this is refused as out of order. */
    public long maxTimeRegressionMs = 5_000;
    /**
     * An event newer than the newest accepted by more than this is refused as too far ahead (a tick
     * stamped in microseconds, a clock a year off), never adopted as the event clock; the first input's
     * time is taken as it is.
     */
    public long maxTimeAheadMs = 60 * 60_000L;
    /**
     * A trigger source with no event for a symbol for this long (event time) is stale there: positions
     * whose profile names a {@code fallbackSource} are evaluated on it until the source has an event again.
     */
    public long staleAfterMs = 30_000;
    /**
     * What answers the closes, in words ("paper:latencyMs=0:..."), when its answers follow from the inputs
     * (a simulated venue): journaled with the configuration, so that a resumed run can insist on the same
     * venue and a post-mortem can say which one it was. Empty for a real venue, whose answers are journaled inputs.
     */
    public String venue = "";
    /**
     * The first position id (and so the first client order id, {@code xe-<positionId>-<attempt>}): 1 for a
     * file run; a live run with real orders starts from its start time, so that no two runs' client order
     * ids meet at the venue (a look-up by client order id must never find another run's order). Journaled.
     */
    public long firstPositionId = 1;
    /** Position ids stay below this: a client order id packs the id with a 16-bit attempt into a long. */
    public static final long MAX_POSITION_ID = 1L << 46;
    /**
     * Ingress waits for each event to pass the close-order handler before the next: a simulated venue
     * then answers at exactly the next market event, so file runs are deterministic end to end.
     */
    public boolean lockstep;
    public boolean recordLatency = true;

    // ---- risk controls (SPEC §5); 0 turns a cap off
    /** Open positions per account; over it the smallest by notional are closed (RISK_LIMIT). */
    public int maxPositionsPerAccount = 15;
    /** Open positions across all accounts. */
    public int maxPositionsGlobal;
    /** Open positions per symbol (across accounts). */
    public int maxPositionsPerSymbol;
    /** Capital per account (quote currency), for the notional cap; 0 = unknown, cap off. */
    public long capitalPerAccount;
    /** Total open notional as a share of capital (0.9 = 90 %). */
    public long maxNotionalShare = Fixed.parse("0.9");
    /** Rapid-entry detector: this many new positions within the window put the account in cooldown. */
    public int rapidEntryCount = 5;
    public long rapidEntryWindowMs = 5 * 60_000L;
    public long rapidEntryCooldownMs = 15 * 60_000L;
    /** Protection: this many stop-loss exits within the window put the account in cooldown (0 = off). */
    public int stopLossCooldownCount;
    public long stopLossWindowMs = 60 * 60_000L;
    public long stopLossCooldownMs = 60 * 60_000L;
    /** Protection: realized net loss from the account's peak at which it goes REDUCING (0 = off). */
    public long maxDrawdown;

    // ---- close retries and the gateway circuit breaker (event time, so replays retry identically)
    public long retryBaseMs = 200;
    public long retryMaxMs = 10_000;
    /** After this many consecutive venue errors the retry interval starts doubling. */
    public int breakerSlowAfter = 3;
    /** After this many the circuit opens: no close is sent for {@link #breakerPauseMs}. */
    public int breakerOpenAfter = 5;
    public long breakerPauseMs = 30_000;

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
        if (firstPositionId < 1 || firstPositionId >= MAX_POSITION_ID / 2)
        {
            throw new IllegalArgumentException("firstPositionId: must be in [1, " + MAX_POSITION_ID / 2 + "), was " + firstPositionId);
        }
        if (staleAfterMs <= 0)
        {
            throw new IllegalArgumentException("staleAfterMs: must be positive, was " + staleAfterMs);
        }
        if (maxTimeAheadMs <= 0)
        {
            throw new IllegalArgumentException("maxTimeAheadMs: must be positive, was " + maxTimeAheadMs);
        }
        if (maxPositionsPerAccount < 0 || maxPositionsGlobal < 0 || maxPositionsPerSymbol < 0)
        {
            throw new IllegalArgumentException("maxPositions*: must not be negative");
        }
        if (maxNotionalShare <= 0)
        {
            throw new IllegalArgumentException("maxNotionalShare: must be positive");
        }
        if (retryBaseMs <= 0 || retryMaxMs < retryBaseMs)
        {
            throw new IllegalArgumentException("retryBaseMs/retryMaxMs: need 0 < retryBaseMs <= retryMaxMs");
        }
        if (breakerSlowAfter < 1 || breakerOpenAfter < breakerSlowAfter)
        {
            throw new IllegalArgumentException("breakerOpenAfter: must be at least breakerSlowAfter (>= 1)");
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
        sb.append("maxTimeAheadMs=").append(maxTimeAheadMs).append('\n');
        sb.append("staleAfterMs=").append(staleAfterMs).append('\n');
        if (!venue.isEmpty())
        {
            sb.append("venue=").append(venue).append('\n');
        }
        if (firstPositionId != 1)
        {
            sb.append("firstPositionId=").append(firstPositionId).append('\n');
        }
        sb.append("risk=").append(maxPositionsPerAccount).append(':').append(maxPositionsGlobal).append(':')
            .append(maxPositionsPerSymbol).append(':').append(Fixed.toString(capitalPerAccount)).append(':')
            .append(Fixed.toString(maxNotionalShare)).append(':').append(rapidEntryCount).append(':').append(rapidEntryWindowMs)
            .append(':').append(rapidEntryCooldownMs).append(':').append(stopLossCooldownCount).append(':').append(stopLossWindowMs)
            .append(':').append(stopLossCooldownMs).append(':').append(Fixed.toString(maxDrawdown)).append('\n');
        sb.append("retry=").append(retryBaseMs).append(':').append(retryMaxMs).append(':').append(breakerSlowAfter).append(':')
            .append(breakerOpenAfter).append(':').append(breakerPauseMs).append('\n');
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
                {
                    final int version = Integer.parseInt(value);
                    if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION)
                    {
                        throw new IllegalArgumentException("journal format version " + value + ", this engine reads "
                            + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION);
                    }
                    break;
                }
                case "defaultProfile": c.defaultProfile = value; break;
                case "maxTimeRegressionMs": c.maxTimeRegressionMs = Long.parseLong(value); break;
                case "maxTimeAheadMs": c.maxTimeAheadMs = Long.parseLong(value); break;
                case "staleAfterMs": c.staleAfterMs = Long.parseLong(value); break;
                case "venue": c.venue = value; break;
                case "firstPositionId": c.firstPositionId = Long.parseLong(value); break;
                case "risk":
                {
                    final String[] f = value.split(":");
                    c.maxPositionsPerAccount = Integer.parseInt(f[0]);
                    c.maxPositionsGlobal = Integer.parseInt(f[1]);
                    c.maxPositionsPerSymbol = Integer.parseInt(f[2]);
                    c.capitalPerAccount = Fixed.parse(f[3]);
                    c.maxNotionalShare = Fixed.parse(f[4]);
                    c.rapidEntryCount = Integer.parseInt(f[5]);
                    c.rapidEntryWindowMs = Long.parseLong(f[6]);
                    c.rapidEntryCooldownMs = Long.parseLong(f[7]);
                    c.stopLossCooldownCount = Integer.parseInt(f[8]);
                    c.stopLossWindowMs = Long.parseLong(f[9]);
                    c.stopLossCooldownMs = Long.parseLong(f[10]);
                    c.maxDrawdown = Fixed.parse(f[11]);
                    break;
                }
                case "retry":
                {
                    final String[] f = value.split(":");
                    c.retryBaseMs = Long.parseLong(f[0]);
                    c.retryMaxMs = Long.parseLong(f[1]);
                    c.breakerSlowAfter = Integer.parseInt(f[2]);
                    c.breakerOpenAfter = Integer.parseInt(f[3]);
                    c.breakerPauseMs = Long.parseLong(f[4]);
                    break;
                }
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
