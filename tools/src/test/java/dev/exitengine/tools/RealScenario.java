package dev.exitengine.tools;

import dev.exitengine.core.EngineConfig;
import dev.exitengine.core.num.Fixed;
import dev.exitengine.core.rules.ExitProfile;
import dev.exitengine.core.testing.SharedData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static dev.exitengine.tools.ReferenceExits.Kind.NET;
import static dev.exitengine.tools.ReferenceExits.Kind.PCT;

/**
 * A JSON Lines scenario made of the real BTCUSDT trades of 2024-08-08 with entry fills put in at fixed
 * trades: an instrument line, three profile lines, every trade as a {@code trade} line. The same inputs
 * go, in the same order, into a {@link ReferenceExits} model, which then holds the decisions the run
 * must write.
 */
final class RealScenario
{
    static final String INSTRUMENT = "{\"type\":\"instrument\",\"symbol\":\"BTCUSDT\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\","
        + "\"makerFee\":\"0.0002\",\"takerFee\":\"0.0004\"}";
    static final ReferenceExits.Profile USD10 = new ReferenceExits.Profile("usd10", NET, "10", NET, "10");
    static final ReferenceExits.Profile PERCENT = new ReferenceExits.Profile("tp01sl005", PCT, "0.1", PCT, "0.05");
    static final ReferenceExits.Profile WIDE = new ReferenceExits.Profile("net15loss5", NET, "15", NET, "5");
    static final ReferenceExits.Profile[] PROFILES = {USD10, PERCENT, WIDE};
    static final String[] SIZES = {"0.05", "0.08", "0.1", "0.12", "0.15", "0.2"};
    private static final BigDecimal MAKER = new BigDecimal("0.0002");

    final Path file;
    final ReferenceExits model = new ReferenceExits("0.1", "0.0004");
    int trades;
    int entries;
    int longs;
    int shorts;
    int entriesWithOwnFee;
    int lines;
    /** Line numbers (1-based) of the extra lines, in file order. */
    final List<Integer> extraLines = new java.util.ArrayList<>();

    private RealScenario(final Path file)
    {
        this.file = file;
    }

    /**
     * @param maxTrades  how many trades of the file to use (from its start)
     * @param firstEntry the trade (1-based) after which the first entry comes
     * @param every      trades between entries
     * @param positions  how many entries
     * @param extra      raw lines to put after a given trade (1-based), made from that trade's time; they
     *                   must all be refused, so the model does not see them
     */
    static RealScenario write(final Path file, final int maxTrades, final int firstEntry, final int every, final int positions,
        final Map<Integer, List<LongFunction<String>>> extra) throws IOException
    {
        return write(file, 0, maxTrades, firstEntry, every, positions, extra);
    }

    /** As {@link #write(Path, int, int, int, int, Map)}, from the file's trade {@code skip + 1} on. */
    static RealScenario write(final Path file, final int skip, final int maxTrades, final int firstEntry, final int every,
        final int positions, final Map<Integer, List<LongFunction<String>>> extra) throws IOException
    {
        final RealScenario s = new RealScenario(file);
        try (BufferedReader in = Files.newBufferedReader(SharedData.btcusdtTrades(), StandardCharsets.US_ASCII);
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            s.line(out, INSTRUMENT);
            s.model.otherEvent();
            for (final ReferenceExits.Profile p : PROFILES)
            {
                s.line(out, p.jsonLine());
                s.model.profile(p);
                s.model.otherEvent();
            }
            String row = in.readLine(); // header: id,price,qty,quote_qty,time,is_buyer_maker
            for (int i = 0; i < skip; i++)
            {
                in.readLine();
            }
            while ((row = in.readLine()) != null && s.trades < maxTrades)
            {
                final String[] f = row.split(",");
                final String price = f[1];
                final String qty = f[2];
                final long ts = Long.parseLong(f[4]);
                s.line(out, "{\"type\":\"trade\",\"ts\":" + ts + ",\"symbol\":\"BTCUSDT\",\"price\":\"" + price + "\",\"qty\":\"" + qty + "\"}");
                if (!s.model.trade(ts, new BigDecimal(price)))
                {
                    throw new IllegalStateException("real trade out of order at " + row);
                }
                s.trades++;
                if (s.entries < positions && s.trades >= firstEntry && (s.trades - firstEntry) % every == 0)
                {
                    s.entry(out, ts, new BigDecimal(price));
                }
                for (final LongFunction<String> bad : extra.getOrDefault(s.trades, List.of()))
                {
                    s.line(out, bad.apply(ts));
                    s.extraLines.add(s.lines);
                }
            }
        }
        return s;
    }

    /** Entry n is long when n is even; each side gets every profile with every size. */
    static boolean isBuy(final int n)
    {
        return n % 2 == 0;
    }

    static ReferenceExits.Profile profileOf(final int n)
    {
        return PROFILES[(n / 2) % PROFILES.length];
    }

    static BigDecimal sizeOf(final int n)
    {
        return new BigDecimal(SIZES[(n / 2 / PROFILES.length) % SIZES.length]);
    }

    /** Every third entry reports its own (maker) fee; the others pay the taker rate. */
    static boolean paysOwnFee(final int n)
    {
        return n % 3 == 1;
    }

    private void entry(final BufferedWriter out, final long ts, final BigDecimal price) throws IOException
    {
        final int n = entries++;
        final boolean buy = isBuy(n);
        final BigDecimal qty = sizeOf(n);
        final ReferenceExits.Profile profile = profileOf(n);
        final String account = String.format("acct-%02d", n + 1);
        final BigDecimal fee = paysOwnFee(n) ? MAKER.multiply(price.multiply(qty)).setScale(8, RoundingMode.HALF_UP) : null;
        line(out, "{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":\"" + account + "\",\"symbol\":\"BTCUSDT\",\"side\":\""
            + (buy ? "BUY" : "SELL") + "\",\"qty\":\"" + qty.toPlainString() + "\",\"price\":\"" + price.toPlainString() + "\""
            + (fee == null ? "" : ",\"fee\":\"" + fee.toPlainString() + "\"") + ",\"orderId\":\"entry-" + (n + 1)
            + "\",\"profile\":\"" + profile.name + "\"}");
        model.fill(ts, account, buy, qty, price, fee, profile.name);
        if (buy)
        {
            longs++;
        }
        else
        {
            shorts++;
        }
        if (fee != null)
        {
            entriesWithOwnFee++;
        }
    }

    private void line(final BufferedWriter out, final String text) throws IOException
    {
        lines++;
        out.write(text);
        out.write('\n');
    }
    /** The engine configuration of the cluster tests: caller-thread layout, BTCUSDT, and the $10-net profile "usd10". */
    static EngineConfig clusterConfig()
    {
        final EngineConfig config = new EngineConfig();
        config.layout = EngineConfig.Layout.CALLER_THREAD;
        config.instruments.add(ConfigFile.btcusdt());
        config.profiles.add(ExitProfile.builder("usd10")
            .takeProfit(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .stopLoss(ExitProfile.LevelKind.NET, Fixed.parse("10"))
            .build());
        return config;
    }
}
