/**
 * Feeds: sources of input events (JSON Lines, Binance CSV files, raw WebSocket captures, a seeded
 * synthetic walk) that read their source to the end and deliver every event to an
 * {@link dev.exitengine.core.ingest.InputSink}. {@link dev.exitengine.feed.FeedSpec} turns the
 * command line's {@code --feed KIND:ARGS} into a {@link dev.exitengine.feed.Feed}.
 */
package dev.exitengine.feed;
