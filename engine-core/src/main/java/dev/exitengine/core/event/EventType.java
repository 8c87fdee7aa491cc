package dev.exitengine.core.event;

/** Every kind of input that travels the ring. Codes are part of the journal format: never renumber. */
public enum EventType
{
    INSTRUMENT(1),
    PROFILE(2),
    TRADE(3),
    QUOTE(4),
    MARK(5),
    FILL(6),
    COMMAND(7),
    TIMER(8),
    ORDER_ACK(9),
    ORDER_REJECT(10),
    ORDER_FILL(11),
    ORDER_EXPIRED(12),
    POSITION_SNAPSHOT(13);

    public final byte code;
    private static final EventType[] BY_CODE = new EventType[16];

    static
    {
        for (final EventType t : values())
        {
            BY_CODE[t.code] = t;
        }
    }

    EventType(final int code)
    {
        this.code = (byte)code;
    }

    public static EventType ofCode(final int code)
    {
        final EventType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null)
        {
            throw new IllegalArgumentException("unknown event type code " + code);
        }
        return t;
    }

    public boolean isMarketData()
    {
        return this == TRADE || this == QUOTE || this == MARK;
    }

    public boolean isGatewayResponse()
    {
        return this == ORDER_ACK || this == ORDER_REJECT || this == ORDER_FILL || this == ORDER_EXPIRED;
    }
}
