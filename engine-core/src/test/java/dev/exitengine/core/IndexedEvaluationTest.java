package dev.exitengine.core;

import dev.exitengine.core.api.DecisionJson;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.api.Names;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.event.EventType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.Side;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.rules.ExitProfile.ActivationKind;
import dev.exitengine.core.rules.ExitProfile.DistanceKind;
import dev.exitengine.core.rules.ExitProfile.LevelKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.exitengine.core.num.Fixed.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexedEvaluationTest
{
    private static final int POSITIONS = 100_000;
    private static final int TICKS = 300;

    @Test
    void laddersDecideExactlyWhatAFullScanDecidesOverOneHundredThousandPositions()
    {
        final PositionEvaluator indexed = evaluator(false);
        final PositionEvaluator scanned = evaluator(true);
        final Names names = new Names();
        names.intern(Names.Kind.SYMBOL, "BTCUSDT");
        for (int i = 0; i < POSITIONS; i++)
        {
            names.intern(Names.Kind.ACCOUNT, "acct-" + i);
        }
        for (final String p : new String[] {"pct", "net", "trail", "be", "floor"})
        {
            names.intern(Names.Kind.PROFILE, p);
        }
        final SplittableRandom random = new SplittableRandom(42);
        final EngineEvent e = new EngineEvent();
        long seq = 0;
        long ts = 1_723_161_600_000L;
        long price = parse("61800");
        for (int i = 0; i < POSITIONS; i++)
        {
            e.clear(EventType.FILL);
            e.seq = ++seq;
            e.ts = ++ts;
            e.symbolId = 0;
            e.accountId = i;
            e.profileId = random.nextInt(5);
            e.side = random.nextBoolean() ? Side.BUY : Side.SELL;
            e.positionSide = PositionSide.BOTH;
            e.qty = parse("0.001") * (1 + random.nextInt(500));
            e.price = price + parse("0.1") * (random.nextInt(4001) - 2000);
            e.fee = Fixed.NONE;
            indexed.onEvent(e, seq, false);
            scanned.onEvent(e, seq, false);
        }
        long decisions = 0;
        long closes = 0;
        for (int t = 0; t < TICKS; t++)
        {
            price += parse("0.1") * (random.nextInt(401) - 200);
            e.clear(EventType.TRADE);
            e.seq = ++seq;
            e.ts = ++ts;
            e.symbolId = 0;
            e.price = price;
            e.qty = parse("0.001");
            indexed.onEvent(e, seq, false);
            final List<String> fromIndex = lines(e, names);
            e.decisions.clear();
            scanned.onEvent(e, seq, false);
            final List<String> fromScan = lines(e, names);
            assertEquals(fromScan, fromIndex, "tick " + t + " at " + Fixed.toString(price));
            decisions += fromIndex.size();
            for (final String l : fromIndex)
            {
                closes += l.startsWith("{\"type\":\"close\"") ? 1 : 0;
            }
        }
        assertTrue(closes > 200, "the walk must trigger plenty: " + closes + " closes, " + decisions + " decisions");
    }

    private static List<String> lines(final EngineEvent e, final Names names)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < e.decisions.size(); i++)
        {
            out.add(DecisionJson.toJson(e.decisions.get(i), names));
        }
        // no sorting here: both must emit the same decisions in the same order (by position)
        return out;
    }

    private static PositionEvaluator evaluator(final boolean fullScan)
    {
        final PositionEvaluator ev = new PositionEvaluator(EngineCounters.inMemory(), null, "pct", EngineConfig.builtInDefaultProfile());
        ev.fullScan(fullScan);
        ev.defineInstrument(0, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        ev.defineProfile(0, ExitProfile.builder("pct").takeProfit(LevelKind.PCT, parse("0.5")).stopLoss(LevelKind.PCT, parse("0.3")).build());
        ev.defineProfile(1, ExitProfile.builder("net").takeProfit(LevelKind.NET, parse("5")).stopLoss(LevelKind.NET, parse("5")).build());
        ev.defineProfile(2, ExitProfile.builder("trail").stopLoss(LevelKind.PCT, parse("1"))
            .trailingActivation(ActivationKind.PCT, parse("0.1")).trailingDistance(DistanceKind.CALLBACK_PCT, parse("0.2")).build());
        ev.defineProfile(3, ExitProfile.builder("be").stopLoss(LevelKind.PCT, parse("0.5")).takeProfit(LevelKind.PCT, parse("1"))
            .breakeven(ActivationKind.PCT, parse("0.2"), 0).build());
        ev.defineProfile(4, ExitProfile.builder("floor").stopLoss(LevelKind.PCT, parse("0.6"))
            .profitFloor(parse("3"), parse("1")).trailingDistance(DistanceKind.OFFSET_TICKS, parse("300")).build());
        return ev;
    }
}
