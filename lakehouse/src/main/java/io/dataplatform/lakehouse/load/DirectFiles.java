package io.dataplatform.lakehouse.load;

import static io.dataplatform.lakehouse.catalog.TypeMapping.duckdbType;
import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;
import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage.StagedFormat;
import io.dataplatform.lakehouse.io.LakeStorage;
import io.dataplatform.lakehouse.write.ColumnSource;
import io.dataplatform.lakehouse.write.DataWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.duckdb.DuckDBConnection;

/**
 * Staged files converted straight into data files of a load's table, without staging their rows
 * (appends and overwrites whose files bring no schema change), and the data files they gave, which
 * the load's next commit adds. Used by one thread, the load's.
 */
final class DirectFiles {
  private final LakeStorage storage;
  private final DuckDBConnection duck;
  private final LoadTarget target;
  private final TargetSchema schema;
  private final LoadWriter writer;
  private final int workers;

  /** Data files written from staged files, added to the table at the next commit. */
  private List<DataFile> written = new ArrayList<>();

  /** The files {@link #written} are published through; open until the next commit or discard. */
  private BackgroundUploads uploads;

  /** Staged files still being converted into data files; theirs join {@link #written}. */
  private FileConversions conversions;

  /** The data files of a commit handed to the background, and the uploads it waits for. */
  record HandOver(List<DataFile> written, BackgroundUploads uploads) {}

  /**
   * @param schema the load's columns, which the load goes on accepting changes into
   * @param workers how many staged files convert at once
   */
  DirectFiles(
      LakeStorage storage,
      DuckDBConnection duck,
      LoadTarget target,
      TargetSchema schema,
      LoadWriter writer,
      int workers) {
    this.storage = requireNonNull(storage, "storage");
    this.duck = requireNonNull(duck, "duck");
    this.target = requireNonNull(target, "target");
    this.schema = requireNonNull(schema, "schema");
    this.writer = requireNonNull(writer, "writer");
    this.workers = workers;
  }

  /**
   * Hands a staged file to a conversion into data files of {@code table}: DuckDB reads the file and
   * writes Parquet in one pass, on a worker thread; {@code release} runs once the file is no longer
   * read.
   */
  void convert(
      Table table,
      Path file,
      StagedFormat format,
      List<SourceColumn> columns,
      List<ConstantColumn> constants,
      Runnable release) {
    StagedFileQuery query = StagedFileQuery.of(file, format, columns, constants, schema::field);
    String select =
        "SELECT "
            + table.schema().columns().stream()
                .map(field -> fileExpression(field, query))
                .collect(Collectors.joining(", "))
            + " FROM "
            + query.reader();
    if (uploads == null) {
      uploads = new BackgroundUploads(storage.openStatement());
    }
    if (conversions == null) {
      conversions = new FileConversions(duck, workers, writer::delete);
    }
    BackgroundUploads files = uploads;
    List<ColumnSource> sources = columnSources(table, columns, constants);
    conversions.submit(
        connection -> {
          try {
            if (format == StagedFormat.ARROW) {
              Optional<List<DataFile>> direct =
                  DataWriter.writeArrow(files, connection, table, file, sources);
              if (direct.isPresent()) {
                return direct.get();
              }
            }
            try (StagedFileQuery.OpenFile open = query.open(connection)) {
              return DataWriter.write(files, connection, table, select);
            }
          } catch (SQLException | RuntimeException e) {
            throw writer.failure("stage file " + file.getFileName(), e);
          }
        },
        release);
  }

  /**
   * The rows of the data files written so far. Waits for the files still being converted.
   *
   * @throws DpException when one of them could not be converted
   */
  long rows() {
    collect();
    return written.stream().mapToLong(DataFile::recordCount).sum();
  }

  /** Hands the data files {@link #collect collected}, with their uploads, to a commit. */
  HandOver handOver() {
    HandOver handed = new HandOver(written, uploads);
    written = new ArrayList<>();
    uploads = null;
    return handed;
  }

  /**
   * The data files written so far, once converted and uploaded, for a commit in this thread; {@link
   * #committed} forgets them once it succeeded.
   *
   * @throws DpException when one could not be converted or uploaded; the written files are
   *     forgotten then
   */
  List<DataFile> finish() {
    collect();
    if (uploads != null) {
      BackgroundUploads finishing = uploads;
      uploads = null;
      try {
        finishing.close();
      } catch (DpException e) {
        delete();
        throw e;
      }
    }
    return written;
  }

  /** Forgets the data files {@link #finish} gave, which a commit now holds. */
  void committed() {
    written.clear();
  }

  /** Waits for running conversions and uploads, then deletes the files written so far. */
  void forget() {
    try {
      collect();
    } catch (DpException e) {
      // the failed conversions wrote nothing; the others' files are deleted below
    }
    try {
      finish();
    } catch (DpException e) {
      // the written files are deleted either way
    }
    delete();
  }

  /**
   * Waits for the files being converted and adds their data files to those written.
   *
   * @throws DpException when one could not be converted; the others' data files are deleted
   */
  void collect() {
    if (conversions == null) {
      return;
    }
    FileConversions finishing = conversions;
    conversions = null;
    written.addAll(finishing.finish());
  }

  private void delete() {
    writer.delete(written);
    written.clear();
  }

  /**
   * Where each of the table's columns takes its values in a data file written from a staged file of
   * {@code columns}: the file, a constant, or nulls for a column neither gives.
   */
  private List<ColumnSource> columnSources(
      Table table, List<SourceColumn> columns, List<ConstantColumn> constants) {
    Map<String, ColumnSource> sources = new HashMap<>();
    for (SourceColumn column : columns) {
      sources.put(
          key(schema.field(column.name()).name()), new ColumnSource.FileColumn(column.name()));
    }
    for (ConstantColumn constant : constants) {
      sources.put(
          key(schema.field(constant.column().name()).name()),
          new ColumnSource.Constant(constant.value()));
    }
    if (target.deletes() == DeleteMode.SOFT) {
      sources.put(key(LoadTarget.DELETED_COLUMN), new ColumnSource.Constant(false));
    }
    return table.schema().columns().stream()
        .map(field -> sources.getOrDefault(key(field.name()), new ColumnSource.Constant(null)))
        .toList();
  }

  private static String key(String column) {
    return column.toLowerCase(Locale.ROOT);
  }

  private String fileExpression(Types.NestedField field, StagedFileQuery query) {
    String type = duckdbType(field.type());
    if (target.deletes() == DeleteMode.SOFT && field.name().equals(LoadTarget.DELETED_COLUMN)) {
      return "false AS " + quote(field.name());
    }
    return query.expression(field.name()).orElse("CAST(NULL AS " + type + ")")
        + " AS "
        + quote(field.name());
  }
}
