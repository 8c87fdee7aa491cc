package dev.exitengine.tools;

import java.io.PrintStream;

/**
 * Progress of a long run or replay: on a terminal one line that updates in place, elsewhere (a log, a
 * pipe, CI) whole lines, so the output never runs several reports together.
 */
public final class Progress
{
    private static final boolean TERMINAL = System.console() != null;
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
