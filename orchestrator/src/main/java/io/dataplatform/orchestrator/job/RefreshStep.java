package io.dataplatform.orchestrator.job;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.AssetKey;
import io.dataplatform.api.DpException;
import java.util.List;
import java.util.Optional;

/**
 * {@code refresh: <view>}, {@code refresh: <statement>} or {@code refresh: {view, sql}}: brings a
 * view's result up to date. With a statement, the statement runs (for example {@code CREATE OR
 * REPLACE TABLE marts.summary AS SELECT ...}); with only a view, the view is checked to resolve
 * against its current inputs by reading its columns. The view, when named, is the asset
 * materialized.
 */
public record RefreshStep(
    String name, Optional<String> view, Optional<String> sql, List<AssetKey> assets)
    implements Step {
  public RefreshStep {
    requireNonNull(name, "name");
    requireNonNull(view, "view");
    requireNonNull(sql, "sql");
    if (view.isEmpty() && sql.isEmpty()) {
      throw DpException.user(
          "Cannot define refresh step: give a view or a statement (" + name + ")");
    }
    assets = List.copyOf(assets);
  }

  @Override
  public String kind() {
    return "refresh";
  }
}
