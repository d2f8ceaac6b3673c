package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import java.util.List;
import java.util.Optional;

/**
 * {@code transform: {project, select}}: builds a selection of a transform project.
 *
 * @param select a dbt-style selection such as {@code +marts}; empty builds the whole project
 */
public record TransformStep(
    String name, String project, Optional<String> select, List<AssetKey> assets) implements Step {
  public TransformStep {
    requireNonNull(name, "name");
    requireNonNull(project, "project");
    requireNonNull(select, "select");
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "transform";
  }
}
