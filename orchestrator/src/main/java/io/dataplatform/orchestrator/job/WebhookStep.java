package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code webhook: {url, method, headers, body, timeout}}: calls an HTTP endpoint; any status of 400
 * or more fails the step. Also the shape of a job's {@code on_failure} alert, whose body defaults
 * to a JSON description of the failed run.
 */
public record WebhookStep(
    String name,
    URI url,
    String method,
    Map<String, String> headers,
    Optional<String> body,
    Duration timeout,
    List<AssetKey> assets)
    implements Step {
  public WebhookStep {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
    requireNonNull(method, "method");
    headers = Map.copyOf(headers);
    requireNonNull(body, "body");
    requireNonNull(timeout, "timeout");
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "webhook";
  }
}
