package io.dataplatform.server.roles;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.storage.StorageService;
import io.dataplatform.transform.artifacts.ArtifactPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps every transform run's artifacts in the object store's {@code artifacts} bucket, under
 * {@code transform/<project>/<run id>/<file>}, where S3 clients and later runs can read them.
 */
public final class TransformArtifacts implements ArtifactPublisher {
  /** The bucket the platform keeps reports and artifacts in. */
  public static final String BUCKET = "artifacts";

  private final StorageService storage;

  public TransformArtifacts(StorageService storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  /** The key prefix of one run's artifacts, ending with a slash. */
  public static String prefix(String project, String runId) {
    return "transform/" + project + "/" + runId + "/";
  }

  @Override
  public void publish(String project, String runId, List<Path> files) {
    if (files.isEmpty()) {
      return;
    }
    if (!storage.bucketExists(BUCKET)) {
      storage.createBucket(BUCKET);
    }
    for (Path file : files) {
      String key = prefix(project, runId) + file.getFileName();
      try (InputStream body = Files.newInputStream(file)) {
        storage.putObject(BUCKET, key, body, Files.size(file), "application/json");
      } catch (IOException e) {
        throw new DpException(
            StandardErrorCode.INTERNAL_ERROR,
            "Cannot store transform artifact: " + e.getMessage() + " (" + file + " to " + key + ")",
            e);
      }
    }
  }
}
