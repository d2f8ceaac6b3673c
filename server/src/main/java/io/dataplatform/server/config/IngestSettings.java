package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of ingestion.
 *
 * @param commitInterval {@code ingest.commit-interval}
 * @param cdcIdleStop {@code ingest.cdc-idle-stop}
 * @param batchRows {@code ingest.batch-rows}
 * @param importDirectories {@code ingest.import-directories}
 */
public record IngestSettings(
    Duration commitInterval, Duration cdcIdleStop, int batchRows, List<Path> importDirectories) {
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m)");

  public IngestSettings {
    requireNonNull(commitInterval, "commitInterval");
    requireNonNull(cdcIdleStop, "cdcIdleStop");
    importDirectories = List.copyOf(importDirectories);
  }

  static IngestSettings parse(Map<ConfigKey, String> values) {
    Duration commitInterval = duration(values, ConfigKey.INGEST_COMMIT_INTERVAL, "500ms, 1s or 1m");
    Duration cdcIdleStop = duration(values, ConfigKey.INGEST_CDC_IDLE_STOP, "5s, 30s or 5m");
    if (cdcIdleStop.isZero()) {
      throw invalid(
          ConfigKey.INGEST_CDC_IDLE_STOP,
          "must be longer than 0",
          values.get(ConfigKey.INGEST_CDC_IDLE_STOP).trim());
    }
    String rows = values.get(ConfigKey.INGEST_BATCH_ROWS).trim();
    int batchRows;
    try {
      batchRows = Integer.parseInt(rows);
    } catch (NumberFormatException e) {
      batchRows = 0;
    }
    if (batchRows < 1) {
      throw invalid(ConfigKey.INGEST_BATCH_ROWS, "must be a positive number", rows);
    }
    List<Path> directories = new ArrayList<>();
    for (String part : values.get(ConfigKey.INGEST_IMPORT_DIRECTORIES).split(",")) {
      String directory = part.trim();
      if (directory.isEmpty()) {
        continue;
      }
      Path path = Path.of(directory);
      if (!path.isAbsolute()) {
        throw invalid(
            ConfigKey.INGEST_IMPORT_DIRECTORIES, "must list absolute directories", directory);
      }
      directories.add(path.normalize());
    }
    return new IngestSettings(commitInterval, cdcIdleStop, batchRows, directories);
  }

  private static Duration duration(Map<ConfigKey, String> values, ConfigKey key, String examples) {
    String value = values.get(key).trim();
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw invalid(key, "must look like " + examples, value);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  private static DpException invalid(ConfigKey key, String reason, String value) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot read configuration: " + key.key() + " " + reason + " (" + value + ")");
  }
}
