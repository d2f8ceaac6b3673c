package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;

/**
 * How DuckDB reads a staged CSV, Parquet or Arrow file as columns of a table: the file reader, and
 * for each column the expression that casts the file's value (or a constant) to the column's type.
 * An Arrow file is read through a view registered by {@link #open} on the connection that runs the
 * query.
 *
 * <p>CSV files are PostgreSQL-style: no header, {@code "} quotes and escapes, an unquoted empty
 * field is NULL, a quoted one an empty string, binary values {@code \x} followed by hex digits.
 */
final class StagedFileQuery {
  /** What {@link #open} returns: closing it releases the file's view, if it has one. */
  interface OpenFile extends AutoCloseable {
    @Override
    void close();
  }

  private final Path file;
  private final StagedFormat format;
  private final String reader;
  private final Map<String, String> expressions;

  private StagedFileQuery(
      Path file, StagedFormat format, String reader, Map<String, String> expressions) {
    this.file = file;
    this.format = format;
    this.reader = reader;
    this.expressions = expressions;
  }

  /**
   * The query of {@code file}, whose columns are {@code fileColumns} in order, completed with
   * {@code constants}; {@code field} finds a column's table field by name.
   */
  static StagedFileQuery of(
      Path file,
      StagedFormat format,
      List<SourceColumn> fileColumns,
      List<ConstantColumn> constants,
      Function<String, Types.NestedField> field) {
    Map<String, String> expressions = new HashMap<>();
    List<String> csvColumns = new ArrayList<>();
    for (SourceColumn column : fileColumns) {
      Types.NestedField target = field.apply(column.name());
      String type = duckdbType(target.type());
      String source = quote(column.name());
      if (format == StagedFormat.CSV) {
        boolean binary = target.type().typeId() == Type.TypeID.BINARY;
        csvColumns.add(literal(column.name()) + ": " + literal(binary ? "VARCHAR" : type));
        if (binary) {
          source =
              "CASE WHEN starts_with("
                  + source
                  + ", '\\x') THEN unhex(substr("
                  + source
                  + ", 3)) ELSE CAST("
                  + source
                  + " AS BLOB) END";
        }
      }
      expressions.put(key(column.name()), "CAST(" + source + " AS " + type + ")");
    }
    for (ConstantColumn constant : constants) {
      Types.NestedField target = field.apply(constant.column().name());
      expressions.put(
          key(target.name()),
          "CAST("
              + StagingTable.constantLiteral(constant.value())
              + " AS "
              + duckdbType(target.type())
              + ")");
    }
    String reader =
        switch (format) {
          case CSV ->
              "read_csv("
                  + literal(file.toString())
                  + ", header = false, auto_detect = false, delim = ',', quote = '\"',"
                  + " escape = '\"', allow_quoted_nulls = false, columns = {"
                  + String.join(", ", csvColumns)
                  + "})";
          case PARQUET -> "read_parquet(" + literal(file.toString()) + ")";
          case ARROW -> ArrowStagedFile.newViewName();
        };
    return new StagedFileQuery(file, format, reader, expressions);
  }

  /**
   * Makes the file readable by the query on {@code connection}; the query must run before the
   * result is closed.
   */
  OpenFile open(DuckDBConnection connection) {
    if (format != StagedFormat.ARROW) {
      return () -> {};
    }
    return ArrowStagedFile.register(connection, reader, file)::close;
  }

  /** The table function that reads the file. */
  String reader() {
    return reader;
  }

  /** The expression of a column, if the file or a constant gives it a value. */
  Optional<String> expression(String column) {
    return Optional.ofNullable(expressions.get(key(column)));
  }

  private static String key(String column) {
    return column.toLowerCase(Locale.ROOT);
  }
}
