package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;

import java.util.List;
import java.util.Map;

import static dev.exitengine.feed.ProfileKeys.ACTIVATION_FORMS;
import static dev.exitengine.feed.ProfileKeys.ACTIVATION_KINDS;
import static dev.exitengine.feed.ProfileKeys.ATR_OPTIONS;
import static dev.exitengine.feed.ProfileKeys.BREAKEVEN_FORMS;
import static dev.exitengine.feed.ProfileKeys.BREAKEVEN_KINDS;
import static dev.exitengine.feed.ProfileKeys.BREAKEVEN_OPTIONS;
import static dev.exitengine.feed.ProfileKeys.DEFAULTS;
import static dev.exitengine.feed.ProfileKeys.DISTANCE_FORMS;
import static dev.exitengine.feed.ProfileKeys.DISTANCE_KINDS;
import static dev.exitengine.feed.ProfileKeys.FLOOR_KEYS;
import static dev.exitengine.feed.ProfileKeys.NONE;
import static dev.exitengine.feed.ProfileKeys.SCALE_OUT_FORMS;
import static dev.exitengine.feed.ProfileKeys.SCALE_OUT_KINDS;
import static dev.exitengine.feed.ProfileKeys.SCALE_OUT_OPTIONS;
import static dev.exitengine.feed.ProfileKeys.STOP_LOSS_FORMS;
import static dev.exitengine.feed.ProfileKeys.STOP_LOSS_KINDS;
import static dev.exitengine.feed.ProfileKeys.TAKE_PROFIT_FORMS;
import static dev.exitengine.feed.ProfileKeys.TAKE_PROFIT_KINDS;
import static dev.exitengine.feed.ProfileKeys.TOP_KEYS;

/**
 * Turns the {@link JsonTree} of one named profile into a validated {@link ExitProfile}. Every refusal is
 * an {@link IllegalArgumentException} naming the profile and the key path:
 * {@code "profile 'usd10': takeProfit.pct: must be positive, was -1"}.
 */
final class ProfileReader
{
    private static final JsonValues.Choices<TriggerSource> SOURCES =
        new JsonValues.Choices<>(TriggerSource.LAST, TriggerSource.BID_ASK, TriggerSource.MARK);

    private final String name;
    private final JsonValues values = new JsonValues(this::error);

    ProfileReader(final String name)
    {
        this.name = name;
    }

    IllegalArgumentException error(final String path, final String what)
    {
        return new IllegalArgumentException("profile '" + name + "': " + path + ": " + what);
    }

    ExitProfile build(final Map<String, Object> root, final String duplicate)
    {
        if (duplicate != null)
        {
            throw error(duplicate, "given twice");
        }
        final ExitProfile.Builder b = ExitProfile.builder(name);
        for (final Map.Entry<String, Object> entry : root.entrySet())
        {
            final String key = entry.getKey();
            final Object value = entry.getValue();
            switch (key)
            {
                case "type":
                case "name":
                    break;
                case "takeProfit": takeProfit(b, object(value, key)); break;
                case "stopLoss": stopLoss(b, object(value, key)); break;
                case "trailing": trailing(b, object(value, key)); break;
                case "breakeven": breakeven(b, object(value, key)); break;
                case "profitFloor": profitFloor(b, object(value, key)); break;
                case "scaleOut": scaleOut(b, value); break;
                case "breakevenAfterFirstScaleOut": b.breakevenAfterFirstScaleOut(bool(value, key)); break;
                case "maxHoldMinutes": b.maxHoldMinutes(wholeNumber(value, key)); break;
                case "roi": roi(b, object(value, key)); break;
                case "source": b.source(values.choice(JsonTree.token(value), JsonTree.text(value), SOURCES, key)); break;
                case "fallbackSource": b.fallbackSource(values.choice(JsonTree.token(value), JsonTree.text(value), SOURCES, key)); break;
                default: throw error(key, "unknown key; expected " + String.join(", ", TOP_KEYS));
            }
        }
        return b.build();
    }

