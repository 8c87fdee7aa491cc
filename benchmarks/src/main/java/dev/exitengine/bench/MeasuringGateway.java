package dev.exitengine.bench;

import dev.exitengine.core.event.DecisionType;
import dev.exitengine.core.event.EngineEvent;
import dev.exitengine.core.order.CloseOrder;
import dev.exitengine.core.order.GatewayResponses;
import dev.exitengine.core.order.OrderGateway;
import org.HdrHistogram.Histogram;

import static dev.exitengine.bench.LatencyHarness.HIGHEST;
import static dev.exitengine.bench.LatencyHarness.TS_BASE;

/**
 * Times ticks and closes on the close-order handler's thread, from each tick's intended send time: a
 * tick's event time is {@link LatencyHarness#TS_BASE} plus its index, which finds its intended time in
 * the run's array without any map. A tick's decision is complete when its evaluated event arrives here
 * ({@link #onMarketEvent}); a close is handed over at {@link #send}. Without a venue, every close is
 * filled at once at 98.5; with one (a {@link dev.exitengine.gateway.PaperGateway}), the venue gets the
 * order and every market event after it has been timed, and answers as it does.
 */
final class MeasuringGateway implements OrderGateway
{
    final Histogram decision = new Histogram(HIGHEST, 3);
    final Histogram closeDecision = new Histogram(HIGHEST, 3);
    final Histogram order = new Histogram(HIGHEST, 3);
    private final OrderGateway venue;
    private GatewayResponses responses;
    private long first;
    private long[] intended = new long[0];
    long late;

    /** Fills every close at once itself. */
    MeasuringGateway()
    {
        this(null);
    }

    /** Hands every close and market event on to {@code venue} once timed; null fills at once. */
    MeasuringGateway(final OrderGateway venue)
    {
        this.venue = venue;
    }

    void begin(final long firstIndex, final long[] intendedTimes)
    {
        first = firstIndex;
        intended = intendedTimes;
        decision.reset();
        closeDecision.reset();
        order.reset();
    }

    @Override
    public void bind(final GatewayResponses r)
    {
        responses = r;
        if (venue != null)
        {
            venue.bind(r);
        }
    }

    private long intendedOf(final long ts)
    {
        final long i = ts - TS_BASE - first;
        if (i < 0 || i >= intended.length)
        {
            late++;
            return 0;
        }
        return intended[(int)i];
    }

    @Override
    public void onMarketEvent(final EngineEvent e)
    {
        final long now = System.nanoTime();
        final long due = intendedOf(e.ts);
        if (due != 0)
        {
            final long latency = Math.min(Math.max(0, now - due), HIGHEST);
            decision.recordValue(latency);
            for (int i = 0; i < e.decisions.size(); i++)
            {
                if (e.decisions.get(i).type == DecisionType.CLOSE)
                {
                    closeDecision.recordValue(latency);
                    break;
                }
            }
        }
        if (venue != null)
        {
            venue.onMarketEvent(e);
        }
    }

    @Override
    public void send(final CloseOrder o)
    {
        final long now = System.nanoTime();
        final long due = intendedOf(o.ts);
        if (due != 0)
        {
            order.recordValue(Math.min(Math.max(0, now - due), HIGHEST));
        }
        if (venue != null)
        {
            venue.send(o);
            return;
        }
        // the venue fills it at once: the position exits, and the injector opens a new one
        responses.fill(o.ts, o.clientOrderId, o.qty, 98_50000000L, 0);
    }

    @Override
    public void close()
    {
        if (venue != null)
        {
            venue.close();
        }
    }
}
