package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * </pre>
 * {@code atrBars} (default 14), {@code barSeconds} (default 60), {@code trailing} (default false) and
 * {@code breakevenAfterFirstScaleOut} are extensions of the appendix. Decimals may be JSON strings or
 * numbers. Each rule object takes exactly one form. Unlike event lines, a profile refuses unknown
 * keys: a misspelt {@code "stopLos"} silently ignored would leave positions without a stop. Every error
 * is an {@link IllegalArgumentException} naming the profile and the key path:
 * {@code "profile 'usd10': takeProfit.pct: must be positive, was -1"}.
 */
public final class ProfileJson
{
    private static final JsonFactory JSON = new JsonFactory();

    private static final String[] TOP_KEYS =
    {
        "takeProfit", "stopLoss", "trailing", "breakeven", "profitFloor", "scaleOut", "breakevenAfterFirstScaleOut",
        "maxHoldMinutes", "roi", "source"
    };
    private static final String[] TAKE_PROFIT_FORMS = {"price", "pct", "netProfit", "riskReward"};
    private static final String[] STOP_LOSS_FORMS = {"price", "pct", "netLoss", "atrMultiple"};
    private static final String[] ATR_OPTIONS = {"atrBars", "barSeconds", "trailing"};
    private static final String[] ACTIVATION_FORMS = {"activationPrice", "activationPct", "activationNetProfit"};
    private static final String[] DISTANCE_FORMS = {"callbackPct", "offset", "offsetBps", "offsetTicks"};
    private static final String[] BREAKEVEN_FORMS = {"triggerPct", "triggerNetProfit"};
    private static final String[] BREAKEVEN_OPTIONS = {"offsetPct"};
    private static final String[] FLOOR_KEYS = {"activationNetProfit", "floorNetProfit"};
    private static final String[] SCALE_OUT_FORMS = {"pct", "netProfit"};
    private static final String[] SCALE_OUT_OPTIONS = {"fraction"};
    private static final String[] NONE = {};

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
        final Tree tree = new Tree();
        final Map<String, Object> root = tree.readObject(parser, "");
        final Object name = root.get("name");
        if (!(name instanceof Scalar) || ((Scalar)name).token != JsonToken.VALUE_STRING)
        {
            throw new IllegalArgumentException(name == null ? "profile: missing 'name'" : "profile: 'name' must be a string");
        }
        return new Reading(((Scalar)name).text).build(root, tree.duplicate);
    }

    /**
     * Reads a profile given as the text of one JSON object, as a configuration file holds it under its
     * name. A {@code "name"} inside the object, if any, must agree with {@code name}.
     *
     * @throws IllegalArgumentException when the JSON or the profile is not valid, naming profile and key.
     */
    public static ExitProfile parse(final String name, final String jsonObjectText)
    {
        final Reading reading = new Reading(name);
        final Tree tree = new Tree();
        final Map<String, Object> root;
        try (JsonParser parser = JSON.createParser(jsonObjectText))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw reading.error("(profile)", "expected a JSON object");
            }
            root = tree.readObject(parser, "");
            if (parser.nextToken() != null)
            {
                throw reading.error("(profile)", "unexpected content after the JSON object");
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw reading.error("(profile)", JsonErrorText.of(ex));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Object inner = root.get("name");
        if (inner != null && !(inner instanceof Scalar && name.equals(((Scalar)inner).text)))
        {
            throw reading.error("name", "differs from the profile's name '" + name + "'");
        }
        return reading.build(root, tree.duplicate);
    }

    /** The profile as a JSON object with the appendix keys; defaults (source LAST) are left out. */
    public static String toJson(final ExitProfile profile)
    {
        return write(profile, false);
    }

    /** The profile as a JSON Lines profile line: {@code {"type":"profile","name":...}}. */
    public static String toJsonLine(final ExitProfile profile)
    {
        return write(profile, true);
    }

    private static String write(final ExitProfile profile, final boolean line)
    {
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out))
        {
            g.writeStartObject();
            if (line)
            {
                g.writeStringField("type", "profile");
            }
            g.writeStringField("name", profile.name);
            if (profile.hasTakeProfit())
            {
                g.writeObjectFieldStart("takeProfit");
                decimal(g, takeProfitKey(profile.takeProfitKind), profile.takeProfitValue);
                g.writeEndObject();
            }
            if (profile.hasStopLoss())
            {
                g.writeObjectFieldStart("stopLoss");
                decimal(g, stopLossKey(profile.stopLossKind), profile.stopLossValue);
                if (profile.stopLossKind == LevelKind.ATR)
                {
                    g.writeNumberField("atrBars", profile.atrBars);
                    g.writeNumberField("barSeconds", profile.barSeconds);
                    g.writeBooleanField("trailing", profile.atrTrailing);
                }
                g.writeEndObject();
            }
            if (profile.hasTrailing())
            {
                g.writeObjectFieldStart("trailing");
                if (profile.trailingActivationKind != ActivationKind.NONE)
                {
                    decimal(g, ACTIVATION_FORMS[profile.trailingActivationKind.ordinal() - 1], profile.trailingActivationValue);
                }
                decimal(g, DISTANCE_FORMS[profile.trailingDistanceKind.ordinal() - 1], profile.trailingDistanceValue);
                g.writeEndObject();
            }
            if (profile.hasBreakeven())
            {
                g.writeObjectFieldStart("breakeven");
                decimal(g, profile.breakevenTriggerKind == ActivationKind.PCT ? "triggerPct" : "triggerNetProfit",
                    profile.breakevenTriggerValue);
                if (profile.breakevenOffsetPct != 0)
                {
                    decimal(g, "offsetPct", profile.breakevenOffsetPct);
                }
                g.writeEndObject();
            }
            if (profile.hasProfitFloor())
            {
                g.writeObjectFieldStart("profitFloor");
                decimal(g, "activationNetProfit", profile.floorActivationNetProfit);
                decimal(g, "floorNetProfit", profile.floorNetProfit);
                g.writeEndObject();
            }
            if (profile.hasScaleOut())
            {
                g.writeArrayFieldStart("scaleOut");
                for (int i = 0; i < profile.scaleOutKinds.length; i++)
                {
                    g.writeStartObject();
                    decimal(g, profile.scaleOutKinds[i] == LevelKind.PCT ? "pct" : "netProfit", profile.scaleOutValues[i]);
                    decimal(g, "fraction", profile.scaleOutFractions[i]);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
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
            if (profile.source != TriggerSource.LAST)
            {
                g.writeStringField("source", profile.source.name());
            }
            g.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void decimal(final JsonGenerator g, final String key, final long value) throws IOException
    {
        g.writeStringField(key, Fixed.toString(value));
    }

    private static String takeProfitKey(final LevelKind kind)
    {
        switch (kind)
        {
            case PRICE: return "price";
            case PCT: return "pct";
            case NET: return "netProfit";
            case RISK_REWARD: return "riskReward";
            default: throw new IllegalStateException("take profit kind " + kind);
        }
    }

    private static String stopLossKey(final LevelKind kind)
    {
        switch (kind)
        {
            case PRICE: return "price";
            case PCT: return "pct";
            case NET: return "netLoss";
            case ATR: return "atrMultiple";
            default: throw new IllegalStateException("stop loss kind " + kind);
        }
    }

    /** A JSON scalar as its token and text; decimals keep their exact text. */
    private static final class Scalar
    {
        final JsonToken token;
        final String text;

        Scalar(final JsonToken token, final String text)
        {
            this.token = token;
            this.text = text;
        }

        String describe()
        {
            return token == JsonToken.VALUE_STRING ? "'" + text + "'" : text;
        }
    }

    /** Reads JSON into maps, lists and scalars: a profile is small and read rarely. */
    private static final class Tree
    {
        String duplicate;

        Map<String, Object> readObject(final JsonParser p, final String path) throws IOException
        {
            final Map<String, Object> object = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                final String keyPath = path.isEmpty() ? key : path + "." + key;
                p.nextToken();
                final Object value = readValue(p, keyPath);
                if (object.put(key, value) != null && duplicate == null)
                {
                    duplicate = keyPath;
                }
            }
            return object;
        }

        private Object readValue(final JsonParser p, final String path) throws IOException
        {
            final JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT)
            {
                return readObject(p, path);
            }
            if (token == JsonToken.START_ARRAY)
            {
                final List<Object> list = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY)
                {
                    list.add(readValue(p, path + "[" + i++ + "]"));
                }
                return list;
            }
            return new Scalar(token, p.getText());
        }
    }

    /** Turns the tree of one named profile into a validated {@link ExitProfile}. */
    private static final class Reading
    {
        private final String name;

        Reading(final String name)
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
                    case "takeProfit":
                        takeProfit(b, object(value, key));
                        break;
                    case "stopLoss":
                        stopLoss(b, object(value, key));
                        break;
                    case "trailing":
                        trailing(b, object(value, key));
                        break;
                    case "breakeven":
                        breakeven(b, object(value, key));
                        break;
                    case "profitFloor":
                        profitFloor(b, object(value, key));
                        break;
                    case "scaleOut":
                        scaleOut(b, value);
                        break;
                    case "breakevenAfterFirstScaleOut":
                        b.breakevenAfterFirstScaleOut(bool(value, key));
                        break;
                    case "maxHoldMinutes":
                        b.maxHoldMinutes(wholeNumber(value, key));
                        break;
                    case "roi":
                        roi(b, object(value, key));
                        break;
                    case "source":
                        b.source(source(value));
                        break;
                    default:
                        throw error(key, "unknown key; expected " + String.join(", ", TOP_KEYS));
                }
            }
            return b.build();
        }

        private void takeProfit(final ExitProfile.Builder b, final Map<String, Object> o)
        {
            final String form = oneOf(o, "takeProfit", TAKE_PROFIT_FORMS, NONE, true);
            final String path = "takeProfit." + form;
            switch (form)
            {
                case "price":
                    b.takeProfit(LevelKind.PRICE, decimal(o.get(form), path));
                    break;
                case "pct":
                    b.takeProfit(LevelKind.PCT, decimal(o.get(form), path));
                    break;
                case "netProfit":
                    b.takeProfit(LevelKind.NET, decimal(o.get(form), path));
                    break;
                default:
                    b.takeProfit(LevelKind.RISK_REWARD, riskReward(o.get(form), path));
                    break;
            }
        }

        private long riskReward(final Object value, final String path)
        {
            if (value instanceof Scalar && ((Scalar)value).token == JsonToken.VALUE_STRING)
            {
                final String text = ((Scalar)value).text;
                final int colon = text.indexOf(':');
                if (colon >= 0)
                {
                    if (!"1".equals(text.substring(0, colon).trim()))
                    {
                        throw error(path, "a ratio is written 1:N, was '" + text + "'");
                    }
                    return decimal(new Scalar(JsonToken.VALUE_STRING, text.substring(colon + 1).trim()), path);
                }
            }
            return decimal(value, path);
        }

        private void stopLoss(final ExitProfile.Builder b, final Map<String, Object> o)
        {
            final String form = oneOf(o, "stopLoss", STOP_LOSS_FORMS, ATR_OPTIONS, true);
            final String path = "stopLoss." + form;
            final long value = decimal(o.get(form), path);
            switch (form)
            {
                case "price":
                    b.stopLoss(LevelKind.PRICE, value);
                    break;
                case "pct":
                    b.stopLoss(LevelKind.PCT, value);
                    break;
                case "netLoss":
                    b.stopLoss(LevelKind.NET, value);
                    break;
                default:
                    b.stopLoss(LevelKind.ATR, value);
                    break;
            }
            if ("atrMultiple".equals(form))
            {
                final int bars = o.containsKey("atrBars") ? intValue(o.get("atrBars"), "stopLoss.atrBars") : 14;
                final int seconds = o.containsKey("barSeconds") ? intValue(o.get("barSeconds"), "stopLoss.barSeconds") : 60;
                final boolean trails = o.containsKey("trailing") && bool(o.get("trailing"), "stopLoss.trailing");
                b.atr(bars, seconds, trails);
            }
            else
            {
                for (final String option : ATR_OPTIONS)
                {
                    if (o.containsKey(option))
                    {
                        throw error("stopLoss." + option, "applies only to atrMultiple");
                    }
                }
            }
        }

        private void trailing(final ExitProfile.Builder b, final Map<String, Object> o)
        {
            final String[] keys = concat(ACTIVATION_FORMS, DISTANCE_FORMS);
            checkKeys(o, "trailing", keys);
            final String activation = oneOf(o, "trailing", ACTIVATION_FORMS, DISTANCE_FORMS, false);
            final String distance = oneOf(o, "trailing", DISTANCE_FORMS, ACTIVATION_FORMS, true);
            if (activation != null)
            {
                final String path = "trailing." + activation;
                final long value = decimal(o.get(activation), path);
                if (value < 0)
                {
                    throw error(path, "must not be negative, was " + Fixed.toString(value));
                }
                final ActivationKind kind = "activationPrice".equals(activation) ? ActivationKind.PRICE :
                    "activationPct".equals(activation) ? ActivationKind.PCT : ActivationKind.NET;
                b.trailingActivation(kind, value);
            }
            final String path = "trailing." + distance;
            final long value = decimal(o.get(distance), path);
            positive(value, path);
            if ("offsetTicks".equals(distance) && value % Fixed.ONE != 0)
            {
                throw error(path, "must be a whole number of ticks, was " + Fixed.toString(value));
            }
            final DistanceKind kind;
            switch (distance)
            {
                case "callbackPct":
                    kind = DistanceKind.CALLBACK_PCT;
                    break;
                case "offset":
                    kind = DistanceKind.OFFSET;
                    break;
                case "offsetBps":
                    kind = DistanceKind.OFFSET_BPS;
                    break;
                default:
                    kind = DistanceKind.OFFSET_TICKS;
                    break;
            }
            b.trailingDistance(kind, value);
        }

        private void breakeven(final ExitProfile.Builder b, final Map<String, Object> o)
        {
            final String trigger = oneOf(o, "breakeven", BREAKEVEN_FORMS, BREAKEVEN_OPTIONS, true);
            final String path = "breakeven." + trigger;
            final long value = decimal(o.get(trigger), path);
            positive(value, path);
            long offset = 0;
            if (o.containsKey("offsetPct"))
            {
                offset = decimal(o.get("offsetPct"), "breakeven.offsetPct");
                if (offset < 0)
                {
                    throw error("breakeven.offsetPct", "must not be negative, was " + Fixed.toString(offset));
                }
            }
            b.breakeven("triggerPct".equals(trigger) ? ActivationKind.PCT : ActivationKind.NET, value, offset);
        }

        private void profitFloor(final ExitProfile.Builder b, final Map<String, Object> o)
        {
            checkKeys(o, "profitFloor", FLOOR_KEYS);
            for (final String key : FLOOR_KEYS)
            {
                if (!o.containsKey(key))
                {
                    throw error("profitFloor." + key, "missing");
                }
            }
            final long activation = decimal(o.get("activationNetProfit"), "profitFloor.activationNetProfit");
            positive(activation, "profitFloor.activationNetProfit");
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
                final long level = decimal(o.get(form), at + "." + form);
                positive(level, at + "." + form);
                if (!o.containsKey("fraction"))
                {
                    throw error(at + ".fraction", "missing");
                }
                final long fraction = decimal(o.get("fraction"), at + ".fraction");
                b.scaleOut("pct".equals(form) ? LevelKind.PCT : LevelKind.NET, level, fraction);
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

        private TriggerSource source(final Object value)
        {
            if (value instanceof Scalar && ((Scalar)value).token == JsonToken.VALUE_STRING)
            {
                final String text = ((Scalar)value).text;
                for (final TriggerSource s : TriggerSource.values())
                {
                    if (s.name().equals(text))
                    {
                        return s;
                    }
                }
            }
            throw error("source", "must be LAST, BID_ASK or MARK, was " + describe(value));
        }

        /**
         * The one key of {@code forms} the object holds; unknown keys (neither forms nor {@code others})
         * and a second form are errors naming the key.
         */
        private String oneOf(final Map<String, Object> o, final String path, final String[] forms, final String[] others,
            final boolean required)
        {
            checkKeys(o, path, concat(forms, others));
            String found = null;
            for (final String key : o.keySet())
            {
                if (contains(forms, key))
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
                if (!contains(allowed, key))
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
                throw error(path, "expected an object, found " + describe(value));
            }
            return (Map<String, Object>)value;
        }

        private long decimal(final Object value, final String path)
        {
            if (value instanceof Scalar)
            {
                final Scalar s = (Scalar)value;
                if (s.token == JsonToken.VALUE_STRING || s.token == JsonToken.VALUE_NUMBER_INT ||
                    s.token == JsonToken.VALUE_NUMBER_FLOAT)
                {
                    try
                    {
                        return DecimalText.parse(s.text);
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw error(path, ex.getMessage());
                    }
                }
            }
            throw error(path, "expected a decimal, found " + describe(value));
        }

        private long wholeNumber(final Object value, final String path)
        {
            if (value instanceof Scalar)
            {
                final Scalar s = (Scalar)value;
                if (s.token == JsonToken.VALUE_STRING || s.token == JsonToken.VALUE_NUMBER_INT)
                {
                    final long n = DecimalText.parseNonNegativeLong(s.text);
                    if (n >= 0)
                    {
                        return n;
                    }
                }
            }
            throw error(path, "must be a non-negative whole number, was " + describe(value));
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
            if (value instanceof Scalar)
            {
                final Scalar s = (Scalar)value;
                if (s.token == JsonToken.VALUE_TRUE || s.token == JsonToken.VALUE_FALSE)
                {
                    return s.token == JsonToken.VALUE_TRUE;
                }
                if (s.token == JsonToken.VALUE_STRING && ("true".equals(s.text) || "false".equals(s.text)))
                {
                    return "true".equals(s.text);
                }
            }
            throw error(path, "must be true or false, was " + describe(value));
        }

        private void positive(final long value, final String path)
        {
            if (value <= 0)
            {
                throw error(path, "must be positive, was " + Fixed.toString(value));
            }
        }

        private static String describe(final Object value)
        {
            if (value instanceof Scalar)
            {
                return ((Scalar)value).describe();
            }
            return value instanceof List ? "an array" : "an object";
        }

        private static boolean contains(final String[] keys, final String key)
        {
            for (final String k : keys)
            {
                if (k.equals(key))
                {
                    return true;
                }
            }
            return false;
        }

        private static String[] concat(final String[] a, final String[] b)
        {
            final String[] all = new String[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
