package io.dataplatform.ingest.source.postgres;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.ingest.source.jdbc.BackgroundReader;
import io.dataplatform.ingest.source.jdbc.JdbcColumn;
import io.dataplatform.ingest.source.jdbc.JdbcTable;
import io.dataplatform.ingest.source.jdbc.SqlNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

/**
 * A full refresh through {@code COPY (SELECT …) TO STDOUT (FORMAT csv)}: the server's rows go
 * straight into CSV files in the work directory, a new file every {@code chunkBytes}, each handed
 * to the engine as a {@link SourceMessage.StagedFile} as soon as it is complete. Nothing is held in
 * memory beyond one row and the file buffer.
 *
 * <p>Values are PostgreSQL's text forms in a UTC session: NULL is an unquoted empty field, an empty
 * string a quoted one; booleans are {@code true}/{@code false}, binary values plain hexadecimal,
 * arrays JSON, timestamps with zone end in {@code +00}.
 */
final class PostgresCopyExport {
  private static final int BUFFER_BYTES = 1 << 20;

  private final PostgresDialect dialect;
  private final long chunkBytes;

  PostgresCopyExport(PostgresDialect dialect, long chunkBytes) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.chunkBytes = chunkBytes;
  }

  /** The {@code COPY} statement of a table. */
  String sql(SqlNames names, JdbcTable table) {
    String columns =
        table.columns().stream()
            .map(column -> dialect.copyExpression(column, names.quote(column.name())))
            .collect(Collectors.joining(", "));
    return "COPY (SELECT "
        + columns
        + " FROM "
        + names.qualified(table.ref())
        + ") TO STDOUT (FORMAT csv)";
  }

  /** Sends the table as staged files, then the stream's end. */
  void run(
      Connection connection,
      JdbcTable table,
      ConfiguredStream stream,
      Path workDirectory,
      BackgroundReader.Output output)
      throws Exception {
    String sql = sql(SqlNames.of(connection.getMetaData()), table);
    List<SourceColumn> columns = table.columns().stream().map(JdbcColumn::column).toList();
    BaseConnection server = connection.unwrap(BaseConnection.class);
    output.running(server::cancelQuery);
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
    Files.createDirectories(workDirectory);
    String prefix = stream.name().replaceAll("[^A-Za-z0-9_.-]", "_");
    int part = 0;
    try {
      byte[] row = copy.readFromCopy();
      while (row != null) {
        Path file = workDirectory.resolve(prefix + "-" + part++ + ".csv");
        long rows = 0;
        long bytes = 0;
        try (OutputStream out =
            new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
          while (row != null && bytes < chunkBytes) {
            out.write(row);
            bytes += row.length;
            rows++;
            row = copy.readFromCopy();
          }
        }
        output.send(
            new SourceMessage.StagedFile(
                stream.name(), file, SourceMessage.StagedFormat.CSV, columns, rows));
      }
    } finally {
      cancelIfActive(copy);
    }
    connection.commit();
    output.send(new SourceMessage.StreamEnd(stream.name()));
  }

  private static void cancelIfActive(CopyOut copy) throws IOException {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        throw new IOException("Cannot cancel COPY: " + e.getMessage(), e);
      }
    }
  }
}
