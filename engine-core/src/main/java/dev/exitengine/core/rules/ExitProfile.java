package dev.exitengine.core.rules;

import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named set of exit rules, as the appendix of SPEC.md spells them. Immutable once built; values are
 * fixed-point ({@link Fixed}); percentages are in percent ("2.5" = 2.5 %). {@link #encode()} gives a
 * canonical one-line text that the journal stores, and {@link #decode(String)} reads it back.
 */
public final class ExitProfile
{
    /** How a take-profit or stop-loss level is given. */
    public enum LevelKind
    {
        NONE, PRICE, PCT, NET, RISK_REWARD, ATR
    }

    /** How a trailing stop or breakeven is activated. NONE means from entry. */
    public enum ActivationKind
    {
        NONE, PRICE, PCT, NET
    }

    /** How far a trailing stop follows its peak. */
    public enum DistanceKind
    {
        NONE, CALLBACK_PCT, OFFSET, OFFSET_BPS, OFFSET_TICKS
    }

    public final String name;
    public final TriggerSource source;
    /**
     * The trigger source the position falls back to while its own {@link #source} is stale for its
     * symbol (no event of it for the engine's {@code staleAfterMs}), or null: none. SPEC §6.
     */
    public final TriggerSource fallbackSource;

    public final LevelKind takeProfitKind;
    public final long takeProfitValue;
    public final LevelKind stopLossKind;
    public final long stopLossValue;
    /** ATR stop: bars in the average, bar length, and whether the stop trails. */
    /** An ATR stop's defaults when its profile names none: Wilder's 14 bars of one minute. */
    public static final int DEFAULT_ATR_BARS = 14;
    public static final int DEFAULT_BAR_SECONDS = 60;
    public final int atrBars;
    public final int barSeconds;
    public final boolean atrTrailing;

    public final ActivationKind trailingActivationKind;
    public final long trailingActivationValue;
    public final DistanceKind trailingDistanceKind;
    public final long trailingDistanceValue;

    public final ActivationKind breakevenTriggerKind;
    public final long breakevenTriggerValue;
    public final long breakevenOffsetPct;

    public final long floorActivationNetProfit;
    public final long floorNetProfit;

    /** Scale-out levels, in the order given: kind (PCT or NET), value, fraction of the entry quantity. */
    public final LevelKind[] scaleOutKinds;
    public final long[] scaleOutValues;
    public final long[] scaleOutFractions;
    public final boolean breakevenAfterFirstScaleOut;

    public final long maxHoldMinutes;
    /** Minimal-ROI table sorted by minutes: after roiMinutes[i] minutes, exit at roiPct[i] % net. */
    public final long[] roiMinutes;
    public final long[] roiPct;

    private ExitProfile(final Builder b)
    {
        name = b.name;
        source = b.source;
        fallbackSource = b.fallbackSource;
        takeProfitKind = b.takeProfitKind;
        takeProfitValue = b.takeProfitValue;
        stopLossKind = b.stopLossKind;
        stopLossValue = b.stopLossValue;
        atrBars = b.atrBars;
        barSeconds = b.barSeconds;
        atrTrailing = b.atrTrailing;
        trailingActivationKind = b.trailingActivationKind;
        trailingActivationValue = b.trailingActivationValue;
        trailingDistanceKind = b.trailingDistanceKind;
        trailingDistanceValue = b.trailingDistanceValue;
        breakevenTriggerKind = b.breakevenTriggerKind;
        breakevenTriggerValue = b.breakevenTriggerValue;
        breakevenOffsetPct = b.breakevenOffsetPct;
        floorActivationNetProfit = b.floorActivationNetProfit;
        floorNetProfit = b.floorNetProfit;
        final int n = b.scaleKinds.size();
        scaleOutKinds = b.scaleKinds.toArray(new LevelKind[0]);
        scaleOutValues = new long[n];
        scaleOutFractions = new long[n];
        for (int i = 0; i < n; i++)
        {
            scaleOutValues[i] = b.scaleValues.get(i);
            scaleOutFractions[i] = b.scaleFractions.get(i);
        }
        breakevenAfterFirstScaleOut = b.breakevenAfterFirstScaleOut;
        maxHoldMinutes = b.maxHoldMinutes;
        roiMinutes = new long[b.roi.size()];
        roiPct = new long[b.roi.size()];
        int i = 0;
        for (final Map.Entry<Long, Long> e : b.roi.entrySet())
        {
            roiMinutes[i] = e.getKey();
            roiPct[i++] = e.getValue();
        }
    }

    public boolean hasTakeProfit()
    {
        return takeProfitKind != LevelKind.NONE;
    }

    public boolean hasStopLoss()
    {
        return stopLossKind != LevelKind.NONE;
    }

    public boolean hasTrailing()
    {
        return trailingDistanceKind != DistanceKind.NONE;
    }

    public boolean hasBreakeven()
    {
        return breakevenTriggerKind != ActivationKind.NONE;
    }

    public boolean hasProfitFloor()
    {
        return floorActivationNetProfit != Fixed.NONE;
    }

    public boolean hasScaleOut()
    {
        return scaleOutKinds.length > 0;
    }

    public boolean hasTimeRules()
    {
        return maxHoldMinutes > 0 || roiMinutes.length > 0;
    }

    public static Builder builder(final String name)
    {
        return new Builder(name);
    }

    /** Canonical one-line text: the journal's record of this profile. */
    public String encode()
    {
        final StringBuilder sb = new StringBuilder(128);
        sb.append("name=").append(name).append(";source=").append(source.name());
        if (fallbackSource != null)
        {
            sb.append(";fallback=").append(fallbackSource.name());
        }
        if (hasTakeProfit())
        {
            sb.append(";tp=").append(takeProfitKind.name()).append(':').append(Fixed.toString(takeProfitValue));
        }
        if (hasStopLoss())
        {
            sb.append(";sl=").append(stopLossKind.name()).append(':').append(Fixed.toString(stopLossValue));
            if (stopLossKind == LevelKind.ATR)
            {
                sb.append(";atr=").append(atrBars).append(':').append(barSeconds).append(':').append(atrTrailing);
            }
        }
        if (hasTrailing())
        {
            sb.append(";trail=").append(trailingActivationKind.name()).append(':')
                .append(Fixed.toString(trailingActivationValue)).append(':')
                .append(trailingDistanceKind.name()).append(':').append(Fixed.toString(trailingDistanceValue));
        }
        if (hasBreakeven())
        {
            sb.append(";be=").append(breakevenTriggerKind.name()).append(':')
                .append(Fixed.toString(breakevenTriggerValue)).append(':').append(Fixed.toString(breakevenOffsetPct));
        }
        if (hasProfitFloor())
        {
            sb.append(";floor=").append(Fixed.toString(floorActivationNetProfit)).append(':')
                .append(Fixed.toString(floorNetProfit));
        }
        for (int i = 0; i < scaleOutKinds.length; i++)
        {
            sb.append(";scale=").append(scaleOutKinds[i].name()).append(':')
                .append(Fixed.toString(scaleOutValues[i])).append(':').append(Fixed.toString(scaleOutFractions[i]));
        }
        if (breakevenAfterFirstScaleOut)
        {
            sb.append(";scaleBe=true");
        }
        if (maxHoldMinutes > 0)
        {
            sb.append(";maxHold=").append(maxHoldMinutes);
        }
        for (int i = 0; i < roiMinutes.length; i++)
        {
            sb.append(";roi=").append(roiMinutes[i]).append(':').append(Fixed.toString(roiPct[i]));
        }
        return sb.toString();
    }

    /** Reads the text of {@link #encode()}. */
    public static ExitProfile decode(final String text)
    {
        Builder b = null;
        for (final String part : text.split(";"))
        {
            final int eq = part.indexOf('=');
            final String key = part.substring(0, eq);
            final String[] v = part.substring(eq + 1).split(":");
            if ("name".equals(key))
            {
                b = builder(part.substring(eq + 1));
                continue;
            }
            if (b == null)
            {
                throw new IllegalArgumentException("profile text must start with name=: " + text);
            }
            switch (key)
            {
                case "source": b.source(TriggerSource.valueOf(v[0])); break;
                case "fallback": b.fallbackSource(TriggerSource.valueOf(v[0])); break;
                case "tp": b.takeProfit(LevelKind.valueOf(v[0]), Fixed.parse(v[1])); break;
                case "sl": b.stopLoss(LevelKind.valueOf(v[0]), Fixed.parse(v[1])); break;
                case "atr": b.atr(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Boolean.parseBoolean(v[2])); break;
                case "trail":
                    b.trailingActivation(ActivationKind.valueOf(v[0]), Fixed.parse(v[1]));
                    b.trailingDistance(DistanceKind.valueOf(v[2]), Fixed.parse(v[3]));
                    break;
                case "be": b.breakeven(ActivationKind.valueOf(v[0]), Fixed.parse(v[1]), Fixed.parse(v[2])); break;
                case "floor": b.profitFloor(Fixed.parse(v[0]), Fixed.parse(v[1])); break;
                case "scale": b.scaleOut(LevelKind.valueOf(v[0]), Fixed.parse(v[1]), Fixed.parse(v[2])); break;
                case "scaleBe": b.breakevenAfterFirstScaleOut(Boolean.parseBoolean(v[0])); break;
                case "maxHold": b.maxHoldMinutes(Long.parseLong(v[0])); break;
                case "roi": b.roi(Long.parseLong(v[0]), Fixed.parse(v[1])); break;
                default: throw new IllegalArgumentException("unknown profile key '" + key + "' in " + text);
            }
        }
        if (b == null)
        {
            throw new IllegalArgumentException("empty profile text");
        }
        return b.build();
    }

    @Override
    public String toString()
    {
        return encode();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ExitProfile && ((ExitProfile)o).encode().equals(encode());
    }

    @Override
    public int hashCode()
    {
        return encode().hashCode();
    }

    /** Builds and validates a profile; every error names the profile and the key. */
    public static final class Builder
    {
        private final String name;
        private TriggerSource source = TriggerSource.LAST;
        private TriggerSource fallbackSource;
        private LevelKind takeProfitKind = LevelKind.NONE;
        private long takeProfitValue;
        private LevelKind stopLossKind = LevelKind.NONE;
        private long stopLossValue;
        private int atrBars = DEFAULT_ATR_BARS;
        private int barSeconds = DEFAULT_BAR_SECONDS;
        private boolean atrTrailing;
        private ActivationKind trailingActivationKind = ActivationKind.NONE;
        private long trailingActivationValue;
        private DistanceKind trailingDistanceKind = DistanceKind.NONE;
        private long trailingDistanceValue;
        private ActivationKind breakevenTriggerKind = ActivationKind.NONE;
        private long breakevenTriggerValue;
        private long breakevenOffsetPct;
        private long floorActivationNetProfit = Fixed.NONE;
        private long floorNetProfit = Fixed.NONE;
        private final List<LevelKind> scaleKinds = new ArrayList<>();
        private final List<Long> scaleValues = new ArrayList<>();
        private final List<Long> scaleFractions = new ArrayList<>();
        private boolean breakevenAfterFirstScaleOut;
        private long maxHoldMinutes;
        private final TreeMap<Long, Long> roi = new TreeMap<>();

        private Builder(final String name)
        {
            if (name == null || name.isEmpty() || name.indexOf(';') >= 0 || name.indexOf('=') >= 0)
            {
                throw new IllegalArgumentException("profile name must be non-empty without ';' or '=': '" + name + "'");
            }
            this.name = name;
        }

        private IllegalArgumentException error(final String key, final String what)
        {
            return new IllegalArgumentException("profile '" + name + "': " + key + ": " + what);
        }

        public Builder source(final TriggerSource source)
        {
            this.source = source;
            return this;
        }

        /** The source to fall back to while {@code source} is stale; null for none. */
        public Builder fallbackSource(final TriggerSource fallbackSource)
        {
            this.fallbackSource = fallbackSource;
            return this;
        }

        public Builder takeProfit(final LevelKind kind, final long value)
        {
            if (kind == LevelKind.ATR)
            {
                throw error("takeProfit", "atrMultiple is a stop-loss form");
            }
            if (value <= 0)
            {
                throw error("takeProfit." + keyOf(kind, true), "must be positive, was " + Fixed.toString(value));
            }
            takeProfitKind = kind;
            takeProfitValue = value;
            return this;
        }

        public Builder stopLoss(final LevelKind kind, final long value)
        {
            if (kind == LevelKind.RISK_REWARD)
            {
                throw error("stopLoss", "riskReward is a take-profit form");
            }
            if (value <= 0)
            {
                throw error("stopLoss." + keyOf(kind, false), "must be positive, was " + Fixed.toString(value));
            }
            if (kind == LevelKind.PCT && value >= Fixed.of(100))
            {
                throw error("stopLoss.pct", "must be below 100, was " + Fixed.toString(value));
            }
            stopLossKind = kind;
            stopLossValue = value;
            return this;
        }

        public Builder atr(final int bars, final int seconds, final boolean trailing)
        {
            if (bars < 1 || bars > 1000)
            {
                throw error("stopLoss.atrBars", "must be 1..1000, was " + bars);
            }
            if (seconds < 1)
            {
                throw error("stopLoss.barSeconds", "must be at least 1, was " + seconds);
            }
            atrBars = bars;
            barSeconds = seconds;
            atrTrailing = trailing;
            return this;
        }

        public Builder trailingActivation(final ActivationKind kind, final long value)
        {
            if (kind != ActivationKind.NONE && value < 0)
            {
                throw error("trailing.activation", "must not be negative");
            }
            trailingActivationKind = kind;
            trailingActivationValue = value;
            return this;
        }

        public Builder trailingDistance(final DistanceKind kind, final long value)
        {
            if (kind != DistanceKind.NONE && value <= 0)
            {
                throw error("trailing." + distanceKey(kind), "must be positive");
            }
            if (kind == DistanceKind.CALLBACK_PCT && value >= Fixed.of(100))
            {
                throw error("trailing.callbackPct", "must be below 100");
            }
            if (kind == DistanceKind.OFFSET_BPS && value >= Fixed.of(10_000))
            {
                throw error("trailing.offsetBps", "must be below 10000");
            }
            trailingDistanceKind = kind;
            trailingDistanceValue = value;
            return this;
        }

        public Builder breakeven(final ActivationKind trigger, final long value, final long offsetPct)
        {
            if (trigger == ActivationKind.PRICE)
            {
                throw error("breakeven", "trigger is triggerPct or triggerNetProfit");
            }
            if (trigger != ActivationKind.NONE && value <= 0)
            {
                throw error("breakeven.trigger", "must be positive");
            }
            breakevenTriggerKind = trigger;
            breakevenTriggerValue = value;
            breakevenOffsetPct = offsetPct;
            return this;
        }

        public Builder profitFloor(final long activationNetProfit, final long floorNetProfit)
        {
            if (activationNetProfit <= 0)
            {
                throw error("profitFloor.activationNetProfit", "must be positive");
            }
            if (floorNetProfit >= activationNetProfit)
            {
                throw error("profitFloor.floorNetProfit", "must be below activationNetProfit");
            }
            floorActivationNetProfit = activationNetProfit;
            this.floorNetProfit = floorNetProfit;
            return this;
        }

        public Builder scaleOut(final LevelKind kind, final long value, final long fraction)
        {
            final String key = "scaleOut[" + scaleKinds.size() + "]";
            if (kind != LevelKind.PCT && kind != LevelKind.NET)
            {
                throw error(key, "needs pct or netProfit");
            }
            if (value <= 0)
            {
                throw error(key, "level must be positive");
            }
            if (fraction <= 0 || fraction > Fixed.ONE)
            {
                throw error(key + ".fraction", "must be in (0, 1], was " + Fixed.toString(fraction));
            }
            scaleKinds.add(kind);
            scaleValues.add(value);
            scaleFractions.add(fraction);
            return this;
        }

        public Builder breakevenAfterFirstScaleOut(final boolean on)
        {
            breakevenAfterFirstScaleOut = on;
            return this;
        }

        public Builder maxHoldMinutes(final long minutes)
        {
            if (minutes < 0)
            {
                throw error("maxHoldMinutes", "must not be negative");
            }
            maxHoldMinutes = minutes;
            return this;
        }

        public Builder roi(final long minutes, final long pct)
        {
            if (minutes < 0)
            {
                throw error("roi", "minutes must not be negative, was " + minutes);
            }
            roi.put(minutes, pct);
            return this;
        }

        public ExitProfile build()
        {
            if (fallbackSource != null && fallbackSource == source)
            {
                throw error("fallbackSource", "must differ from source " + source.name());
            }
            if (takeProfitKind == LevelKind.RISK_REWARD && stopLossKind == LevelKind.NONE)
            {
                throw error("takeProfit.riskReward", "needs a stopLoss to derive from");
            }
            long total = 0;
            for (final long f : scaleFractions)
            {
                total += f;
            }
            if (total > Fixed.ONE)
            {
                throw error("scaleOut", "fractions add up to more than 1");
            }
            if (trailingActivationKind != ActivationKind.NONE && trailingDistanceKind == DistanceKind.NONE)
            {
                throw error("trailing", "needs a distance: callbackPct, offset, offsetBps or offsetTicks");
            }
            return new ExitProfile(this);
        }

        private static String keyOf(final LevelKind kind, final boolean tp)
        {
            switch (kind)
            {
                case PRICE: return "price";
                case PCT: return "pct";
                case NET: return tp ? "netProfit" : "netLoss";
                case RISK_REWARD: return "riskReward";
                case ATR: return "atrMultiple";
                default: return kind.name();
            }
        }

        private static String distanceKey(final DistanceKind kind)
        {
            switch (kind)
            {
                case CALLBACK_PCT: return "callbackPct";
                case OFFSET: return "offset";
                case OFFSET_BPS: return "offsetBps";
                case OFFSET_TICKS: return "offsetTicks";
                default: return kind.name();
            }
        }
    }
}
