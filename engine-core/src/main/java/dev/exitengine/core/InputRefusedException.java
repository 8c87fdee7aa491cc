package dev.exitengine.core;

/** An input the ingress refused while told to stop at the first bad input; the message says what and where. */
public final class InputRefusedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InputRefusedException(final String message)
    {
        super(message);
    }
}
