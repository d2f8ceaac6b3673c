package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a {@link SourceReader} hands the engine, in order. */
public sealed interface SourceMessage {
  /** The stream the message is about. */
  String stream();

  /**
   * Records of one stream. All records of a batch have the batch's columns; a stream whose source
   * gained a column sends later batches with the longer column list.
   */
  record RecordBatch(String stream, List<SourceColumn> columns, List<SourceRecord> records)
      implements SourceMessage {
    public RecordBatch {
      requireNonNull(stream, "stream");
      columns = List.copyOf(columns);
      records = List.copyOf(records);
    }
  }

  /**
   * Records of one stream already written to a local file, for sources that can export in bulk
   * (PostgreSQL {@code COPY}, files). The engine reads the file, then deletes it.
   *
   * @param file under the request's work directory
   * @param columns the columns of the file's rows, in order
   * @param rows how many records the file holds
   * @param snapshotPosition for a change-log stream's snapshot, read in bulk: the source position
   *     of every row of the file ({@link ChangeOperation#READ} records); empty otherwise
   */
  record StagedFile(
      String stream,
      Path file,
      StagedFormat format,
      List<SourceColumn> columns,
      long rows,
      Optional<String> snapshotPosition)
      implements SourceMessage {
    public StagedFile {
      requireNonNull(stream, "stream");
      requireNonNull(file, "file");
      requireNonNull(format, "format");
      columns = List.copyOf(columns);
      requireNonNull(snapshotPosition, "snapshotPosition");
    }

    /** A file of a full refresh or an incremental read. */
    public StagedFile(
        String stream, Path file, StagedFormat format, List<SourceColumn> columns, long rows) {
      this(stream, file, format, columns, rows, Optional.empty());
    }
  }

  /**
   * A line for the sync's log about {@code stream}: something the user should know that is not an
   * error, such as malformed lines a source skipped as configured.
   */
  record LogLine(String stream, String message) implements SourceMessage {
    public LogLine {
      requireNonNull(stream, "stream");
      requireNonNull(message, "message");
    }
  }

  /**
   * Everything sent for {@code stream} before this message is covered by {@code state}: once the
   * engine has committed those records with this state, a new read from the state neither misses
   * nor repeats any of them.
   */
  record Checkpoint(String stream, StreamState state) implements SourceMessage {
    public Checkpoint {
      requireNonNull(stream, "stream");
      requireNonNull(state, "state");
    }
  }

  /**
   * A stream finished: every record it will send in this read has been sent. A full refresh is
   * committed only at its stream's end.
   */
  record StreamEnd(String stream) implements SourceMessage {
    public StreamEnd {
      requireNonNull(stream, "stream");
    }
  }

  /** Formats of staged files. */
  enum StagedFormat {
    /** RFC 4180 CSV without header, {@code \N}-free: empty unquoted field is NULL. */
    CSV,
    PARQUET,
    /**
     * An Arrow IPC stream whose fields are the columns, in order, with these Arrow types per kind:
     * {@code Bool}, {@code Int(32)}, {@code Int(64)}, {@code FloatingPoint(SINGLE)}, {@code
     * FloatingPoint(DOUBLE)}, {@code Decimal(precision, scale, 128)}, {@code Date(DAY)}, {@code
     * Time(MICROSECOND, 64)}, {@code Timestamp(MICROSECOND)} without zone for TIMESTAMP and with
     * zone {@code UTC} for TIMESTAMPTZ, {@code Binary} for BINARY and {@code Utf8} for the others
     * (STRING, JSON, UUID as its text form).
     */
    ARROW
  }
}
