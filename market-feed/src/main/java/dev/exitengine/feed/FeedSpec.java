package dev.exitengine.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a feed from its command-line spec, {@code KIND:ARGS}:
 * <pre>
 * jsonl:FILE                       JSON Lines events ({@link JsonLinesFeed})
 * trades-csv:FILE[@SYMBOL]         Binance trades CSV ({@link BinanceTradesCsvFeed})
 * aggtrades-csv:FILE[@SYMBOL]      Binance aggTrades CSV ({@link BinanceTradesCsvFeed})
 * bookticker-csv:FILE[@SYMBOL]     Binance bookTicker CSV ({@link BinanceBookTickerCsvFeed})
 * ws-capture:FILE                  raw WebSocket capture ({@link WsCaptureFeed})
 * ws-capture:bundled               the capture bundled with this module
 * synthetic:SYMBOLS:EVENTS:SEED    seeded random walk ({@link SyntheticFeed})
 * </pre>
 * Files may be plain or gzip (told by their first bytes). CSV files carry no symbol: it is the file
 * name up to its first '-' ({@code BTCUSDT-2024-08-08-trades.csv} is BTCUSDT) unless given after '@'.
 */
public final class FeedSpec
{
    /** The accepted forms, for help texts. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "jsonl:FILE",
        "trades-csv:FILE[@SYMBOL]",
        "aggtrades-csv:FILE[@SYMBOL]",
        "bookticker-csv:FILE[@SYMBOL]",
        "ws-capture:FILE | ws-capture:bundled",
        "synthetic:SYMBOLS:EVENTS:SEED");

    private FeedSpec()
    {
    }

    /**
     * Opens the feed a spec names. Files are checked to exist now and read when the feed runs.
     *
     * @throws IllegalArgumentException naming the spec when it is malformed, its file is missing, or a
     *                                  symbol cannot be taken from the file name.
     */
    public static Feed open(final String spec, final FeedOptions options)
    {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        final int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1)
        {
            throw error(spec, "expected KIND:ARGS, one of " + USAGE.replace(System.lineSeparator(), ", "));
        }
        final String kind = spec.substring(0, colon);
        final String args = spec.substring(colon + 1);
        switch (kind)
        {
            case "jsonl":
                return new JsonLinesFeed(file(spec, args), options);
            case "trades-csv":
            case "aggtrades-csv":
            {
                final FileAndSymbol fs = fileAndSymbol(spec, args);
                final BinanceTradesCsvFeed.Layout layout =
                    "trades-csv".equals(kind) ? BinanceTradesCsvFeed.Layout.TRADES : BinanceTradesCsvFeed.Layout.AGG_TRADES;
                return new BinanceTradesCsvFeed(fs.input, fs.symbol, layout, options);
            }
            case "bookticker-csv":
            {
                final FileAndSymbol fs = fileAndSymbol(spec, args);
                return new BinanceBookTickerCsvFeed(fs.input, fs.symbol, options);
            }
            case "ws-capture":
                return "bundled".equals(args) ? WsCaptureFeed.bundled(options) : new WsCaptureFeed(file(spec, args), options);
            case "synthetic":
                return synthetic(spec, args);
            default:
                throw error(spec, "unknown feed kind '" + kind + "'; expected one of " +
                    USAGE.replace(System.lineSeparator(), ", "));
        }
    }

    /**
     * The symbol a Binance data file is named by: its name up to the first '-'
     * ({@code BTCUSDT-2024-08-08-trades.csv} → {@code BTCUSDT}).
     *
     * @throws IllegalArgumentException when the name has no such prefix.
     */
    public static String symbolOfFileName(final String fileName)
    {
        final int dash = fileName.indexOf('-');
        if (dash <= 0)
        {
            throw new IllegalArgumentException("cannot take a symbol from file name '" + fileName +
                "' (expected SYMBOL-...); give it after '@', as FILE@SYMBOL");
        }
        return requireSymbol(fileName.substring(0, dash));
    }

    static String requireSymbol(final String symbol)
    {
        if (symbol == null || symbol.isEmpty())
        {
            throw new IllegalArgumentException("symbol must not be empty");
        }
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.'))
            {
                throw new IllegalArgumentException("symbol '" + symbol + "' has a character other than letters, digits, '_' and '.'");
            }
        }
        return symbol;
    }

    private static FeedInput file(final String spec, final String path)
    {
        final Path file = Path.of(path);
        if (!Files.isRegularFile(file))
        {
            throw error(spec, "no such file '" + path + "'");
        }
        if (!Files.isReadable(file))
        {
            throw error(spec, "file '" + path + "' is not readable");
        }
        return FeedInput.file(file);
    }

    /**
     * The file a spec reads (a CSV spec's FILE without its {@code @SYMBOL}); null for a spec that reads no
     * file of the caller's (synthetic, ws-capture:bundled) or that is malformed ({@link #open} says why).
     */
    public static Path fileOf(final String spec)
    {
        final int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1)
        {
            return null;
        }
        final String args = spec.substring(colon + 1);
        switch (spec.substring(0, colon))
        {
            case "jsonl":
                return Path.of(args);
            case "ws-capture":
                return "bundled".equals(args) ? null : Path.of(args);
            case "trades-csv":
            case "aggtrades-csv":
            case "bookticker-csv":
            {
                final int at = symbolAt(args);
                return Path.of(at < 0 ? args : args.substring(0, at));
            }
            default:
                return null;
        }
    }

    /** Where the {@code @SYMBOL} of a CSV spec's arguments starts; -1 when there is none (an '@' in a folder name is not one). */
    private static int symbolAt(final String args)
    {
        final int at = args.lastIndexOf('@');
        return at >= 0 && args.indexOf('/', at) < 0 && args.indexOf('\\', at) < 0 ? at : -1;
    }

    private static FileAndSymbol fileAndSymbol(final String spec, final String args)
    {
        final int at = symbolAt(args);
        String path = args;
        String symbol = null;
        if (at >= 0)
        {
            path = args.substring(0, at);
            symbol = args.substring(at + 1);
        }
        final FeedInput input = file(spec, path);
        try
        {
            return new FileAndSymbol(input, symbol == null ? symbolOfFileName(input.fileName()) : requireSymbol(symbol));
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(spec, ex.getMessage());
        }
    }

    private static Feed synthetic(final String spec, final String args)
    {
        final String[] parts = args.split(":", -1);
        if (parts.length != 3)
        {
            throw error(spec, "expected synthetic:SYMBOLS:EVENTS:SEED, e.g. synthetic:10:1000000:42");
        }
        final int symbols;
        final long events;
        final long seed;
        try
        {
            symbols = Integer.parseInt(parts[0]);
        }
        catch (final NumberFormatException ex)
        {
            throw error(spec, "SYMBOLS must be a whole number, was '" + parts[0] + "'");
        }
        try
        {
            events = Long.parseLong(parts[1].replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw error(spec, "EVENTS must be a whole number, was '" + parts[1] + "'");
        }
        try
        {
            seed = Long.parseLong(parts[2]);
        }
        catch (final NumberFormatException ex)
        {
            throw error(spec, "SEED must be a whole number, was '" + parts[2] + "'");
        }
        if (symbols < 1)
        {
            throw error(spec, "SYMBOLS must be at least 1, was " + symbols);
        }
        if (events < 0)
        {
            throw error(spec, "EVENTS must not be negative, was " + events);
        }
        return new SyntheticFeed(symbols, events, seed);
    }

    private static IllegalArgumentException error(final String spec, final String what)
    {
        return new IllegalArgumentException("feed '" + spec + "': " + what);
    }

    /** A CSV file and the symbol its rows are of. */
    private static final class FileAndSymbol
    {
        final FeedInput input;
        final String symbol;

        FileAndSymbol(final FeedInput input, final String symbol)
        {
            this.input = input;
            this.symbol = symbol;
        }
    }
}
