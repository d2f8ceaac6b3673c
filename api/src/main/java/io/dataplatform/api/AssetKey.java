package io.dataplatform.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of an asset of the orchestrator's graph: a path of one or more segments, written
 * with dots ({@code raw.orders}, {@code marts.fct_orders}). A lakehouse table's key is its
 * namespace and name. Segments hold letters, digits, underscores and dashes, and keep their case.
 */
public record AssetKey(List<String> path) implements Comparable<AssetKey> {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_\\-]{0,127}");

  public AssetKey {
    requireNonNull(path, "path");
    if (path.isEmpty()) {
      throw DpException.user("Cannot use asset key: it needs at least one segment ()");
    }
    for (String segment : path) {
      if (segment == null || !SEGMENT.matcher(segment).matches()) {
        throw DpException.user(
            "Cannot use asset key: a segment holds only letters, digits, underscores and dashes ("
                + String.join(".", path.stream().map(String::valueOf).toList())
                + ")");
      }
    }
    path = List.copyOf(path);
  }

  public static AssetKey of(String... segments) {
    return new AssetKey(List.of(segments));
  }

  /** The key of a lakehouse table or view. */
  public static AssetKey of(TableId table) {
    return of(table.namespace().toString(), table.name());
  }

  /** Parses the dotted form, e.g. {@code raw.orders}. */
  public static AssetKey parse(String text) {
    if (text == null || text.isEmpty()) {
      throw DpException.user("Cannot parse asset key: it is empty (" + text + ")");
    }
    List<String> segments = new ArrayList<>();
    int start = 0;
    for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', start)) {
      segments.add(text.substring(start, dot));
      start = dot + 1;
    }
    segments.add(text.substring(start));
    return new AssetKey(segments);
  }

  /** The last segment. */
  public String name() {
    return path.get(path.size() - 1);
  }

  @Override
  public int compareTo(AssetKey other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return String.join(".", path);
  }
}
