package io.dataplatform.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client of the REST API, used by the client commands. */
final class ServerClient {
  private final URI server;
  private final String authorization;
  private final ObjectMapper mapper =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ServerClient(ClientOptions options) {
    this.server = requireNonNull(options.server(), "server");
    this.authorization = options.authorizationHeader();
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(server.resolve(path)).GET());
  }

  JsonNode post(String path, Object body) {
    return send(postRequest(path, body));
  }

  /**
   * POSTs a JSON body to an endpoint that answers with JSON lines, and returns the last of them
   * (read when the answer is complete).
   */
  JsonNode postForLastLine(String path, Object body) {
    HttpResponse<String> response = exchange(postRequest(path, body));
    String text = response.body() == null ? "" : response.body().strip();
    String last = text.substring(text.lastIndexOf('\n') + 1);
    return checked(response.statusCode(), parse(last));
  }

  private HttpRequest.Builder postRequest(String path, Object body) {
    try {
      return HttpRequest.newBuilder(server.resolve(path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(server.resolve(path)).DELETE());
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request);
    return checked(response.statusCode(), parse(response.body()));
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return client.send(
          request.header("Authorization", authorization).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot reach the server: nothing answers at " + server + "; is `dp up` running?");
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot reach the server: " + e.getMessage() + " (" + server + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot reach the server: interrupted");
    }
  }

  private static JsonNode checked(int statusCode, JsonNode body) {
    if (statusCode >= 400) {
      JsonNode error = body.path("error");
      String message = error.path("message").asText("HTTP " + statusCode);
      if (error.has("line")) {
        message +=
            " (line "
                + error.path("line").asInt()
                + ", column "
                + error.path("column").asInt()
                + ")";
      }
      throw new DpException(StandardErrorCode.INVALID_ARGUMENT, message);
    }
    return body;
  }

  private JsonNode parse(String text) {
    if (text == null || text.isEmpty()) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      return mapper.createObjectNode().put("raw", text);
    }
  }
}
