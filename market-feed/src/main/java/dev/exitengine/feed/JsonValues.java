package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;

/**
 * The typed value readers of every JSON parser in market-feed: a JSON value, given as its token and text
 * (or as a parser's current token), read as a fixed-point decimal, a whole number, a boolean, a string
 * or one of a few names, and the checks on what was read (required, positive, not negative). Every
 * refusal names the field; how it is worded (an event line's field, a stream message's field, a
 * profile's key path) is the parser's {@link Refusal}. The {@code ...OrNone}, {@code ...OrNull} and
 * {@code ...OrAbsent} readers take JSON {@code null} for an absent field; the others refuse it.
 * Parser text is read in place: an accepted value allocates nothing but the strings asked for. Not
 * thread-safe: one per parser.
 */
final class JsonValues
{
    /** Words a refused value for the parser that read it: {@code what} is wrong with {@code field}. */
    @FunctionalInterface
    interface Refusal
    {
        IllegalArgumentException of(String field, String what);
    }

    /** The names a field may take, as constants of {@code E}; matched exactly. */
    static final class Choices<E extends Enum<E>>
    {
        private final E[] constants;
        private final String[] names;
        private final String mustBe;

        @SafeVarargs
        Choices(final E... constants)
        {
            this.constants = constants.clone();
            this.names = new String[constants.length];
            for (int i = 0; i < constants.length; i++)
            {
                names[i] = constants[i].name();
            }
            this.mustBe = "must be " + alternatives(names) + ", was ";
        }

        /** The constant named by {@code text}; null when none is. */
        E find(final CharSequence text)
        {
            for (int i = 0; i < names.length; i++)
            {
                if (sameText(names[i], text))
                {
                    return constants[i];
                }
            }
            return null;
        }
    }

    private final Refusal refusal;
    private final NameCache names;
    private final CharSlice text = new CharSlice();

    /** Readers that word refusals with {@code refusal}; strings that repeat are read through {@code names}. */
    JsonValues(final Refusal refusal, final NameCache names)
    {
        this.refusal = refusal;
        this.names = names;
    }

    /** Readers for a parser that reads no {@link #nameOrNull names}. */
    JsonValues(final Refusal refusal)
    {
        this(refusal, null);
    }

    /** The text of the parser's current token, viewed in place until the parser moves on. */
    CharSequence text(final JsonParser p) throws IOException
    {
        return text.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    // ---- the parser's current token; JSON null is an absent field

    long decimalOrNone(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        return token == JsonToken.VALUE_NULL ? Fixed.NONE : decimal(token, text(p), field);
    }

    /** Epoch milliseconds, a non-negative integer given as a number or a string. */
    long epochMillisOrNone(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return Fixed.NONE;
        }
        final CharSequence value = text(p);
        final long millis = nonNegativeInteger(token, value);
        if (millis >= 0)
        {
            return millis;
        }
        throw refusal.of(field, "must be a non-negative integer (epoch milliseconds), was " + describe(token, value));
    }

