package dev.exitengine.core.api;

/** The answer of the pre-trade check: may this entry be opened, and if not, why. */
public final class PreTradeCheck
{
    public static final PreTradeCheck ALLOWED = new PreTradeCheck(true, null);

    public final boolean allowed;
    public final String reason;

    private PreTradeCheck(final boolean allowed, final String reason)
    {
        this.allowed = allowed;
        this.reason = reason;
    }

    public static PreTradeCheck deny(final String reason)
    {
        return new PreTradeCheck(false, reason);
    }

    @Override
    public String toString()
    {
        return allowed ? "ALLOWED" : "DENIED: " + reason;
    }
}
