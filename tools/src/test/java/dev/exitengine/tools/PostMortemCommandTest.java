package dev.exitengine.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code explain} and {@code positions --at} on the journal of a run over the real BTCUSDT session with a paper
 * venue that rejects and fills in parts: explain's decisions are the run's own, in order, for every position;
 * the book at a moment equals the final book of a run of the feed stopped at that moment (with and without a
 * snapshot to start from); the chart is a real PNG.
 */
class PostMortemCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "{\"paper\": {\"latencyMs\": 0, \"slippageBps\": \"1\", \"acks\": true, "
        + "\"rejectRate\": 0.1, \"partialRate\": 0.3, \"seed\": 11}}";

    @TempDir
    static Path dir;
    static Path feed;
    static Path config;
    static Path journal;
    static List<JsonNode> decisions;

    @BeforeAll
    static void aRun() throws Exception
    {
        feed = dir.resolve("feed.jsonl");
        RealScenario.write(feed, 12_000, 5, 40, 250, Map.of());
        config = dir.resolve("config.json");
        Files.writeString(config, CONFIG);
        journal = dir.resolve("journal");
        final Path out = dir.resolve("decisions.jsonl");
        final Console run = Console.run("run", "--feed", "jsonl:" + feed, "--config", config.toString(), "--journal", journal.toString(),
            "--out", out.toString(), "--snapshot-every", "4000", "--quiet");
        assertEquals(0, run.exitCode, run.err);
        decisions = new ArrayList<>();
        for (final String line : Files.readAllLines(out))
        {
            decisions.add(JSON.readTree(line));
        }
    }

    @Test
    void explainsEveryPositionWithTheRunsOwnDecisionsInOrder() throws Exception
    {
        final Map<Long, List<JsonNode>> byPosition = new LinkedHashMap<>();
        for (final JsonNode d : decisions)
        {
            if (d.has("positionId"))
            {
                byPosition.computeIfAbsent(d.get("positionId").asLong(), k -> new ArrayList<>()).add(d);
            }
        }
        assertTrue(byPosition.size() > 100, byPosition.size() + " positions");
        int withRetries = 0;
        int checked = 0;
        for (final Map.Entry<Long, List<JsonNode>> p : byPosition.entrySet())
        {
            // every fifth position and every one whose close failed at least once (the venue rejects a tenth)
            final boolean failed = p.getValue().stream().anyMatch(d -> d.get("type").asText().equals("closeFailed"));
            if (p.getKey() % 5 != 0 && !failed)
            {
                continue;
            }
            withRetries += failed ? 1 : 0;
            final Console explain = Console.run("explain", "--journal", journal.toString(), "--position", p.getKey().toString(),
                "--format", "jsonl");
            assertEquals(0, explain.exitCode, explain.err);
            final List<JsonNode> timeline = new ArrayList<>();
            for (final String line : explain.out.lines().toList())
            {
                final JsonNode n = JSON.readTree(line);
                if (n.get("kind").asText().equals("decision"))
                {
                    timeline.add(n);
                }
            }
            final List<JsonNode> expected = p.getValue();
            assertEquals(expected.size(), timeline.size(), "position " + p.getKey() + ": " + explain.out);
            for (int i = 0; i < expected.size(); i++)
            {
                final JsonNode want = expected.get(i);
                final JsonNode got = timeline.get(i);
                final String where = "position " + p.getKey() + " decision " + (i + 1);
                assertEquals(want.get("seq").asLong(), got.get("seq").asLong(), where);
                assertEquals(want.get("ts").asLong(), got.get("ts").asLong(), where);
                assertEquals(typeOf(want.get("type").asText()), got.get("what").asText(), where);
                for (final String key : new String[] {"qty", "takeProfit", "stopLoss", "exitPrice", "fees", "netPnl", "slippage", "level"})
                {
                    if (want.has(key) && got.has(key))
                    {
                        assertEquals(want.get(key).asText(), got.get(key).asText(), where + " " + key);
                    }
                }
                if (want.get("type").asText().equals("exit"))
                {
                    assertEquals(want.get("netPnl").asText(), got.get("netPnl").asText(), where);
                    assertTrue(got.get("detail").asText().contains("net " + want.get("netPnl").asText()), got.toString());
                }
            }
            // the venue's answers to its closes are in the timeline: every client order id of a close has an input row
            final TreeSet<String> closes = new TreeSet<>();
            final TreeSet<String> answered = new TreeSet<>();
            for (final String line : explain.out.lines().toList())
            {
                final JsonNode n = JSON.readTree(line);
                if (n.get("what").asText().equals("CLOSE"))
                {
                    closes.add(n.get("clientOrderId").asText());
                }
                if (n.get("kind").asText().equals("input") && n.get("what").asText().startsWith("ORDER_"))
                {
                    answered.add(n.get("clientOrderId").asText());
                }
            }
            assertTrue(answered.containsAll(closes.headSet(closes.isEmpty() ? "" : closes.last())), "position " + p.getKey()
                + ": closes " + closes + ", answered " + answered);
            checked++;
        }
        assertTrue(checked > 30 && withRetries > 3, checked + " positions explained, " + withRetries + " with a failed close");
    }

    private static String typeOf(final String jsonType)
    {
        switch (jsonType)
        {
            case "levels": return "LEVELS";
            case "close": return "CLOSE";
            case "exit": return "EXIT";
            case "closeFailed": return "CLOSE_FAILED";
            case "reconcile": return "RECONCILE";
            case "quarantine": return "QUARANTINE";
            case "risk": return "RISK";
            default: return jsonType.toUpperCase();
        }
    }

    @Test
    void theBookAtAMomentIsTheBookOfARunStoppedThere() throws Exception
    {
        final List<String> lines = Files.readAllLines(feed);
        for (final double fraction : new double[] {0.3, 0.8})
        {
            // the moment: a trade's time part-way through; the stopped run reads every line up to it
            int cut = (int)(lines.size() * fraction);
            final long at = JSON.readTree(lines.get(cut)).get("ts").asLong();
            while (cut + 1 < lines.size() && JSON.readTree(lines.get(cut + 1)).get("ts").asLong() <= at)
            {
                cut++;
            }
            final Path part = dir.resolve("part-" + fraction + ".jsonl");
            Files.write(part, lines.subList(0, cut + 1));
            final Path partJournal = dir.resolve("part-journal-" + fraction);
            assertEquals(0, Console.run("run", "--feed", "jsonl:" + part, "--config", config.toString(), "--journal",
                partJournal.toString(), "--quiet").exitCode);

            final Console atT = Console.run("positions", "--journal", journal.toString(), "--at", Long.toString(at), "--format", "jsonl");
            assertEquals(0, atT.exitCode, atT.err);
            final Console stopped = Console.run("positions", "--journal", partJournal.toString(), "--at", "2100-01-01T00:00:00Z",
                "--format", "jsonl");
            assertEquals(0, stopped.exitCode, stopped.err);
            assertTrue(atT.out.lines().count() > 5, atT.out);
            assertEquals(stopped.out, atT.out, "the book at " + at);
            for (final String line : atT.out.lines().toList())
            {
                final JsonNode p = JSON.readTree(line);
                for (final String key : new String[] {"positionId", "account", "symbol", "positionSide", "qty", "entryPrice", "netPnl"})
                {
                    assertTrue(p.has(key), key + " in " + line);
                }
            }
            if (fraction > 0.5)
            {
                assertTrue(atT.err.contains("from the snapshot of input #"), atT.err);
            }
        }
    }

    @Test
    void explainDrawsARealChart() throws Exception
    {
        final long position = decisions.stream().filter(d -> d.get("type").asText().equals("exit")).findFirst().orElseThrow()
            .get("positionId").asLong();
        final Path png = dir.resolve("p.png");
        final Console explain = Console.run("explain", "--journal", journal.toString(), "--position", Long.toString(position), "--chart",
            png.toString());
        assertEquals(0, explain.exitCode, explain.err);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(1400, image.getWidth());
        assertEquals(800, image.getHeight());
        // a chart, not a blank: many distinct colours (price lines, levels, markers, text)
        final java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3)
        {
            for (int y = 0; y < image.getHeight(); y += 3)
            {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, colours.size() + " colours");
    }

    @Test
    void badQuestionsAreRefusedInOneLine() throws Exception
    {
        final Console unknown = Console.run("explain", "--journal", journal.toString(), "--position", "999999");
        assertEquals(2, unknown.exitCode);
        assertEquals("--position: position 999999 has no decisions in the journal " + journal, unknown.err.strip());
        final Console noJournal = Console.run("positions", "--journal", dir.resolve("none").toString(), "--at", "0");
        assertEquals(2, noJournal.exitCode);
        assertEquals(1, noJournal.err.strip().lines().count(), noJournal.err);
        final Console badChart = Console.run("explain", "--journal", journal.toString(), "--position", "1", "--chart", "x.jpg");
        assertEquals(2, badChart.exitCode);
        assertEquals("--chart: 'x.jpg' must name a .png file", badChart.err.strip());
    }
}
