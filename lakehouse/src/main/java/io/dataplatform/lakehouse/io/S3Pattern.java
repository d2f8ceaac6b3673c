package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} location whose key may hold glob wildcards, matched as DuckDB matches
 * file paths: {@code *} is any run of characters within one path segment, {@code ?} one character
 * within a segment, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character of (or not of) a
 * set, and a {@code **} segment any number of segments, none included.
 *
 * @param location the location as written
 * @param bucket the bucket name
 * @param key the key or key pattern, without a leading slash
 */
record S3Pattern(String location, String bucket, String key) {
  private static final String SCHEME = "s3://";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  S3Pattern {
    requireNonNull(location, "location");
    requireNonNull(bucket, "bucket");
    requireNonNull(key, "key");
  }

  /** Whether a location is an S3 location ({@code s3://…}, scheme in any case). */
  static boolean isS3(String location) {
    return location.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  static S3Pattern parse(String location) {
    if (!isS3(location)) {
      throw invalid(location, "not an s3:// location");
    }
    String rest = location.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (!BUCKET.matcher(bucket).matches()) {
      throw invalid(
          location,
          "the bucket name must be 3 to 63 lowercase letters, digits, dots or hyphens ("
              + bucket
              + ")");
    }
    if (key.isEmpty()) {
      throw invalid(location, "name an object or a pattern of keys after the bucket");
    }
    return new S3Pattern(location, bucket, key);
  }

  private static DpException invalid(String location, String reason) {
    return new DpException(StandardErrorCode.SQL_ERROR, "Cannot read " + location + ": " + reason);
  }

  /** Whether the key holds a wildcard ({@code *}, {@code ?} or {@code [}). */
  boolean hasWildcards() {
    return firstWildcard() >= 0;
  }

  /** The longest part of the key before the first wildcard: what a listing starts from. */
  String listPrefix() {
    int first = firstWildcard();
    return first < 0 ? key : key.substring(0, first);
  }

  private int firstWildcard() {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  /** The location of a key in this pattern's bucket. */
  String locationOf(String objectKey) {
    return SCHEME + bucket + "/" + objectKey;
  }

  /** Whether an object key matches the pattern. */
  boolean matches(String objectKey) {
    return regex().matcher(objectKey).matches();
  }

  /** The pattern as a regular expression over whole keys. */
  Pattern regex() {
    StringBuilder regex = new StringBuilder();
    String[] segments = key.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      if (segments[i].equals("**")) {
        // any number of whole segments; at the end, everything below
        regex.append(last ? ".*" : "(?:[^/]*/)*");
        continue;
      }
      appendSegment(regex, segments[i]);
      if (!last) {
        regex.append('/');
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static void appendSegment(StringBuilder regex, String segment) {
    int i = 0;
    while (i < segment.length()) {
      char c = segment.charAt(i);
      if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = classEnd(segment, i);
        if (close > 0) {
          appendClass(regex, segment.substring(i + 1, close));
          i = close + 1;
          continue;
        }
        regex.append(Pattern.quote("["));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
  }

  /** The index of the {@code ]} closing the set opened at {@code open}, or -1. */
  private static int classEnd(String segment, int open) {
    int i = open + 1;
    if (i < segment.length() && (segment.charAt(i) == '!' || segment.charAt(i) == '^')) {
      i++;
    }
    if (i < segment.length() && segment.charAt(i) == ']') {
      i++;
    }
    return segment.indexOf(']', i);
  }

  private static void appendClass(StringBuilder regex, String body) {
    boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
    String members = negated ? body.substring(1) : body;
    StringBuilder set = new StringBuilder();
    for (int i = 0; i < members.length(); i++) {
      char c = members.charAt(i);
      boolean range = c == '-' && i > 0 && i < members.length() - 1;
      if (!range && !Character.isLetterOrDigit(c)) {
        set.append('\\');
      }
      set.append(c);
    }
    // a set never matches the separator: wildcards stay within one segment
    regex.append("(?!/)[").append(negated ? "^" : "").append(set).append(']');
  }
}
