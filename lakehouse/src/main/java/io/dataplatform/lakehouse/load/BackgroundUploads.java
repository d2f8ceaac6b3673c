package io.dataplatform.lakehouse.load;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.io.ObjectVersion;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.io.FileIO;

/**
 * Statement files whose uploads run on a background thread, so that DuckDB writes the next data
 * file while the previous one travels to the object store. {@link #close()} waits for every upload
 * and fails if one failed. Files published in place are published at once. Files may be published
 * from several threads at once (staged files converted in parallel); {@link #close()} comes after.
 */
final class BackgroundUploads implements StatementFiles {
  private final StatementFiles files;
  private final ExecutorService executor;
  private final List<Future<String>> pending = new ArrayList<>();

  BackgroundUploads(StatementFiles files) {
    this.files = requireNonNull(files, "files");
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "dp-lake-upload");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public String readable(String location, long sizeBytes) {
    return files.readable(location, sizeBytes);
  }

  @Override
  public List<ObjectVersion> findObjects(String location) {
    return files.findObjects(location);
  }

  @Override
  public List<String> readableObjects(List<ObjectVersion> objects) {
    return files.readableObjects(objects);
  }

  @Override
  public Path staging(String location) {
    return files.staging(location);
  }

  @Override
  public String publish(FileIO io, Path staged, String location) {
    if (!files.uploads()) {
      return files.publish(io, staged, location);
    }
    Future<String> upload = executor.submit(() -> files.publish(io, staged, location));
    synchronized (pending) {
      pending.add(upload);
    }
    return location;
  }

  @Override
  public boolean uploads() {
    return files.uploads();
  }

  /**
   * Waits for every upload, then releases the statement's files.
   *
   * @throws DpException when an upload failed
   */
  @Override
  public void close() {
    try {
      List<Future<String>> uploads;
      synchronized (pending) {
        uploads = List.copyOf(pending);
      }
      for (Future<String> upload : uploads) {
        upload.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR, "Cannot upload data files: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DpException dp) {
        throw dp;
      }
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot upload data files: " + cause.getMessage(),
          cause);
    } finally {
      executor.shutdownNow();
      files.close();
    }
  }
}
