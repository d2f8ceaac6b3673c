package io.dataplatform.storage.s3;

import static java.util.Objects.requireNonNull;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStoreLocator;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Grants a request the store when its access key is known, handing the protocol layer the secret to
 * verify the signature with. An unknown or revoked key gets no grant, which the protocol layer
 * answers with 403 InvalidAccessKeyId.
 */
final class AccessKeyLocator implements BlobStoreLocator {
  private final SecretLookup secrets;
  private final BlobStore store;

  AccessKeyLocator(SecretLookup secrets, BlobStore store) {
    this.secrets = requireNonNull(secrets, "secrets");
    this.store = requireNonNull(store, "store");
  }

  @Override
  public AccessGrant locateBlobStore(String identity, String container, String blob) {
    if (identity == null) {
      return null;
    }
    return secrets.secretFor(identity).map(secret -> new AccessGrant(secret, store)).orElse(null);
  }
}
