package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSONPath: {@code $} (the document), {@code .name} and {@code ['name']} (a field), {@code
 * [n]} (an array element, negative from the end), {@code [*]} and {@code .*} (every element or
 * field value). {@code $.data[*]} selects the records of {@code {"data": [...]}}.
 */
public final class JsonPath {
  private sealed interface Step {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /** Parses a path; it must start with {@code $}. */
  public static JsonPath parse(String text) {
    String path = text.trim();
    if (!path.startsWith("$")) {
      throw invalid(text, "it must start with $");
    }
    List<Step> steps = new ArrayList<>();
    int position = 1;
    while (position < path.length()) {
      char next = path.charAt(position);
      if (next == '.') {
        int end = position + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        String name = path.substring(position + 1, end);
        if (name.isEmpty()) {
          throw invalid(text, "a field name is empty at " + position);
        }
        steps.add(name.equals("*") ? new Wildcard() : new Field(name));
        position = end;
      } else if (next == '[') {
        int end = path.indexOf(']', position);
        if (end < 0) {
          throw invalid(text, "a [ is not closed");
        }
        steps.add(bracket(text, path.substring(position + 1, end).trim()));
        position = end + 1;
      } else {
        throw invalid(text, "unexpected '" + next + "' at " + position);
      }
    }
    return new JsonPath(path, steps);
  }

  private static Step bracket(String text, String inside) {
    if (inside.equals("*")) {
      return new Wildcard();
    }
    if (inside.length() >= 2
        && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
      return new Field(inside.substring(1, inside.length() - 1));
    }
    try {
      return new Index(Integer.parseInt(inside));
    } catch (NumberFormatException e) {
      throw invalid(text, "[" + inside + "] is neither *, an index nor a quoted name");
    }
  }

  private static DpException invalid(String text, String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot read JSON path: " + reason + " (" + text + ")");
  }

  /** The nodes the path selects in {@code document}; missing fields select nothing. */
  public List<JsonNode> select(JsonNode document) {
    List<JsonNode> current = new ArrayList<>();
    if (document != null && !document.isMissingNode()) {
      current.add(document);
    }
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  /** The first selected node that is not null, if any. */
  public java.util.Optional<JsonNode> first(JsonNode document) {
    return select(document).stream().filter(node -> !node.isNull()).findFirst();
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> out) {
    if (step instanceof Field field) {
      JsonNode value = node.isObject() ? node.get(field.name()) : null;
      if (value != null) {
        out.add(value);
      }
    } else if (step instanceof Index index) {
      if (node.isArray()) {
        int position = index.index() < 0 ? node.size() + index.index() : index.index();
        if (position >= 0 && position < node.size()) {
          out.add(node.get(position));
        }
      }
    } else if (node.isArray() || node.isObject()) {
      node.elements().forEachRemaining(out::add);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
