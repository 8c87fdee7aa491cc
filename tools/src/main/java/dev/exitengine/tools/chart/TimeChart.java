package dev.exitengine.tools.chart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * A PNG chart of values over time (UTC): named line series (a price path, latency percentiles), stepped
 * level series (a stop that moves), horizontal levels across the whole time range, and labelled point
 * markers (entry, trigger, exit). Drawn headless with JFreeChart; one builder, one {@link #write}.
 *
 * <pre>
 * new TimeChart("position 7").axisLabels("time (UTC)", "price")
 *     .addSeries("last price", times, prices)
 *     .addSteps("stop loss", levelTimes, stops)
 *     .addLevel("take profit", 61_020.5)
 *     .addMarker(entryTime, 60_950.0, "entry")
 *     .write(Path.of("position-7.png"), 1200, 700);
 * </pre>
 */
public final class TimeChart
{
    static
    {
        // no display on a server or in CI: JFreeChart draws into an image only
        System.setProperty("java.awt.headless", "true");
    }

    /** Line and step colours in the order series are added: distinct on white, and for the common colour blindnesses. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color MARKER = new Color(0x222222);
    /** Line series of at most this many points get a dot at each. */
    private static final int DOTTED_UP_TO = 60;
    private static final BasicStroke LINE = new BasicStroke(1.6f);
    private static final BasicStroke LEVEL = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {7f, 4f}, 0f);

    private enum Kind
    {
        LINE, STEPS, LEVEL
    }

    private static final class Series
    {
        final String name;
        final Kind kind;
        final double[] times;
        final double[] values;

        Series(final String name, final Kind kind, final double[] times, final double[] values)
        {
            this.name = name;
            this.kind = kind;
            this.times = times;
            this.values = values;
        }
    }

    private static final class Marker
    {
        final long timeMs;
        final double value;
        final String label;

        Marker(final long timeMs, final double value, final String label)
        {
            this.timeMs = timeMs;
            this.value = value;
            this.label = label;
        }
    }

    private final String title;
    private String subtitle;
    private String timeLabel = "time (UTC)";
    private String valueLabel = "";
    private boolean logarithmic;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    public TimeChart(final String title)
    {
        this.title = title;
    }

    /** A second line under the title (what was run, on which journal). */
    public TimeChart subtitle(final String text)
    {
        this.subtitle = text;
        return this;
    }

    public TimeChart axisLabels(final String timeAxis, final String valueAxis)
    {
        this.timeLabel = timeAxis;
        this.valueLabel = valueAxis;
        return this;
    }

    /** The value axis on a logarithmic scale (latencies spanning microseconds to milliseconds); values must be positive. */
    public TimeChart logarithmicValues()
    {
        this.logarithmic = true;
        return this;
    }

    /** A line through {@code values[i]} at {@code timesMs[i]} (epoch milliseconds, ascending). */
    public TimeChart addSeries(final String name, final long[] timesMs, final double[] values)
    {
        series.add(new Series(name, Kind.LINE, times(name, timesMs, values), values.clone()));
        return this;
    }

    /**
     * A level that holds each value from its time until the next one's (a stop that is armed, then moved);
     * a {@link Double#NaN} value means no level from that time on (disarmed, or the position closed).
     */
    public TimeChart addSteps(final String name, final long[] timesMs, final double[] values)
    {
        series.add(new Series(name, Kind.STEPS, times(name, timesMs, values), values.clone()));
        return this;
    }

    /** A horizontal line at {@code value} across the chart's whole time range. */
    public TimeChart addLevel(final String name, final double value)
    {
        series.add(new Series(name, Kind.LEVEL, new double[0], new double[] {value}));
        return this;
    }

    /** A point marked and labelled on the chart (entry, trigger, exit). */
    public TimeChart addMarker(final long timeMs, final double value, final String label)
    {
        markers.add(new Marker(timeMs, value, label));
        return this;
    }

    /** Draws the chart into a PNG of {@code width} × {@code height} pixels; the folder is created when missing. */
    public void write(final Path file, final int width, final int height) throws IOException
    {
        if (width <= 0 || height <= 0)
        {
            throw new IllegalArgumentException("chart size must be positive, was " + width + " x " + height);
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart(), width, height);
    }

    private JFreeChart chart()
    {
        final DateAxis timeAxis = new DateAxis(timeLabel);
        timeAxis.setTimeZone(TimeZone.getTimeZone("UTC"));
        final ValueAxis valueAxis;
        if (logarithmic)
        {
            final LogAxis log = new LogAxis(valueLabel);
            log.setBase(10);
            log.setSmallestValue(1e-3);
            // a label at each power of ten (0.1, 1, 10, 100, ...), unlabelled ticks between
            log.setTickUnit(new NumberTickUnit(1));
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
            valueAxis = log;
        }
        else
        {
            final NumberAxis linear = new NumberAxis(valueLabel);
            linear.setAutoRangeIncludesZero(false);
            valueAxis = linear;
        }
        final XYPlot plot = new XYPlot();
        plot.setDomainAxis(timeAxis);
        plot.setRangeAxis(valueAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        final double[] span = timeSpan();
        final DefaultXYDataset lines = new DefaultXYDataset();
        final DefaultXYDataset steps = new DefaultXYDataset();
        final XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        final XYStepRenderer stepRenderer = new XYStepRenderer();
        for (int i = 0; i < series.size(); i++)
        {
            final Series s = series.get(i);
            final boolean line = s.kind == Kind.LINE;
            final DefaultXYDataset target = line ? lines : steps;
            final XYItemRenderer renderer = line ? lineRenderer : stepRenderer;
            final int index = target.getSeriesCount();
            final double[][] data = s.kind == Kind.LEVEL
                ? new double[][] {{span[0], span[1]}, {s.values[0], s.values[0]}} : new double[][] {s.times, s.values};
            target.addSeries(uniqueName(s.name, i), data);
            renderer.setSeriesPaint(index, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(index, line ? LINE : LEVEL);
            if (line && s.times.length <= DOTTED_UP_TO)
            {
                // a few points (latency intervals of a short run): each drawn as a dot, so it is seen where the line bends
                lineRenderer.setSeriesShapesVisible(index, true);
                lineRenderer.setSeriesShape(index, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
            }
        }
        // drawn and listed in this order: the lines, the levels over them, the markers on top
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        plot.setDataset(1, steps);
        plot.setRenderer(1, stepRenderer);
        addMarkers(plot);
        final JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, !series.isEmpty());
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null)
        {
            chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 12)));
        }
        return chart;
    }

    /** Markers: a filled diamond each (its own dataset, not in the legend) with its label on a short pointer. */
    private void addMarkers(final XYPlot plot)
    {
        if (markers.isEmpty())
        {
            return;
        }
        final double[][] points = new double[2][markers.size()];
        for (int i = 0; i < markers.size(); i++)
        {
            final Marker m = markers.get(i);
            points[0][i] = m.timeMs;
            points[1][i] = m.value;
            final XYPointerAnnotation label = new XYPointerAnnotation(m.label, m.timeMs, m.value, -Math.PI / 4);
            label.setFont(new Font("SansSerif", Font.BOLD, 12));
            label.setPaint(MARKER);
            label.setArrowPaint(MARKER);
            label.setTipRadius(6);
            label.setBaseRadius(30);
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        final DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("markers", points);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, MARKER);
        renderer.setSeriesShape(0, diamond(6));
        renderer.setSeriesVisibleInLegend(0, false);
        plot.setDataset(2, data);
        plot.setRenderer(2, renderer);
    }

    /** The first and last time of every series and marker, for levels drawn across the whole chart. */
    private double[] timeSpan()
    {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (final Series s : series)
        {
            for (final double t : s.times)
            {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        for (final Marker m : markers)
        {
            first = Math.min(first, m.timeMs);
            last = Math.max(last, m.timeMs);
        }
        return first <= last ? new double[] {first, last} : new double[] {0, 1};
    }

    /** JFreeChart keys series by name: a name given twice gets its position appended, so neither replaces the other. */
    private String uniqueName(final String name, final int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (series.get(i).name.equals(name))
            {
                return name + " (" + (index + 1) + ")";
            }
        }
        return name;
    }

    private static double[] times(final String name, final long[] timesMs, final double[] values)
    {
        if (timesMs.length != values.length)
        {
            throw new IllegalArgumentException("series '" + name + "': " + timesMs.length + " times but " + values.length + " values");
        }
        final double[] times = new double[timesMs.length];
        for (int i = 0; i < times.length; i++)
        {
            times[i] = timesMs[i];
        }
        return times;
    }

    private static Path2D diamond(final double r)
    {
        final Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }
}
