package dev.exitengine.core.snapshot;

/** A snapshot that cannot be restored: damaged, of another run or out of step with the code reading it. */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
