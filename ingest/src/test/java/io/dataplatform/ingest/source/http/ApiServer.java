package io.dataplatform.ingest.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A JSON API for tests, on an ephemeral port of 127.0.0.1: customers behind basic or bearer
 * authentication with page-number pagination and an {@code updated_since} filter, orders with
 * offset, cursor and Link-header pagination, routes that fail on every other request, and an OAuth2
 * token endpoint.
 */
final class ApiServer implements AutoCloseable {
  static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
  static final String API_KEY = "k3y-0123456789";

  record Customer(long id, String name, Instant updatedAt) {}

  final List<Customer> customers = new ArrayList<>();
  final AtomicInteger flakyCalls = new AtomicInteger();
  final AtomicInteger limitedCalls = new AtomicInteger();
  final AtomicInteger tokenCalls = new AtomicInteger();
  final List<Instant> limitedTimes = new ArrayList<>();
  private final HttpServer server;
  private volatile String issuedToken = "";

  ApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/customers", this::customers);
    server.createContext("/api/orders", this::orders);
    server.createContext("/api/flaky", this::flaky);
    server.createContext("/api/limited", this::limited);
    server.createContext("/oauth/token", this::token);
    server.createContext("/api/secure", this::secure);
    server.createContext("/api/keyed", this::keyed);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void customers(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!BASIC.equals(auth) && !"Bearer t0ken".equals(auth)) {
      send(exchange, 401, "{\"error\": \"unauthorized\"}");
      return;
    }
    Map<String, String> query = query(exchange);
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int size = Integer.parseInt(query.getOrDefault("per_page", "2"));
    List<Customer> matching;
    synchronized (customers) {
      matching =
          customers.stream()
              .filter(
                  customer ->
                      !query.containsKey("updated_since")
                          || !customer
                              .updatedAt()
                              .isBefore(Instant.parse(query.get("updated_since"))))
              .toList();
    }
    List<Customer> slice =
        matching.subList(
            Math.min(matching.size(), (page - 1) * size), Math.min(matching.size(), page * size));
    String data =
        slice.stream()
            .map(
                customer ->
                    "{\"id\": "
                        + customer.id()
                        + ", \"name\": \""
                        + customer.name()
                        + "\", \"updated_at\": \""
                        + customer.updatedAt()
                        + "\", \"score\": "
                        + (customer.id() * 1.5)
                        + ", \"tags\": [\"t"
                        + customer.id()
                        + "\"]}")
            .collect(Collectors.joining(", "));
    send(exchange, 200, "{\"data\": [" + data + "], \"page\": " + page + "}");
  }

  /** 25 orders; {@code style} offset, cursor or link picks the pagination. */
  private void orders(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    String style = exchange.getRequestURI().getPath().substring("/api/orders/".length());
    int from;
    int count;
    switch (style) {
      case "offset" -> {
        from = Integer.parseInt(query.getOrDefault("offset", "0"));
        count = Integer.parseInt(query.getOrDefault("limit", "10"));
      }
      case "cursor", "link" -> {
        from = Integer.parseInt(query.getOrDefault("after", "0"));
        count = 10;
      }
      default -> {
        send(exchange, 404, "{\"error\": \"no such listing\"}");
        return;
      }
    }
    int to = Math.min(25, from + count);
    List<String> items = new ArrayList<>();
    for (int id = from + 1; id <= to; id++) {
      items.add("{\"order_id\": " + id + ", \"total\": \"" + id + ".50\"}");
    }
    String next = to < 25 ? String.valueOf(to) : null;
    if (style.equals("link") && next != null) {
      exchange
          .getResponseHeaders()
          .add(
              "Link",
              "</api/orders/link?after=0>; rel=\"first\", </api/orders/link?after="
                  + next
                  + ">; rel=\"next\"");
    }
    String meta =
        style.equals("cursor")
            ? ", \"meta\": {\"next_cursor\": " + (next == null ? "null" : "\"" + next + "\"") + "}"
            : "";
    send(exchange, 200, "{\"items\": [" + String.join(", ", items) + "]" + meta + "}");
  }

  private void flaky(HttpExchange exchange) throws IOException {
    if (flakyCalls.incrementAndGet() % 2 == 1) {
      send(exchange, 500, "{\"error\": \"try again\"}");
      return;
    }
    send(exchange, 200, "[{\"id\": 1, \"ok\": true}, {\"id\": 2, \"ok\": false}]");
  }

  private void limited(HttpExchange exchange) throws IOException {
    synchronized (limitedTimes) {
      limitedTimes.add(Instant.now());
    }
    if (limitedCalls.incrementAndGet() % 2 == 1) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      send(exchange, 429, "{\"error\": \"slow down\"}");
      return;
    }
    send(exchange, 200, "[{\"id\": 7}]");
  }

  private void token(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> fields = parse(form);
    if (!"client_credentials".equals(fields.get("grant_type"))
        || !"app".equals(fields.get("client_id"))
        || !"app-secret".equals(fields.get("client_secret"))) {
      send(exchange, 401, "{\"error\": \"invalid_client\"}");
      return;
    }
    issuedToken = "token-" + tokenCalls.incrementAndGet();
    send(
        exchange,
        200,
        "{\"access_token\": \""
            + issuedToken
            + "\", \"token_type\": \"bearer\", \"expires_in\": 1}");
  }

  private void secure(HttpExchange exchange) throws IOException {
    if (!("Bearer " + issuedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{}");
      return;
    }
    int page = Integer.parseInt(query(exchange).getOrDefault("page", "1"));
    send(exchange, 200, page <= 2 ? "{\"rows\": [{\"n\": " + page + "}]}" : "{\"rows\": []}");
  }

  private void keyed(HttpExchange exchange) throws IOException {
    if (!API_KEY.equals(query(exchange).get("api_key"))) {
      send(exchange, 401, "{}");
      return;
    }
    send(
        exchange,
        exchange.getRequestURI().getPath().endsWith("/gone") ? 410 : 200,
        "[{\"id\": 1}]");
  }

  private static Map<String, String> query(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    return raw == null ? Map.of() : parse(raw);
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
