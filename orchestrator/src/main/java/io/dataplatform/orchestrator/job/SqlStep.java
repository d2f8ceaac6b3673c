package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.util.List;

/**
 * {@code sql: <statement>}: runs one statement on the lakehouse. The placeholders {@code
 * {{partition}}}, {@code {{partition_start}}} and {@code {{partition_end}}} are replaced by the
 * run's partition keys.
 */
public record SqlStep(String name, String sql, List<AssetKey> assets) implements Step {
  public SqlStep {
    requireNonNull(name, "name");
    requireNonNull(sql, "sql");
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "sql";
  }
}
