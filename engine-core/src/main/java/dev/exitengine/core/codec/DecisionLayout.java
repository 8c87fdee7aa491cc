package dev.exitengine.core.codec;

/**
 * Where each field of a journal output record (a {@link dev.exitengine.core.event.Decision}) lies: the layout
 * {@link DecisionCodec} writes and reads, drawn once, here. Offsets are in bytes from the record's start;
 * numbers are little-endian ({@link EventCodec#ORDER}). Every field is always present; pSide (position side),
 * side and reason are ordinals, -1 for none. Replay verification compares these bytes.
 * <pre>
 *         0       1       2       3       4       5       6       7
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *    0 |             length            |  type |        seq ...        |
 *      +-------------------------------+-------+-----------------------+
 *    8 |                ... seq                |         ts ...        |
 *      +---------------------------------------+-----------------------+
 *   16 |                 ... ts                |     accountId ...     |
 *      +-------+-------------------------------+-----------------------+
 *   24 |  ...  |            symbolId           |     positionId ...    |
 *      +-------+-------------------------------+-------+---------------+
 *   32 |             ... positionId            | pSide |    qty ...    |
 *      +---------------------------------------+-------+---------------+
 *   40 |                    ... qty                    | entryPrice ...|
 *      +-----------------------------------------------+---------------+
 *   48 |                 ... entryPrice                | takeProfit ...|
 *      +-----------------------------------------------+---------------+
 *   56 |                 ... takeProfit                |  stopLoss ... |
 *      +-----------------------------------------------+---------------+
 *   64 |                  ... stopLoss                 | trailingStop..|
 *      +-----------------------------------------------+---------------+
 *   72 |                ... trailingStop               |   level ...   |
 *      +-----------------------------------------------+-------+-------+
 *   80 |                   ... level                   |  side | reason|
 *      +-----------------------------------------------+-------+-------+
 *   88 |                             price                             |
 *      +---------------------------------------------------------------+
 *   96 |                         clientOrderId                         |
 *      +---------------------------------------------------------------+
 *  104 |                           exitPrice                           |
 *      +---------------------------------------------------------------+
 *  112 |                              fees                             |
 *      +---------------------------------------------------------------+
 *  120 |                             netPnl                            |
 *      +---------------------------------------------------------------+
 *  128 |                            slippage                           |
 *      +---------------------------------------------------------------+
 *  136 |                         breakevenStop                         |
 *      +---------------------------------------------------------------+
 *  144 |                          profitFloor                          |
 *      +---------------------------------------------------------------+
 *  152 |                         scaleOutTarget                        |
 *      +---------------------------------------------------------------+
 *  160 |                           roiTarget                           |
 *      +---------------------------------------------------------------+
 *  168 |  detail: int byte count, then UTF-8 bytes (-1 alone when absent) ...
 *      +---------------------------------------------------------------
 * </pre>
 * All fields but length, type, pSide, side and reason (bytes) and accountId, symbolId (ints) are longs.
 */
public final class DecisionLayout
{
    /** The whole record's length (int), detail included. */
    public static final int LENGTH_OFFSET = 0;
    /** The decision type's code (byte). */
    public static final int TYPE_OFFSET = 4;
    public static final int SEQ_OFFSET = 5;
    public static final int TS_OFFSET = 13;
    public static final int ACCOUNT_ID_OFFSET = 21;
    public static final int SYMBOL_ID_OFFSET = 25;
    public static final int POSITION_ID_OFFSET = 29;
    /** Position side ordinal (byte), -1 none. */
    public static final int POSITION_SIDE_OFFSET = 37;
    public static final int QTY_OFFSET = 38;
    public static final int ENTRY_PRICE_OFFSET = 46;
    public static final int TAKE_PROFIT_OFFSET = 54;
    public static final int STOP_LOSS_OFFSET = 62;
    public static final int TRAILING_STOP_OFFSET = 70;
    public static final int LEVEL_OFFSET = 78;
    /** Order side ordinal (byte), -1 none. */
    public static final int SIDE_OFFSET = 86;
    /** Exit reason ordinal (byte), -1 none. */
    public static final int REASON_OFFSET = 87;
    public static final int PRICE_OFFSET = 88;
    public static final int CLIENT_ORDER_ID_OFFSET = 96;
    public static final int EXIT_PRICE_OFFSET = 104;
    public static final int FEES_OFFSET = 112;
    public static final int NET_PNL_OFFSET = 120;
    public static final int SLIPPAGE_OFFSET = 128;
    public static final int BREAKEVEN_STOP_OFFSET = 136;
    public static final int PROFIT_FLOOR_OFFSET = 144;
    public static final int SCALE_OUT_TARGET_OFFSET = 152;
    public static final int ROI_TARGET_OFFSET = 160;
    /** The detail text (string: int byte count, UTF-8 bytes; -1 alone when absent), the record's last field. */
    public static final int DETAIL_OFFSET = 168;

    private DecisionLayout()
    {
    }
}
