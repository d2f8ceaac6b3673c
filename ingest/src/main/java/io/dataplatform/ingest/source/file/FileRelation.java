package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The DuckDB table function call that parses one file with a source's settings. */
final class FileRelation {
  private final FileSourceSettings settings;

  FileRelation(FileSourceSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  /**
   * {@code read_csv(…)}, {@code read_json(…)} or {@code read_parquet(…)} of {@code file}.
   *
   * @param types CSV column types to parse with, by column name (columns the file holds only)
   */
  String of(Path file, Map<String, DataType> types) {
    String path = literal(file.toString());
    return switch (settings.format()) {
      case CSV -> csv(path, types);
      case JSON ->
          "read_json("
              + path
              + ", format = "
              + literal(settings.jsonFormat())
              + ", sample_size = "
              + settings.csv().sampleRows()
              + ")";
      case PARQUET -> "read_parquet(" + path + ")";
    };
  }

  private String csv(String path, Map<String, DataType> types) {
    CsvOptions csv = settings.csv();
    List<String> options = new ArrayList<>();
    options.add("delim = " + literal(csv.delimiter()));
    options.add("quote = " + literal(csv.quote()));
    options.add("escape = " + literal(csv.escape()));
    options.add("header = " + csv.header());
    options.add("skip = " + csv.skipRows());
    options.add("sample_size = " + csv.sampleRows());
    options.add(
        "nullstr = ["
            + csv.nullValues().stream().map(FileRelation::literal).collect(Collectors.joining(", "))
            + "]");
    options.add("strict_mode = true");
    if (!csv.columnNames().isEmpty()) {
      options.add(
          "names = ["
              + csv.columnNames().stream()
                  .map(FileRelation::literal)
                  .collect(Collectors.joining(", "))
              + "]");
    }
    if (!types.isEmpty()) {
      options.add(
          "types = {"
              + types.entrySet().stream()
                  .map(
                      entry ->
                          literal(entry.getKey())
                              + ": "
                              + literal(TypeNames.duckType(entry.getValue())))
                  .collect(Collectors.joining(", "))
              + "}");
    }
    if (csv.onError() == CsvOptions.OnError.SKIP) {
      options.add("ignore_errors = true");
      options.add("store_rejects = true");
    }
    return "read_csv(" + path + ", " + String.join(", ", options) + ")";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
