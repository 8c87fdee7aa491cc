package dev.exitengine.tools.live;

import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.ExitReason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code GET /health} reports, taken at one moment by the live process: open positions, exits by
 * reason, the last event's time, each stream's connection and the stale symbols. Immutable.
 *
 * @param openPositions  positions the engine tracks
 * @param exitsByReason  completed exits per {@link ExitReason} name (sorted by name)
 * @param lastEventTime  event time (epoch ms) of the last event evaluated, 0 before any
 * @param streams        the inbound streams
 * @param staleSymbols   symbols whose market data is stale
 * @param fault          why the engine has faulted, or null while it runs
 */
public record HealthSnapshot(long openPositions, Map<String, Long> exitsByReason, long lastEventTime,
    List<StreamHealth> streams, List<String> staleSymbols, String fault)
{
    /** Engine faulted. */
    public static final String FAILING = "failing";
    /** A stream is disconnected or a symbol is stale. */
    public static final String DEGRADED = "degraded";
    public static final String OK = "ok";

    public HealthSnapshot
    {
        exitsByReason = Collections.unmodifiableMap(new TreeMap<>(exitsByReason));
        streams = List.copyOf(streams);
        staleSymbols = List.copyOf(staleSymbols);
    }

    /** {@link #FAILING} when the engine has faulted, {@link #DEGRADED} when a stream is down or a symbol stale, else {@link #OK}. */
    public String status()
    {
        if (fault != null)
        {
            return FAILING;
        }
        if (!staleSymbols.isEmpty() || streams.stream().anyMatch(s -> !s.connected()))
        {
            return DEGRADED;
        }
        return OK;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** Collects a snapshot's parts; {@link #counters} fills what the engine's counters know. */
    public static final class Builder
    {
        private long openPositions;
        private final Map<String, Long> exitsByReason = new TreeMap<>();
        private long lastEventTime;
        private final List<StreamHealth> streams = new ArrayList<>();
        private final List<String> staleSymbols = new ArrayList<>();
        private String fault;

        private Builder()
        {
        }

        /** Open positions ({@code POSITIONS_TRACKED}), exits by reason ({@code EXITS_*}) and {@code LAST_EVENT_TS}. */
        public Builder counters(final EngineCounters counters)
        {
            openPositions = counters.get(Counter.POSITIONS_TRACKED);
            lastEventTime = counters.get(Counter.LAST_EVENT_TS);
            for (final ExitReason reason : ExitReason.values())
            {
                exitsByReason.put(reason.name(), counters.get(Counter.exitsBy(reason)));
            }
            return this;
        }

        public Builder openPositions(final long openPositions)
        {
            this.openPositions = openPositions;
            return this;
        }

        public Builder exits(final String reason, final long count)
        {
            exitsByReason.put(Objects.requireNonNull(reason, "reason"), count);
            return this;
        }

        public Builder lastEventTime(final long lastEventTime)
        {
            this.lastEventTime = lastEventTime;
            return this;
        }

        public Builder stream(final String name, final boolean connected, final long lastMessageAgeMs)
        {
            streams.add(new StreamHealth(name, connected, lastMessageAgeMs));
            return this;
        }

        public Builder staleSymbol(final String symbol)
        {
            staleSymbols.add(Objects.requireNonNull(symbol, "symbol"));
            return this;
        }

        /** Marks the engine faulted, with why. */
        public Builder fault(final String why)
        {
            fault = why;
            return this;
        }

        public HealthSnapshot build()
        {
            return new HealthSnapshot(openPositions, exitsByReason, lastEventTime, streams, staleSymbols, fault);
        }
    }
}
