package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.rules.ExitProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Exit profiles as JSON, with the keys of the appendix of SPEC.md, for profile lines of a JSON Lines
 * feed and for the configuration file:
 * <pre>
 * takeProfit  {price | pct | netProfit | riskReward}
 * stopLoss    {price | pct | netLoss | atrMultiple [, atrBars, barSeconds, trailing]}
 * trailing    {[activationPrice | activationPct | activationNetProfit,] callbackPct | offset | offsetBps | offsetTicks}
 * breakeven   {triggerPct | triggerNetProfit [, offsetPct]}
 * profitFloor {activationNetProfit, floorNetProfit}
 * scaleOut    [{pct | netProfit, fraction}, ...]
 * breakevenAfterFirstScaleOut  true | false
 * maxHoldMinutes               whole minutes
 * roi         {"MINUTES": pct, ...}
 * source      LAST (default) | BID_ASK | MARK
 * fallbackSource  LAST | BID_ASK | MARK: evaluated on this while source is stale for the symbol (staleAfterMs)
 * </pre>
 * {@code atrBars}, {@code barSeconds} (defaults: engine-core's, 14 and 60), {@code trailing} (default false) and
 * {@code breakevenAfterFirstScaleOut} are extensions of the appendix. Decimals may be JSON strings or
 * numbers. Each rule object takes exactly one form. Unlike event lines, a profile refuses unknown
 * keys: a misspelt {@code "stopLos"} silently ignored would leave positions without a stop. Every error
 * is an {@link IllegalArgumentException} naming the profile and the key path:
 * {@code "profile 'usd10': takeProfit.pct: must be positive, was -1"}.
 */
public final class ProfileJson
{
    private ProfileJson()
    {
    }

    /**
     * Reads a profile object; the parser is at its {@code START_OBJECT} and is left at its
     * {@code END_OBJECT}. The name comes from the object's {@code "name"}; a {@code "type"} key (a JSON
     * Lines profile line) is ignored.
     *
     * @throws IOException              when the JSON itself is malformed.
     * @throws IllegalArgumentException when the profile is not valid, naming profile and key.
     */
    public static ExitProfile parse(final JsonParser parser) throws IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw new IllegalArgumentException("profile: expected a JSON object, found " + parser.currentToken());
        }
        final JsonTree tree = new JsonTree();
        final Map<String, Object> root = tree.readObject(parser, "");
        final Object name = root.get("name");
        if (JsonTree.token(name) != JsonToken.VALUE_STRING)
        {
            throw new IllegalArgumentException(name == null ? "profile: missing 'name'" : "profile: 'name' must be a string");
        }
        return new ProfileReader(JsonTree.text(name)).build(root, tree.duplicate);
    }

    /**
     * Reads a profile given as the text of one JSON object, as a configuration file holds it under its
     * name. A {@code "name"} inside the object, if any, must agree with {@code name}.
     *
     * @throws IllegalArgumentException when the JSON or the profile is not valid, naming profile and key.
     */
    public static ExitProfile parse(final String name, final String jsonObjectText)
    {
        final ProfileReader reader = new ProfileReader(name);
        final JsonTree tree = new JsonTree();
        final Map<String, Object> root;
        try (JsonParser parser = JsonStreams.parser(jsonObjectText))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw reader.error("(profile)", "expected a JSON object");
            }
            root = tree.readObject(parser, "");
            if (parser.nextToken() != null)
            {
                throw reader.error("(profile)", "unexpected content after the JSON object");
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw reader.error("(profile)", JsonErrorText.of(ex));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Object inner = root.get("name");
        if (inner != null && !(inner instanceof JsonTree.Scalar && name.equals(JsonTree.text(inner))))
        {
            throw reader.error("name", "differs from the profile's name '" + name + "'");
        }
        return reader.build(root, tree.duplicate);
    }

    /** The profile as a JSON object with the appendix keys; defaults (source LAST) are left out. */
    public static String toJson(final ExitProfile profile)
    {
        return ProfileWriter.write(profile, false);
    }

    /** The profile as a JSON Lines profile line: {@code {"type":"profile","name":...}}. */
    public static String toJsonLine(final ExitProfile profile)
    {
        return ProfileWriter.write(profile, true);
    }
}
