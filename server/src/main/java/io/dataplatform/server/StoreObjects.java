package io.dataplatform.server;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.lakehouse.io.LakeObjects;
import io.dataplatform.storage.StorageErrorCode;
import io.dataplatform.storage.StorageService;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** The lakehouse's direct access to the embedded object store that holds its warehouse. */
final class StoreObjects implements LakeObjects {
  private final StorageService storage;

  StoreObjects(StorageService storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  @Override
  public OptionalLong length(String bucket, String key) {
    return storage
        .headObject(bucket, key, Optional.empty())
        .map(info -> OptionalLong.of(info.size()))
        .orElse(OptionalLong.empty());
  }

  @Override
  public Optional<InputStream> open(String bucket, String key) {
    try {
      return Optional.of(storage.getObject(bucket, key, Optional.empty()).body());
    } catch (DpException e) {
      if (e.code() == StorageErrorCode.OBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void put(String bucket, String key, InputStream body, long length) {
    storage.putObject(bucket, key, body, length, null);
  }

  @Override
  public void delete(String bucket, String key) {
    storage.deleteObject(bucket, key, Optional.empty());
  }
}
