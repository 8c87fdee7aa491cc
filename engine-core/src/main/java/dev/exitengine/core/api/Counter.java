package dev.exitengine.core.api;

/** The engine's counters. Their order is the layout of the counters file: append, never reorder. */
public enum Counter
{
    EVENTS("events published to the ring"),
    TICKS("market events: trades, quotes, marks"),
    FILLS("entry and reduce fills applied"),
    INPUTS_REJECTED("inputs refused: malformed, unknown symbol, bad value, time regression, duplicate"),
    POSITIONS_TRACKED("positions tracked now"),
    LEVELS_ARMED("level decisions"),
    CLOSES_DECIDED("close orders decided"),
    CLOSES_SENT("close orders handed to the gateway"),
    CLOSES_ACKED("close orders acknowledged by the venue"),
    CLOSES_REJECTED("close orders refused by the venue"),
    CLOSES_EXPIRED("close orders expired"),
    CLOSE_RETRIES("close orders retried"),
    EXITS("exits completed"),
    ERRORS("errors caught (rule, data or handler)"),
    POSITIONS_QUARANTINED("positions quarantined"),
    RECONCILIATIONS("corrections to an exchange snapshot"),
    STALE_SYMBOLS("symbols flagged stale"),
    JOURNAL_BATCHES("journal batches appended"),
    EXITS_TAKE_PROFIT("exits by TAKE_PROFIT"),
    EXITS_PARTIAL_TAKE_PROFIT("exits by PARTIAL_TAKE_PROFIT"),
    EXITS_STOP_LOSS("exits by STOP_LOSS"),
    EXITS_TRAILING_STOP("exits by TRAILING_STOP"),
    EXITS_BREAKEVEN("exits by BREAKEVEN"),
    EXITS_PROFIT_FLOOR("exits by PROFIT_FLOOR"),
    EXITS_TIMEOUT("exits by TIMEOUT"),
    EXITS_ROI("exits by ROI"),
    EXITS_VOLATILITY_STOP("exits by VOLATILITY_STOP"),
    EXITS_RISK_LIMIT("exits by RISK_LIMIT"),
    EXITS_FORCED_UNWIND("exits by FORCED_UNWIND"),
    EXITS_MANUAL("exits by MANUAL"),
    RING_REMAINING("ring capacity left at the last publish"),
    LAST_EVENT_TS("event time of the last event evaluated"),
    INPUTS_JOURNALED("inputs appended to the journal (events on the ring minus this is the journal's lag)"),
    SOURCE_FALLBACKS("positions moved onto their profile's fallback trigger source while their own was stale"),
    RECONCILE_AWAITING_CLOSE("positions a venue snapshot no longer had, kept because their close was out (its outcome settles them)"),
    SNAPSHOTS("state snapshots taken (a resumed run restores the newest and re-reads only the journal after it)"),
    SNAPSHOT_PAUSE_NANOS("how long the last snapshot held the ingress (the engine quiet, its state copied), ns");

    public final String description;

    Counter(final String description)
    {
        this.description = description;
    }

    public static Counter exitsBy(final dev.exitengine.core.event.ExitReason reason)
    {
        return valueOf("EXITS_" + reason.name());
    }
}
