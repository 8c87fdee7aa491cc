package dev.exitengine.tools.live;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /events}: a JSON Lines body of inputs, each line handed to the {@link EventIntake} in
 * order, answered with one verdict line per input line ({@code {"line":N,"accepted":...}}), 200 even
 * when some are refused. Needs {@code Authorization: Bearer <token>} (else 401); a body over the limit
 * is refused whole (413), an empty one too (400). Blank lines are skipped but keep their numbers.
 */
final class EventsEndpoint
{
    /** The largest body accepted: 1 MiB. */
    static final int BODY_LIMIT = 1 << 20;
    static final String JSON_LINES = "application/x-ndjson";
    private static final String BEARER = "Bearer ";

    private final EventIntake intake;
    private final AdminToken token;

    EventsEndpoint(final EventIntake intake, final AdminToken token)
    {
        this.intake = intake;
        this.token = token;
    }

    void handle(final HttpExchange ex) throws IOException
    {
        if (!authorized(ex.getRequestHeaders().getFirst("Authorization")))
        {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            AdminServer.send(ex, 401, AdminServer.JSON, AdminJson.error("missing or wrong bearer token (Authorization: Bearer <admin.token>)"));
            return;
        }
        final byte[] body = read(ex.getRequestBody());
        if (body == null)
        {
            AdminServer.send(ex, 413, AdminServer.JSON, AdminJson.error("body over " + BODY_LIMIT + " bytes: send fewer lines a request"));
            return;
        }
        final String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
        if (allBlank(lines))
        {
            AdminServer.send(ex, 400, AdminServer.JSON, AdminJson.error("empty body: JSON Lines of events expected"));
            return;
        }
        AdminServer.send(ex, 200, JSON_LINES, AdminJson.write(g ->
        {
            for (int i = 0; i < lines.length; i++)
            {
                if (!lines[i].isBlank())
                {
                    AdminJson.verdict(g, i + 1, submit(lines[i]));
                }
            }
        }));
    }

    private boolean authorized(final String header)
    {
        return header != null && header.startsWith(BEARER) && token.matches(header.substring(BEARER.length()).trim());
    }

    /** The body, or null when it is over the limit (read no further than one byte past it). */
    private byte[] read(final InputStream in) throws IOException
    {
        final byte[] body = in.readNBytes(BODY_LIMIT + 1);
        return body.length > BODY_LIMIT ? null : body;
    }

    /** The intake's verdict; an intake that throws refuses the line with what it threw. */
    private String submit(final String line)
    {
        try
        {
            return intake.submit(line);
        }
        catch (final RuntimeException e)
        {
            return "not submitted: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static boolean allBlank(final String[] lines)
    {
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                return false;
            }
        }
        return true;
    }
}