    private void takeProfit(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        final String form = oneOf(o, "takeProfit", TAKE_PROFIT_FORMS, NONE, true);
        final String path = "takeProfit." + form;
        final LevelKind kind = ProfileKeys.kindOf(form, TAKE_PROFIT_FORMS, TAKE_PROFIT_KINDS);
        b.takeProfit(kind, kind == LevelKind.RISK_REWARD ? riskReward(o.get(form), path) : decimal(o.get(form), path));
    }

    /** {@code "1:N"} or N. */
    private long riskReward(final Object value, final String path)
    {
        final String text = JsonTree.text(value);
        if (JsonTree.token(value) == JsonToken.VALUE_STRING)
        {
            final int colon = text.indexOf(':');
            if (colon >= 0)
            {
                if (!"1".equals(text.substring(0, colon).trim()))
                {
                    throw error(path, "a ratio is written 1:N, was '" + text + "'");
                }
                return values.decimalText(text.substring(colon + 1).trim(), path);
            }
        }
        return decimal(value, path);
    }

    private void stopLoss(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        final String form = oneOf(o, "stopLoss", STOP_LOSS_FORMS, ATR_OPTIONS, true);
        final LevelKind kind = ProfileKeys.kindOf(form, STOP_LOSS_FORMS, STOP_LOSS_KINDS);
        b.stopLoss(kind, decimal(o.get(form), "stopLoss." + form));
        if (kind == LevelKind.ATR)
        {
            final int bars = o.containsKey("atrBars") ? intValue(o.get("atrBars"), "stopLoss.atrBars") : DEFAULTS.atrBars;
            final int seconds = o.containsKey("barSeconds") ? intValue(o.get("barSeconds"), "stopLoss.barSeconds") :
                DEFAULTS.barSeconds;
            final boolean trails = o.containsKey("trailing") ? bool(o.get("trailing"), "stopLoss.trailing") :
                DEFAULTS.atrTrailing;
            b.atr(bars, seconds, trails);
            return;
        }
        for (final String option : ATR_OPTIONS)
        {
            if (o.containsKey(option))
            {
                throw error("stopLoss." + option, "applies only to atrMultiple");
            }
        }
    }

    private void trailing(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        checkKeys(o, "trailing", ProfileKeys.concat(ACTIVATION_FORMS, DISTANCE_FORMS));
        final String activation = oneOf(o, "trailing", ACTIVATION_FORMS, DISTANCE_FORMS, false);
        final String distance = oneOf(o, "trailing", DISTANCE_FORMS, ACTIVATION_FORMS, true);
        if (activation != null)
        {
            final String path = "trailing." + activation;
            final long value = values.nonNegative(decimal(o.get(activation), path), path);
            b.trailingActivation(ProfileKeys.kindOf(activation, ACTIVATION_FORMS, ACTIVATION_KINDS), value);
        }
        final String path = "trailing." + distance;
        final long value = values.positive(decimal(o.get(distance), path), path);
        if ("offsetTicks".equals(distance) && value % Fixed.ONE != 0)
        {
            throw error(path, "must be a whole number of ticks, was " + Fixed.toString(value));
        }
        b.trailingDistance(ProfileKeys.kindOf(distance, DISTANCE_FORMS, DISTANCE_KINDS), value);
    }

    private void breakeven(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        final String trigger = oneOf(o, "breakeven", BREAKEVEN_FORMS, BREAKEVEN_OPTIONS, true);
        final String path = "breakeven." + trigger;
        final long value = values.positive(decimal(o.get(trigger), path), path);
        final long offset = o.containsKey("offsetPct") ?
            values.nonNegative(decimal(o.get("offsetPct"), "breakeven.offsetPct"), "breakeven.offsetPct") : 0;
        b.breakeven(ProfileKeys.kindOf(trigger, BREAKEVEN_FORMS, BREAKEVEN_KINDS), value, offset);
    }

