package dev.exitengine.tools.live;

import dev.exitengine.core.InputRefusedException;
import dev.exitengine.core.NamedInputs;
import dev.exitengine.core.ingest.InputSink;
import dev.exitengine.feed.JsonLinesFeed;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON Lines from the admin endpoint, handed to the engine's single ingress thread and answered with
 * their verdict: any thread {@link #submit}s a line and waits; the ingress thread {@link #drain}s the
 * queue between market events, parses each line into the engine's named inputs and completes its
 * verdict: null when accepted, else the reason (a parse error naming the field, or the ingress's
 * refusal naming the line).
 */
public final class LineIntake
{
    /** Where a refusal says the line came from. */
    public static final String SOURCE = "POST /events";

    private static final class Pending
    {
        final String line;
        final long lineNumber;
        final CompletableFuture<String> verdict = new CompletableFuture<>();

        Pending(final String line, final long lineNumber)
        {
            this.line = line;
            this.lineNumber = lineNumber;
        }
    }

    private final ManyToOneConcurrentArrayQueue<Pending> queue;
    private final long timeoutMs;
    private volatile boolean closed;

    public LineIntake(final int capacity, final long timeoutMs)
    {
        this.queue = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.timeoutMs = timeoutMs;
    }

    /** Any thread: the line's verdict, null when the engine accepted it. Waits at most the intake's timeout. */
    public String submit(final String line, final long lineNumber)
    {
        if (closed)
        {
            return "the engine is stopping";
        }
        final Pending p = new Pending(line, lineNumber);
        if (!queue.offer(p))
        {
            return "the engine's intake is full (" + queue.capacity() + " lines waiting): try again";
        }
        try
        {
            return p.verdict.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return "no verdict within " + timeoutMs + " ms: the line may still be applied";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the verdict: the line may still be applied";
        }
        catch (final ExecutionException ex)
        {
            return String.valueOf(ex.getCause());
        }
    }

    /** The ingress thread: applies up to {@code limit} waiting lines in arrival order; returns how many. */
    public int drain(final JsonLinesFeed parser, final InputSink inputs, final int limit)
    {
        int n = 0;
        Pending p;
        while (n < limit && (p = queue.poll()) != null)
        {
            n++;
            p.verdict.complete(apply(parser, inputs, p));
        }
        return n;
    }

    private static String apply(final JsonLinesFeed parser, final InputSink inputs, final Pending p)
    {
        final NamedInputs checked = inputs instanceof NamedInputs n ? n : null;
        inputs.position(SOURCE, p.lineNumber);
        if (checked != null)
        {
            // the engine's own checks answer the line (a cluster's engine checks it where the log applies it)
            checked.stopOnRefusal(true);
        }
        try
        {
            return parser.parseLine(p.line, inputs);
        }
        catch (final InputRefusedException ex)
        {
            return ex.getMessage();
        }
        catch (final RuntimeException ex)
        {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        finally
        {
            if (checked != null)
            {
                checked.stopOnRefusal(false);
            }
            inputs.position(null, 0);
        }
    }

    /** Refuses what is still waiting and every later line (shutdown). */
    public void close()
    {
        closed = true;
        Pending p;
        while ((p = queue.poll()) != null)
        {
            p.verdict.complete("the engine is stopping");
        }
    }
}
