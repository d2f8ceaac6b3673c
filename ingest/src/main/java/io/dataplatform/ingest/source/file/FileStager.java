package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses local copies of source files with an in-memory DuckDB and writes them as Parquet files for
 * the engine. DuckDB streams both the parse and the write, so memory does not grow with the size of
 * a file.
 */
final class FileStager {
  /** The column naming the file a row came from. */
  static final String FILE_COLUMN = "_dp_file";

  /** The column holding the modification time of that file: the cursor of file sources. */
  static final String MODIFIED_COLUMN = "_dp_file_modified";

  private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");

  /** A staged file: its columns in order and its number of rows and skipped lines. */
  record Staged(Path file, List<SourceColumn> columns, long rows, long skippedLines) {}

  private final FileSourceSettings settings;
  private final FileRelation relation;
  private final Path workDirectory;

  FileStager(FileSourceSettings settings, Path workDirectory) {
    this.settings = requireNonNull(settings, "settings");
    this.relation = new FileRelation(settings);
    this.workDirectory = requireNonNull(workDirectory, "workDirectory");
  }

  /** The columns of one file as parsed, with the user's type overrides applied. */
  List<SourceColumn> describe(FileObject source, Path file) {
    Path readable = readable(file);
    try (Connection duck = open()) {
      Map<String, String> described = describe(duck, relation.of(readable, Map.of()));
      List<SourceColumn> columns = new ArrayList<>();
      for (Map.Entry<String, String> column : described.entrySet()) {
        DataType type =
            settings
                .columnTypes()
                .getOrDefault(column.getKey(), TypeNames.fromDuck(column.getValue()));
        columns.add(
            SourceColumn.nullable(
                column.getKey(), type, column.getValue().toLowerCase(Locale.ROOT)));
      }
      return columns;
    } catch (SQLException e) {
      throw parseFailure(source, e);
    } finally {
      dropTranscoded(file, readable);
    }
  }

