package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static dev.exitengine.feed.ProfileKeys.ACTIVATION_FORMS;
import static dev.exitengine.feed.ProfileKeys.ACTIVATION_KINDS;
import static dev.exitengine.feed.ProfileKeys.BREAKEVEN_FORMS;
import static dev.exitengine.feed.ProfileKeys.BREAKEVEN_KINDS;
import static dev.exitengine.feed.ProfileKeys.DISTANCE_FORMS;
import static dev.exitengine.feed.ProfileKeys.DISTANCE_KINDS;
import static dev.exitengine.feed.ProfileKeys.SCALE_OUT_FORMS;
import static dev.exitengine.feed.ProfileKeys.SCALE_OUT_KINDS;
import static dev.exitengine.feed.ProfileKeys.STOP_LOSS_FORMS;
import static dev.exitengine.feed.ProfileKeys.STOP_LOSS_KINDS;
import static dev.exitengine.feed.ProfileKeys.TAKE_PROFIT_FORMS;
import static dev.exitengine.feed.ProfileKeys.TAKE_PROFIT_KINDS;

/**
 * Writes an {@link ExitProfile} as JSON with the keys {@link ProfileReader} reads, decimals as strings;
 * what is at its default (no rule, source LAST, no breakeven offset) is left out.
 */
final class ProfileWriter
{
    private ProfileWriter()
    {
    }

    /** The profile as one JSON object; with {@code line}, a JSON Lines profile line ({@code "type":"profile"} first). */
    static String write(final ExitProfile profile, final boolean line)
    {
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JsonStreams.generator(out))
        {
            g.writeStartObject();
            if (line)
            {
                g.writeStringField("type", "profile");
            }
            g.writeStringField("name", profile.name);
            takeProfit(g, profile);
            stopLoss(g, profile);
            trailing(g, profile);
            breakeven(g, profile);
            profitFloor(g, profile);
            scaleOut(g, profile);
            timeRules(g, profile);
            if (profile.source != ProfileKeys.DEFAULTS.source)
            {
                g.writeStringField("source", profile.source.name());
            }
            if (profile.fallbackSource != null)
            {
                g.writeStringField("fallbackSource", profile.fallbackSource.name());
            }
            g.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void takeProfit(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasTakeProfit())
        {
            g.writeObjectFieldStart("takeProfit");
            form(g, profile.takeProfitKind, TAKE_PROFIT_FORMS, TAKE_PROFIT_KINDS, "take profit", profile.takeProfitValue);
            g.writeEndObject();
        }
    }

    private static void stopLoss(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasStopLoss())
        {
            g.writeObjectFieldStart("stopLoss");
            form(g, profile.stopLossKind, STOP_LOSS_FORMS, STOP_LOSS_KINDS, "stop loss", profile.stopLossValue);
            if (profile.stopLossKind == LevelKind.ATR)
            {
                g.writeNumberField("atrBars", profile.atrBars);
                g.writeNumberField("barSeconds", profile.barSeconds);
                g.writeBooleanField("trailing", profile.atrTrailing);
            }
            g.writeEndObject();
        }
    }

    private static void trailing(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasTrailing())
        {
            g.writeObjectFieldStart("trailing");
            if (profile.trailingActivationKind != ActivationKind.NONE)
            {
                form(g, profile.trailingActivationKind, ACTIVATION_FORMS, ACTIVATION_KINDS, "trailing activation",
                    profile.trailingActivationValue);
            }
            form(g, profile.trailingDistanceKind, DISTANCE_FORMS, DISTANCE_KINDS, "trailing distance",
                profile.trailingDistanceValue);
            g.writeEndObject();
        }
    }

    private static void breakeven(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasBreakeven())
        {
            g.writeObjectFieldStart("breakeven");
            form(g, profile.breakevenTriggerKind, BREAKEVEN_FORMS, BREAKEVEN_KINDS, "breakeven", profile.breakevenTriggerValue);
            if (profile.breakevenOffsetPct != 0)
            {
                decimal(g, "offsetPct", profile.breakevenOffsetPct);
            }
            g.writeEndObject();
        }
    }

    private static void profitFloor(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasProfitFloor())
        {
            g.writeObjectFieldStart("profitFloor");
            decimal(g, "activationNetProfit", profile.floorActivationNetProfit);
            decimal(g, "floorNetProfit", profile.floorNetProfit);
            g.writeEndObject();
        }
    }

    private static void scaleOut(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.hasScaleOut())
        {
            g.writeArrayFieldStart("scaleOut");
            for (int i = 0; i < profile.scaleOutKinds.length; i++)
            {
                g.writeStartObject();
                form(g, profile.scaleOutKinds[i], SCALE_OUT_FORMS, SCALE_OUT_KINDS, "scale out", profile.scaleOutValues[i]);
                decimal(g, "fraction", profile.scaleOutFractions[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** The scale-out breakeven flag, the maximum hold and the minimal-ROI table. */
    private static void timeRules(final JsonGenerator g, final ExitProfile profile) throws IOException
    {
        if (profile.breakevenAfterFirstScaleOut)
        {
            g.writeBooleanField("breakevenAfterFirstScaleOut", true);
        }
        if (profile.maxHoldMinutes > 0)
        {
            g.writeNumberField("maxHoldMinutes", profile.maxHoldMinutes);
        }
        if (profile.roiMinutes.length > 0)
        {
            g.writeObjectFieldStart("roi");
            for (int i = 0; i < profile.roiMinutes.length; i++)
            {
                decimal(g, Long.toString(profile.roiMinutes[i]), profile.roiPct[i]);
            }
            g.writeEndObject();
        }
    }

    /** A rule's value under the form key of its kind. */
    private static <K> void form(final JsonGenerator g, final K kind, final String[] forms, final K[] kinds, final String rule,
        final long value) throws IOException
    {
        decimal(g, ProfileKeys.formOf(kind, forms, kinds, rule), value);
    }

    private static void decimal(final JsonGenerator g, final String key, final long value) throws IOException
    {
        g.writeStringField(key, Fixed.toString(value));
    }
}
