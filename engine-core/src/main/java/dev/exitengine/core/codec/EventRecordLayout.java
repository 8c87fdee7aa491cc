package dev.exitengine.core.codec;

/**
 * Where each field of a journal input record lies: the layout {@link EventCodec} writes and reads, drawn
 * once, here. Offsets are in bytes; every number is little-endian ({@link EventCodec#ORDER}).
 *
 * <p>A full record (NAME or EVENT) starts with its kind and its length, which counts the whole record.
 * An EVENT's common fields follow at fixed offsets, then its type's body:
 * <pre>
 *         0       1       2       3       4       5       6       7
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *    0 |  kind |          length (int)         |  type |    seq ...    |
 *      +-------+-------------------------------+-------+---------------+
 *    8 |                 ... seq (long)                |     ts ...    |
 *      +-----------------------------------------------+---------------+
 *   16 |                 ... ts (long)                 |  symbolId ... |
 *      +---------------+-------------------------------+---------------+
 *   24 |  ... symbolId |        accountId (int)        | profileId ... |
 *      +---------------+-------------------------------+---------------+
 *   32 | ... profileId |  body from BODY_OFFSET (34), by type ...
 *      +---------------+-----------------------------------------------
 *
 *   body, offsets from BODY_OFFSET   0              8         16        24        32
 *   INSTRUMENT                       tickSize       stepSize  minQty    makerFee  takerFee   (all long)
 *   PROFILE                          utf8 profile text ({@code ExitProfile.encode()})
 *   TRADE                            price          qty
 *   QUOTE                            bid            ask
 *   MARK                             price
 *   ORDER_ACK, ORDER_EXPIRED         clientOrderId
 *   ORDER_REJECT                     clientOrderId  utf8 reason
 *   ORDER_FILL                       clientOrderId  qty       price     fee
 *   TIMER                            (no body)
 *   FILL          0 side (byte), 1 positionSide (byte), 2 qty, 10 price, 18 fee (long), 26 utf8 orderId
 *   COMMAND       0 command, 1 on (1 or 0), 2 tradingState (-1 none), 3 positionSide   (all byte)
 *   POSITION_SNAPSHOT  0 n (int), then from 4, n entries of 21 bytes each:
 *                 0 symbolId (int), 4 positionSide (byte), 5 qty (long), 13 entryPrice (long)
 *
 *   NAME record   5 nameKind (byte), 6 id (int), 10 utf8 name
 * </pre>
 * A string ("utf8") is an {@code int} byte count and that many UTF-8 bytes; an absent string is the count
 * -1 alone.
 *
 * <p>A compact record (TRADE_DELTA, QUOTE_DELTA, MARK_DELTA) has no length: its sizes byte gives each of its
 * fields' sizes, and the fields follow the header back to back, each in as few bytes as hold it:
 * <pre>
 *         0       1       2       3       4
 *      +-------+-------+---------------+------------+---------------+----------------+
 *    0 |  kind | sizes |    symbolId   | dt (0-3 B) | first (1-8 B) | second (0-8 B) |
 *      +-------+-------+---------------+------------+---------------+----------------+
 *
 *   sizes    7   6   5   4   3   2   1   0        dt      zz(ts - previous ts)
 *          +-----------+-----------+-------+      first   zz(price - previous price); a quote's bid
 *          | second-1  |  first-1  |  dt   |      second  a trade's qty; zz(ask - bid); a mark has none
 *          +-----------+-----------+-------+              (its bits 5-7 are then 0)
 * </pre>
 * zz is the zig-zag encoding ({@link EventCodec}). The first four bytes read as one little-endian int hold
 * kind, sizes and symbol id at {@link #COMPACT_SIZES_SHIFT} and {@link #COMPACT_SYMBOL_ID_SHIFT}.
 */
public final class EventRecordLayout
{
    /** A name-to-id binding, full layout. */
    public static final byte KIND_NAME = 1;
    /** An input event, full layout. */
    public static final byte KIND_EVENT = 2;
    /** A trade after another event in its document, compact layout. */
    public static final byte KIND_TRADE_DELTA = 3;
    /** A quote after another event in its document, compact layout. */
    public static final byte KIND_QUOTE_DELTA = 4;
    /** A mark price after another event in its document, compact layout. */
    public static final byte KIND_MARK_DELTA = 5;

    /** Every record: its kind, the first byte. */
    public static final int KIND_OFFSET = 0;

    // full records
    /** A full record's length (int), counting the whole record. */
    public static final int LENGTH_OFFSET = 1;
    /** Bytes before a full record's body: kind, length. */
    public static final int FULL_HEADER_LENGTH = 5;

    /** NAME: which kind of name (byte, {@code Names.Kind} ordinal). */
    public static final int NAME_KIND_OFFSET = FULL_HEADER_LENGTH;
    /** NAME: the id bound (int). */
    public static final int NAME_ID_OFFSET = NAME_KIND_OFFSET + 1;
    /** NAME: the name (string). */
    public static final int NAME_TEXT_OFFSET = NAME_ID_OFFSET + 4;

