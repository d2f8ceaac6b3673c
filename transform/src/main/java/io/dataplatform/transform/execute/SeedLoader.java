package io.dataplatform.transform.execute;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import io.dataplatform.transform.project.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads a seed CSV into a table: the file is parsed here (the lakehouse's SQL may not read project
 * files), column types are inferred as dbt does (integer, double, boolean, date, timestamp, text)
 * unless {@code column_types} names them, and rows are inserted in batches.
 */
final class SeedLoader {
  private static final int BATCH = 500;
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
  private final SqlRunner runner;

  private final Materializations materializations;

  SeedLoader(SqlRunner runner, Materializations materializations) {
    this.runner = requireNonNull(runner, "runner");
    this.materializations = requireNonNull(materializations, "materializations");
  }

  long load(Node seed, Path file, Relation relation) {
    String delimiter = seed.configString("delimiter", ",");
    List<List<String>> records = parse(read(file), delimiter.isEmpty() ? ',' : delimiter.charAt(0));
    if (records.isEmpty()) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot load seed: the file has no header (" + seed.originalFilePath() + ")");
    }
    List<String> header = records.get(0).stream().map(String::strip).toList();
    List<List<String>> rows = records.subList(1, records.size());
    Map<?, ?> declared = seed.config().get("column_types") instanceof Map<?, ?> m ? m : Map.of();
    List<String> types = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      Object type = declared.get(header.get(i));
      types.add(type != null ? type.toString() : infer(rows, i));
    }
    materializations.createSchema(relation.getSchema());
    List<String> definitions = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      definitions.add("\"" + header.get(i) + "\" " + types.get(i));
    }
    runner.execute("DROP VIEW IF EXISTS " + relation);
    runner.execute(
        "CREATE OR REPLACE TABLE " + relation + " (" + String.join(", ", definitions) + ")");
    for (int start = 0; start < rows.size(); start += BATCH) {
      List<List<String>> batch = rows.subList(start, Math.min(rows.size(), start + BATCH));
      runner.execute("INSERT INTO " + relation + " " + select(header, types, batch, seed));
    }
    return rows.size();
  }

  private static String select(
      List<String> header, List<String> types, List<List<String>> batch, Node seed) {
    List<String> tuples = new ArrayList<>();
    for (List<String> row : batch) {
      if (row.size() != header.size()) {
        throw new DpException(
            TransformErrorCode.INVALID_PROJECT,
            "Cannot load seed: a row has "
                + row.size()
                + " fields, the header "
                + header.size()
                + " ("
                + seed.originalFilePath()
                + ")");
      }
      List<String> values = new ArrayList<>();
      for (String value : row) {
        values.add(value.isEmpty() ? "NULL" : "'" + value.replace("'", "''") + "'");
      }
      tuples.add("(" + String.join(", ", values) + ")");
    }
    List<String> columns = new ArrayList<>();
    List<String> casts = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      columns.add("c" + i);
      casts.add("CAST(c" + i + " AS " + types.get(i) + ")");
    }
    return "SELECT "
        + String.join(", ", casts)
        + " FROM (VALUES "
        + String.join(", ", tuples)
        + ") AS seed_rows("
        + String.join(", ", columns)
        + ")";
  }

  static String infer(List<List<String>> rows, int column) {
    boolean integer = true;
    boolean number = true;
    boolean bool = true;
    boolean date = true;
    boolean timestamp = true;
    boolean any = false;
    boolean big = false;
    for (List<String> row : rows) {
      String value = column < row.size() ? row.get(column).strip() : "";
      if (value.isEmpty()) {
        continue;
      }
      any = true;
      integer &= INTEGER.matcher(value).matches();
      if (integer) {
        long parsed = Long.parseLong(value);
        big |= parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE;
      }
      number &= NUMBER.matcher(value).matches();
      bool &= value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      date &= DATE.matcher(value).matches();
      timestamp &= TIMESTAMP.matcher(value).matches();
    }
    if (!any) {
      return "VARCHAR";
    }
    if (integer) {
      return big ? "BIGINT" : "INTEGER";
    }
    if (number) {
      return "DOUBLE";
    }
    if (bool) {
      return "BOOLEAN";
    }
    if (date) {
      return "DATE";
    }
    return timestamp ? "TIMESTAMP" : "VARCHAR";
  }

  /** RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and newlines. */
  static List<List<String>> parse(String text, char delimiter) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        fieldStarted = true;
      } else if (c == delimiter) {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
          record.add(field.toString());
          records.add(record);
        }
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  private static String read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new DpException(
          TransformErrorCode.INVALID_PROJECT,
          "Cannot read seed: " + e.getMessage() + " (" + file + ")",
          e);
    }
  }
}
