package io.dataplatform.transform.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.compile.Manifest;
import io.dataplatform.transform.execute.NodeResult;
import io.dataplatform.transform.execute.RunReport;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.project.ColumnInfo;
import io.dataplatform.transform.project.Node;
import io.dataplatform.transform.project.NodeType;
import io.dataplatform.transform.project.SourceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes dbt's artifacts under the project's target directory: {@code manifest.json} (schema v12),
 * {@code run_results.json} (schema v6) and compiled SQL under {@code compiled/}.
 */
public final class ArtifactWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path target;
  private final String invocationId;

  public ArtifactWriter(Path target) {
    this(target, UUID.randomUUID().toString());
  }

  /** A writer whose artifacts carry {@code invocationId} (the run's id). */
  public ArtifactWriter(Path target, String invocationId) {
    this.target = target;
    this.invocationId = invocationId;
  }

  /**
   * Writes {@code manifest.json} only (what {@code source freshness} leaves besides sources.json).
   */
  public Path writeManifest(Manifest manifest, JinjaEnvironment environment) {
    Path file = target.resolve("manifest.json");
    try {
      Files.createDirectories(target);
      JSON.writeValue(file.toFile(), manifest(manifest, environment));
      return file;
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot write artifacts: " + e.getMessage() + " (" + target + ")",
          e);
    }
  }

  /** Writes manifest.json, run_results.json and compiled SQL; returns the two JSON files. */
  public List<Path> write(Manifest manifest, JinjaEnvironment environment, RunReport report) {
    Path manifestFile = writeManifest(manifest, environment);
    try {
      JSON.writeValue(target.resolve("run_results.json").toFile(), runResults(report));
      for (NodeResult result : report.results()) {
        Node node = manifest.nodes().get(result.uniqueId());
        if (node != null && !result.compiledSql().isEmpty()) {
          Path file =
              target
                  .resolve("compiled")
                  .resolve(node.packageName())
                  .resolve(node.originalFilePath());
          if (node.test().isPresent() || node.type() == NodeType.UNIT_TEST) {
            // tests defined in a property file: a folder named after the file, a file per test
            file = file.resolveSibling(file.getFileName() + "/" + node.name() + ".sql");
          }
          Files.createDirectories(file.getParent());
          Files.writeString(file, result.compiledSql());
        }
      }
      return List.of(manifestFile, target.resolve("run_results.json"));
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot write artifacts: " + e.getMessage() + " (" + target + ")",
          e);
    }
  }

  private Map<String, Object> metadata(String schema) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/" + schema);
    metadata.put("dbt_version", "1.9.0");
    metadata.put("generated_at", java.time.Instant.now().toString());
    metadata.put("invocation_id", invocationId);
    metadata.put("env", Map.of());
    metadata.put("adapter_type", "duckdb");
    return metadata;
  }

  private Map<String, Object> manifest(Manifest manifest, JinjaEnvironment environment) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    Map<String, Object> unitTests = new LinkedHashMap<>();
    for (Node node : manifest.nodes().values()) {
      if (node.type() == NodeType.UNIT_TEST) {
        unitTests.put(
            node.uniqueId(),
            UnitTestEntries.entry(node, manifest.project().unitTests().get(node.uniqueId())));
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("database", "dp");
      entry.put(
          "schema",
          node.type().resourceType().equals("test")
              ? environment.project().target().schema()
              : environment.relation(node).getSchema());
      entry.put("name", node.name());
      entry.put("resource_type", node.type().resourceType());
      entry.put("package_name", node.packageName());
      entry.put("path", node.path());
      entry.put("original_file_path", node.originalFilePath());
      entry.put("unique_id", node.uniqueId());
      entry.put("fqn", node.fqn());
      entry.put(
          "alias",
          node.type().resourceType().equals("test")
              ? node.name()
              : environment.relation(node).getIdentifier());
      entry.put(
          "checksum",
          Map.of("name", "sha256", "checksum", Integer.toHexString(node.rawCode().hashCode())));
      entry.put("config", node.config());
      entry.put("tags", node.tags());
      entry.put("description", node.description());
      entry.put("columns", columns(node.columns()));
      entry.put("meta", node.config().getOrDefault("meta", Map.of()));
      entry.put("raw_code", node.rawCode());
      entry.put("language", "sql");
      Set<String> parents = manifest.parents(node.uniqueId());
      entry.put("depends_on", Map.of("macros", List.of(), "nodes", new ArrayList<>(parents)));
      entry.put("refs", List.of());
      entry.put("sources", List.of());
      node.test()
          .ifPresent(
              test -> {
                Map<String, Object> testMetadata = new LinkedHashMap<>();
                testMetadata.put("name", test.testName());
                testMetadata.put("kwargs", test.kwargs());
                testMetadata.put("namespace", test.namespace().isEmpty() ? null : test.namespace());
                entry.put("test_metadata", testMetadata);
                entry.put("column_name", test.columnName().orElse(null));
                entry.put("attached_node", test.attachedTo());
              });
      nodes.put(node.uniqueId(), entry);
    }
    Map<String, Object> sources = new LinkedHashMap<>();
    for (SourceTable source : manifest.project().sources().values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("database", "dp");
      entry.put("schema", source.schema());
      entry.put("name", source.name());
      entry.put("resource_type", "source");
      entry.put("package_name", source.packageName());
      entry.put("path", source.originalFilePath());
      entry.put("original_file_path", source.originalFilePath());
      entry.put("unique_id", source.uniqueId());
      entry.put("fqn", List.of(source.packageName(), source.sourceName(), source.name()));
      entry.put("source_name", source.sourceName());
      entry.put("identifier", source.identifier());
      entry.put("description", source.description());
      entry.put("columns", columns(source.columns()));
      entry.put("freshness", source.freshness().isEmpty() ? null : source.freshness());
      entry.put("loaded_at_field", source.loadedAtField().orElse(null));
      entry.put("tags", source.tags());
      entry.put("relation_name", source.schema() + "." + source.identifier());
      sources.put(source.uniqueId(), entry);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("metadata", metadata("manifest/v12.json"));
    result.put("nodes", nodes);
    result.put("sources", sources);
    result.put("macros", Map.of());
    Map<String, Object> docs = new LinkedHashMap<>();
    manifest
        .project()
        .docs()
        .forEach(
            (name, text) ->
                docs.put(
                    "doc." + manifest.project().name() + "." + name,
                    Map.of(
                        "name",
                        name,
                        "block_contents",
                        text,
                        "package_name",
                        manifest.project().name(),
                        "unique_id",
                        "doc." + manifest.project().name() + "." + name)));
    result.put("docs", docs);
    for (String empty :
        List.of(
            "exposures",
            "metrics",
            "groups",
            "selectors",
            "disabled",
            "semantic_models",
            "saved_queries")) {
      result.put(empty, Map.of());
    }
    result.put("unit_tests", unitTests);
    Map<String, Object> parentMap = new LinkedHashMap<>();
    manifest
        .nodes()
        .keySet()
        .forEach(id -> parentMap.put(id, new ArrayList<>(manifest.parents(id))));
    manifest.project().sources().keySet().forEach(id -> parentMap.put(id, List.of()));
    result.put("parent_map", parentMap);
    Map<String, Object> childMap = new LinkedHashMap<>();
    manifest.children().forEach((id, children) -> childMap.put(id, new ArrayList<>(children)));
    result.put("child_map", childMap);
    return result;
  }

  private static Map<String, Object> columns(Map<String, ColumnInfo> columns) {
    Map<String, Object> result = new LinkedHashMap<>();
    columns.forEach(
        (name, column) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", name);
          entry.put("description", column.description());
          entry.put("data_type", column.dataType().isEmpty() ? null : column.dataType());
          entry.put("meta", column.meta());
          entry.put("tags", column.tags());
          result.put(name, entry);
        });
    return result;
  }

  private Map<String, Object> runResults(RunReport report) {
    List<Object> results = new ArrayList<>();
    for (NodeResult result : report.results()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("status", result.status().label());
      entry.put(
          "timing",
          List.of(
              Map.of(
                  "name",
                  "compile",
                  "started_at",
                  result.startedAt().toString(),
                  "completed_at",
                  result.startedAt().toString()),
              Map.of(
                  "name",
                  "execute",
                  "started_at",
                  result.startedAt().toString(),
                  "completed_at",
                  result.completedAt().toString())));
      entry.put("thread_id", result.thread());
      entry.put("execution_time", result.seconds());
      entry.put("adapter_response", Map.of("_message", result.message()));
      entry.put("message", result.message());
      entry.put(
          "failures", result.status().label().matches("pass|fail|warn") ? result.failures() : null);
      entry.put("unique_id", result.uniqueId());
      entry.put("compiled", !result.compiledSql().isEmpty());
      entry.put("compiled_code", result.compiledSql());
      entry.put("relation_name", result.relationName().isEmpty() ? null : result.relationName());
      results.add(entry);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("metadata", metadata("run-results/v6.json"));
    document.put("results", results);
    document.put(
        "elapsed_time",
        (report.completedAt().toEpochMilli() - report.startedAt().toEpochMilli()) / 1000.0);
    document.put("args", Map.of("which", report.command().name().toLowerCase()));
    return document;
  }
}
