package dev.exitengine.tools.live;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The configuration's {@code admin} section: {@code "admin": {"port": 8787}} (0 picks a free port; the
 * endpoint binds 127.0.0.1 only, and {@code "host"} may name no other address).
 */
public final class AdminSection
{
    public String host = "127.0.0.1";
    public int port = 8787;

    /** Reads the section at its START_OBJECT; throws IllegalArgumentException naming {@code admin.KEY}. */
    public static AdminSection parse(final JsonParser p) throws IOException
    {
        final AdminSection a = new AdminSection();
        VenueSection.require(p.currentToken() == JsonToken.START_OBJECT, "admin", "must be an object");
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String k = p.currentName();
            final JsonToken t = p.nextToken();
            switch (k)
            {
                case "port":
                    VenueSection.require(t == JsonToken.VALUE_NUMBER_INT, "admin.port", "must be a whole number");
                    a.port = p.getIntValue();
                    VenueSection.require(a.port >= 0 && a.port <= 65535, "admin.port", "must be 0..65535, was " + a.port);
                    break;
                case "host":
                    VenueSection.require(t == JsonToken.VALUE_STRING, "admin.host", "must be a string");
                    a.host = p.getText();
                    break;
                default:
                    throw new IllegalArgumentException("admin." + k + ": unknown key");
            }
        }
        return a;
    }
}
