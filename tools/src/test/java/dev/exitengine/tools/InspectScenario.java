package dev.exitengine.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.testing.SharedData;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A journal for {@code inspect} to read, and what it must show read independently: a JSON Lines feed of the
 * real BTCUSDT trades of 2024-08-08 with an ETHUSDT trade beside each (a twentieth of the price), entries on
 * both symbols for three accounts with fixed, percent and trailing profiles, timers and a manual close; run
 * with {@code run --out}, so the feed file holds the inputs and the decisions file the decisions.
 */
final class InspectScenario
{
    static final String[] ACCOUNTS = {"a1", "a2", "a3"};
    /** The trade after which a1 closes its BTCUSDT position (opened at trade 150, position 1) by hand. */
    static final int MANUAL_CLOSE_AT = 1_000;
    private static final JsonFactory JSON = new JsonFactory();

    final Path feed;
    final Path journal;
    final Path decisionsFile;
    /** The feed's lines, parsed (nested objects as their text). */
    final List<Map<String, String>> feedLines = new ArrayList<>();
    /** The run's decisions (its --out file), parsed, and as written. */
    final List<Map<String, String>> decisions = new ArrayList<>();
    final List<String> decisionLines;

    private InspectScenario(final Path dir, final int trades, final int every) throws IOException
    {
        feed = dir.resolve("feed.jsonl");
        journal = dir.resolve("journal");
        decisionsFile = dir.resolve("decisions.jsonl");
        write(trades, every);
        final Console run = Console.run("run", "--feed", "jsonl:" + feed, "--journal", journal.toString(), "--out",
            decisionsFile.toString(), "--quiet");
        assertEquals(0, run.exitCode, run.toString());
        for (final String line : Files.readAllLines(feed))
        {
            feedLines.add(parse(line));
        }
        decisionLines = Files.readAllLines(decisionsFile);
        for (final String line : decisionLines)
        {
            decisions.add(parse(line));
        }
    }

    static InspectScenario run(final Path dir, final int trades, final int every) throws IOException
    {
        return new InspectScenario(dir, trades, every);
    }

    private void write(final int trades, final int every) throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(SharedData.btcusdtTrades(), StandardCharsets.US_ASCII);
            BufferedWriter out = Files.newBufferedWriter(feed, StandardCharsets.UTF_8))
        {
            out.write(RealScenario.INSTRUMENT + "\n");
            out.write("{\"type\":\"instrument\",\"symbol\":\"ETHUSDT\",\"tickSize\":\"0.01\",\"stepSize\":\"0.001\","
                + "\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}\n");
            out.write("{\"type\":\"profile\",\"name\":\"usd10\",\"takeProfit\":{\"netProfit\":\"10\"},\"stopLoss\":{\"netLoss\":\"10\"}}\n");
            out.write("{\"type\":\"profile\",\"name\":\"tight\",\"takeProfit\":{\"pct\":\"0.05\"},\"stopLoss\":{\"pct\":\"0.03\"}}\n");
            out.write("{\"type\":\"profile\",\"name\":\"trail\",\"stopLoss\":{\"pct\":\"0.5\"},"
                + "\"trailing\":{\"activationPct\":\"0\",\"callbackPct\":\"0.02\"}}\n");
            final String[] profiles = {"usd10", "tight", "trail"};
            in.readLine(); // id,price,qty,quote_qty,time,is_buyer_maker
            for (int t = 1; t <= trades; t++)
            {
                final String[] f = in.readLine().split(",");
                final long ts = Long.parseLong(f[4]);
                final BigDecimal btc = new BigDecimal(f[1]);
                final BigDecimal eth = btc.divide(BigDecimal.valueOf(20), 2, RoundingMode.HALF_UP);
                out.write(trade(ts, "BTCUSDT", btc, f[2]));
                out.write(trade(ts, "ETHUSDT", eth, f[2]));
                if (t % every == 0)
                {
                    final int n = t / every - 1;
                    final boolean onBtc = n % 2 == 0;
                    out.write("{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":\"" + ACCOUNTS[n % ACCOUNTS.length] + "\",\"symbol\":\""
                        + (onBtc ? "BTCUSDT" : "ETHUSDT") + "\",\"side\":\"" + (n % 4 < 2 ? "BUY" : "SELL") + "\",\"qty\":\""
                        + (onBtc ? "0.05" : "1") + "\",\"price\":\"" + (onBtc ? btc : eth).toPlainString() + "\",\"orderId\":\"e" + (n + 1)
                        + "\",\"profile\":\"" + profiles[(n / 2) % profiles.length] + "\"}\n");
                }
                if (t % 500 == 0)
                {
                    out.write("{\"type\":\"timer\",\"ts\":" + ts + "}\n");
                }
                if (t == MANUAL_CLOSE_AT)
                {
                    out.write("{\"type\":\"command\",\"ts\":" + ts + ",\"command\":\"MANUAL_CLOSE\",\"account\":\"a1\",\"symbol\":\"BTCUSDT\"}\n");
                }
            }
        }
    }

    private static String trade(final long ts, final String symbol, final BigDecimal price, final String qty)
    {
        return "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"" + symbol + "\",\"price\":\"" + price.toPlainString() + "\",\"qty\":\""
            + qty + "\"}\n";
    }

    /** A JSON object's fields as text; a nested object or array as the text it spans. */
    static Map<String, String> parse(final String line)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line))
        {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                final JsonToken value = p.nextToken();
                if (value.isStructStart())
                {
                    final int start = (int)p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    fields.put(key, line.substring(start, (int)p.currentTokenLocation().getCharOffset() + 1));
                }
                else
                {
                    fields.put(key, p.getText());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not a JSON object: " + line, ex);
        }
        return fields;
    }

    /** Whether two decimal texts are the same number (the engine writes 61800.3 where the feed has 61800.30). */
    static boolean sameNumber(final String a, final String b)
    {
        return a != null && b != null && new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    }
}
