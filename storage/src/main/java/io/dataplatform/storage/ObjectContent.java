package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An object being read: its metadata and its bytes. Close it when done. */
public record ObjectContent(ObjectInfo info, InputStream body) implements AutoCloseable {
  public ObjectContent {
    requireNonNull(info, "info");
    requireNonNull(body, "body");
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot close object %s/%s".formatted(info.bucket(), info.key()), e);
    }
  }
}
