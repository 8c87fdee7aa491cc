package dev.exitengine.core.order;

/**
 * Where each field of a venue answer lies in {@link GatewayResponses}' ring: the layout drawn once, here.
 * Each answer is one Agrona ring-buffer message whose type id says which answer it is; the offsets below
 * are from the message body's start, numbers in the machine's native byte order (the ring never leaves
 * the process: answers reach the journal as input events).
 * <pre>
 *         0       1       2       3       4       5       6       7
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *    0 |                           ts (long)                           |
 *      +---------------------------------------------------------------+
 *    8 |                      clientOrderId (long)                     |
 *      +---------------------------------------------------------------+   ACK, EXPIRED end here (16)
 *
 *   FILL                                                                 REJECT
 *      +---------------------------------------------------------------+      +-------------------------------+-----------
 *   16 |                           qty (long)                          |   16 |    reason byte count n (int)  | reason ...
 *      +---------------------------------------------------------------+      +-------------------------------+-----------
 *   24 |                          price (long)                         |   20 | reason, n UTF-8 bytes (n <= 900) ...
 *      +---------------------------------------------------------------+      +-----------------------------------------
 *   32 |                           fee (long)                          |        end at 20 + n
 *      +---------------------------------------------------------------+
 *                                                                 end at 40
 * </pre>
 */
public final class GatewayResponseLayout
{
    /** Message type ids. */
    public static final int ACK = 1;
    public static final int REJECT = 2;
    public static final int FILL = 3;
    public static final int EXPIRED = 4;

    public static final int TS_OFFSET = 0;
    public static final int CLIENT_ORDER_ID_OFFSET = 8;
    /** ACK and EXPIRED: time and client order id only. */
    public static final int ID_ONLY_LENGTH = 16;

    public static final int FILL_QTY_OFFSET = 16;
    public static final int FILL_PRICE_OFFSET = 24;
    public static final int FILL_FEE_OFFSET = 32;
    public static final int FILL_LENGTH = 40;

    /** REJECT: the reason's UTF-8 byte count (int). */
    public static final int REJECT_REASON_LENGTH_OFFSET = 16;
    public static final int REJECT_REASON_OFFSET = 20;
    /** A longer reason is cut to this many bytes. */
    public static final int MAX_REASON_BYTES = 900;

    /** The per-thread buffer an answer is built in: holds the longest, a REJECT with the longest reason. */
    public static final int SCRATCH_CAPACITY = 1024;

    private GatewayResponseLayout()
    {
    }
}
