package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One version of an object outside the lake, as a listing or HEAD request described it.
 *
 * @param location {@code s3://bucket/key}
 * @param etag the entity tag S3 reported for this content, quotes included
 * @param sizeBytes the object's length
 */
public record ObjectVersion(String location, String etag, long sizeBytes) {
  public ObjectVersion {
    requireNonNull(location, "location");
    requireNonNull(etag, "etag");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException(
          "Cannot describe object: negative size (" + location + ", " + sizeBytes + ")");
    }
  }

  /**
   * The cache key of this content: objects outside the lake can be overwritten, so the key holds
   * the version as well as the location. Line breaks cannot occur in an ETag or a size, so two
   * different versions never share a key.
   */
  String cacheKey() {
    return location + "\n" + etag + "\n" + sizeBytes;
  }

  /**
   * The file name ending readers look at ({@code .csv}, {@code .json.gz}): up to two trailing
   * dot-separated parts of the key's last segment made of letters and digits, lower-cased; empty
   * when there are none.
   */
  String suffix() {
    String name = location.substring(location.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String suffix = "";
    for (int parts = 0; parts < 2; parts++) {
      int dot = name.lastIndexOf('.');
      String part = dot < 0 ? "" : name.substring(dot + 1);
      if (dot <= 0 || !part.matches("[a-z0-9]{1,16}")) {
        break;
      }
      suffix = "." + part + suffix;
      name = name.substring(0, dot);
    }
    return suffix;
  }
}
