package dev.exitengine.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.feed.DuplicateKeys;
import dev.exitengine.feed.ProfileJson;
import dev.exitengine.gateway.PaperGateway;
import dev.exitengine.tools.live.AdminSection;
import dev.exitengine.tools.live.ClusterSection;
import dev.exitengine.tools.live.VenueSection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one configuration file (JSON), validated at start with errors that name the key:
 * <pre>
 * {
 *   "layout": "SINGLE_THREAD" | "THREAD_PER_HANDLER",
 *   "wait": "BLOCKING" | "YIELDING" | "BUSY_SPIN" | "SLEEPING",
 *   "ringSize": 16384,
 *   "maxTimeRegressionMs": 5000,
 *   "maxTimeAheadMs": 3600000,
 *   "staleAfterMs": 30000,     (a trigger source quiet this long, in event time, sends profiles to their fallbackSource)
 *   "defaultProfile": "default",
 *   "profiles": [ {"name": "usd10", "takeProfit": {"netProfit": "10"}, "stopLoss": {"netLoss": "10"}} ],
 *   "instruments": [ {"symbol": "BTCUSDT", "tickSize": "0.1", "stepSize": "0.001", "minQty": "0.001",
 *                     "makerFee": "0.0002", "takerFee": "0.0004"} ],
 *   "paper": {"latencyMs": 0, "slippageBps": "0", "acks": false, "rejectRate": 0, "partialRate": 0, "seed": 1},
 *   "risk": {"maxPositionsPerAccount": 15, "maxPositionsGlobal": 0, "maxPositionsPerSymbol": 0,
 *            "capitalPerAccount": "0", "maxNotionalShare": "0.9", "rapidEntryCount": 5, "rapidEntryWindowMs": 300000,
 *            "rapidEntryCooldownMs": 900000, "stopLossCooldownCount": 0, "stopLossWindowMs": 3600000,
 *            "stopLossCooldownMs": 3600000, "maxDrawdown": "0"},
 *   "retry": {"baseMs": 200, "maxMs": 10000, "breakerSlowAfter": 3, "breakerOpenAfter": 5, "breakerPauseMs": 30000},
 *   "venue": {"kind": "binance-usdm", "wsUrl": "wss://fstream.binance.com", "restUrl": "https://fapi.binance.com",
 *             "symbols": ["BTCUSDT"], "streams": ["aggTrade", "bookTicker", "markPrice@1s"], "dryRun": true},
 *   "admin": {"port": 8787},
 *   "cluster": {"members": "0=10.0.0.1:20000,1=10.0.0.2:20000,2=10.0.0.3:20000", "memberId": 0, "dir": "/var/lib/exit-engine"}
 * }
 * </pre>
 * Every key is optional; unknown keys are refused (a typo must not silently fall back to a default), and so
 * is a key given twice (the last must not silently win).
 */
public final class ConfigFile
{
    public final EngineConfig engine = new EngineConfig();
    public long paperLatencyMs;
    public long paperSlippageBps;
    public boolean paperAcks;
    public double paperRejectRate;
    public double paperPartialRate;
    public long paperSeed;
    public boolean instrumentsGiven;

    /** The paper venue's settings in words, as the journal records them ({@link EngineConfig#venue}). */
    public String paperVenue()
    {
        return "paper:latencyMs=" + paperLatencyMs + ":slippageBps=" + paperSlippageBps + ":acks=" + paperAcks + ":rejectRate="
            + paperRejectRate + ":partialRate=" + paperPartialRate + ":seed=" + paperSeed;
    }

    /** A new paper venue of these settings (the journal records them as {@link #paperVenue()} says). */
    public PaperGateway paperGateway()
    {
        return new PaperGateway(paperLatencyMs, paperSlippageBps, paperAcks, paperRejectRate, paperPartialRate,
            paperSeed);
    }
    /** Whether the file names a layout (a command may then pick the one that suits it best). */
    public boolean layoutGiven;
    /** The live venue ({@code live} needs it; other commands ignore it). */
    public VenueSection venue;
    /** The live process's admin endpoint. */
    public AdminSection admin = new AdminSection();
    /** With it, {@code live} runs as one member of a cluster; null: a single process. */
    public ClusterSection cluster;
    private boolean staleGiven;

