package dev.exitengine.gateway.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The {@code ACCOUNT_UPDATE} event of the user data stream read into an {@link AccountUpdate}: its reason,
 * balances and positions, each array entry's required fields checked by name.
 */
final class AccountUpdateReader
{
    private static final String[] ACCOUNT_FIELDS = {"E", "a", "a.m"};
    private static final String[] POSITION_FIELDS = {"s", "ps", "pa", "ep"};
    private static final String[] BALANCE_FIELDS = {"a", "wb"};

    private final UserStreamFields f;

    private AccountUpdate current;
    private final UserStreamFields.Body body = p -> readAccount(p, current);

    AccountUpdateReader(final UserStreamFields f)
    {
        this.f = f;
    }

    /** Reads the event's fields into {@code u} (reset first); refuses a missing required field by name. */
    void read(final JsonParser p, final AccountUpdate u) throws IOException
    {
        u.reset();
        current = u;
        final int seen = f.envelope(p, "a", body);
        u.eventTime = f.eventTime;
        u.transactionTime = f.transactionTime;
        f.require(seen, ACCOUNT_FIELDS);
    }

    private int readAccount(final JsonParser p, final AccountUpdate u) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "m":
                    u.reason = f.string(p, t, "a.m");
                    seen |= UserStreamFields.present(u.reason, 2);
                    break;
                case "S":
                    u.fundingSymbol = t == JsonToken.VALUE_STRING ? UserStreamFields.emptyToNull(p.getText()) : UserStreamFields.skip(p);
                    break;
                case "B":
                    if (t == JsonToken.START_ARRAY)
                    {
                        while (p.nextToken() == JsonToken.START_OBJECT)
                        {
                            readBalance(p, u.addBalance(), u.balanceCount() - 1);
                        }
                        f.expectArrayEnd(p, "a.B");
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw f.malformed("field a.B is not an array");
                    }
                    break;
                case "P":
                    if (t == JsonToken.START_ARRAY)
                    {
                        while (p.nextToken() == JsonToken.START_OBJECT)
                        {
                            readPosition(p, u.addPosition(), u.positionCount() - 1);
                        }
                        f.expectArrayEnd(p, "a.P");
                    }
                    else if (t != JsonToken.VALUE_NULL)
                    {
                        throw f.malformed("field a.P is not an array");
                    }
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        return seen;
    }

    private void readPosition(final JsonParser p, final AccountUpdate.Position e, final int index) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "s":
                    e.symbol = f.string(p, t, "a.P.s");
                    seen |= UserStreamFields.present(e.symbol, 0);
                    break;
                case "ps":
                    e.positionSide = f.string(p, t, "a.P.ps");
                    seen |= UserStreamFields.present(e.positionSide, 1);
                    break;
                case "pa":
                    e.amount = f.decimal(p, t, "a.P.pa", false);
                    seen |= UserStreamFields.present(e.amount, 2);
                    break;
                case "ep":
                    e.entryPrice = f.decimal(p, t, "a.P.ep", false);
                    seen |= UserStreamFields.present(e.entryPrice, 3);
                    break;
                case "bep":
                    e.breakEvenPrice = f.decimal(p, t, "a.P.bep", true);
                    break;
                case "up":
                    e.unrealizedPnl = f.decimal(p, t, "a.P.up", true);
                    break;
                case "cr":
                    e.accumulatedRealized = f.decimal(p, t, "a.P.cr", true);
                    break;
                case "mt":
                    e.marginType = f.string(p, t, "a.P.mt");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        f.requireEntry(seen, POSITION_FIELDS, "a.P", index);
    }

    private void readBalance(final JsonParser p, final AccountUpdate.Balance e, final int index) throws IOException
    {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken t = p.nextToken();
            switch (name)
            {
                case "a":
                    e.asset = f.string(p, t, "a.B.a");
                    seen |= UserStreamFields.present(e.asset, 0);
                    break;
                case "wb":
                    e.walletBalance = f.decimal(p, t, "a.B.wb", false);
                    seen |= UserStreamFields.present(e.walletBalance, 1);
                    break;
                case "cw":
                    e.crossWalletBalance = f.decimal(p, t, "a.B.cw", true);
                    break;
                case "bc":
                    e.balanceChange = f.decimal(p, t, "a.B.bc", true);
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        f.requireEntry(seen, BALANCE_FIELDS, "a.B", index);
    }

}
