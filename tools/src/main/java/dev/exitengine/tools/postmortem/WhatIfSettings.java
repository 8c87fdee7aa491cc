package dev.exitengine.tools.postmortem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.feed.ProfileJson;
import dev.exitengine.gateway.PaperGateway;
import dev.exitengine.tools.ConfigFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a what-if runs on: the journal's recorded configuration, with what the operator gives on top. Every key
 * that {@code --config OTHER.json} gives (a configuration file as {@code run --config} reads it, validated the same
 * way) wins, key by key inside {@code risk}, {@code retry} and {@code paper}; every key it leaves out stays as the
 * journal recorded it. Profiles go by name: one the file or a {@code --profile NAME=JSON} names replaces the
 * journal's of that name (in its configuration and in its profile inputs alike), a new name is added; the
 * journal's other profiles stay. The instruments and the first position id stay the journal's, so that its inputs
 * mean what they meant: a file whose {@code instruments} differ is refused. {@code layout}, {@code wait},
 * {@code ringSize}, {@code venue} and {@code admin} shape no outputs and are ignored (a what-if runs on the
 * calling thread). The {@code paper} keys set the simulated venue that fills the closes only the what-if makes,
 * on top of the journal's paper venue (its defaults for a journal of a real venue).
 */
public final class WhatIfSettings
{
    /** The paper venue's settings, as {@link ConfigFile#paperVenue()} writes them into the journal. */
    public static final class Paper
    {
        public long latencyMs;
        public long slippageBps;
        public boolean acks;
        public double rejectRate;
        public double partialRate;
        public long seed;

        /** The settings a journal recorded ({@link EngineConfig#venue}); the defaults when it names no paper venue. */
        static Paper of(final String venue)
        {
            final Paper p = new Paper();
            if (venue == null || !venue.startsWith("paper:"))
            {
                return p;
            }
            for (final String kv : venue.substring("paper:".length()).split(":"))
            {
                final int eq = kv.indexOf('=');
                if (eq < 0)
                {
                    continue;
                }
                final String v = kv.substring(eq + 1);
                switch (kv.substring(0, eq))
                {
                    case "latencyMs": p.latencyMs = Long.parseLong(v); break;
                    case "slippageBps": p.slippageBps = Long.parseLong(v); break;
                    case "acks": p.acks = Boolean.parseBoolean(v); break;
                    case "rejectRate": p.rejectRate = Double.parseDouble(v); break;
                    case "partialRate": p.partialRate = Double.parseDouble(v); break;
                    case "seed": p.seed = Long.parseLong(v); break;
                    default: break;
                }
            }
            return p;
        }

        /** The {@code paper} keys a configuration file gives, over these. */
        void overlay(final Set<String> given, final ConfigFile other)
        {
            if (given.contains("paper.latencyMs"))
            {
                latencyMs = other.paperLatencyMs;
            }
            if (given.contains("paper.slippageBps"))
            {
                slippageBps = other.paperSlippageBps;
            }
            if (given.contains("paper.acks"))
            {
                acks = other.paperAcks;
            }
            if (given.contains("paper.rejectRate"))
            {
                rejectRate = other.paperRejectRate;
            }
            if (given.contains("paper.partialRate"))
            {
                partialRate = other.paperPartialRate;
            }
            if (given.contains("paper.seed"))
            {
                seed = other.paperSeed;
            }
        }

        PaperGateway gateway()
        {
            return new PaperGateway(latencyMs, slippageBps, acks, rejectRate, partialRate, seed);
        }

        /** In the words of the configuration file's keys. */
        public String describe()
        {
            return "paper latencyMs " + latencyMs + ", slippageBps " + Fixed.toString(slippageBps) + ", acks " + acks + ", rejectRate "
                + rejectRate + ", partialRate " + partialRate + ", seed " + seed;
        }
    }

