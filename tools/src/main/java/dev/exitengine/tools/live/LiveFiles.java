package dev.exitengine.tools.live;

/** The files the live process keeps in its journal folder, named once for it and for the tools that read them. */
public final class LiveFiles
{
    /** The engine's counters, memory-mapped ({@code EngineCounters.mapped}); {@code exit-engine stat} reads them. */
    public static final String COUNTERS_FILE = "counters";
    /** The admin endpoint's bearer token, owner read/write only ({@link AdminToken}). */
    public static final String TOKEN_FILE = "admin.token";

    private LiveFiles()
    {
    }
}
