package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live process's {@code /metrics} in the Prometheus text format, every value read at scrape time:
 * <ul>
 * <li>each engine {@link Counter} as {@code exit_engine_<counter in lower case>}: a counter
 *     ({@code ..._total}) when it only grows, a gauge for {@link #GAUGES} (positions tracked, ring
 *     capacity left at the last publish, last event time in epoch ms);</li>
 * <li>{@code exit_engine_ring_capacity_left} and {@code exit_engine_journal_lag} from the live process;</li>
 * <li>{@code exit_engine_stream_connected} (1 or 0) and {@code exit_engine_stream_last_message_age_ms}
 *     per {@code stream};</li>
 * <li>{@code exit_engine_tick_to_decision_seconds} and {@code exit_engine_tick_to_order_seconds}:
 *     summaries whose quantiles (0.5, 0.9, 0.99, 0.999 and 1 for the maximum) come from HdrHistogram
 *     copies of nanosecond latencies.</li>
 * </ul>
 * The histogram suppliers must return a copy (or null before any), never a histogram another thread writes.
 */
public final class EngineMetrics
{
    /** Counters that go up and down: exported as gauges. */
    public static final Set<Counter> GAUGES = EnumSet.of(Counter.POSITIONS_TRACKED, Counter.RING_REMAINING, Counter.LAST_EVENT_TS);
    public static final String PREFIX = "exit_engine_";
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param counters         the engine's counters, read with {@code get} at each scrape
     * @param ringCapacityLeft the ring's free slots now
     * @param journalLag       how many ring sequences the journal handler is behind the publisher
     * @param health           the streams' state (the same supplier {@code /health} uses)
     * @param tickToDecision   a copy of the tick to decision latency histogram (ns), or null
     * @param tickToOrder      a copy of the tick to order latency histogram (ns), or null
     */
    public EngineMetrics(final EngineCounters counters, final LongSupplier ringCapacityLeft, final LongSupplier journalLag,
        final Supplier<HealthSnapshot> health, final Supplier<Histogram> tickToDecision, final Supplier<Histogram> tickToOrder)
    {
        for (final Counter c : Counter.values())
        {
            final String name = PREFIX + c.name().toLowerCase(Locale.ROOT);
            if (GAUGES.contains(c))
            {
                GaugeWithCallback.builder().name(name).help(c.description)
                    .callback(cb -> cb.call(counters.get(c))).register(registry);
            }
            else
            {
                CounterWithCallback.builder().name(name).help(c.description)
                    .callback(cb -> cb.call(counters.get(c))).register(registry);
            }
        }
        gauge("ring_capacity_left", "ring slots free now", ringCapacityLeft);
        gauge("journal_lag", "ring sequences the journal is behind the publisher", journalLag);
        GaugeWithCallback.builder().name(PREFIX + "stream_connected").help("1 while the stream is connected").labelNames("stream")
            .callback(cb -> health.get().streams().forEach(s -> cb.call(s.connected() ? 1 : 0, s.name()))).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "stream_last_message_age_ms").help("milliseconds since the stream's last message")
            .labelNames("stream")
            .callback(cb -> health.get().streams().forEach(s -> cb.call(s.lastMessageAgeMs(), s.name()))).register(registry);
        latency("tick_to_decision_seconds", "latency from a tick's arrival to the engine's decision", tickToDecision);
        latency("tick_to_order_seconds", "latency from a tick's arrival to the close order handed to the gateway", tickToOrder);
    }

    /** Writes every metric, read now, in the Prometheus text format. */
    public void write(final OutputStream out) throws IOException
    {
        writer.write(out, registry.scrape());
    }

    public String contentType()
    {
        return writer.getContentType();
    }

    private void gauge(final String name, final String help, final LongSupplier value)
    {
        GaugeWithCallback.builder().name(PREFIX + name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    private void latency(final String name, final String help, final Supplier<Histogram> copy)
    {
        SummaryWithCallback.builder().name(PREFIX + name).help(help).callback(cb ->
        {
            final Histogram h = copy.get();
            if (h == null)
            {
                return;
            }
            final Quantiles.Builder quantiles = Quantiles.builder();
            for (final double q : QUANTILES)
            {
                quantiles.quantile(new Quantile(q, h.getValueAtPercentile(q * 100) / NANOS_PER_SECOND));
            }
            final long count = h.getTotalCount();
            cb.call(count, h.getMean() * count / NANOS_PER_SECOND, quantiles.build());
        }).register(registry);
    }
}
