package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dp transform seed|run|test|build|snapshot|compile|ls|source freshness --project DIR}: runs
 * a dbt project on a running server and prints each node's status as it finishes; exits 1 if any
 * node failed.
 */
@Command(name = "transform", description = "Run a dbt project on a running server.")
public final class TransformCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(
      arity = "1..2",
      paramLabel = "COMMAND",
      description =
          "seed, run, test, build, snapshot, compile, ls, docs generate or source freshness")
  List<String> command = new ArrayList<>();

  @Option(names = "--project", paramLabel = "DIR", description = "The dbt project directory")
  Path project = Path.of(".");

  @Option(
      names = {"--select", "-s"},
      paramLabel = "SELECTOR",
      arity = "1..*")
  List<String> select = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "SELECTOR", arity = "1..*")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--selector",
      paramLabel = "NAME",
      description = "A selector of the project's selectors.yml (replaces --select/--exclude)")
  String selector;

  @Option(names = "--vars", paramLabel = "YAML", description = "Variables as a YAML mapping")
  String vars;

  @Option(names = "--target", paramLabel = "NAME", description = "The profile target")
  String target;

  @Option(names = "--threads", paramLabel = "N", description = "Nodes run at once (default 1)")
  int threads = 1;

  @Option(names = "--full-refresh", description = "Rebuild incremental models")
  boolean fullRefresh;

  @Option(names = "--fail-fast", description = "Stop at the first failure")
  boolean failFast;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project", project.toAbsolutePath().normalize().toString());
    body.put("command", String.join(" ", command));
    body.put("select", String.join(" ", select));
    body.put("exclude", String.join(" ", exclude));
    body.put("threads", threads);
    body.put("full_refresh", fullRefresh);
    body.put("fail_fast", failFast);
    if (selector != null) {
      body.put("selector", selector);
    }
    if (vars != null) {
      body.put("vars", vars);
    }
    if (target != null) {
      body.put("target", target);
    }
    ObjectMapper mapper = new ObjectMapper();
    HttpResponse<Stream<String>> response = send(mapper, body);
    boolean success = false;
    String error = null;
    Iterator<String> lines = response.body().iterator();
    // the nodes' lines stream as they finish; an error after some of them ends the answer
    while (lines.hasNext()) {
      String text = lines.next();
      if (text.isBlank()) {
        continue;
      }
      JsonNode message = read(mapper, text);
      if (message.has("line")) {
        System.out.println(message.get("line").asText());
      } else if (message.has("result")) {
        success = message.get("result").path("success").asBoolean(false);
      } else if (message.has("error")) {
        error = message.path("error").path("message").asText(text);
      }
    }
    if (error != null || response.statusCode() >= 400) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          error != null ? error : "HTTP " + response.statusCode());
    }
    return success ? 0 : 1;
  }

  private HttpResponse<Stream<String>> send(ObjectMapper mapper, Map<String, Object> body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(client.server().resolve("/api/v1/transform/runs"))
              .header("Content-Type", "application/json")
              .header("Authorization", client.authorizationHeader())
              .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (ConnectException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot reach the server: nothing answers at "
              + client.server()
              + "; is `dp up` running?");
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot reach the server: " + e.getMessage() + " (" + client.server() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot reach the server: interrupted");
    }
  }

  private static JsonNode read(ObjectMapper mapper, String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE, "Cannot read the server's answer: " + text);
    }
  }
}
