package dev.exitengine.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code exit-engine} command line: {@code java -jar tools/target/exit-engine.jar <command> --help}. */
@Command(name = "exit-engine", mixinStandardHelpOptions = true, version = "exit-engine 0.1.0",
    description = "Low-latency engine that protects open trading positions: exits on fee-corrected levels, journaled and replayable.",
    subcommands = {DemoCommand.class, RunCommand.class, LiveCommand.class, ReplayCommand.class, StatCommand.class, JournalCommand.class,
        InspectCommand.class, LatencyCommand.class, ExplainCommand.class, PositionsCommand.class, WhatIfCommand.class, ClusterCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    public static int execute(final String... args)
    {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(Main::badUsage).setExecutionExceptionHandler(Main::failure).execute(args);
    }

    /** A bad option or value: one line naming it (picocli's message), exit code 2; the usage is one --help away. */
    private static int badUsage(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(cmd.getCommandName() + ": " + ex.getMessage() + " (see " + cmd.getCommandSpec().qualifiedName()
            + " --help)");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An operator gets one line that says what went wrong and where, not a stack trace. */
    private static int failure(final Exception ex, final CommandLine cmd, final CommandLine.ParseResult parsed)
    {
        final String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println(cmd.getCommandName() + ": " + message);
        if (System.getenv("EXIT_ENGINE_DEBUG") != null)
        {
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