    private void profitFloor(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        checkKeys(o, "profitFloor", FLOOR_KEYS);
        for (final String key : FLOOR_KEYS)
        {
            if (!o.containsKey(key))
            {
                throw values.missing("profitFloor." + key);
            }
        }
        final long activation = decimal(o.get("activationNetProfit"), "profitFloor.activationNetProfit");
        values.positive(activation, "profitFloor.activationNetProfit");
        b.profitFloor(activation, decimal(o.get("floorNetProfit"), "profitFloor.floorNetProfit"));
    }

    private void scaleOut(final ExitProfile.Builder b, final Object value)
    {
        if (!(value instanceof List))
        {
            throw error("scaleOut", "expected an array of {pct | netProfit, fraction}");
        }
        final List<?> levels = (List<?>)value;
        for (int i = 0; i < levels.size(); i++)
        {
            final String at = "scaleOut[" + i + "]";
            final Map<String, Object> o = object(levels.get(i), at);
            final String form = oneOf(o, at, SCALE_OUT_FORMS, SCALE_OUT_OPTIONS, true);
            final long level = values.positive(decimal(o.get(form), at + "." + form), at + "." + form);
            if (!o.containsKey("fraction"))
            {
                throw values.missing(at + ".fraction");
            }
            final long fraction = decimal(o.get("fraction"), at + ".fraction");
            b.scaleOut(ProfileKeys.kindOf(form, SCALE_OUT_FORMS, SCALE_OUT_KINDS), level, fraction);
        }
    }

    private void roi(final ExitProfile.Builder b, final Map<String, Object> o)
    {
        for (final Map.Entry<String, Object> entry : o.entrySet())
        {
            final String path = "roi." + entry.getKey();
            final long minutes = DecimalText.parseNonNegativeLong(entry.getKey());
            if (minutes < 0)
            {
                throw error(path, "key must be whole minutes, was '" + entry.getKey() + "'");
            }
            b.roi(minutes, decimal(entry.getValue(), path));
        }
    }

    /**
     * The one key of {@code forms} the object holds; unknown keys (neither forms nor {@code others})
     * and a second form are errors naming the key.
     */
    private String oneOf(final Map<String, Object> o, final String path, final String[] forms, final String[] others,
        final boolean required)
    {
        checkKeys(o, path, ProfileKeys.concat(forms, others));
        String found = null;
        for (final String key : o.keySet())
        {
            if (ProfileKeys.contains(forms, key))
            {
                if (found != null)
                {
                    throw error(path + "." + key, "conflicts with " + path + "." + found + "; give exactly one of " +
                        String.join(", ", forms));
                }
                found = key;
            }
        }
        if (found == null && required)
        {
            throw error(path, "needs one of " + String.join(", ", forms));
        }
        return found;
    }

    private void checkKeys(final Map<String, Object> o, final String path, final String[] allowed)
    {
        for (final String key : o.keySet())
        {
            if (!ProfileKeys.contains(allowed, key))
            {
                throw error(path + "." + key, "unknown key; expected " + String.join(", ", allowed));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(final Object value, final String path)
    {
        if (!(value instanceof Map))
        {
            throw values.expected("an object", JsonTree.token(value), JsonTree.text(value), path);
        }
        return (Map<String, Object>)value;
    }

    private long decimal(final Object value, final String path)
    {
        return values.decimal(JsonTree.token(value), JsonTree.text(value), path);
    }

    private long wholeNumber(final Object value, final String path)
    {
        return values.wholeNumber(JsonTree.token(value), JsonTree.text(value), path);
    }

    private int intValue(final Object value, final String path)
    {
        final long n = wholeNumber(value, path);
        if (n > Integer.MAX_VALUE)
        {
            throw error(path, "too large, was " + n);
        }
        return (int)n;
    }

    private boolean bool(final Object value, final String path)
    {
        return values.bool(JsonTree.token(value), JsonTree.text(value), path);
    }
}
