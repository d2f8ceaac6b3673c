package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What the {@code GET /v1/config} endpoint tells clients. {@code defaults} are catalog properties a
 * client uses unless it sets its own (for example {@code io-impl}); {@code overrides} win over the
 * client's own settings.
 */
public record IcebergRestConfig(Map<String, String> defaults, Map<String, String> overrides) {
  public IcebergRestConfig {
    defaults = Map.copyOf(requireNonNull(defaults, "defaults"));
    overrides = Map.copyOf(requireNonNull(overrides, "overrides"));
  }

  public static IcebergRestConfig withDefaults(Map<String, String> defaults) {
    return new IcebergRestConfig(defaults, Map.of());
  }
}
