package dev.exitengine.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.event.TriggerSource;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileJsonTest
{
    /** Every key of the appendix and every extension, each in one of its forms. */
    private static final String EVERYTHING = "{\"name\":\"all\"," +
        "\"takeProfit\":{\"pct\":\"2.5\"}," +
        "\"stopLoss\":{\"atrMultiple\":\"1.5\",\"atrBars\":20,\"barSeconds\":30,\"trailing\":true}," +
        "\"trailing\":{\"activationNetProfit\":\"15\",\"offsetTicks\":\"3\"}," +
        "\"breakeven\":{\"triggerNetProfit\":\"5\",\"offsetPct\":\"0.05\"}," +
        "\"profitFloor\":{\"activationNetProfit\":\"15\",\"floorNetProfit\":\"7\"}," +
        "\"scaleOut\":[{\"pct\":\"1\",\"fraction\":\"0.5\"},{\"netProfit\":\"20\",\"fraction\":\"0.25\"}]," +
        "\"breakevenAfterFirstScaleOut\":true," +
        "\"maxHoldMinutes\":240," +
        "\"roi\":{\"0\":\"3\",\"30\":\"1.5\",\"120\":\"0\"}," +
        "\"source\":\"BID_ASK\"}";

    private static String errorOf(final String name, final String json)
    {
        return assertThrows(IllegalArgumentException.class, () -> ProfileJson.parse(name, json)).getMessage();
    }

    @Test
    void appendixDollarProfileIsTenNetEachWay()
    {
        final ExitProfile p = ProfileJson.parse("usd10", "{\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}");
        assertEquals("usd10", p.name);
        assertEquals(LevelKind.NET, p.takeProfitKind);
        assertEquals(Fixed.of(10), p.takeProfitValue);
        assertEquals(LevelKind.NET, p.stopLossKind);
        assertEquals(Fixed.of(10), p.stopLossValue);
        assertEquals(TriggerSource.LAST, p.source);
        assertFalse(p.hasTrailing());
    }

    @Test
    void appendixTrailingProfileActivatesFromEntryWithTenPercentCallback()
    {
        final ExitProfile p = ProfileJson.parse("trail",
            "{\"stopLoss\":{\"pct\":\"5\"},\"trailing\":{\"activationPct\":\"0\",\"callbackPct\":\"10\"},\"source\":\"LAST\"}");
        assertEquals(LevelKind.PCT, p.stopLossKind);
        assertEquals(Fixed.of(5), p.stopLossValue);
        assertEquals(ActivationKind.PCT, p.trailingActivationKind);
        assertEquals(0, p.trailingActivationValue);
        assertEquals(DistanceKind.CALLBACK_PCT, p.trailingDistanceKind);
        assertEquals(Fixed.of(10), p.trailingDistanceValue);
        assertFalse(p.hasTakeProfit());
    }

    @Test
    void fallbackSourceIsReadWrittenAndRefusedWhenItIsTheSourceItself()
    {
        final ExitProfile p = ProfileJson.parse("fb", "{\"stopLoss\":{\"pct\":\"1\"},\"source\":\"MARK\",\"fallbackSource\":\"LAST\"}");
        assertEquals(TriggerSource.MARK, p.source);
        assertEquals(TriggerSource.LAST, p.fallbackSource);
        assertEquals(p, ProfileJson.parse("fb", ProfileJson.toJson(p)));
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> ProfileJson.parse("fb", "{\"source\":\"MARK\",\"fallbackSource\":\"MARK\"}"));
        org.junit.jupiter.api.Assertions.assertTrue(ex.getMessage().contains("fallbackSource"), ex.getMessage());
    }

    @Test
    void everyKeyIsReadToItsExactValue()
    {
        final ExitProfile p = ProfileJson.parse("all", EVERYTHING);
        assertEquals("name=all;source=BID_ASK;tp=PCT:2.5;sl=ATR:1.5;atr=20:30:true;trail=NET:15:OFFSET_TICKS:3;" +
            "be=NET:5:0.05;floor=15:7;scale=PCT:1:0.5;scale=NET:20:0.25;scaleBe=true;maxHold=240;" +
            "roi=0:3;roi=30:1.5;roi=120:0", p.encode());
        assertArrayEquals(new long[] {0, 30, 120}, p.roiMinutes);
    }

    @Test
    void toJsonGivesTheAppendixKeysBackAndParsesToTheSameProfile()
    {
        final ExitProfile p = ProfileJson.parse("all", EVERYTHING);
        final String json = ProfileJson.toJson(p);
        assertEquals(EVERYTHING, json);
        assertEquals(p, ProfileJson.parse("all", json));
    }

    @Test
    void toJsonOfAppendixProfilesLeavesDefaultsOut()
    {
        assertEquals("{\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
            ProfileJson.toJson(ProfileJson.parse("usd10", "{\"takeProfit\":{\"netProfit\":10},\"stopLoss\":{\"netLoss\":\"10.0\"}}")));
        assertEquals("{\"type\":\"profile\",\"name\":\"trail\",\"stopLoss\":{\"pct\":\"5\"},\"trailing\":{\"activationPct\":\"0\"," +
            "\"callbackPct\":\"10\"}}", ProfileJson.toJsonLine(ProfileJson.parse("trail",
            "{\"stopLoss\":{\"pct\":\"5\"},\"trailing\":{\"activationPct\":\"0\",\"callbackPct\":\"10\"},\"source\":\"LAST\"}")));
    }

    @Test
    void everyFormRoundTrips()
    {
        final String[] profiles =
        {
            "{\"name\":\"a\",\"takeProfit\":{\"price\":\"51040.5\"},\"stopLoss\":{\"price\":\"49039.7\"},\"source\":\"MARK\"}",
            "{\"name\":\"b\",\"takeProfit\":{\"riskReward\":\"3\"},\"stopLoss\":{\"netLoss\":\"10\"}}",
            "{\"name\":\"c\",\"stopLoss\":{\"pct\":\"1.5\"},\"trailing\":{\"activationPrice\":\"62000\",\"offset\":\"25.5\"}}",
            "{\"name\":\"d\",\"trailing\":{\"offsetBps\":\"35\"},\"breakeven\":{\"triggerPct\":\"0.8\"}}",
            "{\"name\":\"e\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"atrMultiple\":\"2\",\"atrBars\":14," +
                "\"barSeconds\":60,\"trailing\":false}}",
        };
        for (final String json : profiles)
        {
            final ExitProfile p = parseObject(json);
            assertEquals(json, ProfileJson.toJson(p));
            assertEquals(p, ProfileJson.parse(p.name, ProfileJson.toJson(p)));
        }
    }

    private static ExitProfile parseObject(final String json)
    {
        try (JsonParser parser = new JsonFactory().createParser(json))
        {
            parser.nextToken();
            return ProfileJson.parse(parser);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void riskRewardMayBeWrittenAsARatio()
    {
        final ExitProfile p = ProfileJson.parse("rr", "{\"takeProfit\":{\"riskReward\":\"1:3\"},\"stopLoss\":{\"pct\":\"1\"}}");
        assertEquals(LevelKind.RISK_REWARD, p.takeProfitKind);
        assertEquals(Fixed.of(3), p.takeProfitValue);
        assertEquals("profile 'rr': takeProfit.riskReward: a ratio is written 1:N, was '2:3'",
            errorOf("rr", "{\"takeProfit\":{\"riskReward\":\"2:3\"},\"stopLoss\":{\"pct\":\"1\"}}"));
    }

    @Test
    void twoFormsInOneRuleIsAnErrorNamingTheKey()
    {
        assertEquals("profile 'p': takeProfit.pct: conflicts with takeProfit.price; give exactly one of price, pct, netProfit, " +
            "riskReward", errorOf("p", "{\"takeProfit\":{\"price\":\"51000\",\"pct\":\"2\"}}"));
        assertEquals("profile 'p': trailing.offset: conflicts with trailing.callbackPct; give exactly one of callbackPct, offset, " +
            "offsetBps, offsetTicks", errorOf("p", "{\"trailing\":{\"callbackPct\":\"1\",\"offset\":\"5\"}}"));
        assertEquals("profile 'p': trailing.activationNetProfit: conflicts with trailing.activationPct; give exactly one of " +
            "activationPrice, activationPct, activationNetProfit",
            errorOf("p", "{\"trailing\":{\"activationPct\":\"1\",\"activationNetProfit\":\"5\",\"offset\":\"5\"}}"));
    }

    @Test
    void badValuesAreErrorsNamingProfileAndKeyPath()
    {
        assertEquals("profile 'NAME': takeProfit.pct: must be positive, was -1", errorOf("NAME", "{\"takeProfit\":{\"pct\":\"-1\"}}"));
        assertEquals("profile 'p': stopLoss.pct: must be below 100, was 100", errorOf("p", "{\"stopLoss\":{\"pct\":100}}"));
        assertEquals("profile 'p': stopLoss.netLoss: not a decimal: 'ten'", errorOf("p", "{\"stopLoss\":{\"netLoss\":\"ten\"}}"));
        assertEquals("profile 'p': takeProfit: needs one of price, pct, netProfit, riskReward", errorOf("p", "{\"takeProfit\":{}}"));
        assertEquals("profile 'p': trailing: needs one of callbackPct, offset, offsetBps, offsetTicks",
            errorOf("p", "{\"trailing\":{\"activationPct\":\"1\"}}"));
        assertEquals("profile 'p': trailing.offsetTicks: must be a whole number of ticks, was 2.5",
            errorOf("p", "{\"trailing\":{\"offsetTicks\":\"2.5\"}}"));
        assertEquals("profile 'p': trailing.activationPct: must not be negative, was -1",
            errorOf("p", "{\"trailing\":{\"activationPct\":\"-1\",\"callbackPct\":\"1\"}}"));
        assertEquals("profile 'p': stopLoss.atrBars: applies only to atrMultiple",
            errorOf("p", "{\"stopLoss\":{\"pct\":\"1\",\"atrBars\":5}}"));
        assertEquals("profile 'p': stopLoss.atrBars: must be 1..1000, was 0",
            errorOf("p", "{\"stopLoss\":{\"atrMultiple\":\"1\",\"atrBars\":0}}"));
        assertEquals("profile 'p': scaleOut[1].fraction: must be in (0, 1], was 1.5",
            errorOf("p", "{\"scaleOut\":[{\"pct\":\"1\",\"fraction\":\"0.5\"},{\"pct\":\"2\",\"fraction\":\"1.5\"}]}"));
        assertEquals("profile 'p': scaleOut[0].fraction: missing", errorOf("p", "{\"scaleOut\":[{\"pct\":\"1\"}]}"));
        assertEquals("profile 'p': scaleOut: fractions add up to more than 1",
            errorOf("p", "{\"scaleOut\":[{\"pct\":\"1\",\"fraction\":\"0.6\"},{\"pct\":\"2\",\"fraction\":\"0.6\"}]}"));
        assertEquals("profile 'p': profitFloor.floorNetProfit: missing", errorOf("p", "{\"profitFloor\":{\"activationNetProfit\":15}}"));
        assertEquals("profile 'p': profitFloor.floorNetProfit: must be below activationNetProfit",
            errorOf("p", "{\"profitFloor\":{\"activationNetProfit\":15,\"floorNetProfit\":15}}"));
        assertEquals("profile 'p': roi.soon: key must be whole minutes, was 'soon'", errorOf("p", "{\"roi\":{\"soon\":\"1\"}}"));
        assertEquals("profile 'p': maxHoldMinutes: must be a non-negative whole number, was -5", errorOf("p", "{\"maxHoldMinutes\":-5}"));
        assertEquals("profile 'p': source: must be LAST, BID_ASK or MARK, was 'bid'", errorOf("p", "{\"source\":\"bid\"}"));
        assertEquals("profile 'p': breakevenAfterFirstScaleOut: must be true or false, was 1",
            errorOf("p", "{\"breakevenAfterFirstScaleOut\":1}"));
        assertEquals("profile 'p': stopLoss.netLoss: decimal too large: '12345678901234567890'",
            errorOf("p", "{\"stopLoss\":{\"netLoss\":\"12345678901234567890\"}}"));
        assertEquals("profile 'p': takeProfit.pct: decimal too large: '1234567890123456789'",
            errorOf("p", "{\"takeProfit\":{\"pct\":1234567890123456789}}"));
        assertEquals("profile 'p': maxHoldMinutes: must be a non-negative whole number, was 12345678901234567890",
            errorOf("p", "{\"maxHoldMinutes\":12345678901234567890}"));
        assertEquals("profile 'p': takeProfit.riskReward: needs a stopLoss to derive from",
            errorOf("p", "{\"takeProfit\":{\"riskReward\":\"2\"}}"));
    }

    @Test
    void unknownAndRepeatedKeysAreErrorsNotSilence()
    {
        assertEquals("profile 'p': stopLos: unknown key; expected takeProfit, stopLoss, trailing, breakeven, profitFloor, " +
            "scaleOut, breakevenAfterFirstScaleOut, maxHoldMinutes, roi, source, fallbackSource", errorOf("p", "{\"stopLos\":{\"pct\":\"1\"}}"));
        assertEquals("profile 'p': takeProfit.prct: unknown key; expected price, pct, netProfit, riskReward",
            errorOf("p", "{\"takeProfit\":{\"prct\":\"1\"}}"));
        assertEquals("profile 'p': stopLoss: given twice", errorOf("p", "{\"stopLoss\":{\"pct\":\"1\"},\"stopLoss\":{\"pct\":\"2\"}}"));
        assertEquals("profile 'p': stopLoss.pct: given twice", errorOf("p", "{\"stopLoss\":{\"pct\":\"1\",\"pct\":\"50\"}}"));
        assertEquals("profile 'p': takeProfit: expected an object, found '2'", errorOf("p", "{\"takeProfit\":\"2\"}"));
    }

    @Test
    void configurationTextMustBeOneObjectWhoseNameAgrees()
    {
        assertEquals("profile 'p': (profile): bad JSON: Unexpected end-of-input: expected close marker for Object at column 24",
            errorOf("p", "{\"takeProfit\":{\"pct\":1}"));
        assertEquals("profile 'p': (profile): expected a JSON object", errorOf("p", "[]"));
        assertEquals("profile 'p': name: differs from the profile's name 'p'", errorOf("p", "{\"name\":\"q\"}"));
        assertEquals("profile name must be non-empty without ';' or '=': 'a;b'", errorOf("a;b", "{}"));
        assertTrue(ProfileJson.parse("p", "{\"name\":\"p\",\"type\":\"profile\"}").encode().startsWith("name=p;"));
    }

    @Test
    void parserFormTakesTheNameFromTheObjectAndStopsAtItsEnd() throws IOException
    {
        try (JsonParser parser = new JsonFactory().createParser(
            "{\"type\":\"profile\",\"takeProfit\":{\"pct\":\"2.5\"},\"name\":\"late\"} {\"next\":1}"))
        {
            parser.nextToken();
            final ExitProfile p = ProfileJson.parse(parser);
            assertEquals("name=late;source=LAST;tp=PCT:2.5", p.encode());
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        }
        try (JsonParser parser = new JsonFactory().createParser("{\"takeProfit\":{\"pct\":\"2.5\"}}"))
        {
            parser.nextToken();
            assertEquals("profile: missing 'name'",
                assertThrows(IllegalArgumentException.class, () -> ProfileJson.parse(parser)).getMessage());
        }
    }
}
