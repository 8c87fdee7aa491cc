package dev.exitengine.gateway.binance;

/**
 * What the {@link UserStreamDecoder} found in one frame of the user data stream: exactly one call per
 * frame. Holders passed in are reused for the next frame: copy what you keep. Every method but
 * {@link #onMalformed} does nothing by default.
 */
public interface UserStreamListener
{
    /** An {@code ORDER_TRADE_UPDATE}; count a fill only when {@link OrderUpdate#isTrade()}. */
    default void onOrderUpdate(final OrderUpdate update)
    {
    }

    /** A {@code TRADE_LITE}: the same fills as the order updates, leaner and sooner. */
    default void onTradeLite(final TradeLite trade)
    {
    }

    /** An {@code ACCOUNT_UPDATE}. */
    default void onAccountUpdate(final AccountUpdate update)
    {
    }

    /** An {@code ALGO_UPDATE}. */
    default void onAlgoUpdate(final AlgoUpdate update)
    {
    }

    /** A {@code listenKeyExpired}: the stream is dead, open a new key; {@code listenKey} is null when absent. */
    default void onListenKeyExpired(final long eventTime, final String listenKey)
    {
    }

    /** Any other event ({@code MARGIN_CALL}, {@code ACCOUNT_CONFIG_UPDATE}, …); {@code eventTime} is 0 when absent. */
    default void onOtherEvent(final String type, final long eventTime)
    {
    }

    /** A frame that could not be read, and why (naming the field when a field was wrong or missing). */
    void onMalformed(String reason);
}