    /** The journal's configuration, as recorded. */
    public final EngineConfig journal;
    /** The what-if engine's configuration. */
    public final EngineConfig config;
    /** The venue for the closes only the what-if makes. */
    public final Paper paper;
    /** Every profile the what-if names, by name, in the order given (the file's, then the options'). */
    public final Map<String, ExitProfile> profiles;
    /** What differs from the journal's configuration, one entry a setting, for the report. */
    public final List<String> changes = new ArrayList<>();

    private WhatIfSettings(final EngineConfig journal, final EngineConfig config, final Paper paper, final Map<String, ExitProfile> profiles)
    {
        this.journal = journal;
        this.config = config;
        this.paper = paper;
        this.profiles = profiles;
    }

    /** The engine keys of the configuration file a what-if takes over, each with how it is copied. */
    private static final Map<String, BiConsumer<EngineConfig, EngineConfig>> ENGINE_KEYS = new LinkedHashMap<>();

    static
    {
        key("maxTimeRegressionMs", (to, from) -> to.maxTimeRegressionMs = from.maxTimeRegressionMs);
        key("maxTimeAheadMs", (to, from) -> to.maxTimeAheadMs = from.maxTimeAheadMs);
        key("staleAfterMs", (to, from) -> to.staleAfterMs = from.staleAfterMs);
        key("defaultProfile", (to, from) -> to.defaultProfile = from.defaultProfile);
        key("risk.maxPositionsPerAccount", (to, from) -> to.maxPositionsPerAccount = from.maxPositionsPerAccount);
        key("risk.maxPositionsGlobal", (to, from) -> to.maxPositionsGlobal = from.maxPositionsGlobal);
        key("risk.maxPositionsPerSymbol", (to, from) -> to.maxPositionsPerSymbol = from.maxPositionsPerSymbol);
        key("risk.capitalPerAccount", (to, from) -> to.capitalPerAccount = from.capitalPerAccount);
        key("risk.maxNotionalShare", (to, from) -> to.maxNotionalShare = from.maxNotionalShare);
        key("risk.rapidEntryCount", (to, from) -> to.rapidEntryCount = from.rapidEntryCount);
        key("risk.rapidEntryWindowMs", (to, from) -> to.rapidEntryWindowMs = from.rapidEntryWindowMs);
        key("risk.rapidEntryCooldownMs", (to, from) -> to.rapidEntryCooldownMs = from.rapidEntryCooldownMs);
        key("risk.stopLossCooldownCount", (to, from) -> to.stopLossCooldownCount = from.stopLossCooldownCount);
        key("risk.stopLossWindowMs", (to, from) -> to.stopLossWindowMs = from.stopLossWindowMs);
        key("risk.stopLossCooldownMs", (to, from) -> to.stopLossCooldownMs = from.stopLossCooldownMs);
        key("risk.maxDrawdown", (to, from) -> to.maxDrawdown = from.maxDrawdown);
        key("retry.baseMs", (to, from) -> to.retryBaseMs = from.retryBaseMs);
        key("retry.maxMs", (to, from) -> to.retryMaxMs = from.retryMaxMs);
        key("retry.breakerSlowAfter", (to, from) -> to.breakerSlowAfter = from.breakerSlowAfter);
        key("retry.breakerOpenAfter", (to, from) -> to.breakerOpenAfter = from.breakerOpenAfter);
        key("retry.breakerPauseMs", (to, from) -> to.breakerPauseMs = from.breakerPauseMs);
    }

    private static void key(final String name, final BiConsumer<EngineConfig, EngineConfig> copy)
    {
        ENGINE_KEYS.put(name, copy);
    }

