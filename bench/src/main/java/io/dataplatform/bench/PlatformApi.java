package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The platform's REST API as the ingestion benchmarks use it: connections and their syncs. */
final class PlatformApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SYNC_POLL = Duration.ofMillis(100);

  private final PlatformProcess platform;
  private final HttpClient http = HttpClient.newHttpClient();

  PlatformApi(PlatformProcess platform) {
    this.platform = requireNonNull(platform, "platform");
  }

  /** Creates or replaces a connection from its YAML file text. */
  void applyConnection(String name, String yaml) throws IOException, InterruptedException {
    JsonNode answer = call("POST", "/api/v1/connections", Map.of("yaml", yaml));
    if (!answer.toString().contains(name)) {
      throw new IllegalStateException(
          "Cannot apply the connection: the answer does not name it ("
              + name
              + ", "
              + answer
              + ")");
    }
  }

  /** Deletes a connection (the connector releases its replication slot). */
  void deleteConnection(String name) throws IOException, InterruptedException {
    call("DELETE", "/api/v1/connections/" + name, null);
  }

  /** Starts a sync of the connection and returns its id. */
  String startSync(String connection) throws IOException, InterruptedException {
    JsonNode sync = call("POST", "/api/v1/connections/" + connection + "/syncs", Map.of());
    String id = sync.path("syncId").asText();
    if (id.isEmpty()) {
      throw new IllegalStateException(
          "Cannot start a sync: no syncId in the answer (" + connection + ", " + sync + ")");
    }
    return id;
  }

  /** The sync's state: status, records, log (live while it runs). */
  JsonNode sync(String id) throws IOException, InterruptedException {
    return call("GET", "/api/v1/syncs/" + id, null);
  }

  /** Whether a sync state is still queued or running. */
  static boolean running(JsonNode state) {
    String status = state.path("status").asText();
    return status.equals("RUNNING") || status.equals("QUEUED");
  }

  /** Polls the sync until it is neither queued nor running and returns its final state. */
  JsonNode awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode state = sync(id);
      if (!running(state)) {
        return state;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Cannot finish the sync: still "
                + state.path("status").asText()
                + " after "
                + timeout
                + " ("
                + id
                + ")");
      }
      Thread.sleep(SYNC_POLL.toMillis());
    }
  }

  /** Polls the sync until it ends and fails unless it SUCCEEDED. */
  JsonNode awaitSuccess(String id, Duration timeout) throws IOException, InterruptedException {
    JsonNode state = awaitEnd(id, timeout);
    if (!state.path("status").asText().equals("SUCCEEDED")) {
      throw new IllegalStateException("Cannot finish the sync: it ended " + state);
    }
    return state;
  }

  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (PlatformProcess.USER + ":" + PlatformProcess.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          "Cannot call "
              + method
              + " "
              + path
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    String text = response.body();
    return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
  }
}
