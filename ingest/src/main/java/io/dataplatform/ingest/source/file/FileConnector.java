package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.SyncMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A set of files of one format, from an import directory or an S3 bucket, read as one stream. Each
 * file is the unit of incremental reads: new and changed files are read whole.
 */
public abstract class FileConnector implements Connector {
  private final FileFormat format;

  protected FileConnector(FileFormat format) {
    this.format = requireNonNull(format, "format");
  }

  @Override
  public String type() {
    return format.type();
  }

  @Override
  public ConnectorSpec spec() {
    return FileSpecs.spec(format);
  }

  @Override
  public CheckResult check(ConnectorConfig config) {
    try (FileStore store = settings(config).openStore(config)) {
      int files = store.list().size();
      return CheckResult.succeeded(
          files + (files == 1 ? " file matches " : " files match ") + store.describe());
    } catch (DpException e) {
      return CheckResult.failed(e.getMessage());
    }
  }

  @Override
  public List<SourceStream> discover(ConnectorConfig config) {
    FileSourceSettings settings = settings(config);
    Path scratch =
        Path.of(System.getProperty("java.io.tmpdir"), "dp-discover-" + UUID.randomUUID());
    try (FileStore store = settings.openStore(config)) {
      List<FileObject> files = store.list();
      if (files.isEmpty()) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot discover " + type() + " files: no file matches " + store.describe());
      }
      FileObject sample =
          files.stream()
              .filter(file -> file.size() > 0)
              .reduce((first, second) -> second)
              .orElseThrow(
                  () ->
                      new DpException(
                          StandardErrorCode.INVALID_CONFIGURATION,
                          "Cannot discover "
                              + type()
                              + " files: every matching file is empty ("
                              + store.describe()
                              + ")"));
      Path copy = store.localCopy(sample, scratch);
      List<SourceColumn> columns;
      try {
        columns = new ArrayList<>(new FileStager(settings, scratch).describe(sample, copy));
      } finally {
        if (store.copies()) {
          FileStager.deleteQuietly(copy);
        }
      }
      columns.removeIf(column -> FileStager.isMetadata(column.name()));
      columns.add(SourceColumn.nullable(FileStager.FILE_COLUMN, DataType.STRING, "varchar"));
      columns.add(
          SourceColumn.nullable(FileStager.MODIFIED_COLUMN, DataType.TIMESTAMPTZ, "timestamptz"));
      checkKey(settings, columns);
      return List.of(
          new SourceStream(
              settings.stream(),
              columns,
              settings.primaryKey(),
              List.of(FileStager.MODIFIED_COLUMN),
              Optional.of(FileStager.MODIFIED_COLUMN),
              Set.of(
                  SyncMode.FULL_REFRESH_OVERWRITE,
                  SyncMode.FULL_REFRESH_APPEND,
                  SyncMode.INCREMENTAL_APPEND,
                  SyncMode.INCREMENTAL_DEDUP)));
    } finally {
      deleteDirectory(scratch);
    }
  }

  private void checkKey(FileSourceSettings settings, List<SourceColumn> columns) {
    Map<String, SourceColumn> byName = new LinkedHashMap<>();
    columns.forEach(column -> byName.put(column.name(), column));
    for (String key : settings.primaryKey()) {
      if (!byName.containsKey(key)) {
        throw new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot discover "
                + type()
                + " files: the primary key column is not in the files ("
                + key
                + "; columns "
                + byName.keySet()
                + ")");
      }
    }
  }

  @Override
  public SourceReader read(ConnectorConfig config, ReadRequest request) {
    FileSourceSettings settings = settings(config);
    if (request.streams().size() != 1
        || !request.streams().get(0).name().equals(settings.stream())) {
      throw new DpException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Cannot read "
              + type()
              + " files: the source offers the one stream "
              + settings.stream()
              + " ("
              + request.streams().stream().map(ConfiguredStream::name).toList()
              + ")");
    }
    ConfiguredStream stream = request.streams().get(0);
    if (stream.mode() == SyncMode.CDC) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot read " + type() + " files: files have no change log; use an incremental mode");
    }
    FileStore store = settings.openStore(config);
    return ProducerReader.start(
        "dp-" + type() + "-" + request.connectionName(),
        1,
        new FileRead(store, settings, stream, request));
  }

  private FileSourceSettings settings(ConnectorConfig config) {
    return FileSourceSettings.of(format, config);
  }

  private static void deleteDirectory(Path directory) {
    try (var walk = java.nio.file.Files.walk(directory)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(FileStager::deleteQuietly);
    } catch (java.io.IOException e) {
      // nothing was downloaded
    }
  }
}
