package dev.exitengine.feed;

import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.feed.live.MarketFrameDecoder;
import dev.exitengine.feed.live.NamedMarketEvents;
import dev.exitengine.feed.live.SymbolTable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replays a raw capture of Binance USDⓈ-M market streams: one message a line, {@code <receive time, ns
 * since epoch> <JSON>} (a line that starts with the JSON itself is accepted too), plain or gzip. Messages
 * are decoded from their UTF-8 bytes by {@link MarketFrameDecoder}, the decoder of the live streams: trades, aggregate trades, book tickers and mark prices
 * become events with the exchange's times; depth updates and other streams are skipped and counted
 * ({@link #skipped()}). The receive time is checked but not delivered: engine time is exchange time.
 */
public final class WsCaptureFeed implements Feed
{
    /** The capture bundled with this module: BTCUSDT, 2024-08-08 23:54–24:00 UTC, trades and book tickers. */
    public static final String BUNDLED_RESOURCE = "/data/BTCUSDT-2024-08-08-ws-capture.gz";

    private final FeedInput input;
    /** Lines before this one are passed over undecoded (a resumed run's journal holds them). */
    private long startAt;
    private final LineRejects rejects;
    private final SymbolTable symbols = new SymbolTable();
    private final NamedMarketEvents named = new NamedMarketEvents(symbols);
    private final MarketFrameDecoder decoder = new MarketFrameDecoder(symbols, true, named);
    private byte[] bytes = new byte[1 << 12];

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
    public void startAt(final long line)
    {
        startAt = line;
    }

    @Override
    public long run(final InputSink sink) throws IOException
    {
        long delivered = 0;
        rejects.reset();
        decoder.resetCounts();
        named.to(sink);
        try (LineReader lines = new LineReader(input.openStream()))
        {
            while (lines.next())
            {
                if (lines.isBlank() || lines.lineNumber() < startAt)
                {
                    continue;
                }
                final byte[] line = lines.bytes();
                final int end = lines.start() + lines.length();
                int start = lines.start();
                while (line[start] == ' ' || line[start] == '\t')
                {
                    start++;
                }
                int json = start;
                if (line[start] != '{' && line[start] != '[')
                {
                    while (json < end && line[json] >= '0' && line[json] <= '9')
                    {
                        json++;
                    }
                    if (json == start || json == end || line[json] != ' ')
                    {
                        rejects.reject(sink, lines.lineNumber(), "expected '<receive time ns> <JSON message>'");
                        continue;
                    }
                    json++;
                }
                sink.position(input.name(), lines.lineNumber());
                final int events;
                if (lines.isAscii())
                {
                    // the common line: its bytes are the message, decoded where they lie
                    events = decoder.decode(line, json, end - json);
                }
                else
                {
                    // the message as text, encoded again: bytes that were not UTF-8 arrive as U+FFFD (the prefix is ASCII)
                    final int length = utf8(lines.chars(), json - lines.start(), lines.charLength());
                    events = decoder.decode(bytes, 0, length);
                }
                if (events == MarketFrameDecoder.MALFORMED)
                {
                    rejects.reject(sink, lines.lineNumber(), decoder.refusal());
                }
                else
                {
                    delivered += events;
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
        named.to(sink);
        final char[] chars = json.toCharArray();
        final int length = utf8(chars, 0, chars.length);
        final int events = decoder.decode(bytes, 0, length);
        if (events == MarketFrameDecoder.MALFORMED)
        {
            throw new MalformedEventException(decoder.refusal());
        }
        return events;
    }

    /** Encodes chars {@code start} to {@code end} as UTF-8 into {@link #bytes}; returns the byte count. */
    private int utf8(final char[] chars, final int start, final int end)
    {
        if (bytes.length < (end - start) * 3)
        {
            bytes = new byte[(end - start) * 3];
        }
        int n = 0;
        for (int i = start; i < end; i++)
        {
            final char c = chars[i];
            if (c < 0x80)
            {
                bytes[n++] = (byte)c;
            }
            else if (c < 0x800)
            {
                bytes[n++] = (byte)(0xC0 | c >> 6);
                bytes[n++] = (byte)(0x80 | c & 0x3F);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1]))
            {
                final int cp = Character.toCodePoint(c, chars[++i]);
                bytes[n++] = (byte)(0xF0 | cp >> 18);
                bytes[n++] = (byte)(0x80 | cp >> 12 & 0x3F);
                bytes[n++] = (byte)(0x80 | cp >> 6 & 0x3F);
                bytes[n++] = (byte)(0x80 | cp & 0x3F);
            }
            else if (Character.isSurrogate(c))
            {
                bytes[n++] = '?'; // a lone surrogate, as String.getBytes encodes it
            }
            else
            {
                bytes[n++] = (byte)(0xE0 | c >> 12);
                bytes[n++] = (byte)(0x80 | c >> 6 & 0x3F);
                bytes[n++] = (byte)(0x80 | c & 0x3F);
            }
        }
        return n;
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
