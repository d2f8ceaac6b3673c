package io.dataplatform.transform.project;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of a source declared in a property file.
 *
 * @param uniqueId {@code source.<package>.<source>.<table>}
 * @param schema the namespace the table lives in (the source's {@code schema}, default its name)
 * @param identifier the table's name in the lakehouse ({@code identifier}, default its name)
 * @param freshness {@code warn_after}/{@code error_after}/{@code filter}, the table's merged over
 *     its source's; empty when none is set or the table sets {@code freshness: null}
 * @param loadedAtField the column (or expression) freshness reads, the table's or its source's
 */
public record SourceTable(
    String uniqueId,
    String packageName,
    String sourceName,
    String name,
    String schema,
    String identifier,
    String description,
    String originalFilePath,
    Map<String, ColumnInfo> columns,
    Map<String, Object> freshness,
    List<String> tags,
    Optional<String> loadedAtField) {
  public SourceTable {
    requireNonNull(uniqueId, "uniqueId");
    requireNonNull(packageName, "packageName");
    requireNonNull(sourceName, "sourceName");
    requireNonNull(name, "name");
    requireNonNull(schema, "schema");
    requireNonNull(identifier, "identifier");
    requireNonNull(description, "description");
    requireNonNull(originalFilePath, "originalFilePath");
    columns = Map.copyOf(columns);
    freshness = Map.copyOf(freshness);
    tags = List.copyOf(tags);
    requireNonNull(loadedAtField, "loadedAtField");
  }
}
