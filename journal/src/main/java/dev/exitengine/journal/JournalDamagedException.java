package dev.exitengine.journal;

import java.nio.file.Path;

/** A journal that cannot be read as written: a checksum mismatch, a record that does not decode, a gap. */
public final class JournalDamagedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalDamagedException(final Path dir, final String what)
    {
        super("journal " + dir + ": " + what);
    }
}
