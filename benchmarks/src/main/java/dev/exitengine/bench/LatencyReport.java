package dev.exitengine.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

/**
 * Writes latency runs out: each histogram as an .hgrm percentile distribution (HdrHistogram's own
 * format, values in microseconds) and all of them on one percentile-distribution chart (PNG): the
 * x axis is the percentile on the usual 1 / (1 − p) log scale, the y axis microseconds.
 */
public final class LatencyReport
{
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private LatencyReport()
    {
    }

    /** Writes {@code histogram} as an .hgrm file (microseconds). */
    public static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(out, 5, 1000.0);
        }
    }

    /** One line of the chart. */
    public static final class Line
    {
        final String label;
        final Histogram histogram;
        final boolean dashed;

        public Line(final String label, final Histogram histogram, final boolean dashed)
        {
            this.label = label;
            this.histogram = histogram;
            this.dashed = dashed;
        }
    }

    /** Draws the percentile distributions of {@code lines} into a PNG. */
    public static void writeChart(final String title, final String subtitle, final List<Line> lines, final Path file)
        throws IOException
    {
        final XYSeriesCollection data = new XYSeriesCollection();
        double maxX = 10;
        for (final Line l : lines)
        {
            final XYSeries s = new XYSeries(l.label, false, true);
            if (l.histogram.getTotalCount() == 0)
            {
                continue;
            }
            for (final HistogramIterationValue v : l.histogram.percentiles(5))
            {
                final double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0)
                {
                    break;
                }
                final double x = 1.0 / (1.0 - p);
                s.add(x, l.histogram.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
                maxX = Math.max(maxX, x);
            }
            // the maximum, drawn at the percentile one sample short of all
            final double xMax = Math.max(maxX, (double)l.histogram.getTotalCount());
            s.add(xMax, l.histogram.getMaxValue() / 1000.0);
            maxX = Math.max(maxX, xMax);
            data.addSeries(s);
        }
        final LogAxis x = new LogAxis("percentile");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new PercentileFormat());
        x.setRange(1, Math.pow(10, Math.ceil(Math.log10(maxX))));
        final LogAxis y = new LogAxis("latency from intended send time (µs)");
        y.setBase(10);
        y.setSmallestValue(0.01);
        y.setTickUnit(new NumberTickUnit(1));
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++)
        {
            final Line l = lines.get(i);
            final int idx = data.indexOf(l.label);
            if (idx < 0)
            {
                continue;
            }
            renderer.setSeriesPaint(idx, COLORS[i % COLORS.length]);
            renderer.setSeriesStroke(idx, l.dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
        }
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null)
        {
            chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 12)));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 700);
    }

    /** Labels 1 / (1 − p) ticks as percentiles: 10 → 90%, 1000 → 99.9%. */
    private static final class PercentileFormat extends NumberFormat
    {
        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            final double p = 100.0 * (1.0 - 1.0 / number);
            if (p <= 0)
            {
                return toAppendTo.append("0%");
            }
            final String s = new java.math.BigDecimal(p).round(new java.math.MathContext(Math.max(2, (int)Math.round(Math.log10(number)) + 1)))
                .stripTrailingZeros().toPlainString();
            return toAppendTo.append(s).append('%');
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            return format((double)number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition)
        {
            return null;
        }
    }
}
