package dev.exitengine.core;

import com.lmax.disruptor.ExceptionHandler;
import dev.exitengine.core.api.Counter;
import dev.exitengine.core.api.EngineCounters;
import dev.exitengine.core.event.EngineEvent;

import java.util.function.Consumer;

/**
 * Counts an exception and lets the ring go on: the Disruptor's default handler would halt the
 * processor, and with it every exit. The last error is kept for the operator.
 */
public final class EngineExceptionHandler implements ExceptionHandler<EngineEvent>
{
    private final EngineCounters counters;
    private final Consumer<String> errors;
    private volatile String lastError;

    public EngineExceptionHandler(final EngineCounters counters, final Consumer<String> errors)
    {
        this.counters = counters;
        this.errors = errors;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final EngineEvent event)
    {
        counters.increment(Counter.ERRORS);
        lastError = "input #" + (sequence + 1) + " (" + (event == null ? "?" : event.type) + "): " + ex;
        errors.accept(lastError);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        counters.increment(Counter.ERRORS);
        errors.accept("handler start: " + ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        counters.increment(Counter.ERRORS);
        errors.accept("handler shutdown: " + ex);
    }

    public String lastError()
    {
        return lastError;
    }
}
