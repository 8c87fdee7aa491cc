package dev.exitengine.core.ingest;

import dev.exitengine.core.event.CommandType;
import dev.exitengine.core.event.PositionSide;
import dev.exitengine.core.event.TradingState;

/**
 * A command as a feed or an operator gives it. {@code account} null means "every account" where that
 * makes sense (a global trading state); {@code positionSide} BOTH means whichever side is open.
 */
public final class Command
{
    public final CommandType type;
    public final String account;
    public final String symbol;
    public final PositionSide positionSide;
    public final boolean on;
    public final TradingState state;
    public final String profile;

    private Command(final CommandType type, final String account, final String symbol, final PositionSide positionSide,
        final boolean on, final TradingState state, final String profile)
    {
        this.type = type;
        this.account = account;
        this.symbol = symbol;
        this.positionSide = positionSide == null ? PositionSide.BOTH : positionSide;
        this.on = on;
        this.state = state;
        this.profile = profile;
    }

    public static Command forcedUnwind(final String account, final boolean on)
    {
        return new Command(CommandType.FORCED_UNWIND, require(account, "account"), null, null, on, null, null);
    }

    public static Command tradingState(final String accountOrNull, final TradingState state)
    {
        if (state == null)
        {
            throw new IllegalArgumentException("TRADING_STATE needs a state");
        }
        return new Command(CommandType.TRADING_STATE, accountOrNull, null, null, false, state, null);
    }

    public static Command manualClose(final String account, final String symbol, final PositionSide side)
    {
        return new Command(CommandType.MANUAL_CLOSE, require(account, "account"), require(symbol, "symbol"), side, false, null, null);
    }

    public static Command setProfile(final String account, final String symbol, final PositionSide side, final String profile)
    {
        return new Command(CommandType.SET_PROFILE, require(account, "account"), require(symbol, "symbol"), side, false, null,
            require(profile, "profile"));
    }

    private static String require(final String value, final String what)
    {
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("command needs " + what);
        }
        return value;
    }
}
