package dev.exitengine.feed;

import static dev.exitengine.feed.LineFields.ACCOUNT;
import static dev.exitengine.feed.LineFields.ASK;
import static dev.exitengine.feed.LineFields.BID;
import static dev.exitengine.feed.LineFields.CLIENT_ORDER_ID;
import static dev.exitengine.feed.LineFields.COMMAND;
import static dev.exitengine.feed.LineFields.FEE;
import static dev.exitengine.feed.LineFields.MAKER_FEE;
import static dev.exitengine.feed.LineFields.MIN_QTY;
import static dev.exitengine.feed.LineFields.ON;
import static dev.exitengine.feed.LineFields.ORDER_ID;
import static dev.exitengine.feed.LineFields.POSITIONS;
import static dev.exitengine.feed.LineFields.POSITION_SIDE;
import static dev.exitengine.feed.LineFields.PRICE;
import static dev.exitengine.feed.LineFields.PROFILE;
import static dev.exitengine.feed.LineFields.QTY;
import static dev.exitengine.feed.LineFields.REASON;
import static dev.exitengine.feed.LineFields.SIDE;
import static dev.exitengine.feed.LineFields.STATE;
import static dev.exitengine.feed.LineFields.STEP_SIZE;
import static dev.exitengine.feed.LineFields.SYMBOL;
import static dev.exitengine.feed.LineFields.TAKER_FEE;
import static dev.exitengine.feed.LineFields.TICK_SIZE;
import static dev.exitengine.feed.LineFields.TS;

/**
 * The {@code type}s of JSON Lines event lines, with the fields each reads (a mask of {@link LineFields}
 * bits): other fields of the line are skipped unread. Declared in the order the unknown-type refusal
 * lists them.
 */
enum LineType
{
    INSTRUMENT("instrument", SYMBOL | TICK_SIZE | STEP_SIZE | MIN_QTY | MAKER_FEE | TAKER_FEE),
    /** Read whole by {@link ProfileJson}, not field by field. */
    PROFILE_LINE("profile", 0),
    FILL("fill", TS | ACCOUNT | SYMBOL | SIDE | POSITION_SIDE | QTY | PRICE | FEE | ORDER_ID | PROFILE),
    TRADE("trade", TS | SYMBOL | PRICE | QTY),
    QUOTE("quote", TS | SYMBOL | BID | ASK),
    MARK("mark", TS | SYMBOL | PRICE),
    COMMAND_LINE("command", TS | COMMAND | ACCOUNT | SYMBOL | POSITION_SIDE | ON | STATE | PROFILE),
    TIMER("timer", TS),
    ACK("ack", TS | CLIENT_ORDER_ID),
    REJECT("reject", TS | CLIENT_ORDER_ID | REASON),
    ORDER_FILL("orderFill", TS | CLIENT_ORDER_ID | QTY | PRICE | FEE),
    EXPIRED("expired", TS | CLIENT_ORDER_ID),
    SNAPSHOT("snapshot", TS | ACCOUNT | POSITIONS);

    /** The fields of one entry of a snapshot's {@code positions}. */
    static final int SNAPSHOT_POSITION_FIELDS = SYMBOL | POSITION_SIDE | QTY | LineFields.ENTRY_PRICE;

    private static final LineType[] TYPES = values();
    /** The types, as the unknown-type refusal lists them. */
    static final String EXPECTED = JsonValues.alternatives(wireNames());

    final String wireName;
    final int fields;

    LineType(final String wireName, final int fields)
    {
        this.wireName = wireName;
        this.fields = fields;
    }

    /** The type named {@code type}; null when there is none. */
    static LineType of(final String type)
    {
        for (final LineType t : TYPES)
        {
            if (t.wireName.equals(type))
            {
                return t;
            }
        }
        return null;
    }

    private static String[] wireNames()
    {
        final String[] names = new String[TYPES.length];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = TYPES[i].wireName;
        }
        return names;
    }
}
