package dev.exitengine.tools.live;

import java.util.Objects;

/**
 * One inbound connection of the live process (a market stream, the user data stream) as {@code /health}
 * and {@code /metrics} report it.
 *
 * @param name             the stream's name, e.g. {@code "market"}, {@code "userData"}
 * @param connected        whether its connection is up now
 * @param lastMessageAgeMs milliseconds since its last message, or -1 when none came yet
 */
public record StreamHealth(String name, boolean connected, long lastMessageAgeMs)
{
    public StreamHealth
    {
        Objects.requireNonNull(name, "name");
    }
}
