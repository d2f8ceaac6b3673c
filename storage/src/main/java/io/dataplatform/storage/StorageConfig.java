package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Settings of the embedded object store.
 *
 * @param host the address the S3 API listens on ({@code storage.host})
 * @param port the S3 API port; 0 picks a free one ({@code storage.port})
 * @param virtualHostBase the host name under which {@code <bucket>.<base>} addresses a bucket
 *     ({@code storage.virtual-host})
 * @param root the directory holding objects, access keys and the store's own state
 */
public record StorageConfig(String host, int port, String virtualHostBase, Path root) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9000;
  public static final String DEFAULT_VIRTUAL_HOST_BASE = "localhost";

  public StorageConfig {
    requireNonNull(host, "host");
    requireNonNull(virtualHostBase, "virtualHostBase");
    requireNonNull(root, "root");
    if (host.isBlank()) {
      throw new IllegalArgumentException("Cannot configure storage: the host is blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "Cannot configure storage: the port is outside 0..65535 (%d)".formatted(port));
    }
    if (virtualHostBase.isBlank() || virtualHostBase.contains("/")) {
      throw new IllegalArgumentException(
          "Cannot configure storage: the virtual host base is not a host name (%s)"
              .formatted(virtualHostBase));
    }
  }

  /** Listens on 127.0.0.1:9000 with virtual hosts under {@code localhost}. */
  public static StorageConfig defaults(Path root) {
    return new StorageConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_VIRTUAL_HOST_BASE, root);
  }

  public StorageConfig withPort(int newPort) {
    return new StorageConfig(host, newPort, virtualHostBase, root);
  }

  public StorageConfig withHost(String newHost) {
    return new StorageConfig(newHost, port, virtualHostBase, root);
  }

  public StorageConfig withVirtualHostBase(String newBase) {
    return new StorageConfig(host, port, newBase, root);
  }
}
