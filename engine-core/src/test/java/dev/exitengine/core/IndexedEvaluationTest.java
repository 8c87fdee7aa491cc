package dev.exitengine.core;

import dev.exitengine.core.evaluator.PositionEvaluator;
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
        final long closes = compareWithFullScan(POSITIONS, 1, TICKS);
        assertTrue(closes > 200, "the walk must trigger plenty: " + closes + " closes");
    }

    /** Positions of 300 symbols, opened interleaved: the book's tops grow while earlier symbols hold keys. */
    @Test
    void laddersDecideExactlyWhatAFullScanDecidesAcrossThreeHundredSymbols()
    {
        final long closes = compareWithFullScan(20_000, 300, 6_000);
        assertTrue(closes > 1_000, "the walks must trigger plenty: " + closes + " closes");
    }

    /** Feeds the same fills and random-walk ticks to an indexed and a scanning evaluator; returns the closes. */
    private static long compareWithFullScan(final int positions, final int symbols, final int ticks)
    {
        final PositionEvaluator indexed = evaluator(false, symbols);
        final PositionEvaluator scanned = evaluator(true, symbols);
        final Names names = new Names();
        for (int s = 0; s < symbols; s++)
        {
            names.intern(Names.Kind.SYMBOL, "SYM" + s);
        }
        for (int i = 0; i < positions; i++)
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
        final long[] price = new long[symbols];
        java.util.Arrays.fill(price, parse("61800"));
        for (int i = 0; i < positions; i++)
        {
            final int symbol = i % symbols;
            e.clear(EventType.FILL);
            e.seq = ++seq;
            e.ts = ++ts;
            e.symbolId = symbol;
            e.accountId = i;
            e.profileId = random.nextInt(5);
            e.side = random.nextBoolean() ? Side.BUY : Side.SELL;
            e.positionSide = PositionSide.BOTH;
            e.qty = parse("0.001") * (1 + random.nextInt(500));
            e.price = price[symbol] + parse("0.1") * (random.nextInt(4001) - 2000);
            e.fee = Fixed.NONE;
            indexed.onEvent(e, seq, false);
            scanned.onEvent(e, seq, false);
        }
        long closes = 0;
        for (int t = 0; t < ticks; t++)
        {
            final int symbol = random.nextInt(symbols);
            price[symbol] += parse("0.1") * (random.nextInt(401) - 200);
            e.clear(EventType.TRADE);
            e.seq = ++seq;
            e.ts = ++ts;
            e.symbolId = symbol;
            e.price = price[symbol];
            e.qty = parse("0.001");
            indexed.onEvent(e, seq, false);
            final List<String> fromIndex = lines(e, names);
            e.decisions.clear();
            scanned.onEvent(e, seq, false);
            final List<String> fromScan = lines(e, names);
            assertEquals(fromScan, fromIndex, "tick " + t + " of SYM" + symbol + " at " + Fixed.toString(price[symbol]));
            for (final String l : fromIndex)
            {
                closes += l.startsWith("{\"type\":\"close\"") ? 1 : 0;
            }
        }
        return closes;
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

    private static PositionEvaluator evaluator(final boolean fullScan, final int symbols)
    {
        final PositionEvaluator ev = new PositionEvaluator(EngineCounters.inMemory(), null, "pct", EngineConfig.builtInDefaultProfile());
        ev.fullScan(fullScan);
        for (int s = 0; s < symbols; s++)
        {
            ev.defineInstrument(s, parse("0.1"), parse("0.001"), 0, parse("0.0002"), parse("0.0004"));
        }
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
