package dev.exitengine.tools.live;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.gateway.binance.AccountReads;
import dev.exitengine.gateway.binance.ApiCredentials;
import dev.exitengine.gateway.binance.BinanceAccount;
import dev.exitengine.gateway.binance.VenueInbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The live process's real accounts ({@code "dryRun": false}): each one's credentials read from the
 * environment or its owner-only file, each account read over REST before the engine starts, and the
 * first account's commission rates put into the engine's instruments (every fill still carries its own
 * real commission). A failure names the account and what failed, never a secret.
 */
final class LiveAccounts
{
    /** How long a REST call or WebSocket API request may take before its outcome counts as unknown. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private LiveAccounts()
    {
    }

    /** Opens and reads every account of the section; {@code env} reads environment variables (tests pass their own). */
    static List<BinanceAccount> bootstrap(final VenueSection venue, final EngineConfig engine, final VenueInbox inbox,
        final Function<String, String> env, final PrintStream out)
    {
        final List<BinanceAccount> accounts = new ArrayList<>();
        final java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        engine.instruments.forEach(i -> ticks.put(i.symbol, i.tickSize));
        final BinanceAccount.SafetyStop safety = venue.safetyStopPct == dev.exitengine.core.num.Fixed.NONE ? null
            : new BinanceAccount.SafetyStop(venue.safetyStopPct, venue.safetyStopMinMoveMs);
        try
        {
            for (final VenueSection.AccountDef def : venue.accounts)
            {
                final ApiCredentials credentials = def.secretFile() != null
                    ? ApiCredentials.fromSecretFile(def.name(), def.apiKeyEnv(), Path.of(def.secretFile()), env)
                    : ApiCredentials.fromEnvironment(def.name(), def.apiKeyEnv(), def.secretEnv(), env);
                final BinanceAccount account = new BinanceAccount(new BinanceAccount.Settings(def.name(), credentials, venue.restUrl,
                    venue.privateWsUrl(), venue.wsApiUrl, venue.recvWindowMs, venue.symbols, venue.profileBySymbol, engine.defaultProfile, REQUEST_TIMEOUT,
                    safety, ticks),
                    inbox);
                accounts.add(account);
                final var state = account.bootstrap();
                out.println("account " + def.name() + ": " + state.mode() + " mode, " + state.positions().size() + " open position(s), "
                    + state.openOrders().size() + " open order(s), " + state.openAlgoOrders().size() + " open algo order(s)");
            }
        }
        catch (final RuntimeException ex)
        {
            accounts.forEach(BinanceAccount::close);
            throw ex;
        }
        return accounts;
    }

    /** The instruments' fee rates from the first account's commission rates, symbol by symbol. */
    static void applyFees(final List<BinanceAccount> accounts, final EngineConfig engine)
    {
        if (accounts.isEmpty())
        {
            return;
        }
        final var fees = accounts.get(0).state().fees();
        for (int i = 0; i < engine.instruments.size(); i++)
        {
            final EngineConfig.InstrumentDef d = engine.instruments.get(i);
            final AccountReads.CommissionRate rate = fees.get(d.symbol);
            if (rate != null)
            {
                engine.instruments.set(i, new EngineConfig.InstrumentDef(d.symbol, d.tickSize, d.stepSize, d.minQty, rate.maker(), rate.taker()));
            }
        }
    }
}