    /**
     * The what-if's settings.
     *
     * @param journal     the journal's recorded configuration
     * @param file        {@code --config OTHER.json}, or null
     * @param profileArgs {@code --profile NAME=JSON} options, in order
     * @throws IllegalArgumentException a one-line refusal that names the option (and the key)
     */
    public static WhatIfSettings of(final EngineConfig journal, final Path file, final List<String> profileArgs) throws IOException
    {
        final EngineConfig c = EngineConfig.decode(journal.encode());
        c.venue = journal.venue;
        c.firstPositionId = journal.firstPositionId;
        final Paper paper = Paper.of(journal.venue);
        final Map<String, ExitProfile> profiles = new LinkedHashMap<>();
        if (file != null)
        {
            final ConfigFile other;
            final Set<String> given;
            try
            {
                other = ConfigFile.load(file);
                given = givenKeys(Files.readString(file));
            }
            catch (final NoSuchFileException ex)
            {
                throw new IllegalArgumentException("--config: no such file '" + file + "'");
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--config: " + ex.getMessage(), ex);
            }
            for (final Map.Entry<String, BiConsumer<EngineConfig, EngineConfig>> e : ENGINE_KEYS.entrySet())
            {
                // a venue section without staleAfterMs of its own sets it (one TTL for the wall clock and event time)
                if (given.contains(e.getKey()) || e.getKey().equals("staleAfterMs") && given.contains("venue"))
                {
                    e.getValue().accept(c, other.engine);
                }
            }
            if (given.contains("instruments"))
            {
                final String difference = instrumentDifference(journal.instruments, other.engine.instruments);
                if (difference != null)
                {
                    throw new IllegalArgumentException("--config: " + file + ": instruments: a what-if keeps the journal's instruments, "
                        + "so that its inputs mean what they meant; " + difference);
                }
            }
            paper.overlay(given, other);
            for (final ExitProfile p : other.engine.profiles)
            {
                profiles.put(p.name, p);
            }
        }
        final Set<String> named = new LinkedHashSet<>();
        for (final String arg : profileArgs)
        {
            final int eq = arg.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--profile: '" + arg + "' is not NAME=JSON (a profile object as the configuration "
                    + "file's profiles hold, e.g. usd10={\"takeProfit\":{\"netProfit\":\"12\"},\"stopLoss\":{\"netLoss\":\"10\"}})");
            }
            final String name = arg.substring(0, eq).strip();
            if (!named.add(name))
            {
                throw new IllegalArgumentException("--profile " + name + ": given twice");
            }
            try
            {
                profiles.put(name, ProfileJson.parse(name, arg.substring(eq + 1)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--profile " + name + ": " + ex.getMessage(), ex);
            }
        }
        try
        {
            c.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--config: " + file + ": with the journal's other settings, " + ex.getMessage(), ex);
        }
        final WhatIfSettings s = new WhatIfSettings(journal, c, paper, profiles);
        s.placeProfiles();
        return s;
    }

    /**
     * Completes the settings once the profiles the journal's inputs define are known: a profile the what-if
     * names that is neither in the journal's configuration nor among those is added to the configuration, after
     * the journal's (ids are given in order: the journal's own profile inputs would take the same ids, so the
     * caller refuses a new profile when the journal has profiles of its inputs' only).
     */
    void resolve(final Set<String> inputProfiles)
    {
        for (final ExitProfile p : profiles.values())
        {
            if (!inJournalConfig(p.name) && !inputProfiles.contains(p.name))
            {
                config.profiles.add(p);
            }
        }
        describeChanges(inputProfiles);
    }

    /** The configuration's profiles: the journal's, each replaced in its place when the what-if names it. */
    private void placeProfiles()
    {
        for (int i = 0; i < config.profiles.size(); i++)
        {
            final ExitProfile p = profiles.get(config.profiles.get(i).name);
            if (p != null)
            {
                config.profiles.set(i, p);
            }
        }
    }

    /** Whether the journal's configuration defines the profile {@code name}. */
    public boolean inJournalConfig(final String name)
    {
        for (final ExitProfile p : journal.profiles)
        {
            if (p.name.equals(name))
            {
                return true;
            }
        }
        return false;
    }

    private void describeChanges(final Set<String> inputProfiles)
    {
        final Paper journalPaper = Paper.of(journal.venue);
        for (final ExitProfile p : profiles.values())
        {
            ExitProfile before = null;
            for (final ExitProfile j : journal.profiles)
            {
                if (j.name.equals(p.name))
                {
                    before = j;
                }
            }
            if (before == null)
            {
                changes.add("profile " + p.name + ": " + ProfileJson.toJson(p) + (inputProfiles.contains(p.name)
                    ? " (in place of the journal's profile inputs of that name)" : " (a profile the journal does not have)"));
            }
            else if (!before.encode().equals(p.encode()))
            {
                changes.add("profile " + p.name + ": " + ProfileJson.toJson(before) + " -> " + ProfileJson.toJson(p));
            }
        }
        final Map<String, String> was = settingLines(journal.encode());
        final Map<String, String> now = settingLines(config.encode());
        for (final Map.Entry<String, String> e : now.entrySet())
        {
            if (!e.getValue().equals(was.get(e.getKey())))
            {
                changes.add(e.getKey() + ": " + was.get(e.getKey()) + " -> " + e.getValue());
            }
        }
        if (!journalPaper.describe().equals(paper.describe()))
        {
            changes.add("paper venue (closes only the what-if makes): " + journalPaper.describe() + " -> " + paper.describe());
        }
    }

    /** The encoded configuration's lines other than profiles and instruments, by key. */
    private static Map<String, String> settingLines(final String encoded)
    {
        final Map<String, String> m = new LinkedHashMap<>();
        for (final String line : encoded.split("\n"))
        {
            final int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("profile=") && !line.startsWith("instrument="))
            {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** Where two instrument lists differ, in words; null when they are the same. */
    private static String instrumentDifference(final List<EngineConfig.InstrumentDef> journal, final List<EngineConfig.InstrumentDef> given)
    {
        if (journal.isEmpty() && !given.isEmpty())
        {
            return "the journal's configuration has none (its instruments come with its inputs), this file defines "
                + given.get(0).symbol;
        }
        for (int i = 0; i < Math.max(journal.size(), given.size()); i++)
        {
            final EngineConfig.InstrumentDef j = i < journal.size() ? journal.get(i) : null;
            final EngineConfig.InstrumentDef g = i < given.size() ? given.get(i) : null;
            if (j == null)
            {
                return "this file adds " + g.symbol;
            }
            if (g == null)
            {
                return "this file leaves out " + j.symbol;
            }
            if (!describe(j).equals(describe(g)))
            {
                return "the journal's " + describe(j) + ", this file's " + describe(g);
            }
        }
        return null;
    }

    private static String describe(final EngineConfig.InstrumentDef i)
    {
        return i.symbol + " (tickSize " + Fixed.toString(i.tickSize) + ", stepSize " + Fixed.toString(i.stepSize) + ", minQty "
            + Fixed.toString(i.minQty) + ", makerFee " + Fixed.toString(i.makerFee) + ", takerFee " + Fixed.toString(i.takerFee) + ")";
    }

    /** The keys a configuration file gives: top-level ones, and {@code risk.*}, {@code retry.*}, {@code paper.*}. */
    static Set<String> givenKeys(final String text) throws IOException
    {
        final Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = new JsonFactory().createParser(text))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return keys;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = p.currentName();
                final JsonToken t = p.nextToken();
                keys.add(key);
                if (t == JsonToken.START_OBJECT && (key.equals("risk") || key.equals("retry") || key.equals("paper")))
                {
                    while (p.nextToken() == JsonToken.FIELD_NAME)
                    {
                        keys.add(key + "." + p.currentName());
                        p.nextToken();
                        p.skipChildren();
                    }
                }
                else
                {
                    p.skipChildren();
                }
            }
        }
        return keys;
    }
}
