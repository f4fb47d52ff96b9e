package org.hiehub.hub.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The hub's HTTP API as the benchmark commands see it, on a loopback port: each path answers the status and JSON
 * its route makes from the request's {@code Authorization} header.
 */
final class FakeHub implements AutoCloseable {

    record Answer(int status, String json) {
    }

    private final HttpServer server;

    private FakeHub(Map<String, Function<String, Answer>> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routes.forEach((path, route) -> server.createContext(path, exchange -> {
            Answer answer = route.apply(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));
        server.start();
    }

    static FakeHub serving(Map<String, Function<String, Answer>> routes) throws IOException {
        return new FakeHub(routes);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
