package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replays a raw capture of Binance USDⓈ-M market streams: one message a line, {@code <receive time, ns
 * since epoch> <JSON>} (a line that starts with the JSON itself is accepted too), plain or gzip. Messages
 * are decoded by {@link BinanceStreamDecoder}: trades, aggregate trades, book tickers and mark prices
 * become events with the exchange's times; depth updates and other streams are skipped and counted
 * ({@link #skipped()}). The receive time is checked but not delivered: engine time is exchange time.
 */
public final class WsCaptureFeed implements Feed
{
    /** The capture bundled with this module: BTCUSDT, 2024-08-08 23:54–24:00 UTC, trades and book tickers. */
    public static final String BUNDLED_RESOURCE = "/data/BTCUSDT-2024-08-08-ws-capture.gz";

    private final FeedInput input;
    private final LineRejects rejects;
    private final BinanceStreamDecoder decoder = new BinanceStreamDecoder();

    public WsCaptureFeed(final FeedInput input, final FeedOptions options)
    {
        this.input = input;
        this.rejects = new LineRejects(input.name(), options);
    }

    public static WsCaptureFeed of(final Path file, final FeedOptions options)
    {
        return new WsCaptureFeed(FeedInput.file(file), options);
    }

    /** The capture bundled with this module ({@link #BUNDLED_RESOURCE}). */
    public static WsCaptureFeed bundled(final FeedOptions options)
    {
        return new WsCaptureFeed(FeedInput.classpath(BUNDLED_RESOURCE), options);
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        long delivered = 0;
        rejects.reset();
        decoder.resetSkipped();
        try (LineReader lines = new LineReader(input.openReader()))
        {
            while (lines.next())
            {
                if (lines.isBlank())
                {
                    continue;
                }
                final char[] buffer = lines.buffer();
                final int end = lines.start() + lines.length();
                int start = lines.start();
                while (buffer[start] == ' ' || buffer[start] == '\t')
                {
                    start++;
                }
                int json = start;
                if (buffer[start] != '{' && buffer[start] != '[')
                {
                    while (json < end && buffer[json] >= '0' && buffer[json] <= '9')
                    {
                        json++;
                    }
                    if (json == start || json == end || buffer[json] != ' ')
                    {
                        rejects.reject(sink, lines.lineNumber(), "expected '<receive time ns> <JSON message>'");
                        continue;
                    }
                    json++;
                }
                try
                {
                    sink.position(input.name(), lines.lineNumber());
                    delivered += decoder.decode(buffer, json, end - json, sink);
                }
                catch (final MalformedEventException ex)
                {
                    rejects.reject(sink, lines.lineNumber(), ex.getMessage());
                }
            }
        }
        return delivered;
    }

    /**
     * Decodes one market-stream message (a line's JSON, without the receive time) to {@code sink}.
     *
     * @return events delivered: 1, or 0 for a skipped kind of message.
     * @throws MalformedEventException naming the field when the message is bad.
     */
    public int parseMessage(final String json, final InputSink sink)
    {
        return decoder.decode(json, sink);
    }

    /** Messages of the last run (or {@link #parseMessage} calls) that were of a skipped kind. */
    public long skipped()
    {
        return decoder.skipped();
    }

    /** Lines rejected by the last run. */
    public long rejected()
    {
        return rejects.count();
    }
}
