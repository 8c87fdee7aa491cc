package dev.exitengine.feed;

import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;

/**
 * The keys of a profile's JSON, and which rule kind each form key stands for: the one table that
 * {@link ProfileReader} reads by and {@link ProfileWriter} writes by. Forms and kinds are parallel
 * arrays.
 */
final class ProfileKeys
{
    /** A profile with nothing set: engine-core's defaults (ATR bars and bar seconds, trigger source). */
    static final ExitProfile DEFAULTS = ExitProfile.builder("defaults").build();

    static final String[] TOP_KEYS =
    {
        "takeProfit", "stopLoss", "trailing", "breakeven", "profitFloor", "scaleOut", "breakevenAfterFirstScaleOut",
        "maxHoldMinutes", "roi", "source", "fallbackSource"
    };
    static final String[] TAKE_PROFIT_FORMS = {"price", "pct", "netProfit", "riskReward"};
    static final LevelKind[] TAKE_PROFIT_KINDS = {LevelKind.PRICE, LevelKind.PCT, LevelKind.NET, LevelKind.RISK_REWARD};
    static final String[] STOP_LOSS_FORMS = {"price", "pct", "netLoss", "atrMultiple"};
    static final LevelKind[] STOP_LOSS_KINDS = {LevelKind.PRICE, LevelKind.PCT, LevelKind.NET, LevelKind.ATR};
    static final String[] ATR_OPTIONS = {"atrBars", "barSeconds", "trailing"};
    static final String[] ACTIVATION_FORMS = {"activationPrice", "activationPct", "activationNetProfit"};
    static final ActivationKind[] ACTIVATION_KINDS = {ActivationKind.PRICE, ActivationKind.PCT, ActivationKind.NET};
    static final String[] DISTANCE_FORMS = {"callbackPct", "offset", "offsetBps", "offsetTicks"};
    static final DistanceKind[] DISTANCE_KINDS =
        {DistanceKind.CALLBACK_PCT, DistanceKind.OFFSET, DistanceKind.OFFSET_BPS, DistanceKind.OFFSET_TICKS};
    static final String[] BREAKEVEN_FORMS = {"triggerPct", "triggerNetProfit"};
    static final ActivationKind[] BREAKEVEN_KINDS = {ActivationKind.PCT, ActivationKind.NET};
    static final String[] BREAKEVEN_OPTIONS = {"offsetPct"};
    static final String[] FLOOR_KEYS = {"activationNetProfit", "floorNetProfit"};
    static final String[] SCALE_OUT_FORMS = {"pct", "netProfit"};
    static final LevelKind[] SCALE_OUT_KINDS = {LevelKind.PCT, LevelKind.NET};
    static final String[] SCALE_OUT_OPTIONS = {"fraction"};
    static final String[] NONE = {};

    private ProfileKeys()
    {
    }

    /** The kind the form key {@code form} (one of {@code forms}) stands for. */
    static <K> K kindOf(final String form, final String[] forms, final K[] kinds)
    {
        return kinds[indexOf(forms, form)];
    }

    /** The form key of {@code kind}. */
    static <K> String formOf(final K kind, final String[] forms, final K[] kinds, final String rule)
    {
        for (int i = 0; i < kinds.length; i++)
        {
            if (kinds[i] == kind)
            {
                return forms[i];
            }
        }
        throw new IllegalStateException(rule + " kind " + kind);
    }

    static boolean contains(final String[] keys, final String key)
    {
        return indexOf(keys, key) >= 0;
    }

    static String[] concat(final String[] a, final String[] b)
    {
        final String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int indexOf(final String[] keys, final String key)
    {
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i].equals(key))
            {
                return i;
            }
        }
        return -1;
    }
}