  /**
   * Writes the rows of {@code file} as Parquet with the stream's columns first (in order and type,
   * NULL where the file lacks one), then columns new in this file, then the file columns.
   */
  Staged stage(FileObject source, Path file, List<SourceColumn> streamColumns) {
    Path readable = readable(file);
    Path target = workDirectory.resolve("staged-" + UUID.randomUUID() + ".parquet");
    try (Connection duck = open()) {
      Map<String, String> described = describe(duck, relation.of(readable, Map.of()));
      Projection projection = project(source, described, streamColumns);
      String sql =
          "COPY (SELECT "
              + String.join(", ", projection.selects())
              + " FROM "
              + relation.of(readable, projection.parseTypes())
              + ") TO "
              + FileRelation.literal(target.toString())
              // a staged file is read once, locally: the fastest zstd level
              + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)";
      long rows = execute(duck, sql);
      long skipped =
          settings.format() == FileFormat.CSV && settings.csv().onError() == CsvOptions.OnError.SKIP
              ? count(duck, "SELECT count(DISTINCT line) FROM reject_errors")
              : 0;
      return new Staged(target, projection.columns(), rows, skipped);
    } catch (SQLException e) {
      deleteQuietly(target);
      throw parseFailure(source, e);
    } finally {
      dropTranscoded(file, readable);
    }
  }

  /** The staged columns, the SELECT list that produces them and the CSV parse types. */
  private record Projection(
      List<SourceColumn> columns, List<String> selects, Map<String, DataType> parseTypes) {}

  private Projection project(
      FileObject source, Map<String, String> described, List<SourceColumn> streamColumns) {
    Map<String, DataType> known = new LinkedHashMap<>();
    for (SourceColumn column : streamColumns) {
      if (!isMetadata(column.name())) {
        known.put(column.name(), column.type());
      }
    }
    Map<String, DataType> parseTypes = new LinkedHashMap<>();
    for (String name : described.keySet()) {
      DataType type = known.getOrDefault(name, settings.columnTypes().get(name));
      if (type != null && type.kind() != DataType.Kind.JSON) {
        parseTypes.put(name, type);
      }
    }
    List<SourceColumn> columns = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    for (Map.Entry<String, DataType> column : known.entrySet()) {
      selects.add(select(column.getKey(), described.get(column.getKey()), column.getValue()));
      columns.add(streamColumn(streamColumns, column.getKey()));
    }
    for (Map.Entry<String, String> column : described.entrySet()) {
      if (!known.containsKey(column.getKey()) && !isMetadata(column.getKey())) {
        DataType type =
            settings
                .columnTypes()
                .getOrDefault(column.getKey(), TypeNames.fromDuck(column.getValue()));
        selects.add(select(column.getKey(), column.getValue(), type));
        columns.add(
            SourceColumn.nullable(
                column.getKey(), type, column.getValue().toLowerCase(Locale.ROOT)));
      }
    }
    selects.add(FileRelation.literal(source.name()) + " AS " + FILE_COLUMN);
    selects.add(
        "TIMESTAMPTZ "
            + FileRelation.literal(source.modified().toString())
            + " AS "
            + MODIFIED_COLUMN);
    columns.add(SourceColumn.nullable(FILE_COLUMN, DataType.STRING, "varchar"));
    columns.add(SourceColumn.nullable(MODIFIED_COLUMN, DataType.TIMESTAMPTZ, "timestamptz"));
    return new Projection(columns, selects, parseTypes);
  }

  private static SourceColumn streamColumn(List<SourceColumn> columns, String name) {
    return columns.stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
  }

  static boolean isMetadata(String name) {
    return name.equals(FILE_COLUMN) || name.equals(MODIFIED_COLUMN);
  }

  private static String select(String name, String fileType, DataType type) {
    String column = FileRelation.identifier(name);
    if (fileType == null) {
      return "CAST(NULL AS " + TypeNames.duckType(type) + ") AS " + column;
    }
    boolean nested =
        TypeNames.fromDuck(fileType).kind() == DataType.Kind.JSON
            && !fileType.equalsIgnoreCase("JSON");
    if (nested && (type.kind() == DataType.Kind.JSON || type.kind() == DataType.Kind.STRING)) {
      return "CAST(to_json(" + column + ") AS VARCHAR) AS " + column;
    }
    return "CAST(" + column + " AS " + TypeNames.duckType(type) + ") AS " + column;
  }

  private Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("temp_directory", workDirectory.resolve("duckdb-tmp").toString());
    properties.setProperty("memory_limit", "512MB");
    properties.setProperty("threads", "2");
    return DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  private static Map<String, String> describe(Connection duck, String relation)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = duck.prepareStatement("DESCRIBE SELECT * FROM " + relation);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        columns.put(result.getString(1), result.getString(2));
      }
    }
    return columns;
  }

  private static long execute(Connection duck, String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement(sql)) {
      if (statement.execute()) {
        try (ResultSet result = statement.getResultSet()) {
          return result.next() ? result.getLong(1) : 0;
        }
      }
      return Math.max(0, statement.getUpdateCount());
    }
  }

  private static long count(Connection duck, String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      return result.next() ? result.getLong(1) : 0;
    }
  }

  private DpException parseFailure(FileObject source, SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher line = CSV_LINE.matcher(message);
    String detail = firstDetail(message);
    String where = line.find() ? " at line " + line.group(1) : "";
    return new DpException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Cannot read "
            + settings.format().type()
            + " file"
            + where
            + ": "
            + detail
            + " ("
            + source.name()
            + (settings.format() == FileFormat.CSV
                    && settings.csv().onError() == CsvOptions.OnError.FAIL
                ? "; set on_error: skip to skip such lines"
                : "")
            + ")",
        e);
  }

  /** The line of a DuckDB error that says what is wrong, without the option dump after it. */
  private static String firstDetail(String message) {
    String[] lines = message.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String text = lines[i].trim();
      if (text.startsWith("Error when converting")
          || text.startsWith("Expected Number of Columns")
          || text.startsWith("Value with unterminated quote")) {
        return text;
      }
    }
    for (String text : lines) {
      if (!text.isBlank() && !text.contains("CSV Error on Line")) {
        return text.trim().replaceFirst("^(\\w+ )?Error: ", "");
      }
    }
    return lines[0].trim();
  }

  /** A UTF-8 copy of a CSV file in another encoding, or the file itself. */
  private Path readable(Path file) {
    if (settings.format() != FileFormat.CSV || !settings.csv().needsTranscoding()) {
      return globFree(file);
    }
    Path copy = workDirectory.resolve("utf8-" + UUID.randomUUID() + ".csv");
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot create work directory: " + e.getMessage() + " (" + workDirectory + ")",
          e);
    }
    try (BufferedReader reader = Files.newBufferedReader(file, settings.csv().encoding());
        BufferedWriter writer = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      reader.transferTo(writer);
      return copy;
    } catch (IOException e) {
      deleteQuietly(copy);
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot read csv file: it is not valid "
              + settings.csv().encoding()
              + " ("
              + file
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * The file under a name DuckDB cannot take for a glob: a file named {@code a*.csv} is read
   * through a link, not as a pattern that matches its neighbours.
   */
  private Path globFree(Path file) {
    String name = file.toString();
    if (name.chars().noneMatch(character -> "*?[]{}".indexOf(character) >= 0)) {
      return file;
    }
    Path link =
        workDirectory.resolve("link-" + UUID.randomUUID() + (name.endsWith(".gz") ? ".gz" : ""));
    try {
      Files.createDirectories(workDirectory);
      return Files.createSymbolicLink(link, file.toAbsolutePath());
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot link file into the work directory: " + e.getMessage() + " (" + file + ")",
          e);
    }
  }

  private static void dropTranscoded(Path file, Path readable) {
    if (!readable.equals(file)) {
      deleteQuietly(readable);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the engine removes the work directory after the sync
    }
  }
}
