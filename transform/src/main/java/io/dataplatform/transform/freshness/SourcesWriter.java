package io.dataplatform.transform.freshness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code sources.json} in dbt's sources v3 schema. */
public final class SourcesWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SourcesWriter() {}

  /** Writes {@code target/sources.json} and returns its path. */
  public static Path write(
      Path target,
      List<SourceFreshnessResult> results,
      Instant startedAt,
      Instant completedAt,
      String invocationId) {
    Path file = target.resolve("sources.json");
    try {
      Files.createDirectories(target);
      JSON.writeValue(file.toFile(), document(results, startedAt, completedAt, invocationId));
      return file;
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot write sources.json: " + e.getMessage() + " (" + file + ")",
          e);
    }
  }

  static Map<String, Object> document(
      List<SourceFreshnessResult> results,
      Instant startedAt,
      Instant completedAt,
      String invocationId) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dbt_schema_version", "https://schemas.getdbt.com/dbt/sources/v3.json");
    metadata.put("dbt_version", "1.9.0");
    metadata.put("generated_at", completedAt.toString());
    metadata.put("invocation_id", invocationId);
    metadata.put("env", Map.of());
    List<Object> entries = new ArrayList<>();
    for (SourceFreshnessResult result : results) {
      entries.add(entry(result));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("metadata", metadata);
    document.put("results", entries);
    document.put("elapsed_time", Duration.between(startedAt, completedAt).toMillis() / 1000.0);
    return document;
  }

  private static Map<String, Object> entry(SourceFreshnessResult result) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("unique_id", result.uniqueId());
    if (result.status() == FreshnessStatus.RUNTIME_ERROR) {
      entry.put("error", result.error().orElse(null));
      entry.put("status", result.status().label());
      return entry;
    }
    entry.put("max_loaded_at", result.maxLoadedAt().orElseThrow().toString());
    entry.put("snapshotted_at", result.snapshottedAt().toString());
    entry.put("max_loaded_at_time_ago_in_s", result.ageSeconds());
    entry.put("status", result.status().label());
    entry.put("criteria", result.criteria().json());
    entry.put("adapter_response", Map.of("_message", "SELECT 1", "rows_affected", 1));
    Map<String, Object> compile = new LinkedHashMap<>();
    compile.put("name", "compile");
    compile.put("started_at", result.startedAt().toString());
    compile.put("completed_at", result.startedAt().toString());
    Map<String, Object> execute = new LinkedHashMap<>();
    execute.put("name", "execute");
    execute.put("started_at", result.startedAt().toString());
    execute.put("completed_at", result.completedAt().toString());
    entry.put("timing", List.of(compile, execute));
    entry.put("thread_id", result.thread());
    entry.put("execution_time", result.seconds());
    return entry;
  }
}
