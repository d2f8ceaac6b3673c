package io.dataplatform.ingest.source;

import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.duckdb.DuckDBConnection;

/**
 * Drains a reader in a test: every record of every stream as text values by column name (staged
 * files are read back with DuckDB), the checkpoints and the ends, in order of arrival.
 */
public final class SourceReads {
  /** A row as column name to value rendered as text ({@code null} for NULL). */
  public record Row(String stream, Map<String, String> values) {
    public String value(String column) {
      return values.get(column.toLowerCase(java.util.Locale.ROOT));
    }
  }

  public final List<Row> rows = new ArrayList<>();
  public final List<SourceMessage.Checkpoint> checkpoints = new ArrayList<>();
  public final List<String> ends = new ArrayList<>();
  public final List<SourceMessage> messages = new ArrayList<>();

  /** Polls until the reader is finished, failing after {@code timeout} without progress. */
  public static SourceReads drain(SourceReader reader, Duration timeout) throws Exception {
    SourceReads reads = new SourceReads();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reader.isFinished()) {
      Optional<SourceMessage> message = reader.poll(Duration.ofMillis(200));
      if (message.isPresent()) {
        reads.accept(message.get());
        deadline = System.nanoTime() + timeout.toNanos();
      } else if (System.nanoTime() > deadline) {
        throw new AssertionError("reader made no progress for " + timeout);
      }
    }
    return reads;
  }

  public List<Row> rows(String stream) {
    return rows.stream().filter(row -> row.stream().equals(stream)).toList();
  }

  public Optional<SourceMessage.Checkpoint> lastCheckpoint(String stream) {
    SourceMessage.Checkpoint last = null;
    for (SourceMessage.Checkpoint checkpoint : checkpoints) {
      if (checkpoint.stream().equals(stream)) {
        last = checkpoint;
      }
    }
    return Optional.ofNullable(last);
  }

  public void accept(SourceMessage message) throws SQLException, IOException {
    messages.add(message);
    if (message instanceof SourceMessage.RecordBatch batch) {
      for (SourceRecord record : batch.records()) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < batch.columns().size(); i++) {
          Object value = record.values()[i];
          values.put(key(batch.columns().get(i)), value == null ? null : text(value));
        }
        rows.add(new Row(batch.stream(), values));
      }
    } else if (message instanceof SourceMessage.StagedFile file) {
      readStaged(file);
    } else if (message instanceof SourceMessage.Checkpoint checkpoint) {
      checkpoints.add(checkpoint);
    } else if (message instanceof SourceMessage.StreamEnd end) {
      ends.add(end.stream());
    }
  }

  private void readStaged(SourceMessage.StagedFile file) throws SQLException, IOException {
    String path = file.file().toString().replace("'", "''");
    String source =
        switch (file.format()) {
          case PARQUET -> "read_parquet('" + path + "')";
          case CSV ->
              "read_csv('"
                  + path
                  + "', header = false, all_varchar = true, quote = '\"',"
                  + " allow_quoted_nulls = false)";
          case ARROW -> "staged_arrow";
        };
    try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        BufferAllocator allocator = new RootAllocator();
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      if (file.format() == SourceMessage.StagedFormat.ARROW) {
        // the stream owns the reader from here: releasing it closes the reader and its file
        InputStream input = Files.newInputStream(file.file());
        Data.exportArrayStream(allocator, new ArrowStreamReader(input, allocator), stream);
        duck.registerArrowStream("staged_arrow", stream);
      }
      try (Statement statement = duck.createStatement();
          ResultSet result = statement.executeQuery("SELECT * FROM " + source)) {
        int count = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, String> values = new HashMap<>();
          for (int i = 0; i < count && i < file.columns().size(); i++) {
            Object value = result.getObject(i + 1);
            values.put(key(file.columns().get(i)), value == null ? null : text(value));
          }
          rows.add(new Row(file.stream(), values));
        }
      }
    }
  }

  private static String key(SourceColumn column) {
    return column.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(Object value) throws SQLException {
    if (value instanceof java.sql.Blob blob) {
      return java.util.HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
    }
    return value instanceof byte[] bytes
        ? java.util.HexFormat.of().formatHex(bytes)
        : value.toString();
  }
}
