package dev.exitengine.core.rules;

/** A level that cannot be solved: no price satisfies the target, or the iteration did not converge. */
public final class LevelSolverException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public LevelSolverException(final String message)
    {
        super(message);
    }
}
