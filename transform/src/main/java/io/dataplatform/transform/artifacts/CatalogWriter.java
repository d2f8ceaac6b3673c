package io.dataplatform.transform.artifacts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import io.dataplatform.transform.project.SourceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docs generate}: writes {@code target/catalog.json} (dbt schema v1) with the columns and
 * types of every model, seed, snapshot and source that exists in the lakehouse.
 */
public final class CatalogWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final SqlRunner runner;

  public CatalogWriter(SqlRunner runner) {
    this.runner = requireNonNull(runner, "runner");
  }

  /** Writes the catalog; returns the number of relations found. */
  public int write(Manifest manifest, JinjaEnvironment environment, Path target) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Node node : manifest.nodes().values()) {
      if (node.type() == NodeType.TEST
          || node.type() == NodeType.UNIT_TEST
          || node.materialized().equals("ephemeral")) {
        continue;
      }
      entry(node.uniqueId(), environment.relation(node), node.description())
          .ifPresent(e -> nodes.put(node.uniqueId(), e));
    }
    Map<String, Object> sources = new LinkedHashMap<>();
    for (SourceTable source : manifest.project().sources().values()) {
      entry(source.uniqueId(), environment.relation(source), source.description())
          .ifPresent(e -> sources.put(source.uniqueId(), e));
    }
    Map<String, Object> catalog = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/catalog/v1.json");
    metadata.put("dbt_version", "1.9.0");
    metadata.put("generated_at", Instant.now().toString());
    metadata.put("env", Map.of());
    catalog.put("metadata", metadata);
    catalog.put("nodes", nodes);
    catalog.put("sources", sources);
    catalog.put("errors", null);
    try {
      Files.createDirectories(target);
      JSON.writeValue(target.resolve("catalog.json").toFile(), catalog);
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot write catalog.json: " + e.getMessage() + " (" + target + ")",
          e);
    }
    return nodes.size() + sources.size();
  }

  private Optional<Map<String, Object>> entry(String uniqueId, Relation relation, String comment) {
    Optional<Relation> existing = runner.relation(relation.getSchema(), relation.getIdentifier());
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    List<ColumnRelation> found = runner.columns(relation.getSchema(), relation.getIdentifier());
    for (int i = 0; i < found.size(); i++) {
      ColumnRelation column = found.get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", column.getData_type());
      entry.put("index", i + 1);
      entry.put("name", column.getName());
      entry.put("comment", null);
      columns.put(column.getName(), entry);
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("type", existing.get().getType().equals("view") ? "VIEW" : "BASE TABLE");
    table.put("schema", relation.getSchema());
    table.put("name", relation.getIdentifier());
    table.put("database", "dp");
    table.put("comment", comment.isEmpty() ? null : comment);
    table.put("owner", null);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("metadata", table);
    entry.put("columns", columns);
    entry.put("stats", Map.of());
    entry.put("unique_id", uniqueId);
    return Optional.of(entry);
  }
}
