package dev.exitengine.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --feed jsonl:FILE --gateway paper} over all 21,313 real BTCUSDT trades of 2024-08-08 with
 * forty entries put in (longs and shorts of 0.05-0.2 BTC on $10-net, percent and $15/$5-net profiles),
 * held line by line to a {@link ReferenceExits} model that walks the same trades.
 */
class RealDataEndToEndTest
{
    static final int POSITIONS = 40;

    @TempDir
    static Path dir;

    static RealScenario scenario;
    static Path out;
    static Path journal;
    static Console run;
    static List<Map<String, String>> decisions;

    @BeforeAll
    static void runTheScenario() throws Exception
    {
        scenario = RealScenario.write(dir.resolve("real-btcusdt.jsonl"), Integer.MAX_VALUE, 300, 500, POSITIONS, Map.of());
        out = dir.resolve("decisions.jsonl");
        journal = dir.resolve("journal");
        run = Console.run("run", "--feed", "jsonl:" + scenario.file, "--gateway", "paper", "--out", out.toString(),
            "--journal", journal.toString(), "--quiet");
        decisions = DecisionLines.read(out);
    }

    @Test
    void theScenarioIsTheWholeRealSessionWithFortyMixedEntries()
    {
        assertEquals(21_313, scenario.trades);
        assertEquals(POSITIONS, scenario.entries);
        assertEquals(20, scenario.longs);
        assertEquals(20, scenario.shorts);
        assertEquals(13, scenario.entriesWithOwnFee);
    }

