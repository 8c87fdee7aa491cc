package dev.exitengine.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** Runs a command with System.out and System.err captured: its exit code and what it printed. */
final class Console
{
    final int exitCode;
    final String out;
    final String err;

    private Console(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Console run(final String... args)
    {
        return capture(() -> Main.execute(args));
    }

    static synchronized Console capture(final IntSupplier command)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            System.setOut(o);
            System.setErr(e);
            code = command.getAsInt();
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Console(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString()
    {
        return "exit code " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
