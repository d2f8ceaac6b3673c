package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTUtil;

/**
 * A request path split into its still percent-encoded segments, e.g. {@code
 * v1/namespaces/a%1Fb/tables/t}. Namespace levels are separated by the unit separator, {@code %1F}
 * when encoded.
 */
record RestPath(List<String> segments) {
  private static final Pattern LEVEL_SEPARATOR = Pattern.compile("%1[Ff]|\u001f");
  private static final String ANY = "*";

  RestPath {
    segments = List.copyOf(requireNonNull(segments, "segments"));
  }

  static RestPath parse(String rawPath) {
    String trimmed = requireNonNull(rawPath, "rawPath").strip();
    int queryStart = trimmed.indexOf('?');
    if (queryStart >= 0) {
      trimmed = trimmed.substring(0, queryStart);
    }
    List<String> parts = Arrays.stream(trimmed.split("/")).filter(part -> !part.isEmpty()).toList();
    return new RestPath(parts);
  }

  /** Whether the path has exactly these segments; {@code "*"} matches any one segment. */
  boolean matches(String... pattern) {
    if (pattern.length != segments.size()) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals(ANY) && !pattern[i].equals(segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  Namespace namespace(int index) {
    return decodeNamespace(segments.get(index));
  }

  TableIdentifier identifier(int namespaceIndex, int nameIndex) {
    String name = RESTUtil.decodeString(segments.get(nameIndex));
    return TableIdentifier.of(namespace(namespaceIndex), name);
  }

  /** Decodes an encoded namespace (path segment) or a decoded one (query parameter). */
  static Namespace decodeNamespace(String encoded) {
    if (encoded.isEmpty()) {
      throw new BadRequestException("Cannot parse namespace: it is empty");
    }
    String[] levels =
        Arrays.stream(LEVEL_SEPARATOR.split(encoded, -1))
            .map(RESTUtil::decodeString)
            .toArray(String[]::new);
    return Namespace.of(levels);
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
