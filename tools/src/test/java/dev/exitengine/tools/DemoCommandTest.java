package dev.exitengine.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo}: the bundled real BTCUSDT session (87,402 trades and book tickers) with 36 entries on
 * $10-net profiles, closes filled by the paper venue. Its decisions are the reference model's, its
 * promises hold, and it verifies its own journal.
 */
class DemoCommandTest
{
    @TempDir
    static Path dir;

    static Console demo;
    static List<Map<String, String>> decisions;

    @BeforeAll
    static void runTheDemo()
    {
        final Path out = dir.resolve("demo.jsonl");
        demo = Console.run("demo", "--journal", dir.resolve("journal").toString(), "--out", out.toString());
        decisions = DecisionLines.read(out);
    }

    @Test
    void theDemoExitsZeroAfterVerifyingItsOwnReplay()
    {
        assertEquals(0, demo.exitCode, demo.toString());
        assertTrue(demo.out.contains("replay verified: 87,460 inputs re-run, all 80 outputs identical byte for byte"), demo.out);
    }

    @Test
    void theDemoDecidesWhatTheReferenceModelDecidesOnTheBundledSession() throws IOException
    {
        final ReferenceExits model = demoModel(36);
        DecisionLines.assertMatch(model.lines(), decisions);
        assertEquals(36, DecisionLines.count(decisions, "levels", null));
        assertTrue(DecisionLines.count(decisions, "exit", "TAKE_PROFIT") > 0, "some positions take their $10");
        assertTrue(DecisionLines.count(decisions, "exit", "STOP_LOSS") > 0, "some positions are stopped");
    }

    @Test
    void everyDemoExitNetsItsMoveLessTakerFeesAndItsLevelKeepsTheTenDollarPromise()
    {
        final ReferenceExits m = new ReferenceExits("0.1", "0.0004");
        final Map<String, Map<String, String>> levels = new HashMap<>();
        int exits = 0;
        for (final Map<String, String> d : decisions)
        {
            if ("levels".equals(d.get("type")))
            {
                levels.put(d.get("account"), d);
                continue;
            }
            if (!"exit".equals(d.get("type")))
            {
                continue;
            }
            exits++;
            final boolean isLong = "LONG".equals(d.get("positionSide"));
            final BigDecimal qty = new BigDecimal(d.get("qty"));
            final BigDecimal entry = new BigDecimal(d.get("entryPrice"));
            final BigDecimal exit = new BigDecimal(d.get("exitPrice"));
            final BigDecimal fees = new BigDecimal(d.get("fees"));
            final BigDecimal move = isLong ? exit.subtract(entry) : entry.subtract(exit);
            assertEquals(0, move.multiply(qty).subtract(fees).compareTo(new BigDecimal(d.get("netPnl"))), d.toString());
            final BigDecimal notional = entry.multiply(qty);
            assertEquals(0, fees.compareTo(m.fee(notional).add(m.fee(exit.multiply(qty)))), "taker fee on both sides: " + d);
            final Map<String, String> armed = levels.get(d.get("account"));
            assertNotNull(armed, d.toString());
            final BigDecimal level = new BigDecimal(d.get("level"));
            if ("TAKE_PROFIT".equals(d.get("reason")))
            {
                assertEquals(0, level.compareTo(new BigDecimal(armed.get("takeProfit"))), d.toString());
                assertTrue(m.net(isLong, qty, notional, m.fee(notional), level).compareTo(BigDecimal.TEN) >= 0, d.toString());
            }
            else
            {
                assertEquals("STOP_LOSS", d.get("reason"));
                assertEquals(0, level.compareTo(new BigDecimal(armed.get("stopLoss"))), d.toString());
                assertTrue(m.net(isLong, qty, notional, m.fee(notional), level).compareTo(BigDecimal.TEN.negate()) >= 0, d.toString());
            }
        }
        assertEquals(22, exits, "exits of the demo's 36 positions");
    }

    /**
     * The demo as SPEC.md and its help describe it: the bundled capture's trades and book tickers, and
     * after every 21,313 / (positions + 1) trades an entry at that trade's price, 0.1, 0.12, 0.08 BTC in
     * turn, long for even entries, one account each, on $10 net.
     */
    static ReferenceExits demoModel(final int positions) throws IOException
    {
        return demoModel(positions, RealScenario.USD10);
    }

    /** The demo's model with another profile in place of its "usd10" (a what-if's expectation). */
    static ReferenceExits demoModel(final int positions, final ReferenceExits.Profile usd10) throws IOException
    {
        final ReferenceExits model = new ReferenceExits("0.1", "0.0004");
        model.profile(usd10);
        final int interval = 21_313 / (positions + 1);
        final String[] sizes = {"0.1", "0.12", "0.08"};
        final JsonFactory json = new JsonFactory();
        long trades = 0;
        int entries = 0;
        try (InputStream raw = DemoCommandTest.class.getResourceAsStream("/data/BTCUSDT-2024-08-08-ws-capture.gz"))
        {
            assertNotNull(raw, "the bundled capture is on the class path");
            final BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.isBlank())
                {
                    continue;
                }
                final Map<String, String> m = message(json, line.substring(line.indexOf('{')));
                final String e = m.get("e");
                if (!"bookTicker".equals(e) && !"trade".equals(e))
                {
                    continue; // depth snapshots and updates are no events
                }
                final long ts = Long.parseLong(m.containsKey("T") ? m.get("T") : m.get("E"));
                if ("bookTicker".equals(e))
                {
                    model.quote(ts, new BigDecimal(m.get("b")), new BigDecimal(m.get("a")));
                }
                else if ("trade".equals(e) && (!m.containsKey("X") || "MARKET".equals(m.get("X"))))
                {
                    final BigDecimal price = new BigDecimal(m.get("p"));
                    model.trade(ts, price);
                    if (++trades % interval == 0 && entries < positions)
                    {
                        final int n = entries++;
                        model.fill(ts, String.format("trader-%02d", n + 1), n % 2 == 0, new BigDecimal(sizes[n % 3]), price, null, "usd10");
                    }
                }
            }
        }
        assertEquals(21_313, trades, "trades in the bundled capture");
        return model;
    }

    /** The fields of a stream message's {@code data} object (or of the message when it is bare). */
    private static Map<String, String> message(final JsonFactory json, final String text) throws IOException
    {
        final Map<String, String> outer = new HashMap<>();
        Map<String, String> data = null;
        try (JsonParser p = json.createParser(text))
        {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                final JsonToken value = p.nextToken();
                if ("data".equals(key) && value == JsonToken.START_OBJECT)
                {
                    data = new HashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String k = p.currentName();
                        if (p.nextToken().isStructStart())
                        {
                            p.skipChildren();
                        }
                        else
                        {
                            data.put(k, p.getText());
                        }
                    }
                }
                else if (value.isStructStart())
                {
                    p.skipChildren();
                }
                else
                {
                    outer.put(key, p.getText());
                }
            }
        }
        return data != null ? data : outer;
    }
}