    @Test
    void theRunExitsZeroAndRefusesNothing()
    {
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.out, "--quiet prints no summary");
        assertFalse(run.err.contains("rejected "), "nothing refused: " + run.err);
        assertFalse(run.err.contains("Exception"), "nothing failed: " + run.err);
    }

    @Test
    void everyLevelsCloseAndExitLineMatchesTheReferenceModel()
    {
        DecisionLines.assertMatch(scenario.model.lines(), decisions);
    }

    @Test
    void firstLongOfFiveHundredthsArmsTheClosedFormTenDollarLevels()
    {
        // 0.05 BTC at 61800.2: notional 3090.01, taker entry fee 1.236004;
        // take profit (3090.01 + 1.236004 + 10) / (0.05 * 0.9996) = 62049.74.. -> 62049.8,
        // stop        (3090.01 + 1.236004 - 10) / (0.05 * 0.9996) = 61649.58.. -> 61649.6
        final Map<String, String> first = decisions.get(0);
        assertEquals("levels", first.get("type"));
        assertEquals("305", first.get("seq"), "after the instrument, three profiles and 300 trades");
        assertEquals("1723161263869", first.get("ts"));
        assertEquals("acct-01", first.get("account"));
        assertEquals("LONG", first.get("positionSide"));
        assertEquals("61800.2", first.get("entryPrice"));
        assertEquals("62049.8", first.get("takeProfit"));
        assertEquals("61649.6", first.get("stopLoss"));
    }

    @Test
    void aPercentLongStoppedOnTheRealTapeFillsAtTheNextTradeAndPaysBothFees()
    {
        final List<Map<String, String>> story = decisions.stream().filter(d -> "acct-03".equals(d.get("account"))).toList();
        assertEquals(3, story.size(), story.toString());
        // 0.05 BTC long at 61812.7 on +0.1 % / -0.05 %: 61874.5127 -> 61874.6, 61781.79365 -> 61781.8
        assertEquals("levels", story.get(0).get("type"));
        assertEquals("61874.6", story.get(0).get("takeProfit"));
        assertEquals("61781.8", story.get(0).get("stopLoss"));
        // the first trade at or below the stop is 61780.8, input 3352
        final Map<String, String> close = story.get(1);
        assertEquals("close", close.get("type"));
        assertEquals("3352", close.get("seq"));
        assertEquals("1723161346325", close.get("ts"));
        assertEquals("SELL", close.get("side"));
        assertEquals("STOP_LOSS", close.get("reason"));
        assertEquals("61781.8", close.get("level"));
        assertEquals("61780.8", close.get("price"));
        // the next trade (input 3353) is 61780.7; its fill is input 3354.
        // fees 1.236254 + 1.235614 = 2.471868; net (61780.7 - 61812.7) * 0.05 - 2.471868 = -4.071868
        final Map<String, String> exit = story.get(2);
        assertEquals("exit", exit.get("type"));
        assertEquals("3354", exit.get("seq"));
        assertEquals("1723161346325", exit.get("ts"));
        assertEquals("61780.7", exit.get("exitPrice"));
        assertEquals("2.471868", exit.get("fees"));
        assertEquals("-4.071868", exit.get("netPnl"));
    }

    @Test
    void theRealSessionTriggersTakeProfitsAndStopsOnBothSides()
    {
        assertEquals(POSITIONS, DecisionLines.count(decisions, "levels", null));
        final long closes = DecisionLines.count(decisions, "close", null);
        assertEquals(closes, DecisionLines.count(decisions, "exit", null), "every close is filled by the paper venue");
        assertTrue(closes >= 30, "most positions close within the session, closed " + closes);
        for (final String reason : List.of("TAKE_PROFIT", "STOP_LOSS"))
        {
            for (final String side : List.of("LONG", "SHORT"))
            {
                assertTrue(decisions.stream().anyMatch(d -> "close".equals(d.get("type")) && reason.equals(d.get("reason"))
                    && side.equals(d.get("positionSide"))), "a " + side + " closes by " + reason);
            }
        }
    }

    @Test
    void everyExitsNetPnlIsItsGrossMoveLessEntryAndExitFees()
    {
        final Map<String, Map<String, String>> levels = new java.util.HashMap<>();
        final BigDecimal taker = new BigDecimal("0.0004");
        int exits = 0;
        for (final Map<String, String> d : decisions)
        {
            if ("levels".equals(d.get("type")))
            {
                levels.put(d.get("account"), d);
            }
            if (!"exit".equals(d.get("type")))
            {
                continue;
            }
            exits++;
            final BigDecimal qty = new BigDecimal(d.get("qty"));
            final BigDecimal entry = new BigDecimal(d.get("entryPrice"));
            final BigDecimal exit = new BigDecimal(d.get("exitPrice"));
            final boolean isLong = "LONG".equals(d.get("positionSide"));
            final BigDecimal move = isLong ? exit.subtract(entry) : entry.subtract(exit);
            final BigDecimal fees = new BigDecimal(d.get("fees"));
            assertEquals(0, move.multiply(qty).subtract(fees).compareTo(new BigDecimal(d.get("netPnl"))), d.toString());
            // the exit fee is the taker rate on the exit notional; the entry fee the fill's own or the taker rate
            final BigDecimal exitFee = taker.multiply(exit.multiply(qty)).setScale(8, java.math.RoundingMode.HALF_UP);
            final BigDecimal entryFee = fees.subtract(exitFee);
            final BigDecimal takerEntryFee = taker.multiply(entry.multiply(qty)).setScale(8, java.math.RoundingMode.HALF_UP);
            final BigDecimal makerEntryFee = new BigDecimal("0.0002").multiply(entry.multiply(qty)).setScale(8, java.math.RoundingMode.HALF_UP);
            assertTrue(entryFee.compareTo(takerEntryFee) == 0 || entryFee.compareTo(makerEntryFee) == 0, d.toString());
            assertEquals(0, entry.compareTo(new BigDecimal(levels.get(d.get("account")).get("entryPrice"))), d.toString());
        }
        assertTrue(exits >= 30, "exits: " + exits);
    }

    @Test
    void tenDollarNetLevelsAreTheTightestTicksThatKeepThePromise()
    {
        final ReferenceExits m = scenario.model;
        final BigDecimal tick = new BigDecimal("0.1");
        final BigDecimal ten = BigDecimal.TEN;
        int checked = 0;
        for (final Map<String, String> d : decisions)
        {
            if (!"levels".equals(d.get("type")))
            {
                continue;
            }
            final int n = Integer.parseInt(d.get("account").substring("acct-".length())) - 1;
            if (RealScenario.profileOf(n) != RealScenario.USD10 || RealScenario.paysOwnFee(n))
            {
                continue; // taker-fee entries on usd10 only: their entry fee is known from the line alone
            }
            final boolean isLong = "LONG".equals(d.get("positionSide"));
            final BigDecimal qty = new BigDecimal(d.get("qty"));
            final BigDecimal notional = new BigDecimal(d.get("entryPrice")).multiply(qty);
            final BigDecimal entryFee = m.fee(notional);
            final BigDecimal tp = new BigDecimal(d.get("takeProfit"));
            final BigDecimal sl = new BigDecimal(d.get("stopLoss"));
            // the take profit nets at least $10, one tick nearer to entry it would not
            assertTrue(m.net(isLong, qty, notional, entryFee, tp).compareTo(ten) >= 0, d.toString());
            assertTrue(m.net(isLong, qty, notional, entryFee, isLong ? tp.subtract(tick) : tp.add(tick)).compareTo(ten) < 0, d.toString());
            // the stop loses at most $10, one tick further from entry it would lose more
            assertTrue(m.net(isLong, qty, notional, entryFee, sl).compareTo(ten.negate()) >= 0, d.toString());
            assertTrue(m.net(isLong, qty, notional, entryFee, isLong ? sl.subtract(tick) : sl.add(tick)).compareTo(ten.negate()) < 0,
                d.toString());
            checked++;
        }
        assertEquals(7, checked, "usd10 positions paying the taker rate");
    }

    @Test
    void theRunsJournalReplaysToIdenticalOutputs()
    {
        final Console replay = Console.run("replay", "--journal", journal.toString(), "--verify");
        assertEquals(0, replay.exitCode, replay.toString());
        assertTrue(replay.out.contains("verified: all "), replay.out);
    }
}
