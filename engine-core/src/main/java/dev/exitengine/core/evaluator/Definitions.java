package dev.exitengine.core.evaluator;

import dev.exitengine.core.num.StateHash;
import dev.exitengine.core.position.Instrument;
import dev.exitengine.core.position.Position;
import dev.exitengine.core.rules.ExitProfile;

import java.util.Arrays;

/** Instruments by symbol id and exit profiles by profile id, as defined by the inputs; the default profile. */
final class Definitions
{
    private final String defaultProfileName;
    private final ExitProfile builtInDefault;
    private int defaultProfileId = -1;
    private Instrument[] instruments = new Instrument[16];
    private ExitProfile[] profiles = new ExitProfile[16];

    /** Positions given a profile that names a fallback source are watched here (null: fallbacks off, for tests of rooms). */
    private final SourceFallbacks fallbacks;

    Definitions(final String defaultProfileName, final ExitProfile builtInDefault)
    {
        this(defaultProfileName, builtInDefault, null);
    }

    Definitions(final String defaultProfileName, final ExitProfile builtInDefault, final SourceFallbacks fallbacks)
    {
        this.fallbacks = fallbacks;
        this.defaultProfileName = defaultProfileName;
        this.builtInDefault = builtInDefault;
    }

    /** Defines (or redefines) a symbol's grid and fees. */
    void defineInstrument(final int symbolId, final long tickSize, final long stepSize, final long minQty, final long makerFee,
        final long takerFee)
    {
        if (symbolId >= instruments.length)
        {
            instruments = Arrays.copyOf(instruments, Math.max(symbolId + 1, instruments.length * 2));
        }
        instruments[symbolId] = new Instrument(symbolId, tickSize, stepSize, minQty, makerFee, takerFee);
    }

    /** How many symbol ids the per-symbol tables must hold: every defined symbol's id is below it. */
    int symbolCapacity()
    {
        return instruments.length;
    }

    void defineProfile(final int profileId, final ExitProfile profile)
    {
        if (fallbacks != null && profile.fallbackSource != null)
        {
            fallbacks.activate();
        }
        if (profileId >= profiles.length)
        {
            profiles = Arrays.copyOf(profiles, Math.max(profileId + 1, profiles.length * 2));
        }
        profiles[profileId] = profile;
        if (profile.name.equals(defaultProfileName))
        {
            defaultProfileId = profileId;
        }
    }

    Instrument instrument(final int symbolId)
    {
        return symbolId >= 0 && symbolId < instruments.length ? instruments[symbolId] : null;
    }

    ExitProfile profile(final int profileId)
    {
        return profileId >= 0 && profileId < profiles.length ? profiles[profileId] : null;
    }

    /** Gives the position the named profile, or the default one for -1; an unknown id is an error of the position. */
    void assignProfile(final Position p, final int profileId)
    {
        final ExitProfile named = profile(profileId);
        if (profileId >= 0 && named == null)
        {
            throw new IllegalArgumentException("unknown profile id " + profileId);
        }
        p.profile = named != null ? named : defaultProfile();
        p.profileId = named != null ? profileId : defaultProfileId;
        if (fallbacks != null)
        {
            fallbacks.watch(p);
        }
    }

    private ExitProfile defaultProfile()
    {
        final ExitProfile p = profile(defaultProfileId);
        return p != null ? p : builtInDefault;
    }

    long stateHash()
    {
        long h = StateHash.mix(StateHash.SEED, defaultProfileId);
        for (final Instrument i : instruments)
        {
            if (i != null)
            {
                h = StateHash.mix(h, i.symbolId);
                h = StateHash.mix(h, i.tickSize);
                h = StateHash.mix(h, i.stepSize);
                h = StateHash.mix(h, i.minQty);
                h = StateHash.mix(h, i.makerFee);
                h = StateHash.mix(h, i.takerFee);
            }
        }
        for (int id = 0; id < profiles.length; id++)
        {
            final ExitProfile p = profiles[id];
            if (p != null)
            {
                h = StateHash.mix(h, id);
                h = StateHash.mix(h, p.name);
                h = StateHash.mix(h, p.source);
                h = StateHash.mix(h, p.fallbackSource);
                h = StateHash.mix(h, p.stopLossKind);
                h = StateHash.mix(h, p.stopLossValue);
                h = StateHash.mix(h, p.takeProfitKind);
                h = StateHash.mix(h, p.takeProfitValue);
            }
        }
        return h;
    }

    /** Numbers every defined profile in {@code refs}' pool (positions add theirs before the pool is written). */
    void numberProfiles(final dev.exitengine.core.position.StateRefs refs)
    {
        for (final ExitProfile p : profiles)
        {
            refs.profile(p);
        }
    }

    /** Instruments and profile slots (profiles by their number in the pool, written before). */
    void snapshotTo(final dev.exitengine.core.snapshot.SnapshotWriter w, final dev.exitengine.core.position.StateRefs refs)
    {
        w.section(0x44454653); // "DEFS"
        w.putInt(defaultProfileId);
        w.putInt(instruments.length);
        for (final Instrument i : instruments)
        {
            w.putBoolean(i != null);
            if (i != null)
            {
                w.putInt(i.symbolId);
                w.putLong(i.tickSize);
                w.putLong(i.stepSize);
                w.putLong(i.minQty);
                w.putLong(i.makerFee);
                w.putLong(i.takerFee);
            }
        }
        w.putInt(profiles.length);
        for (final ExitProfile p : profiles)
        {
            w.putInt(refs.profile(p));
        }
    }

    void restoreFrom(final dev.exitengine.core.snapshot.SnapshotReader r, final dev.exitengine.core.position.StateRefs refs)
    {
        r.section(0x44454653, "definitions");
        defaultProfileId = r.getInt();
        instruments = new Instrument[r.getInt()];
        for (int s = 0; s < instruments.length; s++)
        {
            if (r.getBoolean())
            {
                instruments[s] = new Instrument(r.getInt(), r.getLong(), r.getLong(), r.getLong(), r.getLong(), r.getLong());
            }
        }
        profiles = new ExitProfile[r.getInt()];
        for (int id = 0; id < profiles.length; id++)
        {
            profiles[id] = refs.profile(r.getInt());
        }
    }
}
