package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of a file source: each file becomes one staged Parquet file. In incremental modes the
 * state names every file loaded with its version ({@code file:<name>} → size and time, or ETag),
 * and a checkpoint follows each file, so a new read takes exactly the new and changed files.
 */
final class FileRead implements ProducerReader.Producer {
  /** The prefix of the state keys naming loaded files. */
  static final String FILE_KEY = "file:";

  private static final Logger LOG = LoggerFactory.getLogger(FileRead.class);

  private final FileStore store;
  private final FileStager stager;
  private final ConfiguredStream stream;
  private final Path workDirectory;

  FileRead(
      FileStore store, FileSourceSettings settings, ConfiguredStream stream, ReadRequest request) {
    this.store = requireNonNull(store, "store");
    this.stream = requireNonNull(stream, "stream");
    this.workDirectory = request.workDirectory();
    this.stager = new FileStager(settings, workDirectory);
  }

  @Override
  public void produce(ProducerReader.Sink sink) throws Exception {
    try (store) {
      boolean incremental =
          stream.mode() == SyncMode.INCREMENTAL_APPEND
              || stream.mode() == SyncMode.INCREMENTAL_DEDUP;
      List<FileObject> files = store.list();
      Map<String, String> loaded = new LinkedHashMap<>();
      Map<String, String> previous = incremental ? previous(stream.state()) : Map.of();
      for (FileObject file : files) {
        if (file.version().equals(previous.get(file.name()))) {
          loaded.put(file.name(), file.version());
        }
      }
      for (FileObject file : files) {
        if (loaded.containsKey(file.name())) {
          continue;
        }
        readFile(file, sink);
        loaded.put(file.name(), file.version());
        if (incremental) {
          sink.send(new SourceMessage.Checkpoint(stream.name(), state(loaded)));
        }
      }
      sink.send(new SourceMessage.Checkpoint(stream.name(), state(loaded)));
      sink.send(new SourceMessage.StreamEnd(stream.name()));
    }
  }

  private void readFile(FileObject file, ProducerReader.Sink sink) throws InterruptedException {
    if (file.size() == 0) {
      return; // an empty file holds no rows, and no header to parse
    }
    Path copy = store.localCopy(file, workDirectory);
    FileStager.Staged staged;
    try {
      staged = stager.stage(file, copy, stream.stream().columns());
    } finally {
      if (store.copies()) {
        FileStager.deleteQuietly(copy);
      }
    }
    if (staged.skippedLines() > 0) {
      String skipped =
          "Skipped "
              + staged.skippedLines()
              + " malformed lines of "
              + file.name()
              + " (on_error: skip)";
      LOG.warn("{} (stream {})", skipped, stream.name());
      sink.send(new SourceMessage.LogLine(stream.name(), skipped));
    }
    if (staged.rows() == 0) {
      FileStager.deleteQuietly(staged.file());
      return;
    }
    sink.send(
        new SourceMessage.StagedFile(
            stream.name(),
            staged.file(),
            SourceMessage.StagedFormat.PARQUET,
            staged.columns(),
            staged.rows()));
  }

  private static Map<String, String> previous(StreamState state) {
    Map<String, String> files = new LinkedHashMap<>();
    state
        .values()
        .forEach(
            (key, value) -> {
              if (key.startsWith(FILE_KEY)) {
                files.put(key.substring(FILE_KEY.length()), value);
              }
            });
    return files;
  }

  private static StreamState state(Map<String, String> loaded) {
    Map<String, String> values = new LinkedHashMap<>();
    loaded.forEach((name, version) -> values.put(FILE_KEY + name, version));
    return new StreamState(values);
  }
}
