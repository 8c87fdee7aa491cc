package dev.exitengine.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A second engine tried to open a journal that a running engine holds. */
public final class JournalInUseException extends IOException
{
    private static final long serialVersionUID = 1L;

    public JournalInUseException(final Path dir)
    {
        super("journal " + dir + " is in use by another engine (lock " + dir.resolve(ChronicleJournal.LOCK) + " is held)");
    }
}
