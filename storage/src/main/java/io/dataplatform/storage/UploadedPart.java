package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

/** A part of a multipart upload, as the client lists it to complete the upload. */
public record UploadedPart(int partNumber, String etag) {
  public UploadedPart {
    requireNonNull(etag, "etag");
  }
}
