package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.time.Duration;
import java.util.List;

/** {@code sleep: <duration>}: waits, e.g. for an upstream system to settle. Cancel ends it. */
public record SleepStep(String name, Duration duration, List<AssetKey> assets) implements Step {
  public SleepStep {
    requireNonNull(name, "name");
    requireNonNull(duration, "duration");
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "sleep";
  }
}