    public static ConfigFile load(final Path file) throws IOException
    {
        final ConfigFile c = new ConfigFile();
        final String text = Files.readString(file);
        try (JsonParser p = DuplicateKeys.refused(new JsonFactory().createParser(text)))
        {
            expect(p.nextToken() == JsonToken.START_OBJECT, file, "(top)", "must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                p.nextToken();
                try
                {
                    c.read(p, key, file);
                }
                catch (final IllegalArgumentException ex)
                {
                    final String msg = String.valueOf(ex.getMessage());
                // the live sections name their keys in full ("venue.wsUrl: ...")
                throw new IllegalArgumentException(file + ": " + (msg.startsWith(key + ".") || msg.startsWith(key + ":")
                    || msg.startsWith(key + "[") ? msg : key + ": " + msg), ex);
                }
            }
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            final String repeated = DuplicateKeys.keyOf(ex);
            if (repeated != null)
            {
                throw new IllegalArgumentException(file + ": " + repeated + ": given twice (line " + ex.getLocation().getLineNr() + ")");
            }
            throw new IllegalArgumentException(file + ": not valid JSON: " + ex.getOriginalMessage()
                + " at line " + ex.getLocation().getLineNr());
        }
        if (c.venue != null && !c.staleGiven)
        {
            // one TTL: a symbol flagged stale on the wall clock is the one whose profiles fall back in event time
            c.engine.staleAfterMs = c.venue.staleAfterMs;
        }
        try
        {
            c.engine.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
        return c;
    }

    private void read(final JsonParser p, final String key, final Path file) throws IOException
    {
        switch (key)
        {
            case "layout": engine.layout = EngineConfig.Layout.valueOf(p.getText()); layoutGiven = true; break;
            case "wait": engine.wait = EngineConfig.Wait.valueOf(p.getText()); break;
            case "ringSize": engine.ringSize = p.getIntValue(); break;
            case "maxTimeRegressionMs": engine.maxTimeRegressionMs = p.getLongValue(); break;
            case "maxTimeAheadMs": engine.maxTimeAheadMs = p.getLongValue(); break;
            case "staleAfterMs": engine.staleAfterMs = p.getLongValue(); staleGiven = true; break;
            case "defaultProfile": engine.defaultProfile = p.getText(); break;
            case "profiles":
                expect(p.currentToken() == JsonToken.START_ARRAY, file, key, "must be an array of profile objects");
                while (p.nextToken() == JsonToken.START_OBJECT)
                {
                    engine.profiles.add(ProfileJson.parse(p));
                }
                break;
            case "instruments":
                expect(p.currentToken() == JsonToken.START_ARRAY, file, key, "must be an array of instrument objects");
                instrumentsGiven = true;
                while (p.nextToken() == JsonToken.START_OBJECT)
                {
                    engine.instruments.add(instrument(p, "instruments[" + engine.instruments.size() + "]"));
                }
                break;
            case "paper":
                expect(p.currentToken() == JsonToken.START_OBJECT, file, key, "must be an object");
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String k = p.currentName();
                    p.nextToken();
                    switch (k)
                    {
                        case "latencyMs": paperLatencyMs = p.getLongValue(); break;
                        case "slippageBps": paperSlippageBps = decimal(p, "paper." + k); break;
                        case "acks": paperAcks = p.getBooleanValue(); break;
                        case "rejectRate": paperRejectRate = p.getDoubleValue(); break;
                        case "partialRate": paperPartialRate = p.getDoubleValue(); break;
                        case "seed": paperSeed = p.getLongValue(); break;
                        default: throw new IllegalArgumentException("unknown key paper." + k);
                    }
                }
                break;
            case "risk":
                expect(p.currentToken() == JsonToken.START_OBJECT, file, key, "must be an object");
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String k = p.currentName();
                    p.nextToken();
                    switch (k)
                    {
                        case "maxPositionsPerAccount": engine.maxPositionsPerAccount = p.getIntValue(); break;
                        case "maxPositionsGlobal": engine.maxPositionsGlobal = p.getIntValue(); break;
                        case "maxPositionsPerSymbol": engine.maxPositionsPerSymbol = p.getIntValue(); break;
                        case "capitalPerAccount": engine.capitalPerAccount = decimal(p, "risk." + k); break;
                        case "maxNotionalShare": engine.maxNotionalShare = decimal(p, "risk." + k); break;
                        case "rapidEntryCount": engine.rapidEntryCount = p.getIntValue(); break;
                        case "rapidEntryWindowMs": engine.rapidEntryWindowMs = p.getLongValue(); break;
                        case "rapidEntryCooldownMs": engine.rapidEntryCooldownMs = p.getLongValue(); break;
                        case "stopLossCooldownCount": engine.stopLossCooldownCount = p.getIntValue(); break;
                        case "stopLossWindowMs": engine.stopLossWindowMs = p.getLongValue(); break;
                        case "stopLossCooldownMs": engine.stopLossCooldownMs = p.getLongValue(); break;
                        case "maxDrawdown": engine.maxDrawdown = decimal(p, "risk." + k); break;
                        default: throw new IllegalArgumentException("unknown key risk." + k);
                    }
                }
                break;
            case "retry":
                expect(p.currentToken() == JsonToken.START_OBJECT, file, key, "must be an object");
                while (p.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String k = p.currentName();
                    p.nextToken();
                    switch (k)
                    {
                        case "baseMs": engine.retryBaseMs = p.getLongValue(); break;
                        case "maxMs": engine.retryMaxMs = p.getLongValue(); break;
                        case "breakerSlowAfter": engine.breakerSlowAfter = p.getIntValue(); break;
                        case "breakerOpenAfter": engine.breakerOpenAfter = p.getIntValue(); break;
                        case "breakerPauseMs": engine.breakerPauseMs = p.getLongValue(); break;
                        default: throw new IllegalArgumentException("unknown key retry." + k);
                    }
                }
                break;
            case "venue": venue = VenueSection.parse(p); break;
            case "admin": admin = AdminSection.parse(p); break;
            case "cluster": cluster = ClusterSection.parse(p); break;
            default:
                throw new IllegalArgumentException("unknown key");
        }
    }

    private static EngineConfig.InstrumentDef instrument(final JsonParser p, final String at) throws IOException
    {
        String symbol = null;
        long tick = 0;
        long step = 0;
        long minQty = 0;
        long maker = 0;
        long taker = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String k = p.currentName();
            p.nextToken();
            switch (k)
            {
                case "symbol": symbol = p.getText(); break;
                case "tickSize": tick = decimal(p, at + "." + k); break;
                case "stepSize": step = decimal(p, at + "." + k); break;
                case "minQty": minQty = decimal(p, at + "." + k); break;
                case "makerFee": maker = decimal(p, at + "." + k); break;
                case "takerFee": taker = decimal(p, at + "." + k); break;
                default: throw new IllegalArgumentException("unknown key " + at + "." + k);
            }
        }
        if (symbol == null || tick <= 0 || step <= 0)
        {
            throw new IllegalArgumentException(at + ": needs symbol, positive tickSize and stepSize");
        }
        return new EngineConfig.InstrumentDef(symbol, tick, step, minQty, maker, taker);
    }

    /** A decimal value (string or number) read exactly; a refusal names {@code key}. */
    private static long decimal(final JsonParser p, final String key) throws IOException
    {
        try
        {
            return Fixed.parse(p.getText());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
        }
    }

    private static void expect(final boolean ok, final Path file, final String key, final String what)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(file + ": " + key + ": " + what);
        }
    }

    /** Binance USDⓈ-M BTCUSDT (VIP 1 taker rate), used when a market-data feed comes without instruments. */
    public static EngineConfig.InstrumentDef btcusdt()
    {
        return new EngineConfig.InstrumentDef("BTCUSDT", Fixed.parse("0.1"), Fixed.parse("0.001"), Fixed.parse("0.001"),
            Fixed.parse("0.0002"), Fixed.parse("0.0004"));
    }
}
