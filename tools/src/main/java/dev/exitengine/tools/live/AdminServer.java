package dev.exitengine.tools.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The live process's admin endpoint, on loopback only: {@code GET /health}, {@code GET /metrics},
 * {@code GET /positions} (open to any local caller) and {@code POST /events} (bearer token). It serves
 * on its own small executor and reads only what the engine publishes (suppliers, counters, the
 * positions view); events reach the engine through the {@link EventIntake}. Close it to stop.
 * {@code LiveWiringTest} wires it to a real engine the way the live process does.
 */
public final class AdminServer implements AutoCloseable
{
    public static final String JSON = "application/json";
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes;

    private record Route(String method, HttpHandler handler)
    {
    }

    /**
     * Binds {@code address} (a loopback address; port 0 picks a free port) and starts serving.
     *
     * @throws IllegalArgumentException when the address is not a loopback address
     */
    public AdminServer(final InetSocketAddress address, final Supplier<HealthSnapshot> health, final EngineMetrics metrics,
        final PositionsView positions, final EventIntake intake, final AdminToken token) throws IOException
    {
        final InetAddress host = address.getAddress();
        if (host == null || !host.isLoopbackAddress())
        {
            throw new IllegalArgumentException("the admin endpoint binds a loopback address only (127.0.0.1), not " + address.getHostString());
        }
        final EventsEndpoint events = new EventsEndpoint(intake, token);
        routes = Map.of(
            "/health", new Route("GET", ex -> send(ex, 200, JSON, AdminJson.health(health.get()))),
            "/metrics", new Route("GET", ex -> metrics(ex, metrics)),
            "/positions", new Route("GET", ex -> send(ex, 200, JSON, AdminJson.positions(positions.positions()))),
            "/events", new Route("POST", events::handle));
        final AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r ->
        {
            final Thread t = new Thread(r, "admin-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(address, 16);
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    /** 127.0.0.1 and {@code port} (0: any free port). */
    public static InetSocketAddress loopback(final int port)
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The port it listens on (the chosen one when bound to port 0). */
    public int port()
    {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /**
     * Stops listening and drops the connections, then gives the handlers running a second to finish (an
     * event line handed to the intake gets its verdict) before stopping its threads.
     */
    @Override
    public void close()
    {
        // stop(0): on JDK 17 any delay is waited in full, even with no exchange in progress
        server.stop(0);
        executor.shutdown();
        try
        {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    private void route(final HttpExchange ex) throws IOException
    {
        try (ex)
        {
            final Route route = routes.get(ex.getRequestURI().getPath());
            if (route == null)
            {
                send(ex, 404, JSON, AdminJson.error("no such path: " + ex.getRequestURI().getPath()));
            }
            else if (!route.method().equals(ex.getRequestMethod()))
            {
                ex.getResponseHeaders().set("Allow", route.method());
                send(ex, 405, JSON, AdminJson.error(ex.getRequestMethod() + " not allowed, only " + route.method()));
            }
            else
            {
                serve(ex, route.handler());
            }
        }
    }

    private static void serve(final HttpExchange ex, final HttpHandler handler) throws IOException
    {
        try
        {
            handler.handle(ex);
        }
        catch (final RuntimeException e)
        {
            // a supplier of the live process failed: say so, the server goes on
            send(ex, 500, JSON, AdminJson.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static void metrics(final HttpExchange ex, final EngineMetrics metrics) throws IOException
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream(8192);
        metrics.write(text);
        send(ex, 200, metrics.contentType(), text.toByteArray());
    }

    static void send(final HttpExchange ex, final int status, final String contentType, final byte[] body) throws IOException
    {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(body);
        }
    }
}
