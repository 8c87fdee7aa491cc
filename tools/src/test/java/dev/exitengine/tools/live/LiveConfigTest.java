package dev.exitengine.tools.live;

import dev.exitengine.core.num.Fixed;
import dev.exitengine.tools.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration's venue and admin sections: the example as it is, and errors that name the key. */
class LiveConfigTest
{
    @TempDir
    Path dir;

    private ConfigFile load(final String json) throws IOException
    {
        final Path f = dir.resolve("live.json");
        Files.writeString(f, json);
        return ConfigFile.load(f);
    }

    private String refusal(final String json)
    {
        final Path f = dir.resolve("live.json");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> load(json));
        assertTrue(ex.getMessage().startsWith(f + ": "), ex.getMessage());
        return ex.getMessage().substring((f + ": ").length());
    }

    @Test
    void theDocumentedExampleLoadsAsItIs() throws IOException
    {
        final ConfigFile c = load("{\"venue\": {\"kind\": \"binance-usdm\", \"wsUrl\": \"wss://fstream.binance.com\", \"restUrl\":"
            + " \"https://fapi.binance.com\", \"symbols\": [\"BTCUSDT\"], \"streams\": [\"aggTrade\", \"bookTicker\","
            + " \"markPrice@1s\"], \"dryRun\": true}, \"admin\": {\"port\": 8787}}");
        assertEquals("wss://fstream.binance.com", c.venue.wsUrl);
        assertEquals("https://fapi.binance.com", c.venue.restUrl);
        assertEquals(List.of("BTCUSDT"), c.venue.symbols);
        assertEquals(List.of("aggTrade", "bookTicker", "markPrice@1s"), c.venue.streams);
        assertTrue(c.venue.dryRun);
        assertEquals(30_000, c.venue.staleAfterMs);
        assertEquals(1_000, c.venue.timerMs);
        assertEquals(8787, c.admin.port);
        assertEquals("127.0.0.1", c.admin.host);
    }

    @Test
    void localUrlsLowercaseSymbolsAndOtherFeesAreAccepted() throws IOException
    {
        final ConfigFile c = load("{\"venue\": {\"wsUrl\": \"ws://127.0.0.1:9000\", \"restUrl\": \"http://127.0.0.1:9001\","
            + " \"symbols\": [\"btcusdt\", \"ETHUSDT\"], \"streams\": [\"bookTicker\"], \"takerFee\": \"0.0004\","
            + " \"staleAfterMs\": 5000}, \"admin\": {\"port\": 0}}");
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), c.venue.symbols);
        assertEquals(List.of("bookTicker"), c.venue.streams);
        assertEquals(Fixed.parse("0.0004"), c.venue.takerFee);
        assertEquals(5_000, c.venue.staleAfterMs);
        assertEquals(0, c.admin.port);
    }

    @Test
    void everyErrorNamesItsKey()
    {
        assertEquals("venue.wsUrl: must start with wss:// or ws://, was \"https://fstream.binance.com\"",
            refusal("{\"venue\": {\"wsUrl\": \"https://fstream.binance.com\", \"symbols\": [\"BTCUSDT\"]}}"));
        assertEquals("venue.restUrl: must start with https:// or http://, was \"fapi.binance.com\"",
            refusal("{\"venue\": {\"restUrl\": \"fapi.binance.com\", \"symbols\": [\"BTCUSDT\"]}}"));
        assertEquals("venue.symbols: must name at least one symbol", refusal("{\"venue\": {}}"));
        assertEquals("venue.symbols[1]: must be a symbol such as BTCUSDT, was \"ETH-USDT\"",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\", \"ETH-USDT\"]}}"));
        assertEquals("venue.streams[0]: must be one of aggTrade, bookTicker, markPrice, markPrice@1s, was \"trade\"",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"streams\": [\"trade\"]}}"));
        assertEquals("venue.kind: must be \"binance-usdm\", was \"okx\"",
            refusal("{\"venue\": {\"kind\": \"okx\", \"symbols\": [\"BTCUSDT\"]}}"));
        assertEquals("venue.accounts: must name at least one account when dryRun is false (whose positions would it close?)",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"dryRun\": false}}"));
        assertEquals("venue.accounts[0].secret: secrets are never written in the configuration: name an environment variable "
            + "(apiKeyEnv, secretEnv) or an owner-only file (secretFile)",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"accounts\": [{\"name\": \"a1\", \"secret\": \"xyz\"}]}}"));
        assertEquals("venue.accounts[0]: needs exactly one of secretEnv and secretFile",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"accounts\": [{\"name\": \"a1\", \"apiKeyEnv\": \"K\"}]}}"));
        assertEquals("venue.accounts[1].name: \"a1\" is given twice",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"accounts\": [{\"name\": \"a1\", \"apiKeyEnv\": \"K\", "
                + "\"secretEnv\": \"S\"}, {\"name\": \"a1\", \"apiKeyEnv\": \"K\", \"secretEnv\": \"S\"}]}}"));
        assertEquals("venue.profileBySymbol.ETHUSDT: is not one of venue.symbols [BTCUSDT]",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"profileBySymbol\": {\"ETHUSDT\": \"usd10\"}}}"));
        assertEquals("venue.staleAfterMs: must be positive, was 0",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"staleAfterMs\": 0}}"));
        assertEquals("venue.takerFee: must be in [0, 1), was 1.5",
            refusal("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"takerFee\": \"1.5\"}}"));
        assertEquals("venue.symbol: unknown key", refusal("{\"venue\": {\"symbol\": \"BTCUSDT\"}}"));
        assertEquals("admin.port: must be 0..65535, was 70000", refusal("{\"admin\": {\"port\": 70000}}"));
        assertEquals("admin.bind: unknown key", refusal("{\"admin\": {\"bind\": \"0.0.0.0\"}}"));
    }

    @Test
    void aClusterSectionMakesLiveAMemberAndItsErrorsNameTheKey() throws IOException
    {
        final ConfigFile c = load("{\"venue\": {\"symbols\": [\"BTCUSDT\"]}, \"cluster\": {\"members\": "
            + "\"0=10.0.0.1:20000,1=10.0.0.2:20000,2=10.0.0.3:20000\", \"dir\": \"" + dir.resolve("m") + "\", \"heartbeatTimeoutMs\": 2000, "
            + "\"mtu\": 8192}}");
        assertEquals(-1, c.cluster.memberId);
        assertEquals(8192, c.cluster.nodeConfig(0).mtu());
        final var node = c.cluster.nodeConfig(1);
        assertEquals(1, node.memberId());
        assertEquals("10.0.0.2", node.self().host());
        assertEquals(2_000_000_000L, node.leaderHeartbeatTimeoutNs());
        assertEquals(dir.resolve("m").resolve("cluster").toFile(), node.clusterDir());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.cluster.nodeConfig(-1)).getMessage()
            .startsWith("cluster.memberId: needed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.cluster.nodeConfig(5)).getMessage()
            .startsWith("cluster.memberId: 5 is not one of cluster.members"));

        assertEquals("cluster.dir: needed (the member's folder)", refusal("{\"cluster\": {\"members\": \"0=localhost:20000\"}}"));
        assertTrue(refusal("{\"cluster\": {\"members\": \"0=localhost\", \"dir\": \"d\"}}").startsWith("cluster.members: "));
        assertEquals("cluster.port: unknown key", refusal("{\"cluster\": {\"port\": 1}}"));
        assertEquals("cluster.heartbeatTimeoutMs: must be 200 to 60000", refusal("{\"cluster\": {\"heartbeatTimeoutMs\": 10}}"));
        assertEquals("cluster.mtu: must be a multiple of 32 from 64 to 65504 bytes (1408 on any network, 8192 on one machine or with "
            + "jumbo frames)", refusal("{\"cluster\": {\"mtu\": 9000}}"));
        assertEquals(1408, load("{\"venue\": {\"symbols\": [\"BTCUSDT\"]}, \"cluster\": {\"members\": \"0=localhost:20000\", \"dir\": \"d\"}}")
            .cluster.nodeConfig(0).mtu());
    }

    @Test
    void aClusterMemberWithRealOrdersNeedsItsFirstPositionId() throws IOException
    {
        final String accounts = "\"accounts\": [{\"name\": \"a1\", \"apiKeyEnv\": \"K\", \"secretEnv\": \"S\"}]";
        final String cluster = "\"cluster\": {\"members\": \"0=localhost:20000\", \"memberId\": 0, \"dir\": \"" + dir.resolve("m") + "\"";
        assertTrue(refusedToStart("{\"venue\": {\"symbols\": [\"BTCUSDT\"], \"dryRun\": false, " + accounts + "}, " + cluster + "}}")
            .contains("cluster.firstPositionId: needed with real orders"));
        assertEquals("cluster.firstPositionId: must be a whole number, 1 or more (e.g. the first start's epoch seconds × 10,000)",
            refusal("{\"cluster\": {\"firstPositionId\": 0}}"));
    }

    /** What a clustered live process says when it refuses to start (exit 2), before it opens anything. */
    private String refusedToStart(final String json) throws IOException
    {
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final int exit = new ClusteredLiveProcess(load(json), -1, null, System.out, new java.io.PrintStream(err, true)).run();
        assertEquals(2, exit, err.toString());
        return err.toString();
    }

    @Test
    void theCommandLineSaysWhenMemberOrJournalDoNotFitTheConfiguration() throws IOException
    {
        final Path single = dir.resolve("single.json");
        Files.writeString(single, "{\"venue\": {\"symbols\": [\"BTCUSDT\"]}}");
        final Path member = dir.resolve("member.json");
        Files.writeString(member, "{\"venue\": {\"symbols\": [\"BTCUSDT\"]}, \"cluster\": {\"members\": \"0=localhost:20000\", \"dir\": \""
            + dir.resolve("m") + "\"}}");
        final java.io.PrintStream err = System.err;
        final java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true));
        try
        {
            assertEquals(2, dev.exitengine.tools.Main.execute("live", "--config", single.toString(), "--member", "1"));
            assertEquals(2, dev.exitengine.tools.Main.execute("live", "--config", member.toString(), "--journal", dir.resolve("j").toString()));
        }
        finally
        {
            System.setErr(err);
        }
        assertTrue(said.toString().contains("--member: only with a cluster section"), said.toString());
        assertTrue(said.toString().contains("--journal: a cluster member's journal is the cluster's log"), said.toString());
    }
}
