package io.dataplatform.lakehouse.scan;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.lakehouse.io.LocalFileIO;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** Builds the DuckDB query that reads a planned scan's files as the table's rows. */
public final class ParquetRelation {
  /** The column of {@link #selectWithPositions} holding the data file's location. */
  public static final String FILE_COLUMN = "__dp_file";

  /** The column of {@link #selectWithPositions} holding the row's position in its file. */
  public static final String POSITION_COLUMN = "__dp_pos";

  private ParquetRelation() {}

  /**
   * A SELECT producing exactly the schema's columns, in order, from the planned files, read at the
   * local paths {@code files} gives them.
   */
  public static String select(PlannedScan scan, StatementFiles files) {
    Schema schema = scan.schema();
    if (scan.files().isEmpty()) {
      return "SELECT "
          + schema.columns().stream()
              .map(
                  field ->
                      "CAST(NULL AS " + duckdbType(field.type()) + ") AS " + quote(field.name()))
              .collect(Collectors.joining(", "))
          + " WHERE false";
    }
    files.prefetch(sizesByLocation(scan));
    List<String> plain = new ArrayList<>();
    List<PlannedFile> withDeletes = new ArrayList<>();
    for (PlannedFile file : scan.files()) {
      if (file.positionDeletes().isEmpty()) {
        plain.add(files.readable(file.path(), file.sizeBytes()));
      } else {
        withDeletes.add(file);
      }
    }
    String columns =
        schema.columns().stream()
            .map(field -> quote(field.name()))
            .collect(Collectors.joining(", "));
    List<String> parts = new ArrayList<>();
    if (!plain.isEmpty()) {
      parts.add("SELECT " + columns + " FROM " + readParquet(scan, plain, ""));
    }
    if (!withDeletes.isEmpty()) {
      parts.add("SELECT " + columns + " FROM " + withPositionDeletes(scan, files, withDeletes));
    }
    return String.join(" UNION ALL ", parts);
  }

  /**
   * Data files without the rows their position-delete files delete. A delete file names data files
   * by location; DuckDB's {@code filename} is the local path, mapped back where they differ.
   */
  private static String withPositionDeletes(
      PlannedScan scan, StatementFiles files, List<PlannedFile> withDeletes) {
    List<String> dataPaths = new ArrayList<>();
    List<String> mapping = new ArrayList<>();
    for (PlannedFile file : withDeletes) {
      String local = files.readable(file.path(), file.sizeBytes());
      dataPaths.add(local);
      String location = LocalFileIO.toLocalPath(file.path());
      mapping.add("(" + literal(location) + ", " + literal(local) + ")");
    }
    List<String> deletePaths =
        withDeletes.stream()
            .flatMap(file -> file.positionDeletes().stream())
            .distinct()
            .map(location -> files.readable(location, -1))
            .toList();
    // the deletes are mapped to the local paths DuckDB reads (few rows), rather than every data
    // row's path to its location
    return readParquet(scan, dataPaths, ", filename = true, file_row_number = true")
        + " AS __dp_data WHERE NOT EXISTS (SELECT 1 FROM (SELECT __dp_files.local_path, d.pos"
        + " FROM read_parquet("
        + pathList(deletePaths)
        + ") AS d JOIN (VALUES "
        + String.join(", ", mapping)
        + ") AS __dp_files(location, local_path)"
        + " ON regexp_replace(d.file_path, '^file:(//)?', '') = __dp_files.location) AS __dp_delete"
        + " WHERE __dp_delete.pos = __dp_data.file_row_number"
        + " AND __dp_delete.local_path = __dp_data.filename)";
  }

  /**
   * The live rows of a planned scan's files with where each lies: the schema columns {@code
   * columns} (quoted names), then {@value #FILE_COLUMN}, the data file's location as Iceberg
   * records it, and {@value #POSITION_COLUMN}, the row's position in that file; rows the files'
   * position deletes delete are left out. The pair is what a position-delete file records.
   *
   * @param filter a condition on the files' rows, which it names {@code t}; applied before the rows
   *     are matched with their files and deletes, so a selective one keeps the work small
   */
  public static String selectWithPositions(
      PlannedScan scan, StatementFiles files, List<String> columns, String filter) {
    String projection = columns.isEmpty() ? "" : String.join(", ", columns) + ", ";
    if (scan.files().isEmpty()) {
      return "SELECT "
          + columns.stream().map(column -> "NULL AS " + column + ", ").collect(Collectors.joining())
          + "CAST(NULL AS VARCHAR) AS "
          + FILE_COLUMN
          + ", CAST(NULL AS BIGINT) AS "
          + POSITION_COLUMN
          + " WHERE false";
    }
    files.prefetch(sizesByLocation(scan));
    List<String> localPaths = new ArrayList<>();
    List<String> mapping = new ArrayList<>();
    for (PlannedFile file : scan.files()) {
      String local = files.readable(file.path(), file.sizeBytes());
      localPaths.add(local);
      mapping.add(
          "("
              + literal(local)
              + ", "
              + literal(file.path())
              + ", "
              + literal(file.path().replaceFirst("^file:(//)?", ""))
              + ")");
    }
    List<String> deletePaths =
        scan.files().stream()
            .flatMap(file -> file.positionDeletes().stream())
            .distinct()
            .map(location -> files.readable(location, -1))
            .toList();
    String select =
        "SELECT "
            + projection
            + "__dp_files.location AS "
            + FILE_COLUMN
            + ", __dp_data.file_row_number AS "
            + POSITION_COLUMN
            + " FROM (SELECT * FROM "
            + readParquet(scan, localPaths, ", filename = true, file_row_number = true")
            + " AS t WHERE "
            + filter
            + ") AS __dp_data JOIN (VALUES "
            + String.join(", ", mapping)
            + ") AS __dp_files(local_path, location, normalized)"
            + " ON __dp_files.local_path = __dp_data.filename";
    if (deletePaths.isEmpty()) {
      return select;
    }
    return select
        + " WHERE NOT EXISTS (SELECT 1 FROM read_parquet("
        + pathList(deletePaths)
        + ") AS __dp_delete WHERE __dp_delete.pos = __dp_data.file_row_number"
        + " AND regexp_replace(__dp_delete.file_path, '^file:(//)?', '') = __dp_files.normalized)";
  }

  private static Map<String, Long> sizesByLocation(PlannedScan scan) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (PlannedFile file : scan.files()) {
      sizes.put(file.path(), file.sizeBytes());
      file.positionDeletes().forEach(location -> sizes.putIfAbsent(location, -1L));
    }
    return sizes;
  }

  private static String readParquet(PlannedScan scan, List<String> paths, String options) {
    String schemaOption = scan.readByFieldId() ? ", schema = " + fieldIdMap(scan.schema()) : "";
    return "read_parquet(" + pathList(paths) + schemaOption + options + ")";
  }

  private static String fieldIdMap(Schema schema) {
    List<String> entries = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      entries.add(
          field.fieldId()
              + ": {name: "
              + literal(field.name())
              + ", type: "
              + literal(duckdbType(field.type()))
              + ", default_value: NULL}");
    }
    return "MAP {" + String.join(", ", entries) + "}";
  }

  /** A DuckDB list of path literals. */
  public static String pathList(List<String> paths) {
    return paths.stream().map(path -> literal(path)).collect(Collectors.joining(", ", "[", "]"));
  }
}
