package io.dataplatform.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Settings of the embedded object store.
 *
 * @param port the S3 API port ({@code s3.port})
 * @param virtualHost the host name under which {@code <bucket>.<name>} addresses a bucket ({@code
 *     s3.virtual-host})
 * @param accessKey the root access key the operator set ({@code s3.access-key}), if any
 * @param secretKey the root secret key the operator set ({@code s3.secret-key}), if any
 * @param masterKey the Base64 master key the operator set ({@code storage.master-key}), if any
 */
public record StorageSettings(
    int port,
    String virtualHost,
    Optional<String> accessKey,
    Optional<String> secretKey,
    Optional<String> masterKey) {
  public StorageSettings {
    requireNonNull(virtualHost, "virtualHost");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    requireNonNull(masterKey, "masterKey");
  }

  @Override
  public String toString() {
    return "StorageSettings[port="
        + port
        + ", virtualHost="
        + virtualHost
        + ", accessKey="
        + accessKey.orElse("(generated)")
        + ", secretKey="
        + (secretKey.isPresent() ? "****" : "(generated)")
        + ", masterKey="
        + (masterKey.isPresent() ? "****" : "(key file)")
        + "]";
  }
}
