package io.dataplatform.lakehouse.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves an {@link IcebergRestHandler} under {@code /iceberg} with the JDK's HTTP server, the way
 * the platform's server mounts it. When a bearer token is required, every request except the token
 * endpoint must carry it. Records each request as {@code "<method> <path> <status>"}.
 */
final class JdkHttpAdapter implements AutoCloseable {
  private static final String MOUNT = "/iceberg";

  private final IcebergRestHandler handler;
  private final Optional<String> requiredToken;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  JdkHttpAdapter(IcebergRestHandler handler, Optional<String> requiredToken) throws IOException {
    this.handler = requireNonNull(handler, "handler");
    this.requiredToken = requireNonNull(requiredToken, "requiredToken");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newFixedThreadPool(4);
    server.createContext(MOUNT, this::serve);
    server.setExecutor(executor);
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + MOUNT;
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath().substring(MOUNT.length());
      String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
      IcebergRestResponse response;
      if (authorized(exchange, path)) {
        Map<String, List<String>> query = decodeQuery(exchange.getRequestURI().getRawQuery());
        response = handler.handle(method, path, query, body);
      } else {
        response =
            new IcebergRestResponse(
                401,
                "{\"error\":{\"message\":\"Cannot authenticate: bearer token missing or wrong\","
                    + "\"type\":\"NotAuthorizedException\",\"code\":401}}");
      }
      requests.add(method + " " + path + " " + response.status());
      send(exchange, method, response);
    }
  }

  private boolean authorized(HttpExchange exchange, String path) {
    if (requiredToken.isEmpty() || path.equals("/v1/oauth/tokens")) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return ("Bearer " + requiredToken.get()).equals(header);
  }

  private static void send(HttpExchange exchange, String method, IcebergRestResponse response)
      throws IOException {
    if (method.equals("HEAD") || !response.hasBody()) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = response.jsonBody().getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", IcebergRestResponse.CONTENT_TYPE);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, List<String>> decodeQuery(String rawQuery) {
    Map<String, List<String>> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
