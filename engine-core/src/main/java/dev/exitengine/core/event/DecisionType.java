package dev.exitengine.core.event;

/** What the engine decided. Codes are part of the journal format: never renumber. */
public enum DecisionType
{
    /** A position's exit levels were armed or moved. */
    LEVELS(1),
    /** A close order was decided. */
    CLOSE(2),
    /** A close's fills completed the exit. */
    EXIT(3),
    /** An input was refused (bad value, unknown symbol, duplicate): the engine's own record of it. */
    REJECTED(4),
    /** A position was quarantined after an error in its rules. */
    QUARANTINE(5),
    /** Engine state was corrected to an exchange snapshot. */
    RECONCILE(6),
    /** A close order was refused or expired and will be retried (or given up). */
    CLOSE_FAILED(7),
    /** A risk control acted: cooldown, drawdown halt, cap breached. */
    RISK(8);

    public final byte code;
    private static final DecisionType[] BY_CODE = new DecisionType[9];

    static
    {
        for (final DecisionType t : values())
        {
            BY_CODE[t.code] = t;
        }
    }

    DecisionType(final int code)
    {
        this.code = (byte)code;
    }

    public static DecisionType ofCode(final int code)
    {
        return BY_CODE[code];
    }
}