    /** EVENT: the event type's code (byte). */
    public static final int TYPE_OFFSET = FULL_HEADER_LENGTH;
    public static final int SEQ_OFFSET = TYPE_OFFSET + 1;
    public static final int TS_OFFSET = SEQ_OFFSET + 8;
    public static final int SYMBOL_ID_OFFSET = TS_OFFSET + 8;
    public static final int ACCOUNT_ID_OFFSET = SYMBOL_ID_OFFSET + 4;
    public static final int PROFILE_ID_OFFSET = ACCOUNT_ID_OFFSET + 4;
    /** EVENT: where the type's own fields start; body offsets below count from here. */
    public static final int BODY_OFFSET = PROFILE_ID_OFFSET + 4;
    /** The shortest full event record: the common fields. */
    public static final int MIN_EVENT_LENGTH = BODY_OFFSET;
    /** The shortest full tick record (trade, quote, mark): the common fields and its price (a quote's bid). */
    public static final int MIN_TICK_LENGTH = BODY_OFFSET + 8;

    // EVENT bodies, from BODY_OFFSET
    public static final int INSTRUMENT_TICK_SIZE_OFFSET = 0;
    public static final int INSTRUMENT_STEP_SIZE_OFFSET = 8;
    public static final int INSTRUMENT_MIN_QTY_OFFSET = 16;
    public static final int INSTRUMENT_MAKER_FEE_OFFSET = 24;
    public static final int INSTRUMENT_TAKER_FEE_OFFSET = 32;
    public static final int INSTRUMENT_BODY_LENGTH = 40;

    public static final int PROFILE_TEXT_OFFSET = 0;

    /** A trade's or mark's price, a quote's bid: the field a compact record's {@code first} is relative to. */
    public static final int TICK_PRICE_OFFSET = 0;
    /** A trade's qty, a quote's ask. */
    public static final int TICK_SECOND_OFFSET = 8;
    public static final int TRADE_BODY_LENGTH = 16;
    public static final int QUOTE_BODY_LENGTH = 16;
    public static final int MARK_BODY_LENGTH = 8;

    public static final int FILL_SIDE_OFFSET = 0;
    public static final int FILL_POSITION_SIDE_OFFSET = 1;
    public static final int FILL_QTY_OFFSET = 2;
    public static final int FILL_PRICE_OFFSET = 10;
    public static final int FILL_FEE_OFFSET = 18;
    public static final int FILL_ORDER_ID_OFFSET = 26;

    public static final int COMMAND_OFFSET = 0;
    public static final int COMMAND_ON_OFFSET = 1;
    /** -1 when the command carries no trading state. */
    public static final int COMMAND_TRADING_STATE_OFFSET = 2;
    public static final int COMMAND_POSITION_SIDE_OFFSET = 3;
    public static final int COMMAND_BODY_LENGTH = 4;

    /** ORDER_ACK, ORDER_EXPIRED, ORDER_REJECT, ORDER_FILL: the engine's client order id (long). */
    public static final int ORDER_CLIENT_ORDER_ID_OFFSET = 0;
    public static final int ORDER_ID_BODY_LENGTH = 8;
    public static final int ORDER_REJECT_REASON_OFFSET = 8;
    public static final int ORDER_FILL_QTY_OFFSET = 8;
    public static final int ORDER_FILL_PRICE_OFFSET = 16;
    public static final int ORDER_FILL_FEE_OFFSET = 24;
    public static final int ORDER_FILL_BODY_LENGTH = 32;

    /** POSITION_SNAPSHOT: the number of entries (int). */
    public static final int SNAPSHOT_COUNT_OFFSET = 0;
    public static final int SNAPSHOT_ENTRIES_OFFSET = 4;
    /** From each entry's start. */
    public static final int SNAPSHOT_SYMBOL_ID_OFFSET = 0;
    public static final int SNAPSHOT_POSITION_SIDE_OFFSET = 4;
    public static final int SNAPSHOT_QTY_OFFSET = 5;
    public static final int SNAPSHOT_ENTRY_PRICE_OFFSET = 13;
    public static final int SNAPSHOT_ENTRY_LENGTH = 21;

    /** A string's byte count (int) before its UTF-8 bytes. */
    public static final int STRING_LENGTH_SIZE = 4;
    /** The byte count of an absent string. */
    public static final int ABSENT_STRING = -1;

    // compact records
    public static final int COMPACT_SIZES_OFFSET = 1;
    /** Unsigned short. */
    public static final int COMPACT_SYMBOL_ID_OFFSET = 2;
    /** Bytes before a compact record's fields: kind, sizes, symbol id. */
    public static final int COMPACT_HEADER_LENGTH = 4;
    /** The sizes byte in the header's first four bytes read as one int. */
    public static final int COMPACT_SIZES_SHIFT = 8 * COMPACT_SIZES_OFFSET;
    /** The symbol id in the header's first four bytes read as one int. */
    public static final int COMPACT_SYMBOL_ID_SHIFT = 8 * COMPACT_SYMBOL_ID_OFFSET;
    /** The largest symbol id a compact record holds. */
    public static final int COMPACT_MAX_SYMBOL_ID = 0xFFFF;
    /** The most bytes a compact record's time step takes: a larger step is written full. */
    public static final int COMPACT_MAX_DT_BYTES = 3;

    /** sizes, bits 0-1: the time step's bytes (0-3). */
    public static final int SIZES_DT_MASK = 3;
    /** sizes, bits 2-4: the first field's bytes less one (1-8). */
    public static final int SIZES_FIRST_SHIFT = 2;
    public static final int SIZES_FIRST_MASK = 7;
    /** sizes, bits 5-7: the second field's bytes less one (1-8); 0 for a mark, which has none. */
    public static final int SIZES_SECOND_SHIFT = 5;

    private EventRecordLayout()
    {
    }
}
