package dev.exitengine.tools.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeChartTest
{
    private static final long T0 = 1_723_161_240_000L;

    /** A price path of a minute, a stop armed then trailed, a target, and entry / trigger / exit marks. */
    static TimeChart pricePath()
    {
        final int n = 600;
        final long[] times = new long[n];
        final double[] prices = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = T0 + i * 100L;
            prices[i] = 61_000 + 40 * Math.sin(i / 60.0) + i * 0.05;
        }
        return new TimeChart("position 7: BTCUSDT long 0.1").subtitle("journal /tmp/j, 2024-08-08")
            .axisLabels("time (UTC)", "price (USDT)")
            .addSeries("last price", times, prices)
            .addSteps("stop loss", new long[] {T0, T0 + 20_000, T0 + 40_000, T0 + 55_000},
                new double[] {60_950, 60_990, 61_010, Double.NaN})
            .addLevel("take profit", 61_070.5)
            .addMarker(T0, prices[0], "entry")
            .addMarker(T0 + 55_000, 61_010, "trigger")
            .addMarker(T0 + 55_100, prices[551], "exit");
    }

    @Test
    void writesAPngOfTheAskedSizeThatDecodesAndShowsEachSeriesColour(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("charts/price.png");
        pricePath().write(file, 1000, 600);

        assertTrue(Files.size(file) > 10_000, "a drawn chart, not an empty image: " + Files.size(file) + " bytes");
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        // the price line (first colour), the stop steps (second) and the target level (third) are all drawn
        assertTrue(pixelsNear(image, new Color(0x1f77b4)) > 500, "price line drawn");
        assertTrue(pixelsNear(image, new Color(0xff7f0e)) > 200, "stop steps drawn");
        assertTrue(pixelsNear(image, new Color(0x2ca02c)) > 200, "target level drawn");
        assertTrue(pixelsNear(image, new Color(0x222222)) > 50, "markers drawn");
    }

    @Test
    void aLogarithmicChartOfSeveralSeriesIsWrittenToo(@TempDir final Path dir) throws IOException
    {
        final long[] times = {T0, T0 + 300_000, T0 + 600_000, T0 + 900_000};
        final Path file = dir.resolve("latency.png");
        new TimeChart("tick to decision").axisLabels("interval end (UTC)", "latency (µs)").logarithmicValues()
            .addSeries("p50", times, new double[] {8.2, 8.4, 8.1, 8.3})
            .addSeries("p99", times, new double[] {27.5, 30.1, 25.0, 28.8})
            .addSeries("max", times, new double[] {3_919.9, 6_213.6, 512.0, 800.0})
            .write(file, 800, 500);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(pixelsNear(image, new Color(0x2ca02c)) > 100, "the third series drawn");
    }

    @Test
    void seriesWhoseTimesAndValuesDifferInLengthAreRefusedByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new TimeChart("x").addSeries("bid", new long[] {1, 2}, new double[] {1}));
        assertEquals("series 'bid': 2 times but 1 values", ex.getMessage());
    }

    /** Pixels within a small distance of {@code c} (lines are anti-aliased, so few are exactly it). */
    static int pixelsNear(final BufferedImage image, final Color c)
    {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                final int rgb = image.getRGB(x, y);
                final int dr = ((rgb >> 16) & 0xff) - c.getRed();
                final int dg = ((rgb >> 8) & 0xff) - c.getGreen();
                final int db = (rgb & 0xff) - c.getBlue();
                if (dr * dr + dg * dg + db * db < 30 * 30)
                {
                    n++;
                }
            }
        }
        return n;
    }
}
