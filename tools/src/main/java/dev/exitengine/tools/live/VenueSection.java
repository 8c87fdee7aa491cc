package dev.exitengine.tools.live;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.num.Fixed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration's {@code venue} section: which venue, where it is, which symbols and streams, and
 * the live process's own clocks. Every error names the key:
 * <pre>
 * "venue": {"kind": "binance-usdm", "wsUrl": "wss://fstream.binance.com", "restUrl": "https://fapi.binance.com",
 *           "symbols": ["BTCUSDT"], "streams": ["aggTrade", "bookTicker", "markPrice@1s"], "dryRun": true,
 *           "staleAfterMs": 30000, "timerMs": 1000, "snapshotEvery": 2000000, "makerFee": "0.0002", "takerFee": "0.0005",
 *           "wsApiUrl": "wss://ws-fapi.binance.com/ws-fapi/v1", "privateWsUrl": "wss://fstream.binance.com", "recvWindowMs": 5000,
 *           "accounts": [{"name": "a1", "apiKeyEnv": "A1_API_KEY", "secretEnv": "A1_API_SECRET"},
 *                        {"name": "a2", "apiKeyEnv": "A2_API_KEY", "secretFile": "/home/me/.a2.secret"}],
 *           "profileBySymbol": {"BTCUSDT": "usd10"}}
 * </pre>
 * {@code wsUrl} is the base the engine appends {@code /public/stream?streams=…} and {@code /market/stream?streams=…}
 * (and, for an account's user data, {@code /private/ws?listenKey=…}) to; all URLs accept {@code ws://} and
 * {@code http://} for a local venue. With {@code "dryRun": false} the engine closes real positions of the
 * named accounts; their secrets are read at start from the environment or an owner-only file, never from
 * this file.
 */
public final class VenueSection
{
    /** The streams a symbol may be watched on. */
    public static final Set<String> STREAMS = Set.of("aggTrade", "bookTicker", "markPrice", "markPrice@1s");

    public String kind = "binance-usdm";
    public String wsUrl = "wss://fstream.binance.com";
    public String restUrl = "https://fapi.binance.com";
    public final List<String> symbols = new ArrayList<>();
    public final List<String> streams = new ArrayList<>(List.of("aggTrade", "bookTicker", "markPrice@1s"));
    public boolean dryRun = true;
    /** The user data stream's base URL. */
    public String privateWsUrl()
    {
        return privateWsUrl == null ? wsUrl : privateWsUrl;
    }

    /** A symbol with no market event for this long is flagged stale. */
    public long staleAfterMs = 30_000;
    /** Inputs between two snapshots of the engine's state into the journal folder (a restart re-reads only the journal after the newest); 0: none. */
    public long snapshotEvery = dev.exitengine.tools.Runner.DEFAULT_SNAPSHOT_EVERY;
    /** How often the wall-clock timer publishes a timer input (time rules fire on a quiet market). */
    public long timerMs = 1_000;
    /** Fee rates assumed for instruments read from the venue (it publishes none: they are per account). */
    public long makerFee = Fixed.parse("0.0002");
    public long takerFee = Fixed.parse("0.0005");
    /** The base of the accounts' user data streams ({@code /private/ws?listenKey=…}); null: {@link #wsUrl}. */
    public String privateWsUrl;
    /** The WebSocket API (orders); REST at {@link #restUrl} is its fallback. */
    public String wsApiUrl = "wss://ws-fapi.binance.com/ws-fapi/v1";
    /** The signed requests' {@code recvWindow}. */
    public long recvWindowMs = 5_000;
    /** The venue-side safety stop's distance beyond the engine's stop, in percent; {@code Fixed.NONE}: no safety stop. */
    public long safetyStopPct = Fixed.NONE;
    /** The least time between two moves of one position's safety stop. */
    public long safetyStopMinMoveMs = 10_000;
    /** The accounts whose positions the engine protects (real orders: {@code "dryRun": false}). */
    public final List<AccountDef> accounts = new ArrayList<>();
    /** The profile a position adopted from an account gets, by symbol; others get the default profile. */
    public final Map<String, String> profileBySymbol = new LinkedHashMap<>();

    /** One account: where its API key and secret are (the environment, or an owner-only file). */
    public record AccountDef(String name, String apiKeyEnv, String secretEnv, String secretFile)
    {
    }

    /** Reads the section at its START_OBJECT; throws IllegalArgumentException naming {@code venue.KEY}. */
    public static VenueSection parse(final JsonParser p) throws IOException
    {
        final VenueSection v = new VenueSection();
        require(p.currentToken() == JsonToken.START_OBJECT, "venue", "must be an object");
        boolean streamsGiven = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String k = p.currentName();
            final JsonToken t = p.nextToken();
            final String key = "venue." + k;
            switch (k)
            {
                case "kind": v.kind = text(p, t, key); break;
                case "wsUrl": v.wsUrl = text(p, t, key); break;
                case "restUrl": v.restUrl = text(p, t, key); break;
                case "symbols": v.symbols.addAll(strings(p, t, key)); break;
                case "streams": v.streams.clear(); v.streams.addAll(strings(p, t, key)); streamsGiven = true; break;
                case "dryRun":
                    require(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE, key, "must be true or false");
                    v.dryRun = p.getBooleanValue();
                    break;
                case "staleAfterMs": v.staleAfterMs = positiveLong(p, t, key); break;
                case "timerMs": v.timerMs = positiveLong(p, t, key); break;
                case "snapshotEvery":
                    require(t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0, key,
                        "must be 0 (no snapshots) or a whole number of inputs");
                    v.snapshotEvery = p.getLongValue();
                    break;
                case "makerFee": v.makerFee = fee(p, t, key); break;
                case "takerFee": v.takerFee = fee(p, t, key); break;
                case "wsApiUrl": v.wsApiUrl = text(p, t, key); break;
                case "privateWsUrl": v.privateWsUrl = text(p, t, key); break;
                case "recvWindowMs": v.recvWindowMs = positiveLong(p, t, key); break;
                case "safetyStop":
                    require(t == JsonToken.START_OBJECT, key, "must be an object such as {\"distancePct\": \"1\", \"minMoveMs\": 10000}");
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String sk = p.currentName();
                        final JsonToken st = p.nextToken();
                        switch (sk)
                        {
                            case "distancePct":
                                v.safetyStopPct = percent(p, st, key + ".distancePct");
                                break;
                            case "minMoveMs": v.safetyStopMinMoveMs = positiveLong(p, st, key + ".minMoveMs"); break;
                            default: throw new IllegalArgumentException(key + "." + sk + ": unknown key");
                        }
                    }
                    require(v.safetyStopPct != Fixed.NONE, key + ".distancePct", "is required");
                    break;
                case "accounts": v.accounts.addAll(accounts(p, t, key)); break;
                case "profileBySymbol":
                    require(t == JsonToken.START_OBJECT, key, "must be an object of symbol: profile name");
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        final String symbol = p.currentName().toUpperCase(Locale.ROOT);
                        v.profileBySymbol.put(symbol, text(p, p.nextToken(), key + "." + p.currentName()));
                    }
                    break;
                default: throw new IllegalArgumentException(key + ": unknown key");
            }
        }
        v.validate(streamsGiven);
        return v;
    }

    private void validate(final boolean streamsGiven)
    {
        require("binance-usdm".equals(kind), "venue.kind", "must be \"binance-usdm\", was \"" + kind + "\"");
        require(wsUrl.startsWith("wss://") || wsUrl.startsWith("ws://"), "venue.wsUrl", "must start with wss:// or ws://, was \"" + wsUrl + "\"");
        require(restUrl.startsWith("https://") || restUrl.startsWith("http://"), "venue.restUrl",
            "must start with https:// or http://, was \"" + restUrl + "\"");
        require(!symbols.isEmpty(), "venue.symbols", "must name at least one symbol");
        for (int i = 0; i < symbols.size(); i++)
        {
            final String s = symbols.get(i);
            require(!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128), "venue.symbols[" + i + "]",
                "must be a symbol such as BTCUSDT, was \"" + s + "\"");
            symbols.set(i, s.toUpperCase(Locale.ROOT));
        }
        require(symbols.stream().distinct().count() == symbols.size(), "venue.symbols", "names a symbol twice");
        require(!streamsGiven || !streams.isEmpty(), "venue.streams", "must name at least one stream");
        for (int i = 0; i < streams.size(); i++)
        {
            require(STREAMS.contains(streams.get(i)), "venue.streams[" + i + "]",
                "must be one of aggTrade, bookTicker, markPrice, markPrice@1s, was \"" + streams.get(i) + "\"");
        }
        require(!(streams.contains("markPrice") && streams.contains("markPrice@1s")), "venue.streams",
            "names markPrice twice (markPrice and markPrice@1s)");
        require(wsApiUrl.startsWith("wss://") || wsApiUrl.startsWith("ws://"), "venue.wsApiUrl",
            "must start with wss:// or ws://, was \"" + wsApiUrl + "\"");
        require(privateWsUrl == null || privateWsUrl.startsWith("wss://") || privateWsUrl.startsWith("ws://"), "venue.privateWsUrl",
            "must start with wss:// or ws://, was \"" + privateWsUrl + "\"");
        require(recvWindowMs <= 60_000, "venue.recvWindowMs", "must be at most 60000 (the venue's limit), was " + recvWindowMs);
        require(dryRun || !accounts.isEmpty(), "venue.accounts",
            "must name at least one account when dryRun is false (whose positions would it close?)");
        for (final String symbol : profileBySymbol.keySet())
        {
            require(symbols.contains(symbol), "venue.profileBySymbol." + symbol, "is not one of venue.symbols " + symbols);
        }
    }

    private static List<AccountDef> accounts(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.START_ARRAY, key, "must be an array of account objects");
        final List<AccountDef> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT)
        {
            final String at = key + "[" + out.size() + "]";
            String name = null;
            String apiKeyEnv = null;
            String secretEnv = null;
            String secretFile = null;
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String k = p.currentName();
                final JsonToken v = p.nextToken();
                switch (k)
                {
                    case "name": name = text(p, v, at + ".name"); break;
                    case "apiKeyEnv": apiKeyEnv = text(p, v, at + ".apiKeyEnv"); break;
                    case "secretEnv": secretEnv = text(p, v, at + ".secretEnv"); break;
                    case "secretFile": secretFile = text(p, v, at + ".secretFile"); break;
                    case "apiKey":
                    case "secret":
                    case "apiSecret":
                        throw new IllegalArgumentException(at + "." + k + ": secrets are never written in the configuration: "
                            + "name an environment variable (apiKeyEnv, secretEnv) or an owner-only file (secretFile)");
                    default: throw new IllegalArgumentException(at + "." + k + ": unknown key");
                }
            }
            require(name != null && !name.isEmpty(), at + ".name", "is required");
            require(apiKeyEnv != null, at + ".apiKeyEnv", "is required: the environment variable holding the API key");
            require(secretEnv != null ^ secretFile != null, at, "needs exactly one of secretEnv and secretFile");
            for (final AccountDef a : out)
            {
                require(!a.name().equals(name), at + ".name", "\"" + name + "\" is given twice");
            }
            out.add(new AccountDef(name, apiKeyEnv, secretEnv, secretFile));
        }
        require(p.currentToken() == JsonToken.END_ARRAY, key, "must be an array of account objects");
        return out;
    }

    private static String text(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.VALUE_STRING, key, "must be a string");
        return p.getText();
    }

    private static List<String> strings(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.START_ARRAY, key, "must be an array of strings");
        final List<String> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY)
        {
            require(e == JsonToken.VALUE_STRING, key + "[" + out.size() + "]", "must be a string");
            out.add(p.getText());
        }
        return out;
    }

    private static long positiveLong(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.VALUE_NUMBER_INT, key, "must be a whole number");
        final long v = p.getLongValue();
        require(v > 0, key, "must be positive, was " + v);
        return v;
    }

    private static long percent(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT, key,
            "must be a decimal such as \"1\"");
        final long v;
        try
        {
            v = Fixed.parse(p.getText());
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(key + ": must be a decimal such as \"1\", was \"" + p.getText() + "\"");
        }
        require(v > 0 && v < 50 * Fixed.ONE, key, "must be more than 0 and less than 50, was " + p.getText());
        return v;
    }

    private static long fee(final JsonParser p, final JsonToken t, final String key) throws IOException
    {
        require(t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT, key,
            "must be a decimal such as \"0.0005\"");
        final long v;
        try
        {
            v = Fixed.parse(p.getText());
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(key + ": must be a decimal such as \"0.0005\", was \"" + p.getText() + "\"");
        }
        require(v >= 0 && v < Fixed.ONE, key, "must be in [0, 1), was " + p.getText());
        return v;
    }

    static void require(final boolean ok, final String key, final String what)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(key + ": " + what);
        }
    }
}
