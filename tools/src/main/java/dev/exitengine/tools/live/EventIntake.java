package dev.exitengine.tools.live;

/**
 * Where {@code POST /events} hands each JSON Lines input (fill, profile, instrument, command, ...: the
 * README's "Events in" formats). The live process implements it by passing the line to the engine's
 * single ingress thread and waiting for its verdict; it is called on an admin HTTP thread, one line at a
 * time, in the order of the request body.
 */
@FunctionalInterface
public interface EventIntake
{
    /**
     * Submits one line (never blank).
     *
     * @return null when the engine accepted the line, else why it was refused (for the operator)
     */
    String submit(String line);
}
