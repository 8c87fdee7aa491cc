package dev.exitengine.feed.live;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The combined-stream URLs of Binance USDⓈ-M market data since the 2026 split: {@code bookTicker} on
 * {@code {wsUrl}/public/stream?streams=...}, {@code aggTrade} and {@code markPrice[@1s]} on
 * {@code {wsUrl}/market/stream?streams=...} (a stream on the wrong path fails silently), symbols in
 * lowercase, at most {@code perConnection} streams a URL (Binance allows 1024; we keep to 200).
 */
public final class StreamUrls
{
    /** Streams per connection we keep to, well under Binance's 1024. */
    public static final int STREAMS_PER_CONNECTION = 200;

    private StreamUrls()
    {
    }

    /** The URLs for every stream of every symbol, {@code /public} ones first. */
    public static List<URI> of(final String wsUrl, final List<String> symbols, final List<String> streams, final int perConnection)
    {
        final String base = wsUrl.endsWith("/") ? wsUrl.substring(0, wsUrl.length() - 1) : wsUrl;
        final List<String> publicStreams = new ArrayList<>();
        final List<String> marketStreams = new ArrayList<>();
        for (final String stream : streams)
        {
            final boolean isPublic = "bookTicker".equals(stream);
            if (!isPublic && !"aggTrade".equals(stream) && !"markPrice".equals(stream) && !"markPrice@1s".equals(stream))
            {
                throw new IllegalArgumentException("unsupported stream '" + stream + "': use aggTrade, bookTicker, markPrice or markPrice@1s");
            }
            for (final String symbol : symbols)
            {
                (isPublic ? publicStreams : marketStreams).add(symbol.toLowerCase(Locale.ROOT) + "@" + stream);
            }
        }
        final List<URI> urls = new ArrayList<>();
        split(base + "/public/stream?streams=", publicStreams, perConnection, urls);
        split(base + "/market/stream?streams=", marketStreams, perConnection, urls);
        return urls;
    }

    private static void split(final String prefix, final List<String> streams, final int perConnection, final List<URI> urls)
    {
        for (int from = 0; from < streams.size(); from += perConnection)
        {
            urls.add(URI.create(prefix + String.join("/", streams.subList(from, Math.min(streams.size(), from + perConnection)))));
        }
    }
}
