package io.dataplatform.storage.s3;

import java.util.Optional;

/** Finds the secret the S3 API checks a request's signature with. */
@FunctionalInterface
public interface SecretLookup {
  /**
   * The secret of an access key that may use the store now; empty for an unknown or revoked key.
   * Called once per request, so it must be cheap.
   */
  Optional<String> secretFor(String accessKeyId);
}
