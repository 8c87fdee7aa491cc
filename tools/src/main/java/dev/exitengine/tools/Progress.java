package dev.exitengine.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress of a long run or replay: on a terminal one line that updates in place, elsewhere (a log, a
 * pipe, CI) whole lines, so the output never runs several reports together.
 */
public final class Progress
{
    private static final boolean TERMINAL = System.console() != null;
    private static final int BAR_WIDTH = 30;
    private static boolean pending;

    private Progress()
    {
    }

    /** Shows {@code what} as the current progress. */
    public static synchronized void report(final PrintStream out, final String what)
    {
        if (TERMINAL)
        {
            out.print("\r" + what + "\033[K");
            pending = true;
        }
        else
        {
            out.println(what);
        }
        out.flush();
    }

    /**
     * Whether the process's standard error is a terminal (where a progress bar belongs) even when its standard
     * output is redirected to a file or a pipe, which {@link System#console()} cannot tell.
     */
    public static boolean stderrIsTerminal()
    {
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return TERMINAL;
        }
    }

    /** Draws {@code [#####.....]  52%  what} in place: only for a terminal ({@link #stderrIsTerminal}), cleared by {@link #done}. */
    public static synchronized void bar(final PrintStream out, final long done, final long total, final String what)
    {
        final double fraction = total <= 0 ? 0 : Math.min(1.0, (double)done / total);
        final int filled = (int)Math.round(fraction * BAR_WIDTH);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%  ", (int)(fraction * 100))
            + what + "\033[K");
        out.flush();
        pending = true;
    }

    /** Ends an in-place progress line, if one is showing. */
    public static synchronized void done(final PrintStream out)
    {
        if (pending)
        {
            out.print("\r\033[K");
            out.flush();
            pending = false;
        }
    }
}
