package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A bucket and key named by an {@code s3://bucket/key} location ({@code s3a://} and {@code s3n://}
 * too, as Iceberg accepts them).
 */
record ObjectLocation(String bucket, String key) {
  ObjectLocation {
    requireNonNull(bucket, "bucket");
    requireNonNull(key, "key");
  }

  static ObjectLocation of(String location) {
    requireNonNull(location, "location");
    int scheme = location.indexOf("://");
    String name = scheme < 0 ? "" : location.substring(0, scheme).toLowerCase(Locale.ROOT);
    if (!(name.equals("s3") || name.equals("s3a") || name.equals("s3n"))) {
      throw new IllegalArgumentException(
          "Cannot use location: it is not an s3:// location (" + location + ")");
    }
    String rest = location.substring(scheme + 3);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "Cannot use location: it names no bucket and key (" + location + ")");
    }
    return new ObjectLocation(rest.substring(0, slash), rest.substring(slash + 1));
  }
}
