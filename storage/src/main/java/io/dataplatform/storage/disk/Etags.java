package io.dataplatform.storage.disk;

/** ETag comparison as conditional requests need it: quotes and weak prefixes are ignored. */
final class Etags {
  private Etags() {}

  static String unquote(String etag) {
    String value = etag.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** Whether a header value (one ETag or a comma-separated list) names {@code etag}. */
  static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String value = candidate.strip();
      if (value.equals("*") || unquote(value).equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
