package dev.exitengine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a journal's engine writes beside the queues when it stops cleanly, {@code stateHash=<16 hex digits>}:
 * what a replay's final state must equal, and (by its absence) the mark of a run that died.
 */
final class FinalState
{
    static final String FILE = "final-state";
    private static final String KEY = "stateHash=";

    private FinalState()
    {
    }

    /** Written whole or not at all (a temporary file renamed into place). */
    static void write(final Path dir, final long stateHash)
    {
        final Path file = dir.resolve(FILE);
        final Path tmp = dir.resolve(FILE + ".tmp");
        try
        {
            Files.writeString(tmp, String.format("%s%016x%n", KEY, stateHash), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** The recorded hash, or null when none was recorded. */
    static Long read(final Path dir) throws IOException
    {
        final Path file = dir.resolve(FILE);
        if (!Files.exists(file))
        {
            return null;
        }
        final String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.startsWith(KEY) || text.length() != KEY.length() + 16)
        {
            throw new IOException(file + ": not a final state record: '" + text + "'");
        }
        return Long.parseUnsignedLong(text.substring(KEY.length()), 16);
    }
}
