package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The decoded query parameters of a request. */
record QueryParameters(Map<String, List<String>> values) {
  QueryParameters {
    values = Map.copyOf(requireNonNull(values, "values"));
  }

  /** The first value of a parameter; empty when it is absent or blank. */
  Optional<String> first(String name) {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty() || list.get(0) == null || list.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(list.get(0));
  }

  boolean isTrue(String name) {
    return first(name).map(Boolean::parseBoolean).orElse(false);
  }
}