    String stringOrNull(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return null;
        }
        expectString(token, field, p);
        return p.getText();
    }

    /** A short string that repeats (symbol, account, profile name): one {@link String} for the same chars. */
    String nameOrNull(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return null;
        }
        expectString(token, field, p);
        return names.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** 1 for true, 0 for false, -1 for absent. */
    int boolOrAbsent(final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL)
        {
            return -1;
        }
        return bool(token, text(p), field) ? 1 : 0;
    }

    <E extends Enum<E>> E choiceOrNull(final JsonParser p, final Choices<E> choices, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        return token == JsonToken.VALUE_NULL ? null : choice(token, text(p), choices, field);
    }

    // ---- a value as its token and text

    long decimal(final JsonToken token, final CharSequence value, final String field)
    {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
        {
            return decimalText(value, field);
        }
        throw expected("a decimal", token, value, field);
    }

    /** The text of a decimal, read exactly ({@link DecimalText}). */
    long decimalText(final CharSequence value, final String field)
    {
        try
        {
            return DecimalText.parse(value);
        }
        catch (final NumberFormatException ex)
        {
            throw refusal.of(field, ex.getMessage());
        }
    }

    long wholeNumber(final JsonToken token, final CharSequence value, final String field)
    {
        final long n = nonNegativeInteger(token, value);
        if (n >= 0)
        {
            return n;
        }
        throw refusal.of(field, "must be a non-negative whole number, was " + describe(token, value));
    }

    /** A JSON boolean, or the string {@code "true"} or {@code "false"}. */
    boolean bool(final JsonToken token, final CharSequence value, final String field)
    {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
        {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_STRING && (sameText("true", value) || sameText("false", value)))
        {
            return sameText("true", value);
        }
        throw refusal.of(field, "must be true or false, was " + describe(token, value));
    }

    <E extends Enum<E>> E choice(final JsonToken token, final CharSequence value, final Choices<E> choices, final String field)
    {
        final E found = token == JsonToken.VALUE_STRING ? choices.find(value) : null;
        if (found == null)
        {
            throw refusal.of(field, choices.mustBe + describe(token, value));
        }
        return found;
    }

    /** A non-negative integer given as a number or a string; -1 when the value is not one. */
    static long nonNegativeInteger(final JsonToken token, final CharSequence value)
    {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_STRING)
        {
            return -1;
        }
        return DecimalText.parseNonNegativeLong(value);
    }

    // ---- checks on what was read

    long require(final long value, final String field)
    {
        if (value == Fixed.NONE)
        {
            throw missing(field);
        }
        return value;
    }

    void require(final String value, final String field)
    {
        if (value == null)
        {
            throw missing(field);
        }
        if (value.isEmpty())
        {
            throw refusal.of(field, "must not be empty");
        }
    }

    long positive(final long value, final String field)
    {
        if (value <= 0)
        {
            throw refusal.of(field, "must be positive, was " + Fixed.toString(value));
        }
        return value;
    }

    long nonNegative(final long value, final String field)
    {
        if (value < 0)
        {
            throw refusal.of(field, "must not be negative, was " + Fixed.toString(value));
        }
        return value;
    }

    IllegalArgumentException missing(final String field)
    {
        return refusal.of(field, "missing");
    }

    /** {@code "expected WHAT, found VALUE"}. */
    IllegalArgumentException expected(final String what, final JsonToken token, final CharSequence value, final String field)
    {
        return refusal.of(field, "expected " + what + ", found " + describe(token, value));
    }

    IllegalArgumentException expected(final String what, final JsonParser p, final String field) throws IOException
    {
        final JsonToken token = p.currentToken();
        return expected(what, token, token == null ? null : text(p), field);
    }

    IllegalArgumentException refuse(final String field, final String what)
    {
        return refusal.of(field, what);
    }

    private void expectString(final JsonToken token, final String field, final JsonParser p) throws IOException
    {
        if (token != JsonToken.VALUE_STRING)
        {
            throw expected("a string", p, field);
        }
    }

    /** A value as a refusal quotes it: strings in quotes, other scalars as written, containers by kind. */
    static String describe(final JsonToken token, final CharSequence value)
    {
        if (token == null)
        {
            return "nothing";
        }
        switch (token)
        {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "'" + value + "'";
            default: return String.valueOf(value);
        }
    }

    /** {@code "a, b or c"}. */
    static String alternatives(final String... names)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            text.append(i == 0 ? "" : i == names.length - 1 ? " or " : ", ").append(names[i]);
        }
        return text.toString();
    }

    private static boolean sameText(final String expected, final CharSequence text)
    {
        if (text == null || text.length() != expected.length())
        {
            return false;
        }
        for (int i = 0; i < expected.length(); i++)
        {
            if (text.charAt(i) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
