package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A column documented in a property file.
 *
 * @param dataType the declared {@code data_type}, empty when not declared
 */
public record ColumnInfo(
    String name, String description, String dataType, Map<String, Object> meta, List<String> tags) {
  public ColumnInfo {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(dataType, "dataType");
    meta = Map.copyOf(meta);
    tags = List.copyOf(tags);
  }
}
