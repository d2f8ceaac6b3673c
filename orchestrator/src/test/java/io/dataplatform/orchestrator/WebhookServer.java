package io.dataplatform.orchestrator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint for webhook steps and alerts: records every request, answers 500 to the
 * first {@code failures} requests of a path, can hold requests to observe how many run at once.
 */
final class WebhookServer implements AutoCloseable {
  record Request(String path, String method, String body, Instant time) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
  private final AtomicInteger totalInFlight = new AtomicInteger();
  private final AtomicInteger totalMaxInFlight = new AtomicInteger();

  WebhookServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void failFirst(String path, int count) {
    failuresLeft.put(path, new AtomicInteger(count));
  }

  void delay(String path, long millis) {
    delays.put(path, millis);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  int maxInFlight(String path) {
    return maxInFlight.getOrDefault(path, new AtomicInteger()).get();
  }

  int maxInFlightOverall() {
    return totalMaxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(path, exchange.getRequestMethod(), body, Instant.now()));
    int now = inFlight.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
    maxInFlight.computeIfAbsent(path, key -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    totalMaxInFlight.accumulateAndGet(totalInFlight.incrementAndGet(), Math::max);
    try {
      Long delay = delays.get(path);
      if (delay != null) {
        Thread.sleep(delay);
      }
      AtomicInteger failures = failuresLeft.get(path);
      int status = failures != null && failures.getAndDecrement() > 0 ? 500 : 200;
      byte[] answer = (status == 500 ? "boom" : "ok").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.get(path).decrementAndGet();
      totalInFlight.decrementAndGet();
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
